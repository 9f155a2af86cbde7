"""The machinery behind the exercise checks (the checks themselves are in ``checks``).

An ``Exercise`` holds small fixed cases with known answers and a list of known wrong
answers ("mistakes"). ``run_check`` tries the learner's function on every case, checks
type, shape and value separately, names the mistake it recognises, and returns the
function the notebook should use from then on: the learner's once it passes, else the
reference (saying so). A stub that raises NotImplementedError is "not done yet", never a crash.
"""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Callable

import numpy as np

from .timelimit import TimeLimitExceeded, time_limit

Mistake = tuple[str, Callable[..., Any]]
CASE_SECONDS = 3.0
"""The time limit of one call of a learner's function on one case (every case takes milliseconds):
past it, the check stops and names the mistake (an infinite loop), instead of hanging."""


@dataclass(frozen=True)
class Case:
    """One fixed input with its known answer; ``label`` describes it to the learner.

    The function is called as ``fn(*args, **kwargs)``: pass arguments by keyword when the
    notebook calls the function that way, so a renamed parameter is caught here.
    """

    args: tuple
    expected: Any
    label: str
    kwargs: dict = field(default_factory=dict)
    judge: Callable[[Any], str | None] | None = None
    """Optional: judges the answer instead of comparing it with ``expected`` (returns the problem
    or None), for cases where a range of answers is right (e.g. any clipping ε in a range)."""


@dataclass
class Exercise:
    """What a check needs: the cases, the reference, and the wrong answers to recognise."""

    name: str
    reference: Callable[..., Any]
    cases: list[Case]
    mistakes: list[Mistake] = field(default_factory=list)
    rtol: float = 1e-6
    atol: float = 1e-9
    diagnose: Callable[[list[tuple[Case, Any]]], str | None] | None = None
    """Optional: given (case, answer) pairs of a failing function, name a mistake no fixed wrong
    function can reproduce (e.g. a function argument that is never called); None if unsure."""
    exempt: dict[str, str] = field(default_factory=dict)
    """Pattern-breaking demands of tests/check_contract.py that cannot apply, with the reason
    (e.g. {"abs": "probabilities are never negative"})."""
    returns: tuple[str, ...] = ()
    """Names of the values the function returns together, e.g. ("z", "A1") for ``return z, A1``:
    each is compared on its own and named in the feedback. Empty: it returns one value (or a dict)."""


def check_of(make: Callable[[], Exercise]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator of every ``check_<name>``: records the function that builds its Exercise as
    ``check.exercise``, so tests/check_contract.py can attack the cases."""
    def mark(check: Callable[..., Any]) -> Callable[..., Any]:
        check.exercise = make  # type: ignore[attr-defined]
        return check
    return mark


def awkward_numbers(rng: np.random.Generator, size: int | tuple[int, ...], scale: float = 3.0) -> np.ndarray:
    """Seeded numbers that share no pattern: unsorted, of both signs, non-round, some exactly 0.

    ``size`` values drawn from N(0, scale²), with about one in eight set to 0.0.
    """
    values = rng.normal(0.0, scale, size=size)
    values[rng.uniform(size=values.shape) < 0.125] = 0.0
    return values


def counted(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` that counts its calls in ``.calls[0]`` (shared by the copies the checks make)."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wrapper.calls[0] += 1  # type: ignore[attr-defined]
        return fn(*args, **kwargs)
    wrapper.calls = [0]  # type: ignore[attr-defined]
    wrapper.__name__ = getattr(fn, "__name__", "function")
    return wrapper


def reference_cases(
    reference: Callable[..., Any], inputs: list[tuple[tuple, str]], **kwargs: Any
) -> list[Case]:
    """Cases whose answers come from ``reference`` (on copies of the inputs): (args, label) pairs.

    Use it for seeded random cases: ``reference_cases(ref, [((x, w, b), "37 random points")])``.
    ``kwargs`` are passed to every call (for functions the notebook calls with keywords).
    """
    cases = []
    for args, label in inputs:
        expected = reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        cases.append(Case(args, expected, label, kwargs=dict(kwargs)))
    return cases


def describe(value: Any) -> str:
    """Short human description of a value, for feedback messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(value)}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} value{'s' if len(value) != 1 else ''}"
    return f"{value!r} ({type(value).__name__})"


