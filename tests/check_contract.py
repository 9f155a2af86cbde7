"""What every exercise check must do, whatever the exercise; the test_checks*.py files apply it.

How to meet it with a new check (e.g. in helpers/checks/softmax.py)
-------------------------------------------------------------------
1. Build the check on ``helpers.checking``: an ``Exercise`` factory ``_<name>_exercise()`` and
   ``check_<name>(fn)`` returning ``run_check(fn, _<name>_exercise())``, decorated with
   ``@check_of(_<name>_exercise)`` so the contract can read the cases.
2. Re-export it in helpers/checks/__init__.py and add a (check, right answer, reference) triple
   to a tests/test_checks*.py list passed to ``contract_tests`` (a test fails when a check in
   ``helpers.checks`` is not covered).
3. Give it cases that no pattern-matching answer can pass. The contract wraps the reference
   in each of the "exploits" below and demands that the check REJECTS every one by value or
   shape (not because the exploit crashed), wherever the exploit changes anything:

   per input (every argument, and every key of a dict argument, e.g. ``params['b']``):
   - ``abs:<input>``   the answer computed from |input|: needs a case where that input is
                       negative and the sign matters;
   - ``zero:<input>``  the answer computed with every exact 0 of that input replaced by 1
                       (division by an input, J/c for ∂J/∂c): needs a case where it is 0;
   - ``sort:<input>``  the answer computed from the input sorted (along axis 0): needs an
                       unsorted array input (only for array inputs with more than one value);
   for the whole function:
   - ``first20``       (when some input is an array or a whole number) the answer computed from the first 20 entries of every array (along
                       axis 0) and with whole numbers capped at 20 (a loop with a hard-coded
                       size, a capped number of steps): needs an input with more than 20 entries
                       or a count above 20;
   - ``round2``        the answer rounded to 2 decimals: needs answers that are not round;
   - ``clip10``        the answer clipped into [-10, 10] (clipping w, early saturation): needs
                       an answer beyond ±10;
   - ``hardcoded``     the first case's answer, whatever the input: needs different answers.

   The usual way to meet it: keep the small teaching cases, and add seeded random cases whose
   answers come from the reference (``checking.reference_cases``) with ``awkward_numbers``:
   unsorted, negative, zero, non-round, more than 20 values.
4. When an exploit cannot apply to the exercise (σ(z) never leaves (0, 1); a probability or a
   label is never negative; a learning rate is never 0), put the exploit's name and the reason
   in ``Exercise.exempt``, e.g. ``exempt={"abs:y": "labels are 0 or 1"}``: the reason is shown
   in the test's skip message, so a reviewer can judge it.

5. Where several answers are right (a clipping ε in a range, say), give the case a ``judge``
   (``Case(..., judge=...)`` returns the problem or None) instead of one expected value; where a
   mistake shows only in how the function behaves (an argument never used), give the Exercise a
   ``diagnose`` (see ``checking.counted`` and the loss_on_grid check).

This applies to every check in ``helpers.checks``, including those of notebooks 06-08
(helpers/checks/softmax.py, helpers/checks/loss_functions.py) once they are in a CHECKS list.
Every check must also pass a right answer (written as a learner would), pass the reference
under another name, and fall back to the reference for a stub, a re-run and a non-function.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any, Callable

import numpy as np
import pytest

LIMIT = 20  # "a constant a learner might write": the first20 exploit keeps this many entries


def run(check, fn, capsys):
    """Run a check on fn; return the function it hands back and what it printed."""
    used = check(fn)
    return used, capsys.readouterr().out


def not_done(*args, **kwargs):
    """A learner's untouched stub."""
    raise NotImplementedError()


# --- the exploits: the reference, wrapped so that it exploits a pattern of the cases ---------------

def _numbers(value: Any) -> bool:
    return (isinstance(value, (int, float, np.number)) and not isinstance(value, bool)) or (
        isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.number) and value.dtype != bool)


def _leaves(reference: Callable, args: tuple, kwargs: dict) -> dict[str, Any]:
    """The numeric inputs of one call by name: 'x', or "params['w']" for a dict entry."""
    bound = inspect.signature(reference).bind(*args, **kwargs).arguments
    leaves = {}
    for name, value in bound.items():
        if isinstance(value, dict):
            leaves.update({f"{name}[{key!r}]": v for key, v in value.items() if _numbers(v)})
        elif _numbers(value):
            leaves[name] = value
    return leaves


