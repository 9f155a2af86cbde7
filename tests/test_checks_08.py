"""Checks of notebook 08: each passes right answers (several ways of writing them) and names plausible wrong ones."""

import numpy as np
import pytest

from helpers import checks, distances, regression_losses

from .check_contract import contract_tests, run


def right_huber(a, delta):
    return np.where(np.abs(a) <= delta, 0.5 * a**2, delta * (np.abs(a) - 0.5 * delta))


def right_huber_strict(a, delta):  # < instead of ≤: the pieces meet at |a| = δ, so both are right
    return np.where(np.abs(a) < delta, 0.5 * a**2, delta * np.abs(a) - 0.5 * delta**2)


def right_huber_clipped(a, delta):  # a creative one: quadratic part of the clipped residual + the linear rest
    c = np.clip(a, -delta, delta)
    return 0.5 * c**2 + delta * (np.abs(a) - np.abs(c))


def right_huber_loop(a, delta):
    out = np.empty_like(a)
    for i, value in enumerate(a):
        out[i] = 0.5 * value**2 if abs(value) <= delta else delta * (abs(value) - delta / 2)
    return out


def right_derivative(a, delta):
    return np.where(np.abs(a) <= delta, a, delta * np.sign(a))


def right_derivative_clip(a, delta):
    return np.clip(a, -delta, delta)