def compare(got: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9, where: str = "") -> str | None:
    """Return None when ``got`` matches ``expected``, else what is wrong: type, then shape, then value.

    The message starts with what it is about: "it returned ..." for the whole result, or
    "the result's ['w'] is ..." for one entry of a returned dict.
    """
    it = f"the result's {where} " if where else "it "
    if got is None:
        return f"{it}{_verb(where)} None: did you forget the `return` statement?"
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{it}{_verb(where)} {describe(got)}, expected a dict with keys {sorted(expected)}"
        missing, extra = set(expected) - set(got), set(got) - set(expected)
        if missing or extra:
            return f"{it}has keys {sorted(got)}, expected {sorted(expected)}"
        for key in expected:
            problem = compare(got[key], expected[key], rtol, atol, where=f"{where}[{key!r}]")
            if problem:
                return problem
        return None
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            return f"{it}{_verb(where)} {describe(got)}, expected a NumPy array of shape {expected.shape}"
        if got.shape != expected.shape:
            return f"{it}has shape {got.shape} but expected {expected.shape}"
    else:  # a single number
        if isinstance(got, np.ndarray) and got.size == 1 and got.ndim > 0:
            return (f"{it}{_verb(where)} an array of shape {got.shape}, but expected a plain number: if it holds "
                    "one value per sample, average them (np.mean); otherwise turn it into a number with float(...)")
        if isinstance(got, np.ndarray) and got.ndim > 0:
            return (f"{it}{_verb(where)} an array of shape {got.shape}, but expected a single number: "
                    "did you forget to average over the samples (np.mean)?")
        if isinstance(got, bool) or not isinstance(got, (Real, np.number, np.ndarray)):
            return f"{it}{_verb(where)} {describe(got)}, expected a single number (a float)"
    got_array = np.asarray(got, dtype=float)
    if not np.all(np.isfinite(got_array)) and np.all(np.isfinite(expected)):
        return f"{it}contains NaN or infinity: did you take log(0) or divide by zero?"
    with np.errstate(over="ignore", invalid="ignore"):  # values near 1e308 overflow in allclose and round: harmless
        if not np.allclose(got_array, expected, rtol=rtol, atol=atol, equal_nan=True):
            expected_array = np.asarray(expected, dtype=float)
            shown_got, shown_expected = _short(got_array), _short(expected_array)
            if shown_got == shown_expected:  # rounded alike: say how far apart they really are
                gap = float(np.max(np.abs(got_array - expected_array)))
                return (f"{it}{_verb(where)} {shown_got}, expected {shown_expected}: they agree to 6 decimals but "
                        f"differ by up to {gap:.2g}, more than the tolerance {atol:g} + {rtol:g}·|expected| allows "
                        "(is there a float32 step, which keeps only about 7 digits, or a rounding?)")
            return f"{it}{_verb(where)} {shown_got}, expected {shown_expected}"
    return None


def precision_problem(got: Any, expected: Any, where: str = "") -> str | None:
    """A float answer must be float64 (NumPy's default), as the reference's is; None when it is.

    float32 passes one check to the rounding of its 7 digits and then fails the next exercise built on it;
    np.longdouble hides an overflow on some computers and not on others (it is float64 on some).
    """
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in expected:
            if key in got:
                problem = precision_problem(got[key], expected[key], where=f"{where}[{key!r}]")
                if problem:
                    return problem
        return None
    dtype = getattr(got, "dtype", None)
    if dtype is None or not np.issubdtype(dtype, np.floating) or dtype == np.float64:
        return None
    it = f"the result's {where} " if where else "it "
    return (f"{it}has dtype {dtype} where float64 is expected: keep NumPy's default float64 throughout "
            "(no .astype(np.float32) or np.longdouble): lower precision makes later exercises built on this "
            "one fail, and extended precision only postpones an overflow")


def _verb(where: str) -> str:
    return "is" if where else "returned"


def _short(values: np.ndarray) -> str:
    """Values rounded to 6 decimals for a message; long arrays show their first 8 values."""
    rounded = np.round(values, 6)
    if rounded.ndim == 0 or rounded.size <= 8:
        return str(rounded.tolist())
    shown = ", ".join(str(v) for v in rounded.ravel()[:8].tolist())
    return f"[{shown}, ...] (an array of shape {values.shape})"


