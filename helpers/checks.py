"""Exercise checks: small fixed cases with known answers, and feedback that names the mistake.

Every ``check_<exercise>(fn)`` returns the function the rest of the notebook should use:
the learner's own function once it passes, otherwise the reference implementation
(and it says so, in plain words). A stub that still raises NotImplementedError is
reported as "not done yet", never as a crash, so "Run All" always gets to the end.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Callable

import numpy as np

from . import losses, models

Mistake = tuple[str, Callable[..., Any]]


@dataclass(frozen=True)
class Case:
    """One fixed input with its known answer; ``label`` describes it to the learner."""

    args: tuple
    expected: Any
    label: str


@dataclass
class Exercise:
    """What a check needs: the cases, the reference, and the wrong answers to recognise."""

    name: str
    reference: Callable[..., Any]
    cases: list[Case]
    mistakes: list[Mistake] = field(default_factory=list)
    rtol: float = 1e-6
    atol: float = 1e-9


def describe(value: Any) -> str:
    """Short human description of a value, for feedback messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(value)}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} values"
    return f"{value!r} ({type(value).__name__})"


def compare(got: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9, where: str = "") -> str | None:
    """Return None when ``got`` matches ``expected``, else what is wrong: type, then shape, then value."""
    it = f"{where} " if where else "it "
    if got is None:
        return f"{it}returned None: did you forget the `return` statement?"
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{it}returned {describe(got)}, expected a dict with keys {sorted(expected)}"
        missing, extra = set(expected) - set(got), set(got) - set(expected)
        if missing or extra:
            return f"{it}has keys {sorted(got)}, expected {sorted(expected)}"
        for key in expected:
            problem = compare(got[key], expected[key], rtol, atol, where=f"{where}[{key!r}]".strip())
            if problem:
                return problem
        return None
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            return f"{it}returned {describe(got)}, expected a NumPy array of shape {expected.shape}"
        if got.shape != expected.shape:
            return f"{it}has shape {got.shape} but expected {expected.shape}"
    else:  # a single number
        if isinstance(got, np.ndarray) and got.ndim > 0:
            return (f"{it}returned an array of shape {got.shape}, but expected a single number: "
                    "did you forget to average (or sum) over the samples?")
        if isinstance(got, bool) or not isinstance(got, (Real, np.number, np.ndarray)):
            return f"{it}returned {describe(got)}, expected a single number (a float)"
    got_array = np.asarray(got, dtype=float)
    if np.any(np.isnan(got_array)):
        return f"{it}contains NaN: did you take log(0), divide by zero, or use an undefined variable?"
    if not np.allclose(got_array, expected, rtol=rtol, atol=atol):
        return f"{it}returned {np.round(got_array, 6).tolist()}, expected {np.round(expected, 6).tolist()}"
    return None


def find_problem(fn: Callable[..., Any], exercise: Exercise) -> str | None:
    """Run ``fn`` on every case; return None if all pass, else the first problem found."""
    for case in exercise.cases:
        args = copy.deepcopy(case.args)
        try:
            got = fn(*args)
        except NotImplementedError:
            raise
        except Exception as error:  # the learner's code: report any error in words
            return f"for {case.label} it raised {type(error).__name__}: {error}"
        problem = compare(got, case.expected, exercise.rtol, exercise.atol)
        if problem is None:
            if any(not _same(a, b) for a, b in zip(args, case.args)):
                return f"for {case.label} it changed its input arrays in place: work on a copy instead"
            continue
        for message, wrong in exercise.mistakes:
            if compare(got, wrong(*copy.deepcopy(case.args)), exercise.rtol, exercise.atol) is None:
                return f"for {case.label}: {message}"
        return f"for {case.label} {problem}"
    return None


