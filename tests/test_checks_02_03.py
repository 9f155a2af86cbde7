"""Checks of notebooks 02 and 03: each passes a right answer and names plausible wrong ones."""

import numpy as np
import pytest

from helpers import backprop, calculus, checks, losses, optimizers
from helpers.checks import backpropagation, gradient_descent

from .check_contract import contract_tests, run


# Right answers, written the way a learner would (not the reference functions themselves).

def derivative(w):
    return 2 * w + 3


def gradient_descent_1d(derivative, w0, learning_rate, steps):
    history = [w0]
    w = w0
    for _ in range(steps):
        w = w - learning_rate * derivative(w)
        history.append(w)
    return np.array(history)


def mse_gradient(x, y, params):
    error = params["w"] * x + params["b"] - y
    return {"w": 2 * np.mean(error * x), "b": 2 * np.mean(error)}


def gradient_step(params, grads, learning_rate):
    return {key: params[key] - learning_rate * grads[key] for key in params}


def forward(a, b, c):
    u = 2 * a
    v = u + b
    return {"u": u, "v": v, "J": v * c}


def backward(a, b, c):
    v = 2 * a + b
    dv = c
    du = dv * 1
    return {"dJ/dv": dv, "dJ/du": du, "dJ/dc": v, "dJ/db": dv * 1, "dJ/da": du * 2}


def logistic_gradient(x, y, params):
    y_hat = 1 / (1 + np.exp(-(params["w"] @ x + params["b"])))
    return {"w": (y_hat - y) * x, "b": y_hat - y}


CHECKS = [
    (checks.check_derivative, derivative, calculus.parabola_derivative),
    (checks.check_gradient_descent_1d, gradient_descent_1d, optimizers.gradient_descent_1d),
    (checks.check_mse_gradient, mse_gradient, losses.mse_gradient),
    (checks.check_gradient_step, gradient_step, optimizers.gradient_step),
    (checks.check_forward, forward, backprop.example_forward),
    (checks.check_backward, backward, backprop.example_backward),
    (checks.check_logistic_gradient, logistic_gradient, backprop.logistic_gradient),
]


