"""What nbgrader's autograded test cells call (they are written by ``helpers.grading``).

A test cell follows each exercise's check cell and gives the points only when the
learner's function passes that same check, so the feedback a learner reads and the grade
agree. It never raises: the cell's value is the points earned, which nbgrader reads as
the cell's score (its partial-credit rule), so "Run All" still reaches the end.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from typing import Any, Callable


def points_earned(check: Callable[[Any], Any], fn: Any, name: str, points: int = 1) -> int:
    """``points`` if ``fn`` is the learner's own function and passes ``check``, else 0 (saying why).

    After a check cell, ``name`` holds the learner's function when it passed, else the
    reference implementation (every check hands back its reference for a non-function,
    which is how the reference is recognised here).
    """
    verdict = io.StringIO()
    with contextlib.redirect_stdout(verdict), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbgrader scores a test cell that writes to stderr as 0
        reference = check(None)
        passed = fn is not reference and check(fn) is fn
    unit = "point" if points == 1 else "points"
    if passed:
        print(f"✓ `{name}` passes its check: {points} {unit}.")
        return points
    if fn is reference:
        print(f"✗ `{name}` has not passed its check yet (the check cell above says why), so the notebook "
              f"uses the reference implementation: 0 of {points} {unit}.")
    else:
        print(f"✗ `{name}` does not pass its check: 0 of {points} {unit}.\n{verdict.getvalue().strip()}")
    return 0