def right_cosine(a, b):
    return float(1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def right_cosine_units(a, b):  # normalise first, then the dot product of unit vectors
    return float(1 - np.sum(a / np.sqrt(np.sum(a**2)) * (b / np.sqrt(np.sum(b**2)))))


def right_cosine_gradient(a, b):
    size_a, size_b = np.linalg.norm(a), np.linalg.norm(b)
    cos = a @ b / (size_a * size_b)
    return -b / (size_a * size_b) + cos * a / size_a**2


def right_cosine_gradient_units(a, b):  # through the unit vectors: −(b̂ − cos θ · â)/‖a‖
    a_hat, b_hat = a / np.linalg.norm(a), b / np.linalg.norm(b)
    return -(b_hat - (a_hat @ b_hat) * a_hat) / np.linalg.norm(a)


def right_minkowski(u, v, p):
    return float(np.sum(np.abs(u - v) ** p) ** (1 / p))


def right_minkowski_loop(u, v, p):
    total = 0.0
    for x, y in zip(u, v):
        total += abs(x - y) ** p
    return total ** (1 / p)


CHECKS = [
    (checks.check_cosine_loss_gradient, right_cosine_gradient, distances.cosine_distance_gradient),
    (checks.check_cosine_loss_gradient, right_cosine_gradient_units, distances.cosine_distance_gradient),
    (checks.check_minkowski, right_minkowski, distances.minkowski),
    (checks.check_minkowski, right_minkowski_loop, distances.minkowski),
    (checks.check_huber_loss, right_huber, regression_losses.huber_loss),
    (checks.check_huber_loss, right_huber_strict, regression_losses.huber_loss),
    (checks.check_huber_loss, right_huber_clipped, regression_losses.huber_loss),
    (checks.check_huber_loss, right_huber_loop, regression_losses.huber_loss),
    (checks.check_huber_derivative, right_derivative, regression_losses.huber_derivative),
    (checks.check_huber_derivative, right_derivative_clip, regression_losses.huber_derivative),
    (checks.check_cosine_loss, right_cosine, distances.cosine_distance),
    (checks.check_cosine_loss, right_cosine_units, distances.cosine_distance),
]

(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


def inside(a, delta):
    return np.abs(a) <= delta


def if_huber(a, delta):
    if np.abs(a) <= delta:
        return 0.5 * a**2
    return delta * (np.abs(a) - 0.5 * delta)


def if_derivative(a, delta):
    if abs(a) <= delta:
        return a
    else:
        return delta * np.sign(a)


WRONG_HUBER = [
    (lambda a, delta: np.where(inside(a, delta), a**2, delta * (np.abs(a) - 0.5 * delta)), "not a²"),
    (lambda a, delta: np.where(inside(a, delta), 0.5 * a**2, delta * np.abs(a)), "you left out the − ½δ"),
    (lambda a, delta: np.where(inside(a, delta), 0.5 * a**2, delta * (a - 0.5 * delta)), "with a itself"),
    (lambda a, delta: np.where(a <= delta, 0.5 * a**2, delta * (np.abs(a) - 0.5 * delta)), "compare |a| with δ"),
    (lambda a, delta: np.where(inside(a, delta), delta * (np.abs(a) - 0.5 * delta), 0.5 * a**2), "branches are swapped"),
    (lambda a, delta: np.where(inside(a, delta), 0.5 * a**2, delta * np.abs(a) - delta**2), "not δ²"),
    (lambda a, delta: delta**2 * (np.sqrt(1 + (a / delta) ** 2) - 1), "pseudo-Huber"),
    (lambda a, delta: np.clip(a, -delta, delta), "you returned the derivative"),
    # unnamed slips: the generic messages
    (lambda a, delta: float(np.mean(right_huber(a, delta))), "you averaged"),
    (lambda a, delta: np.sum(right_huber(a, delta)), "you summed"),
    (lambda a, delta: list(right_huber(a, delta)), "expected a NumPy array"),
    (lambda a, delta: 0.5 * a**2, "expected"),
    (lambda a, delta: np.abs(a), "expected"),
    (lambda a, delta: None, "forget the `return`"),
    (if_huber, "`if` on a whole array"),
]


@pytest.mark.parametrize("wrong, words", WRONG_HUBER)
def test_wrong_huber_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_huber_loss, wrong, capsys)
    assert used is regression_losses.huber_loss, out
    assert "not right yet" in out and words in out, out


WRONG_DERIVATIVE = [
    (lambda a, delta: np.where(inside(a, delta), a, delta), "you left out the sign"),
    (lambda a, delta: np.where(inside(a, delta), a, np.sign(a)), "that is the MAE's slope"),
    (lambda a, delta: np.where(inside(a, delta), 2 * a, delta * np.sign(a)), "not 2a"),
    (lambda a, delta: np.where(a <= delta, a, delta * np.sign(a)), "compare |a| with δ"),
    (lambda a, delta: np.where(inside(a, delta), delta * np.sign(a), a), "branches are swapped"),
    (lambda a, delta: np.where(inside(a, delta), delta * a, delta * np.sign(a)), "not δ·a"),
    (right_huber, "you returned the loss"),
    (lambda a, delta: a / np.sqrt(1 + (a / delta) ** 2), "pseudo-Huber"),
    (lambda a, delta: 2 * a, "expected"),  # the MSE's slope: unnamed, the generic value message
    (lambda a, delta: np.sign(a), "expected"),
    (lambda a, delta: right_derivative(a, delta)[:, None], "has shape"),
    (lambda a, delta: np.mean(right_derivative(a, delta)), "you averaged"),
    (if_derivative, "`if` on a whole array"),
]


@pytest.mark.parametrize("wrong, words", WRONG_DERIVATIVE)
def test_wrong_huber_derivative_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_huber_derivative, wrong, capsys)
    assert used is regression_losses.huber_derivative, out
    assert "not right yet" in out and words in out, out


def norm(v):
    return np.sqrt(np.sum(v * v))


WRONG_COSINE = [
    (lambda a, b: float(a @ b / (norm(a) * norm(b))), "you returned the cosine similarity itself"),
    (lambda a, b: float(1 - a @ b), "you left out the lengths"),
    (lambda a, b: float(1 - a @ b / norm(a)), "not by one of them"),
    (lambda a, b: float(1 - a @ b / norm(b)), "not by one of them"),
    (lambda a, b: float(1 - a @ b / (a @ a * (b @ b))), "squared lengths"),
    (lambda a, b: float(1 - a @ b / (norm(a) + norm(b))), "not the sum"),
    (lambda a, b: float(1 + a @ b / (norm(a) * norm(b))), "not 1 + cos θ"),
    (lambda a, b: float(norm(a - b)), "Euclidean distance"),
    (lambda a, b: float(1 - abs(a @ b) / (norm(a) * norm(b))), "1 − |cos θ|"),
    (lambda a, b: float(np.arccos(a @ b / (norm(a) * norm(b)))), "arccos"),
    (lambda a, b: 1 - a * b / (norm(a) * norm(b)), "one value per coordinate"),  # elementwise: forgot the sum
    (lambda a, b: float(1 - np.mean(a * b) / (norm(a) * norm(b))), "expected"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_COSINE)
def test_wrong_cosine_loss_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_cosine_loss, wrong, capsys)
    assert used is distances.cosine_distance, out
    assert "not right yet" in out and words in out, out