(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


def wrong_path(sign=-1.0, lr_factor=1.0, use_slope=True):
    def fn(derivative, w0, learning_rate, steps):
        history = [w0]
        for _ in range(steps):
            w = history[-1]
            history.append(w + sign * learning_rate * lr_factor * (derivative(w) if use_slope else w))
        return np.array(history)
    return fn


def gd(change):
    """A learner's gradient_descent_1d with the notebook's parameter names, its result changed by ``change``."""
    def fn(derivative, w0, learning_rate, steps):
        return change(derivative, w0, learning_rate, steps)
    return fn


WRONG = [
    # derivative
    (checks.check_derivative, lambda w: 2 * w, "you dropped the 3"),
    (checks.check_derivative, lambda w: w + 3, "the derivative of w² is 2w (power rule"),
    (checks.check_derivative, lambda w: 2 * w - 3, "sign error"),
    (checks.check_derivative, lambda w: 2 * w - 2, "a constant has derivative 0"),
    (checks.check_derivative, lambda w: w**2 + 3 * w - 5, "that is f(w) itself"),
    (checks.check_derivative, lambda w: 5 * w, "the derivative of 3w is 3, not 3w"),
    (checks.check_derivative, lambda w: 2 * w**2 + 3, "not 2w²"),
    (checks.check_derivative, lambda w: 3.0, "for w = 1: it returned 3.0, expected 5.0"),  # no known mistake: the values
    (checks.check_derivative, lambda w: float(2 * w + 3), "raised TypeError"),  # arrays must work too
    # gradient_descent_1d
    (checks.check_gradient_descent_1d, wrong_path(sign=+1.0), "climbs uphill"),
    (checks.check_gradient_descent_1d, gd(lambda d, w0, lr, n: wrong_path()(d, w0, 1.0, n)), "left out the learning rate"),
    (checks.check_gradient_descent_1d, gd(lambda d, w0, lr, n: wrong_path()(d, w0, lr, n)[1:]), "missing the starting point"),
    (checks.check_gradient_descent_1d, gd(lambda d, w0, lr, n: wrong_path()(d, w0, lr, n + 1)), "one step too many"),
    (checks.check_gradient_descent_1d, gd(lambda d, w0, lr, n: wrong_path()(d, w0, lr, n)[-1]), "returned only the final w"),
    (checks.check_gradient_descent_1d, wrong_path(use_slope=False), "instead of η·f'(w)"),
    (checks.check_gradient_descent_1d, gd(lambda d, w0, lr, n: w0 - lr * d(w0) * np.arange(n + 1)), "computed the slope once"),
    (checks.check_gradient_descent_1d, gd(lambda d, w0, lr, n: list(wrong_path()(d, w0, lr, n))),
     "a list of 4 values, expected a NumPy array of shape (4,)"),
    # the notebook calls gradient_descent_1d(derivative, w0, learning_rate=..., steps=...): other names fail
    (checks.check_gradient_descent_1d, lambda derivative, w0, lr, steps: gradient_descent_1d(derivative, w0, lr, steps),
     "unexpected keyword argument 'learning_rate'"),
    (checks.check_gradient_descent_1d, lambda derivative, w0, learning_rate, n: gradient_descent_1d(
        derivative, w0, learning_rate, n), "unexpected keyword argument 'steps'"),
    # mse_gradient
    (checks.check_mse_gradient, lambda x, y, p: {k: v / 2 for k, v in mse_gradient(x, y, p).items()},
     "left out the factor 2"),
    (checks.check_mse_gradient, lambda x, y, p: {k: -v for k, v in mse_gradient(x, y, p).items()}, "sign error"),
    (checks.check_mse_gradient, lambda x, y, p: {k: v * len(x) for k, v in mse_gradient(x, y, p).items()},
     "summed over the samples instead of averaging"),
    (checks.check_mse_gradient, lambda x, y, p: {"w": mse_gradient(x, y, p)["b"], "b": mse_gradient(x, y, p)["b"]},
     "missing the factor x_i"),
    (checks.check_mse_gradient, lambda x, y, p: {"w": mse_gradient(x, y, p)["w"], "b": mse_gradient(x, y, p)["w"]},
     "∂L/∂b has a factor x_i"),
    (checks.check_mse_gradient, lambda x, y, p: {"w": mse_gradient(x, y, p)["b"], "b": mse_gradient(x, y, p)["w"]},
     "swapped the two gradients"),
    (checks.check_mse_gradient, lambda x, y, p: {"w": 2 * (p["w"] * x + p["b"] - y) * x, "b": 2 * (p["w"] * x + p["b"] - y)},
     "one gradient per sample"),
    (checks.check_mse_gradient, lambda x, y, p: {"w": mse_gradient(x, y, p)["w"]}, "has keys ['w'], expected ['b', 'w']"),
    (checks.check_mse_gradient, lambda x, y, p: (mse_gradient(x, y, p)["w"], mse_gradient(x, y, p)["b"]),
     "expected a dict with keys ['b', 'w']"),
    # gradient_step
    (checks.check_gradient_step, lambda p, g, lr: {k: p[k] + lr * g[k] for k in p}, "climbs uphill"),
    (checks.check_gradient_step, lambda p, g, lr: {k: p[k] - g[k] for k in p}, "left out the learning rate"),
    (checks.check_gradient_step, lambda p, g, lr: {k: lr * g[k] for k in p}, "returned the step η·∇J"),
    (checks.check_gradient_step, lambda p, g, lr: {k: p[k] - g[k] / lr for k in p}, "divided by the learning rate"),
    (checks.check_gradient_step, lambda p, g, lr: {"w": p["w"] - lr * g["w"], "b": p["b"] - lr * g["b"]},
     "raised KeyError"),
    # forward
    (checks.check_forward, lambda a, b, c: {"u": 2 * a, "v": 2 * a + b, "J": 2 * a * (2 * a + b)}, "you computed u·v"),
    (checks.check_forward, lambda a, b, c: {"u": a, "v": a + b, "J": (a + b) * c}, "forgot the factor 2"),
    (checks.check_forward, lambda a, b, c: {"u": a * a, "v": a * a + b, "J": (a * a + b) * c}, "not a squared"),
    (checks.check_forward, lambda a, b, c: {"u": 2 * a, "v": 2 * a * b, "J": 2 * a * b * c}, "you multiplied"),
    (checks.check_forward, lambda a, b, c: {"u": 2 * a, "v": 2 * a + b, "J": 2 * a + b + c}, "you added"),
    (checks.check_forward, lambda a, b, c: {"u": 2 * a, "v": 2 * a + b}, "has keys ['u', 'v'], expected ['J', 'u', 'v']"),
    (checks.check_forward, lambda a, b, c: (2 * a + b) * c, "expected a dict with keys ['J', 'u', 'v']"),
    # backward
    (checks.check_backward, lambda a, b, c: {**backward(a, b, c), "dJ/da": c}, "local derivative is 2"),
    (checks.check_backward, lambda a, b, c: {"dJ/dv": 2 * a + b, "dJ/du": 2 * a + b, "dJ/dc": c, "dJ/db": 2 * a + b,
                                              "dJ/da": 2 * (2 * a + b)}, "you swapped them"),
    (checks.check_backward, lambda a, b, c: {"dJ/dv": c, "dJ/du": 1, "dJ/dc": 2 * a + b, "dJ/db": 1, "dJ/da": 2},
     "only the local derivatives"),
    (checks.check_backward, lambda a, b, c: {"dJ/dv": 2 * a + b, "dJ/du": 2 * a, "dJ/dc": c, "dJ/db": b, "dJ/da": a},
     "forward values"),
    (checks.check_backward, lambda a, b, c: {k[-1]: v for k, v in backward(a, b, c).items()},
     "has keys ['a', 'b', 'c', 'u', 'v'], expected"),
    # logistic_gradient
    (checks.check_logistic_gradient, lambda x, y, p: {k: -v for k, v in logistic_gradient(x, y, p).items()},
     "∂J/∂z = ŷ − y (prediction minus label), not y − ŷ"),
    (checks.check_logistic_gradient, lambda x, y, p: {"w": (_yh(x, p) - y) * _yh(x, p) * (1 - _yh(x, p)) * x,
                                                       "b": (_yh(x, p) - y) * _yh(x, p) * (1 - _yh(x, p))},
     "multiplied by σ'(z)"),
    (checks.check_logistic_gradient, lambda x, y, p: {"w": ((1 - y) / (1 - _yh(x, p)) - y / _yh(x, p)) * x,
                                                       "b": (1 - y) / (1 - _yh(x, p)) - y / _yh(x, p)},
     "that is ∂J/∂ŷ"),
    (checks.check_logistic_gradient, lambda x, y, p: {"w": (p["w"] @ x + p["b"] - y) * x, "b": p["w"] @ x + p["b"] - y},
     "you used z where ŷ = σ(z) belongs"),
    (checks.check_logistic_gradient, lambda x, y, p: {"w": (_yh(x, p) - y) * np.ones_like(x), "b": _yh(x, p) - y},
     "missing the factor x"),
    (checks.check_logistic_gradient, lambda x, y, p: logistic_gradient(x, y, {"w": p["w"], "b": 0.0}),
     "left b out"),
    (checks.check_logistic_gradient, lambda x, y, p: {"w": float(np.sum((_yh(x, p) - y) * x)), "b": _yh(x, p) - y},
     "expected a NumPy array of shape (2,)"),
]


def _yh(x, p):
    return 1 / (1 + np.exp(-(p["w"] @ x + p["b"])))


REFERENCES = {check: reference for check, _, reference in CHECKS}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("check, wrong, words", WRONG, ids=[f"{c.__name__}-{w[:30]}" for c, _, w in WRONG])
def test_wrong_answer_is_caught_and_named(check, wrong, words, capsys):
    used, out = run(check, wrong, capsys)
    assert used is REFERENCES[check], out
    assert "not right yet" in out and words in out, out


def test_the_worked_numbers_are_the_syllabus_numbers():
    assert backprop.example_forward(3, 4, 5) == {"u": 6.0, "v": 10.0, "J": 50.0}
    assert list(backprop.example_backward(3, 4, 5).values()) == [5.0, 5.0, 10.0, 5.0, 10.0]
    assert calculus.parabola_derivative(-1.5) == 0.0 and calculus.parabola(-1.5) == -7.25


def test_every_mistake_differs_from_the_right_answer_on_some_case():
    """A 'mistake' that agreed with the reference everywhere could never be told apart from a right answer."""
    from helpers.checking import compare
    exercises = [gradient_descent._derivative_exercise(), gradient_descent._gradient_descent_1d_exercise(), gradient_descent._mse_gradient_exercise(),
                 gradient_descent._gradient_step_exercise(), backpropagation._forward_exercise(), backpropagation._backward_exercise(),
                 backpropagation._logistic_gradient_exercise()]
    for exercise in exercises:
        for message, wrong in exercise.mistakes:
            with np.errstate(all="ignore"):
                differs = [compare(wrong(*case.args, **case.kwargs), case.expected) is not None
                           for case in exercise.cases]
            assert any(differs), (exercise.name, message)


def test_the_gradient_descent_check_calls_it_as_the_notebook_does(capsys):
    """The notebook passes learning_rate= and steps= by keyword; so does every case of the check."""
    calls = []

    def spy(derivative, w0, learning_rate, steps):
        calls.append(None)
        return gradient_descent_1d(derivative, w0, learning_rate=learning_rate, steps=steps)

    exercise = gradient_descent._gradient_descent_1d_exercise()
    assert all(set(case.kwargs) == {"learning_rate", "steps"} and len(case.args) == 2 for case in exercise.cases)
    used, out = run(checks.check_gradient_descent_1d, spy, capsys)
    assert used is spy and len(calls) == len(exercise.cases), out
    renamed = lambda derivative, w0, lr, steps: gradient_descent_1d(derivative, w0, lr, steps)  # noqa: E731
    used, out = run(checks.check_gradient_descent_1d, renamed, capsys)
    assert used is optimizers.gradient_descent_1d and "learning_rate=0.1, steps=3" in out, out


# Changing the caller's params in place: the return value is right, but the notebook's `start` (or any
# dict the learner keeps) would silently change. Every variant must be caught, with arrays as well as floats.

def step_in_place(params, grads, learning_rate):
    for key in params:
        params[key] = params[key] - learning_rate * grads[key]
    return params


def step_shallow_copy(params, grads, learning_rate):
    new = params.copy()  # a new dict, but the arrays inside are the caller's
    for key in new:
        new[key] -= learning_rate * grads[key]
    return new


def gradient_in_place(x, y, params):
    y_hat = 1 / (1 + np.exp(-(params["w"] @ x + params["b"])))
    params["w"], params["b"] = (y_hat - y) * x, y_hat - y
    return params


def gradient_shallow_copy(x, y, params):
    y_hat = 1 / (1 + np.exp(-(params["w"] @ x + params["b"])))
    new = params.copy()
    new["w"] -= params["w"] - (y_hat - y) * x  # the same array as params["w"]: now it holds the gradient
    new["b"] = y_hat - y
    return new


@pytest.mark.parametrize(
    "check, fn",
    [(checks.check_gradient_step, step_in_place), (checks.check_gradient_step, step_shallow_copy),
     (checks.check_logistic_gradient, gradient_in_place), (checks.check_logistic_gradient, gradient_shallow_copy)],
    ids=["gradient_step-in_place", "gradient_step-shallow_copy", "logistic_gradient-in_place",
         "logistic_gradient-shallow_copy"],
)
def test_changing_params_in_place_is_caught(check, fn, capsys):
    used, out = run(check, fn, capsys)
    assert used is REFERENCES[check], out
    assert "not right yet" in out and "changed its inputs in place" in out, out


def test_in_place_checks_have_array_and_float_params():
    """A shallow copy with `-=` only touches the caller's data when the values are arrays."""
    for exercise in (gradient_descent._gradient_step_exercise(), backpropagation._logistic_gradient_exercise()):
        values = [v for case in exercise.cases for v in case.args[-1 if exercise.name == "logistic_gradient" else 0].values()]
        assert any(isinstance(v, np.ndarray) for v in values) and any(isinstance(v, float) for v in values)


# --- 03: gradients add where a value feeds two nodes ----------------------------------------------

def branch_backward(a, b):
    s = a + b
    dJ_ds = a
    return {"dJ/ds": dJ_ds, "dJ/db": dJ_ds, "dJ/da": dJ_ds + s}


def branch_backward_expanded(a, b):  # J = a² + a·b expanded first: ∂J/∂a = 2a + b (same number)
    return {"dJ/ds": a, "dJ/db": a, "dJ/da": 2 * a + b}


LATER_CHECKS_0 = [
    (checks.check_branch_backward, branch_backward, backprop.branch_backward),
    (checks.check_branch_backward, branch_backward_expanded, backprop.branch_backward),
]

(
    test_branch_right_answer_passes,
    test_branch_reference_passes,
    test_branch_stub_falls_back,
    test_branch_cases_defeat_patterns,
) = contract_tests(LATER_CHECKS_0)


@pytest.mark.parametrize("da, words", [
    (lambda a, s: a, "only the path through s"),
    (lambda a, s: s, "only the direct path"),
    (lambda a, s: a * s, "multiplied the two paths"),
])
def test_a_branch_with_one_path_or_multiplied_paths_is_named(da, words, capsys):
    wrong = lambda a, b: {"dJ/ds": a, "dJ/db": a, "dJ/da": da(a, a + b)}  # noqa: E731
    used, out = run(checks.check_branch_backward, wrong, capsys)
    assert used is backprop.branch_backward and words in out and "ADD" in out, out


def test_the_branch_reference_agrees_with_finite_differences():
    from helpers import gradients
    J = lambda p: (p["a"] + p["b"]) * p["a"]  # noqa: E731
    grads = backprop.branch_backward(1.3, -0.4)
    assert gradients.gradient_check(J, {"a": 1.3, "b": -0.4}, {"a": grads["dJ/da"], "b": grads["dJ/db"]}).passed