def run_check(fn: Any, exercise: Exercise) -> Callable[..., Any]:
    """Check ``fn`` against ``exercise``, print the verdict, and return the function to use."""
    name, reference = exercise.name, exercise.reference
    fallback = (f"   For now the notebook uses the reference `{reference.__module__}.{reference.__name__}`, "
                "so every cell below still runs.")
    if fn is reference:
        print(f"⏳ `{name}` is still the reference implementation. Edit the cell that defines "
              f"`{name}`, run it, then run this check again.")
        return reference
    if not callable(fn):
        print(f"✗ `{name}` should be a function, but it is {describe(fn)}.\n{fallback}")
        return reference
    try:
        problem = find_problem(fn, exercise)
    except NotImplementedError:
        print(f"⏳ `{name}` is not done yet (it still raises NotImplementedError).\n{fallback}")
        return reference
    if problem:
        end = "" if problem.endswith(("?", ".")) else "."
        print(f"✗ `{name}` is not right yet: {problem}{end}\n{fallback}\n   Fix your function and run both cells again.")
        return reference
    print(f"✓ `{name}` passed all {len(exercise.cases)} checks. The rest of the notebook uses your `{name}`.")
    return fn


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(a, b)
    return True


# --- Notebook 01 ---------------------------------------------------------------------

def _predict_exercise() -> Exercise:
    cases = [
        Case((np.array([0.0, 1.0, 2.0]), 2.0, 1.0), np.array([1.0, 3.0, 5.0]), "x = [0, 1, 2], w = 2, b = 1"),
        Case((np.array([-1.0, 0.5]), -3.0, 0.0), np.array([3.0, -1.5]), "x = [-1, 0.5], w = -3, b = 0"),
        Case((np.array([1.0, 2.0]), 0.0, 4.0), np.array([4.0, 4.0]), "x = [1, 2], w = 0, b = 4"),
        Case((np.linspace(0, 5, 11), 3.14, 2.72), 3.14 * np.linspace(0, 5, 11) + 2.72, "11 points, w = 3.14, b = 2.72"),
    ]
    mistakes: list[Mistake] = [
        ("you left out the intercept b: the model is w·x + b", lambda x, w, b: w * x),
        ("you swapped w and b: w multiplies x, b is added", lambda x, w, b: b * x + w),
        ("you subtracted b; the model adds it: w·x + b", lambda x, w, b: w * x - b),
        ("you multiplied by b as well: the model is w·x + b, not w·x·b", lambda x, w, b: w * x * b),
    ]
    return Exercise("predict", models.linear, cases, mistakes)


def check_predict(fn: Callable[[np.ndarray, float, float], np.ndarray]) -> Callable[[np.ndarray, float, float], np.ndarray]:
    """Check a learner's ``predict(x, w, b) -> y_hat`` of shape (n,); returns the function to use."""
    return run_check(fn, _predict_exercise())


def _mse_exercise() -> Exercise:
    y, y_hat = np.array([3.0, -1.0, 2.0]), np.array([1.0, 1.0, 1.0])
    rng = np.random.default_rng(0)
    y_big, y_hat_big = rng.normal(size=20), rng.normal(size=20)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])), 0.0, "a perfect fit (y == y_hat)"),
        Case((y, y_hat), 3.0, "y = [3, -1, 2], y_hat = [1, 1, 1]"),
        Case((np.array([5.0]), np.array([2.0])), 9.0, "a single point y = [5], y_hat = [2]"),
        Case((y_big, y_hat_big), losses.mse(y_big, y_hat_big), "20 random points"),
    ]
    mistakes: list[Mistake] = [
        ("you summed the squared residuals instead of averaging them (divide by n, or use np.mean)",
         lambda y, p: np.sum((y - p) ** 2)),
        ("you averaged the residuals without squaring them, so positive and negative errors cancel out",
         lambda y, p: np.mean(y - p)),
        ("that is the mean absolute error: square each residual instead of taking its absolute value",
         lambda y, p: np.mean(np.abs(y - p))),
        ("you took the square root, which gives the RMSE; the MSE stops before the root",
         lambda y, p: np.sqrt(np.mean((y - p) ** 2))),
        ("you halved the result: some texts use ½·MSE to tidy the gradient, but the MSE itself has no ½",
         lambda y, p: 0.5 * np.mean((y - p) ** 2)),
        ("you divided by n − 1; the MSE divides by n, the number of points",
         lambda y, p: np.sum((y - p) ** 2) / (len(y) - 1) if len(y) > 1 else np.nan),
        ("you squared the mean residual; square each residual first, then average",
         lambda y, p: np.mean(y - p) ** 2),
    ]
    return Exercise("mse", losses.mse, cases, mistakes)


def check_mse(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``mse(y, y_hat) -> float``; returns the function to use from here on."""
    return run_check(fn, _mse_exercise())
