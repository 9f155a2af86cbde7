"""Every exercise check must pass the right answer and fail plausible wrong ones, by name."""

import numpy as np
import pytest

from helpers import checks, losses, models

from .check_contract import contract_tests, run


def correct_mse(y, y_hat):
    return float(np.mean((y - y_hat) ** 2))


def correct_predict(x, w, b):
    return w * x + b


def correct_best_constant(y):  # the derivation's answer, written as a sum
    return sum(y) / len(y)


CHECKS = [(checks.check_mse, correct_mse, losses.mse), (checks.check_predict, correct_predict, models.linear),
          (checks.check_best_constant, correct_best_constant, losses.best_constant)]
(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


WRONG_MSE = [
    (lambda y, p: np.sum((y - p) ** 2), "summed the squared residuals instead of averaging"),
    (lambda y, p: np.mean(y - p), "without squaring them"),
    (lambda y, p: np.mean(np.abs(y - p)), "mean absolute error"),
    (lambda y, p: np.sqrt(np.mean((y - p) ** 2)), "RMSE"),
    (lambda y, p: 0.5 * np.mean((y - p) ** 2), "halved"),
    (lambda y, p: np.sum((y - p) ** 2) / (len(y) - 1), "divided by n − 1"),
    (lambda y, p: np.mean(y - p) ** 2, "squared the mean residual"),
    (lambda y, p: (y - p) ** 2, "returned an array of shape (3,), but expected a single number"),
    (lambda y, p: None, "forget the `return`"),
    (lambda y, p: str(np.mean((y - p) ** 2)), "expected a single number"),
    (lambda y, p: np.mean((y - p) ** 2) + np.log(0.0 * y[0]), "NaN or infinity: did you take log(0)"),
    (lambda y, p: np.mean((y - p) ** 2) * np.nan, "NaN or infinity"),
    (lambda y, p: np.mean((y - p) ** 3), "expected 3.0"),
    (lambda y, p: np.mean(y[:2] - p), "raised ValueError"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_MSE)
def test_wrong_mse_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_mse, wrong, capsys)
    assert used is losses.mse, out
    assert "not right yet" in out and words in out, out


def test_learners_error_messages_get_a_hint(capsys):
    _, out = run(checks.check_mse, lambda y, p: np.mean((y - p) ^ 2), capsys)
    assert "raised TypeError" in out and "`^` is XOR in Python" in out
    outside = np.ones(50)
    _, out = run(checks.check_mse, lambda y, p: float(np.mean((y - outside) ** 2)), capsys)
    assert "could not be broadcast" in out and "variable from outside the function" in out


def test_in_place_and_wrong_value_names_the_value_mistake_on_a_case_that_shows_it(capsys):
    def in_place_sum(y, y_hat):
        y -= y_hat
        return float(np.sum(y**2))

    _, out = run(checks.check_mse, in_place_sum, capsys)
    assert "for y = [3, -1, 2], y_hat = [1, 1, 1]: you summed" in out


def test_failure_message_says_the_name_now_points_to_the_reference(capsys):
    _, out = run(checks.check_mse, lambda y, p: np.sum((y - p) ** 2), capsys)
    assert "re-run the cell that defines yours" in out


def test_mse_that_changes_its_input_is_caught(capsys):
    def in_place(y, y_hat):
        y -= y_hat
        return float(np.mean(y**2))

    used, out = run(checks.check_mse, in_place, capsys)
    assert used is losses.mse and "changed its inputs in place" in out


WRONG_PREDICT = [
    (lambda x, w, b: w * x, "left out the intercept"),
    (lambda x, w, b: b * x + w, "swapped w and b"),
    (lambda w, b, x: w * x + b, "not in the order predict(x, w, b)"),
    (lambda x, w, b: w * x - b, "subtracted b"),
    (lambda x, w, b: w * x * b, "multiplied by b"),
    (lambda x, w, b: list(w * x + b), "a list of 3 values, expected a NumPy array of shape (3,)"),
    (lambda x, w, b: (w * x + b)[:, None], "has shape (3, 1) but expected (3,)"),
    (lambda x, w, b: float(np.mean(w * x + b)), "expected a NumPy array"),
]


@pytest.mark.parametrize("wrong, words", WRONG_PREDICT)
def test_wrong_predict_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_predict, wrong, capsys)
    assert used is models.linear, out
    assert words in out, out


def test_a_dict_changed_in_place_is_caught():
    from helpers.checking import Case, Exercise, run_check

    def reference(params):
        return {k: v - 1.0 for k, v in params.items()}

    def in_place(params):
        for k in params:
            params[k] -= 1.0
        return params

    exercise = Exercise("step", reference, [Case(({"w": 2.0, "b": np.array([1.0, 2.0])},),
                                                 {"w": 1.0, "b": np.array([0.0, 1.0])}, "a dict")])
    assert run_check(in_place, exercise) is reference