def test_huber_in_place_is_caught(capsys):
    def in_place(a, delta):
        np.abs(a, out=a)
        return np.where(a <= delta, 0.5 * a**2, delta * (a - 0.5 * delta))

    used, out = run(checks.check_huber_loss, in_place, capsys)
    assert used is regression_losses.huber_loss and "changed its inputs in place" in out, out


def test_huber_renamed_parameter_is_named(capsys):
    used, out = run(checks.check_huber_loss, lambda r, d: right_huber(r, d), capsys)
    assert used is regression_losses.huber_loss and "keep the parameter names" in out, out


def test_huber_derivative_clipped_to_one_is_named(capsys):
    used, out = run(checks.check_huber_derivative, lambda a, delta: np.clip(a, -1, 1), capsys)
    assert used is regression_losses.huber_derivative and "[−1, 1]" in out and "delta argument" in out, out


@pytest.mark.parametrize("wrong", [
    lambda a, delta: np.where(np.abs(a) <= 1, 0.5 * a**2, 1 * (np.abs(a) - 0.5)),
    lambda a, delta: np.where(np.abs(a) <= 1, 0.5 * a**2, delta * (np.abs(a) - 0.5 * delta)),
])
def test_huber_loss_with_delta_hard_coded_is_named(wrong, capsys):
    used, out = run(checks.check_huber_loss, wrong, capsys)
    assert used is regression_losses.huber_loss and "delta argument" in out, out


def test_cosine_loss_with_the_usual_guard_in_the_denominator_passes(capsys):
    guarded = lambda a, b: 1 - np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-8)  # noqa: E731
    used, out = run(checks.check_cosine_loss, guarded, capsys)
    assert used is guarded, out


def test_values_that_round_alike_show_the_real_difference_and_the_tolerance():
    from helpers.checking import compare
    message = compare(np.array([0.1 + 3e-8]), np.array([0.1]), rtol=1e-7, atol=1e-9)
    assert "agree to 6 decimals" in message and "differ by up to 3e-08" in message and "1e-09" in message
    assert compare(0.5 + 1e-3, 0.5) == "it returned 0.501, expected 0.5"  # a visible difference: no extra words


@pytest.mark.parametrize("wrong, words", [
    (lambda a, b: -b / (np.linalg.norm(a) * np.linalg.norm(b)), "second term is missing"),
    (lambda a, b: -right_cosine_gradient(a, b), "signs are flipped"),
    (lambda a, b: right_cosine_gradient(b, a), "with respect to b"),
    (lambda a, b: -b, "as if the lengths were constants"),
])
def test_wrong_cosine_gradient_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_cosine_loss_gradient, wrong, capsys)
    assert used is distances.cosine_distance_gradient and words in out, out


@pytest.mark.parametrize("wrong, words", [
    (lambda u, v, p: np.sum((u - v) ** p) ** (1 / p), "absolute value"),
    (lambda u, v, p: np.sum(np.abs(u - v) ** p), "p-th root"),
    (lambda u, v, p: np.linalg.norm(u - v), "p = 2 whatever"),
    (lambda u, v, p: np.sqrt(np.sum(np.abs(u - v) ** p)), "square root whatever"),
])
def test_wrong_minkowski_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_minkowski, wrong, capsys)
    assert used is distances.minkowski and words in out, out


def test_the_cosine_gradient_reference_agrees_with_finite_differences():
    from scipy.optimize import approx_fprime
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=7), rng.normal(size=7)
    numeric = approx_fprime(a, lambda x: distances.cosine_distance(x, b), 1e-7)
    np.testing.assert_allclose(distances.cosine_distance_gradient(a, b), numeric, atol=1e-6)
