"""What nbgrader's autograded test cells call (they are written by ``helpers.grading``).

A test cell follows each exercise's check cell and asserts that the learner's function
passes the same check, so the feedback a learner reads and the points they get agree.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any, Callable


def assert_passes(check: Callable[[Any], Any], fn: Any, name: str) -> None:
    """Raise AssertionError unless ``fn`` is the learner's own function and passes ``check``.

    After a check cell, ``name`` holds the learner's function when it passed, else the
    reference implementation (every check hands back its reference for a non-function,
    which is how the reference is recognised here).
    """
    with contextlib.redirect_stdout(io.StringIO()):
        reference = check(None)
    if fn is reference:
        raise AssertionError(
            f"`{name}` has not passed its check yet (the check cell above says why), "
            "so the notebook uses the reference implementation: no points for this exercise."
        )
    verdict = io.StringIO()
    with contextlib.redirect_stdout(verdict):
        used = check(fn)
    if used is not fn:
        raise AssertionError(f"`{name}` does not pass its check:\n{verdict.getvalue().strip()}")
    print(f"✓ `{name}` passes its check.")
