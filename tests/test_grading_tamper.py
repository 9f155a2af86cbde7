"""What the autograded test cells do with a learner's code (helpers.autograde), without nbgrader.

Each test plays a notebook: the learner's cells run in a namespace from a file name like the
ones Jupyter gives cells, then a test cell calls ``grade`` from a copy of the course code (as
nbgrader's side does while autograding) or from the notebook's own ``helpers``. The cheats
are those of issue 24 and a few more; end-to-end runs through nbgrader are in test_grading.py.
"""

from __future__ import annotations

import functools
import runpy
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import checks, grading, multiclass, timelimit
from helpers.autograde import FLAG

CELL_FILE = str(Path(tempfile.gettempdir()) / "ipykernel_4242" / "{}.py")  # how ipykernel names the code of a notebook cell


@pytest.fixture(scope="module")
def trusted_grade(tmp_path_factory):
    """``grade`` from a copy of the course code, as the rewritten test cells load it."""
    copy = tmp_path_factory.mktemp("course-code")
    grading.copy_course_code(copy)
    grade = runpy.run_path(str(copy / "helpers" / "autograde.py"), run_name="trusted_autograde")["grade"]
    return functools.partial(grade, trusted=True)


class Notebook:
    """A namespace that runs cells like a kernel does: ``run(source)`` compiles with a cell's file name."""

    def __init__(self):
        self.namespace = {"__name__": "__main__", "np": np, "checks": checks, "multiclass": multiclass,
                          "helpers": helpers}
        self.count = 0

    def run(self, source: str) -> None:
        self.count += 1
        exec(compile(source, CELL_FILE.format(self.count), "exec"), self.namespace)

    def test_cell(self, grade, name: str, check: str, **options) -> tuple[int, str]:
        """Run a test cell ``grade(name, check, ...)``: (points, what it printed)."""
        self.namespace["_grade"] = grade
        out = _Capture()
        with out:
            self.run(f"_points = _grade({name!r}, {check!r}, **{options!r})")
        return self.namespace["_points"], out.text


class _Capture:
    def __enter__(self):
        import contextlib
        import io
        self.buffer, self.err = io.StringIO(), io.StringIO()
        self.redirect = contextlib.redirect_stdout(self.buffer)
        self.redirect_err = contextlib.redirect_stderr(self.err)
        self.redirect.__enter__()
        self.redirect_err.__enter__()
        return self

    def __exit__(self, *exc):
        self.redirect_err.__exit__(*exc)
        self.redirect.__exit__(*exc)
        assert self.err.getvalue() == "", "nbgrader scores a test cell that writes to stderr as 0"
        self.text = self.buffer.getvalue()


SOFTMAX = """
def softmax(scores):
    shifted = scores - scores.max(axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=1, keepdims=True)
"""
GRADIENT = """
def cross_entropy_gradient(y, scores):
    n = len(y)
    grad = softmax(scores)
    grad[np.arange(n), y] -= 1
    return grad / n
"""


def flags(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(FLAG)]


@pytest.fixture(params=["trusted", "notebook's own"])
def grade(request, trusted_grade):
    return trusted_grade if request.param == "trusted" else helpers.autograde.grade


def test_an_honest_answer_earns_the_points_unflagged(grade):
    notebook = Notebook()
    notebook.run(SOFTMAX + "softmax = checks.check_softmax(softmax)")
    points, text = notebook.test_cell(grade, "softmax", "check_softmax", points=2)
    assert points == 2 and "✓ `softmax` passes its check: 2 points." in text and not flags(text)


def test_the_reference_after_a_failed_check_and_a_missing_name_earn_nothing(grade):
    notebook = Notebook()
    notebook.run("def softmax(scores):\n    return scores\nsoftmax = checks.check_softmax(softmax)")
    assert notebook.namespace["softmax"] is multiclass.softmax
    points, text = notebook.test_cell(grade, "softmax", "check_softmax")
    assert points == 0 and "has not passed its check yet" in text and not flags(text)
    points, text = notebook.test_cell(grade, "hinge_loss", "check_hinge_loss")
    assert points == 0 and "`hinge_loss` is not defined" in text


def test_a_wrong_answer_that_skipped_its_check_is_graded_by_the_check(grade):
    notebook = Notebook()
    notebook.run("def mse(y, y_hat):\n    return float(np.sum((y - y_hat) ** 2))")
    points, text = notebook.test_cell(grade, "mse", "check_mse")
    assert points == 0 and "summed the squared residuals" in text