def find_problem(fn: Callable[..., Any], exercise: Exercise) -> str | None:
    """Run ``fn`` on every case; return None if all pass, else the first problem found.

    A known mistake is named only when it reproduces the learner's answers on every
    case, so a coincidence on one small case never produces a wrong diagnosis. A case on
    which the learner's function raised counts as reproduced only when the mistake raises
    the same error there (same type, same message): a slip that crashes on some cases and
    gives wrong numbers on others can be named too. Otherwise the first error is reported.
    """
    answers = []
    for case in exercise.cases:
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"), time_limit(CASE_SECONDS):
                warnings.simplefilter("ignore", RuntimeWarning)  # NaN/inf are reported in words below
                got = fn(*args, **kwargs)
        except NotImplementedError:
            raise
        except TimeLimitExceeded:  # the other cases would loop too: stop here
            return (f"for {case.label}: it was still running after {CASE_SECONDS:g} s, so the check stopped it "
                    "(an infinite loop? a `while` whose condition never becomes false, or a loop variable "
                    "that never changes?); each case needs only a fraction of a second")
        except Exception as error:  # the learner's code: report any error in words
            answers.append((case, _Raised(error), f"it raised {type(error).__name__}: {error}{_hint(error)}", False))
            continue
        problem = case.judge(got) if case.judge else _compare_answer(got, case.expected, exercise)
        if not problem and not exercise.returns:
            problem = precision_problem(got, case.expected)
        changed_input = not (_same(list(args), list(case.args)) and _same(kwargs, case.kwargs))
        answers.append((case, got, problem, changed_input))
    failures = [(case, problem) for case, _, problem, _ in answers if problem]
    if failures:
        raised = any(isinstance(got, _Raised) for _, got, _, _ in answers)
        # diagnosed before the mistakes run (they call the same function arguments), reported after them
        diagnosis = (exercise.diagnose([(c, got) for c, got, _, _ in answers])
                     if exercise.diagnose and not raised else None)
        for message, wrong in exercise.mistakes:
            if all(_reproduces(wrong, c, got, exercise) for c, got, _, _ in answers):
                return f"for {failures[0][0].label}: {message}"
        if diagnosis:
            return f"for {failures[0][0].label}: {diagnosis}"
        errors = [(case, problem) for case, got, problem, _ in answers if isinstance(got, _Raised)]
        case, problem = (errors or failures)[0]
        return f"for {case.label}: {problem}"
    for case, _, _, changed_input in answers:
        if changed_input:
            return (f"for {case.label}: it changed its inputs in place (an array, a dict or a value inside one "
                    "that you were given): build a new one instead, e.g. np.copy(x) or {k: ... for k in params}")
    return None


@dataclass(frozen=True)
class _Raised:
    """The learner's function raised ``error`` on a case (in place of an answer)."""

    error: Exception

    def same_as(self, other: Exception) -> bool:
        return type(other) is type(self.error) and str(other) == str(self.error)


ERROR_HINTS = {
    "bitwise_xor": "`^` is XOR in Python; write powers with `**`, e.g. `d**2`",
    "for ^": "`^` is XOR in Python; write powers with `**`, e.g. `d**2`",
    "could not be broadcast": "write the shape of each array in that line as a comment: a vector of shape (n,) "
                              "lines up with the last axis, so keep a column as (n, 1) (e.g. keepdims=True, or "
                              "[:, None]); or did you use a variable from outside the function instead of its "
                              "arguments?",
    "is not defined": "use only the function's arguments (and np); names from other cells may not exist here",
    "unexpected keyword argument": "keep the parameter names of the signature you were given: "
                                   "the notebook calls the function with them",
}


def _hint(error: Exception) -> str:
    """A short hint for errors learners often meet, or ''."""
    text = str(error)
    for needle, hint in ERROR_HINTS.items():
        if needle in text:
            return f" ({hint})"
    return ""


def _reproduces(wrong: Callable[..., Any], case: Case, got: Any, exercise: Exercise) -> bool:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            expected = wrong(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        except Exception as error:
            return isinstance(got, _Raised) and got.same_as(error)
    if isinstance(got, _Raised):
        return False
    return _compare_answer(got, expected, exercise) is None


_COUNTS = {2: "two", 3: "three", 4: "four"}


def _compare_answer(got: Any, expected: Any, exercise: Exercise) -> str | None:
    """``compare`` for one answer; an answer of several values (``exercise.returns``) is compared
    value by value, under their names."""
    names = exercise.returns
    if not names:
        return compare(got, expected, exercise.rtol, exercise.atol)
    if not (isinstance(got, tuple) and len(got) == len(names)):
        kind = "arrays" if all(isinstance(e, np.ndarray) for e in expected) else "values"
        forgot = ": did you forget the `return` statement?" if got is None else ""
        return (f"{exercise.name} must return {_COUNTS.get(len(names), len(names))} {kind}, "
                f"`return {', '.join(names)}`, but it returned {describe(got)}{forgot}")
    return compare(dict(zip(names, got)), dict(zip(names, expected)), exercise.rtol, exercise.atol)


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
        print(f"✗ `{name}` is not right yet: {problem}{end}\n{fallback}\n"
              f"   Fix your function and run both cells again. (Until then `{name}` names the reference,\n"
              f"   so re-run the cell that defines yours before you try it out.)")
        return reference
    print(f"✓ `{name}` passed all {len(exercise.cases)} checks. The rest of the notebook uses your `{name}`.")
    return fn


def _same(a: Any, b: Any) -> bool:
    """True when the learner's copy of an input still equals the original (arrays, dicts, lists
    and the numbers inside them, deeply)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys()
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, (Real, np.number)) or isinstance(b, (Real, np.number)):  # params["w"] = 0.0
        return (isinstance(a, (Real, np.number)) and isinstance(b, (Real, np.number))
                and (a == b or (a != a and b != b)))
    return True
