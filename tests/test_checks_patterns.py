"""Issue 8 item 2 and issue 9 item 5: wrong answers that exploit a pattern of the cases, or ignore
an argument, written as a learner would. Each must be rejected, and named where the issue asks."""

import numpy as np
import pytest

from helpers import checks

from .check_contract import run


def predict_sorted(x, w, b):
    return w * np.sort(x) + b


def predict_rounded(x, w, b):
    return np.round(w * x + b, 2)


def predict_abs_b(x, w, b):
    return w * x + abs(b)


def predict_first_points(x, w, b):
    y_hat = np.zeros_like(x)
    for i in range(min(len(x), 11)):
        y_hat[i] = w * x[i] + b
    return y_hat


def predict_guess(x, w, b):
    return 1.0 * x + 0.5  # the notebook's first guess, hard-coded


def predict_true_line(x, w, b):
    return 3.14 * x + 2.72


def mse_first_20(y, y_hat):
    return float(np.mean((y[:20] - y_hat[:20]) ** 2))


def mse_var(y, y_hat):
    return float(np.var(y - y_hat))


def backward_j_over_c(a, b, c):
    v = 2 * a + b
    J = v * c
    with np.errstate(all="ignore"):
        dc = J / c if c != 0 else float("nan")
    return {"dJ/dv": c, "dJ/du": c, "dJ/dc": dc, "dJ/db": c, "dJ/da": 2 * c}


def backward_local_a(a, b, c):
    v = 2 * a + b
    return {"dJ/dv": c, "dJ/du": c, "dJ/dc": v, "dJ/db": c, "dJ/da": 2.0}


def descent(derivative, w0, learning_rate, steps, stop=None, cap=None, clip=None, slope=None):
    path, w = [w0], w0
    for _ in range(min(steps, cap) if cap else steps):
        g = slope(w) if slope else derivative(w)
        if stop is not None and abs(g) < stop:
            break
        w = w - learning_rate * g
        if clip is not None:
            w = float(np.clip(w, -clip, clip))
        path.append(w)
    return np.array(path)


def gd_stops_early(derivative, w0, learning_rate, steps):
    return descent(derivative, w0, learning_rate, steps, stop=1e-3)


def gd_caps_steps(derivative, w0, learning_rate, steps):
    return descent(derivative, w0, learning_rate, steps, cap=100)


def gd_clips_w(derivative, w0, learning_rate, steps):
    return descent(derivative, w0, learning_rate, steps, clip=10.0)


def gd_hard_coded(derivative, w0, learning_rate, steps):
    return descent(derivative, w0, learning_rate, steps, slope=lambda w: 2 * w + 3)


def notebook_loss(w1, w2):  # a loss from another cell of the notebook
    return (w1 - 1) ** 2 + 3 * (w2 + 2) ** 2 + w1 * w2


def grid_global(loss, w1s, w2s):
    return np.array([[notebook_loss(a, b) for a in w1s] for b in w2s])


def mse_gradient_zeroes_w(x, y, params):
    error = params["w"] * x + params["b"] - y
    grads = {"w": 2 * np.mean(error * x), "b": 2 * np.mean(error)}
    params["w"] = 0.0
    return grads


def gradient_step_writes_back(params, grads, learning_rate):
    for key in params:
        params[key] = params[key] - learning_rate * grads[key]
    return dict(params)


CASES = [
    (checks.check_predict, predict_sorted, None),
    (checks.check_predict, predict_rounded, None),
    (checks.check_predict, predict_abs_b, None),
    (checks.check_predict, predict_first_points, None),
    (checks.check_predict, predict_guess, "always computes the same line 1·x + 0.5, whatever w and b"),
    (checks.check_predict, predict_true_line, "always computes the same line 3.14·x + 2.72"),
    (checks.check_mse, mse_first_20, None),
    (checks.check_mse, mse_var, "np.var(y − ŷ) is not the MSE"),
    (checks.check_backward, backward_j_over_c, "for a = 1.7321, b = 2.2361, c = 0"),
    (checks.check_backward, backward_local_a, "multiply it by the upstream gradient ∂J/∂u"),
    (checks.check_gradient_descent_1d, gd_stops_early, None),
    (checks.check_gradient_descent_1d, gd_caps_steps, None),
    (checks.check_gradient_descent_1d, gd_clips_w, None),
    (checks.check_gradient_descent_1d, gd_hard_coded, "never calls its `derivative` argument"),
    (checks.check_loss_on_grid, grid_global, "never calls its `loss` argument"),
    (checks.check_mse_gradient, mse_gradient_zeroes_w, "changed its inputs in place"),
    (checks.check_gradient_step, gradient_step_writes_back, "changed its inputs in place"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("check, wrong, words", CASES, ids=[wrong.__name__ for _, wrong, _ in CASES])
def test_pattern_exploiting_answers_are_rejected(check, wrong, words, capsys):
    used, out = run(check, wrong, capsys)
    assert used is not wrong and out.startswith("✗"), out
    if words:
        assert words in out, out


def test_hard_coded_predict_is_not_named_when_it_follows_w_and_b(capsys):
    _, out = run(checks.check_predict, lambda x, w, b: w * x + b + 0.1, capsys)
    assert "same line" not in out and out.startswith("✗"), out


def test_a_derivative_that_is_called_is_not_blamed(capsys):
    _, out = run(checks.check_gradient_descent_1d, lambda d, w0, learning_rate, steps: descent(
        d, w0, learning_rate * 1.5, steps), capsys)
    assert "never calls" not in out and out.startswith("✗"), out


def test_a_case_label_is_not_mistaken_for_the_result(capsys):
    """Issue 9: "…b = 0 ['w'] returned 4.5" read like part of the inputs."""
    def off_in_w(x, y, params):
        error = params["w"] * x + params["b"] - y
        return {"w": 2 * np.mean(error * x) + 0.5, "b": 2 * np.mean(error)}

    _, out = run(checks.check_mse_gradient, off_in_w, capsys)
    assert "b = 1): the result's ['w'] is 0.5, expected 0.0." in out, out


def test_long_arrays_are_shortened_in_messages(capsys):
    _, out = run(checks.check_predict, lambda x, w, b: w * x + b + (len(x) > 30), capsys)
    assert "..., ...] (an array of shape (37,))" not in out and "(an array of shape (37,))" in out, out


def test_plain_numbers_inside_lists_and_dicts_count_as_inputs():
    from helpers.checking import Case, Exercise, find_problem

    exercise = Exercise("total", lambda values: float(sum(values)), [Case(([1.5, -2.0, 4.0],), 3.5, "[1.5, -2, 4]")])

    def sorts_in_place(values):
        values.sort()
        return float(sum(values))

    def zeroes_one(values):
        total = float(sum(values))
        values[0] = 0.0
        return total

    assert find_problem(lambda values: float(sum(values)), exercise) is None
    for wrong in (sorts_in_place, zeroes_one):
        assert "changed its inputs in place" in find_problem(wrong, exercise)