def test_a_function_that_calls_the_reference_scores_zero_and_is_flagged(trusted_grade):
    """Issue 24: `return helpers.multiclass.softmax(z)` scored full marks."""
    for body in ["return helpers.multiclass.softmax(scores)",
                 "from helpers.multiclass import softmax as theirs\n    return theirs(scores)",
                 "return checks.check_softmax(None)(scores)"]:
        notebook = Notebook()
        notebook.run(f"def softmax(scores):\n    {body}")
        points, text = notebook.test_cell(trusted_grade, "softmax", "check_softmax")
        assert points == 0, body
        assert "calls the course's own code" in text and "helpers.multiclass.softmax" in text, text
        assert flags(text), body


def test_wrapping_a_checks_reference_is_caught(trusted_grade):
    """Issue 24: `return checks.check_derivative(None)(w)` scored full marks."""
    notebook = Notebook()
    notebook.run("def derivative(w):\n    return checks.check_derivative(None)(w)")
    points, text = notebook.test_cell(trusted_grade, "derivative", "check_derivative")
    assert points == 0 and "helpers.checks.gradient_descent.check_derivative" in text and flags(text)


def test_an_alias_bound_before_the_function_is_caught(trusted_grade):
    notebook = Notebook()
    notebook.run("helper = multiclass.softmax\ndef softmax(scores, f=multiclass.softmax):\n    return f(scores)")
    points, text = notebook.test_cell(trusted_grade, "softmax", "check_softmax")
    assert points == 0 and flags(text)


def test_a_replaced_check_is_not_used_and_is_flagged(trusted_grade, monkeypatch):
    """Issue 24: `checks.check_network_backward = lambda f: f` gave 2/2 for gradients of zeros."""
    notebook = Notebook()
    monkeypatch.setattr(checks, "check_network_backward", checks.check_network_backward)  # undone after the test
    notebook.run("checks.check_network_backward = lambda f: f\n"
                 "def backward(params, X, y):\n"
                 "    return {k: np.zeros_like(v) for k, v in params.items()}\n"
                 "backward = checks.check_network_backward(backward)")
    points, text = notebook.test_cell(trusted_grade, "backward", "check_network_backward", points=2)
    assert points == 0
    assert any("helpers.checks.check_network_backward" in line for line in flags(text)), text


def test_a_replaced_scoring_function_is_not_used_and_is_flagged(trusted_grade, monkeypatch):
    """Issue 24: `helpers.autograde.points_earned = lambda *a, **k: points` gave full marks."""
    import helpers.autograde
    monkeypatch.setattr(helpers.autograde, "grade", helpers.autograde.grade)
    notebook = Notebook()
    notebook.run("import helpers.autograde\nhelpers.autograde.grade = lambda *a, **k: 1\n"
                 "def mse(y, y_hat):\n    return 0.0")
    points, text = notebook.test_cell(trusted_grade, "mse", "check_mse")
    assert points == 0 and any("helpers.autograde.grade" in line for line in flags(text)), text


def test_a_replaced_library_function_is_flagged(trusted_grade, monkeypatch):
    """Not in the issue: `np.allclose = lambda *a, **k: True` would make every comparison pass."""
    monkeypatch.setattr(np, "allclose", np.allclose)
    notebook = Notebook()
    notebook.run("np.allclose = lambda *a, **k: True\ndef softmax(scores):\n    return scores")
    points, text = notebook.test_cell(trusted_grade, "softmax", "check_softmax")
    assert points == 0 and any("numpy.allclose" in line for line in flags(text)), text


def test_a_library_function_in_place_of_the_learners_scores_zero(trusted_grade):
    notebook = Notebook()
    notebook.run("import scipy.special\nsoftmax = scipy.special.softmax")
    points, text = notebook.test_cell(trusted_grade, "softmax", "check_softmax")
    assert points == 0 and "not a function written in this notebook" in text and flags(text)


def test_calling_scipy_keeps_the_score_but_is_flagged(trusted_grade):
    notebook = Notebook()
    notebook.run("import scipy.special\ndef softmax(scores):\n    return scipy.special.softmax(scores, axis=1)")
    points, text = notebook.test_cell(trusted_grade, "softmax", "check_softmax")
    assert points == 1 and any("scipy" in line for line in flags(text)), text