def _at_leaf(reference: Callable, leaf: str, change: Callable[[Any], Any]) -> Callable:
    """``reference`` with ``change`` applied to one input (by leaf name) before it is called."""
    signature = inspect.signature(reference)

    def exploit(*args, **kwargs):
        bound = signature.bind(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        for name, value in bound.arguments.items():
            if name == leaf and _numbers(value):
                bound.arguments[name] = change(value)
            elif isinstance(value, dict):
                for key in value:
                    if f"{name}[{key!r}]" == leaf and _numbers(value[key]):
                        value[key] = change(value[key])
        return reference(*bound.args, **bound.kwargs)
    return exploit


def _on_numbers(change: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Apply ``change`` to every number or numeric array inside a result (dicts, lists too)."""
    def apply(value):
        if isinstance(value, dict):
            return {k: apply(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(apply(v) for v in value)
        if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating):
            return change(value)
        if isinstance(value, (float, np.floating)):
            return float(change(np.float64(value)))
        return value
    return apply


def _abs(value):
    return np.abs(value) if isinstance(value, np.ndarray) else abs(value)


def _zero_to_one(value):
    if isinstance(value, np.ndarray):
        return np.where(value == 0, 1, value).astype(value.dtype)
    return type(value)(1) if value == 0 else value


def _sorted(value):
    return np.sort(value, axis=0) if isinstance(value, np.ndarray) and value.ndim else value


def _first(value):
    if isinstance(value, np.ndarray) and value.ndim and len(value) > LIMIT:
        return value[:LIMIT].copy()
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value > LIMIT:
        return type(value)(LIMIT)
    return value


def _everywhere(reference: Callable, change: Callable[[Any], Any]) -> Callable:
    def exploit(*args, **kwargs):
        def apply(value):
            if isinstance(value, dict):
                return {k: apply(v) for k, v in value.items()}
            return change(value)
        return reference(*[apply(a) for a in copy.deepcopy(args)],
                         **{k: apply(v) for k, v in copy.deepcopy(kwargs).items()})
    return exploit


def _after(reference: Callable, change: Callable[[Any], Any]) -> Callable:
    return lambda *args, **kwargs: _on_numbers(change)(reference(*args, **kwargs))


def exploits(exercise) -> dict[str, Callable]:
    """Every exploit of the contract that could apply to this exercise, by name."""
    reference = exercise.reference
    found: dict[str, Callable] = {}
    for case in exercise.cases:
        for leaf, value in _leaves(reference, case.args, case.kwargs).items():
            found[f"abs:{leaf}"] = _at_leaf(reference, leaf, _abs)
            found[f"zero:{leaf}"] = _at_leaf(reference, leaf, _zero_to_one)
            if isinstance(value, np.ndarray) and value.ndim and len(value) > 1:
                found[f"sort:{leaf}"] = _at_leaf(reference, leaf, _sorted)
    sized = [v for case in exercise.cases for v in _leaves(reference, case.args, case.kwargs).values()
             if (isinstance(v, np.ndarray) and v.ndim) or isinstance(v, (int, np.integer))]
    if sized:  # only numbers in: no size or count a learner could hard-code
        found["first20"] = _everywhere(reference, _first)
    found["round2"] = _after(reference, lambda v: np.round(v, 2))
    found["clip10"] = _after(reference, lambda v: np.clip(v, -10, 10))
    first = copy.deepcopy(exercise.cases[0].expected)
    found["hardcoded"] = lambda *args, **kwargs: copy.deepcopy(first)
    return found


def attack(check) -> list[tuple[Callable, str, Callable, str | None]]:
    """(check, exploit name, exploit, reason it is exempt or None) for every exploit of a check."""
    if not callable(getattr(check, "exercise", None)):
        raise AssertionError(f"{check.__name__} has no .exercise: decorate it with "
                             "@checking.check_of(_<name>_exercise)")
    exercise = check.exercise()
    unknown = set(exercise.exempt) - set(exploits(exercise))
    assert not unknown, f"{check.__name__}: Exercise.exempt names exploits that do not exist: {sorted(unknown)}"
    return [(check, name, wrapped, exercise.exempt.get(name)) for name, wrapped in exploits(exercise).items()]


def contract_tests(cases):
    """Four tests over (check, right answer, reference) triples.

    A right answer passes and is the one used from then on; the reference passes its own
    cases when graded under another name; a stub, a re-run after a fallback and a
    non-function all fall back to the reference without crashing; and every exploit of
    the module docstring is rejected (or exempt, with a reason).
    """
    ids = [f"{check.__name__}-{correct.__name__}" for check, correct, _ in cases]
    parametrize = pytest.mark.parametrize("check, correct, reference", cases, ids=ids)
    unique = list(dict.fromkeys(check for check, _, _ in cases))  # a check may come with several right answers
    attacks = [attempt for check in unique for attempt in attack(check)]

    @parametrize
    def test_right_answer_passes_and_is_used(check, correct, reference, capsys):
        used, out = run(check, correct, capsys)
        assert used is correct and out.startswith("✓") and "passed all" in out, out

    @parametrize
    def test_reference_passes_its_own_cases(check, correct, reference, capsys):
        used, out = run(check, lambda *args, **kwargs: reference(*args, **kwargs), capsys)
        assert out.startswith("✓"), out

    @parametrize
    def test_stub_and_reruns_fall_back_to_the_reference(check, correct, reference, capsys):
        used, out = run(check, not_done, capsys)
        assert used is reference and "not done yet" in out and "reference" in out
        used, out = run(check, reference, capsys)  # re-running the check after a fallback
        assert used is reference and "still the reference implementation" in out
        used, out = run(check, 42, capsys)
        assert used is reference and "should be a function" in out

    @pytest.mark.filterwarnings("ignore::RuntimeWarning")
    @pytest.mark.parametrize("check, name, exploit, exempt", attacks,
                             ids=[f"{check.__name__}-{name}" for check, name, _, _ in attacks])
    def test_cases_defeat_pattern_matching_answers(check, name, exploit, exempt, capsys):
        if exempt:
            pytest.skip(f"exempt: {exempt}")
        used, out = run(check, exploit, capsys)
        assert out.startswith("✗"), (f"{check.__name__} accepts the exploit {name!r}: add a case that breaks "
                                     f"that pattern (see tests/check_contract.py)\n{out}")
        assert "it raised" not in out, f"{name!r} was rejected only because it crashed: {out}"

    return (test_right_answer_passes_and_is_used, test_reference_passes_its_own_cases,
            test_stub_and_reruns_fall_back_to_the_reference, test_cases_defeat_pattern_matching_answers)