def test_keyword_cases_catch_a_renamed_parameter(capsys):
    from helpers.checking import Case, Exercise, run_check

    def reference(x, learning_rate):
        return x * learning_rate

    def renamed(x, lr):
        return x * lr

    exercise = Exercise("scale", reference, [Case((2.0,), 1.0, "x = 2", kwargs={"learning_rate": 0.5})])
    assert run_check(renamed, exercise) is reference
    out = capsys.readouterr().out
    assert "unexpected keyword argument 'learning_rate'" in out and "keep the parameter names" in out


def test_a_one_element_array_gets_the_float_hint(capsys):
    _, out = run(checks.check_mse, lambda y, p: np.array([np.mean((y - p) ** 2)]), capsys)
    assert "shape (1,), but expected a plain number" in out and "float(...)" in out


def _exercise_with_a_crashing_slip():
    """reference: column means of X; the slip takes row means, which raises on non-square X."""
    from helpers.checking import Case, Exercise

    def reference(X):
        return X - X.mean(axis=0)

    cases = [Case((np.ones((3, 2)),), np.zeros((3, 2)), "a (3, 2) X"),
             Case((np.array([[0.0, 2.0], [4.0, 6.0]]),), np.array([[-2.0, -2.0], [2.0, 2.0]]), "a square X"),
             Case((np.ones((4, 3)),), np.zeros((4, 3)), "a (4, 3) X")]
    mistakes = [("you took the mean of each row: use axis=0", lambda X: X - X.mean(axis=1))]
    return Exercise("centre", reference, cases, mistakes)


def test_a_mistake_that_raises_the_same_error_is_named(capsys):
    from helpers.checking import run_check

    exercise = _exercise_with_a_crashing_slip()
    assert run_check(lambda X: X - np.mean(X, axis=1), exercise) is exercise.reference
    out = capsys.readouterr().out
    # the first case that fails is the one named, and the generic broadcasting hint does not appear
    assert "for a (3, 2) X: you took the mean of each row: use axis=0" in out, out
    assert "variable from outside" not in out


def test_an_error_no_mistake_reproduces_is_still_reported_with_its_hint(capsys):
    from helpers.checking import run_check

    exercise = _exercise_with_a_crashing_slip()
    outside = np.ones(5)
    # raises on every case, but with another message than the mistake: the error and the generic hint
    assert run_check(lambda X: X - outside, exercise) is exercise.reference
    out = capsys.readouterr().out
    assert "for a (3, 2) X: it raised ValueError" in out and "variable from outside the function" in out, out
    # crashes on one case and is wrong elsewhere, unlike the mistake: the error comes first, as before
    assert run_check(lambda X: X - X.mean(axis=1) if X.shape[0] == X.shape[1] else X[5], exercise) \
        is exercise.reference
    out = capsys.readouterr().out
    assert "for a (3, 2) X: it raised IndexError" in out and "use axis=0" not in out, out


def test_a_mistake_that_raises_where_the_learner_did_not_is_not_named(capsys):
    from helpers.checking import run_check

    exercise = _exercise_with_a_crashing_slip()
    # wrong on every case, never raises: the mistake (which raises on two cases) must not be named
    assert run_check(lambda X: X + 1.0, exercise) is exercise.reference
    out = capsys.readouterr().out
    assert "use axis=0" not in out and "for a (3, 2) X: it returned" in out, out


def test_every_check_in_helpers_is_held_to_the_contract():
    import importlib

    from .conftest import ROOT

    modules = [importlib.import_module(f"tests.{path.stem}") for path in sorted((ROOT / "tests").glob("test_checks_*.py"))]
    applied = CHECKS + [case for module in modules for name in dir(module)  # files that apply it: CHECKS, *_CHECKS_n
                        if name == "CHECKS" or name.startswith("LATER_CHECKS") for case in getattr(module, name)]
    tested = {check.__name__ for check, _, _ in applied}
    defined = {name for name in dir(checks) if name.startswith("check_")}
    assert defined == tested


@pytest.mark.parametrize("wrong, words", [
    (lambda y: float(np.median(y)), "median"),
    (lambda y: (y.min() + y.max()) / 2, "middle of the range"),
    (lambda y: float(np.sum(y)), "summed"),
])
def test_wrong_best_constant_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_best_constant, wrong, capsys)
    assert used is losses.best_constant and words in out, out


def test_the_best_constant_minimises_the_mse():
    y = np.random.default_rng(3).normal(2.0, 3.0, size=40) ** 2
    c = losses.best_constant(y)
    assert all(losses.mse(y, np.full_like(y, c)) < losses.mse(y, np.full_like(y, c + h)) for h in (-0.1, 0.01, 0.5))