def test_switching_off_the_call_monitor_is_flagged(trusted_grade):
    notebook = Notebook()
    notebook.run(SOFTMAX.replace("def softmax(scores):", "def softmax(scores):\n    import sys; sys.setprofile(None)"))
    points, text = notebook.test_cell(trusted_grade, "softmax", "check_softmax")
    assert any("sys.setprofile" in line for line in flags(text)), text


def test_a_later_exercise_may_call_an_earlier_one_that_fell_back_to_the_reference(trusted_grade):
    """Issue 24: graded as if the reference had been used, unflagged (the name is the check's doing)."""
    notebook = Notebook()
    notebook.run("def softmax(scores):\n    return scores\nsoftmax = checks.check_softmax(softmax)")
    notebook.run(GRADIENT + "cross_entropy_gradient = checks.check_cross_entropy_gradient(cross_entropy_gradient)")
    points, text = notebook.test_cell(trusted_grade, "cross_entropy_gradient", "check_cross_entropy_gradient",
                                      earlier=("softmax",))
    assert points == 1 and not flags(text), text


def test_an_infinite_loop_is_a_named_mistake_and_later_exercises_use_the_reference(grade):
    """Issue 24: `while True: pass` in softmax cost 26 minutes and the points of the exercises calling it."""
    notebook = Notebook()
    start = time.perf_counter()
    notebook.run("def softmax(scores):\n    while True:\n        pass\nsoftmax = checks.check_softmax(softmax)")
    assert notebook.namespace["softmax"] is multiclass.softmax, "the check falls back to the reference"
    points, text = notebook.test_cell(grade, "softmax", "check_softmax")
    assert points == 0
    notebook.run("def softmax(scores):\n    while True:\n        pass")  # even when the check cell was skipped
    points, text = notebook.test_cell(grade, "softmax", "check_softmax")
    assert points == 0 and "still running after 3 s" in text, text
    notebook.namespace["softmax"] = multiclass.softmax
    notebook.run(GRADIENT)
    points, _ = notebook.test_cell(grade, "cross_entropy_gradient", "check_cross_entropy_gradient",
                                   earlier=("softmax",))
    assert points == 1
    assert time.perf_counter() - start < 20, "three 3-second limits and the rest"


def test_time_limit_stops_a_loop_that_swallows_exceptions():
    def stubborn():
        while True:
            try:
                sum(range(1000))
            except Exception:
                pass
    start = time.perf_counter()
    with pytest.raises(timelimit.TimeLimitExceeded):
        with timelimit.time_limit(0.5):
            stubborn()
    assert time.perf_counter() - start < 3


def test_time_limit_leaves_fast_code_alone_and_runs_unlimited_outside_the_main_thread():
    with timelimit.time_limit(5):
        assert sum(range(10)) == 45
    results = []
    worker = threading.Thread(target=lambda: results.append(timelimit.available()))
    worker.start()
    worker.join()
    assert results == [False] and timelimit.available()
    with pytest.raises(ValueError, match="seconds must be a positive number"):
        with timelimit.time_limit(0):
            pass


def test_the_notebooks_own_module_under_another_name_is_not_tampering(trusted_grade, monkeypatch):
    """multiprocessing (imported by scikit-learn's joblib) names the notebook's module __mp_main__ too."""
    import types
    notebook = Notebook()
    alias = types.ModuleType("__mp_main__")
    monkeypatch.setitem(sys.modules, "__mp_main__", alias)
    alias.__dict__.update(notebook.namespace)
    notebook.namespace = alias.__dict__
    notebook.run(SOFTMAX)
    points, text = notebook.test_cell(trusted_grade, "softmax", "check_softmax")
    assert points == 1 and not flags(text), text


def test_grade_leaves_the_notebooks_package_as_it_was(trusted_grade):
    before = {key: module for key, module in sys.modules.items() if key.split(".")[0] == "helpers"}
    notebook = Notebook()
    notebook.run(SOFTMAX)
    notebook.test_cell(trusted_grade, "softmax", "check_softmax")
    after = {key: module for key, module in sys.modules.items() if key.split(".")[0] == "helpers"}
    assert after == before
    assert Path(checks.check_softmax.__code__.co_filename).is_relative_to(Path(helpers.__file__).parent)
