"""Helpers of notebook 02: the parabola, 1-D gradient descent and its verdict, gradient_step,
the MSE gradient of the line, and the descent-path and Taylor-step plots."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.optimize import approx_fprime, minimize_scalar
from sklearn.linear_model import LinearRegression

from helpers import calculus, data, losses, plots
from helpers.gradients import gradient_check
from helpers.optimizers import VERDICTS, classify_descent, gradient_descent, gradient_descent_1d, gradient_step


# --- the parabola f(w) = w² + 3w − 5 ---------------------------------------------------

def test_parabola_minimum_agrees_with_scipy():
    found = minimize_scalar(calculus.parabola)
    assert found.x == pytest.approx(-1.5, abs=1e-6) and found.fun == pytest.approx(-7.25)
    assert calculus.parabola_derivative(-1.5) == 0.0 and calculus.parabola_second_derivative(-1.5) == 2.0


@pytest.mark.parametrize("w", [-4.0, 0.0, 1.0, 3 * np.pi])
def test_parabola_derivative_agrees_with_finite_differences(w):
    assert calculus.parabola_derivative(w) == pytest.approx(approx_fprime([w], lambda v: calculus.parabola(v[0]), 1e-7)[0],
                                                            rel=1e-5)


def test_parabola_keeps_numbers_and_arrays_apart():
    assert type(calculus.parabola(1.0)) is float and calculus.parabola(1.0) == -1.0
    ws = np.array([[0.0, 1.0], [2.0, -1.5]])
    np.testing.assert_array_equal(calculus.parabola_derivative(ws), 2 * ws + 3)
    np.testing.assert_array_equal(calculus.parabola_second_derivative(ws), np.full((2, 2), 2.0))


def test_tangent_line_touches_the_curve_with_its_slope():
    ws = np.array([3.0, 4.0, 5.0])
    tangent = calculus.tangent_line(calculus.parabola, calculus.parabola_derivative, 4.0, ws)
    np.testing.assert_allclose(tangent, [12.0, 23.0, 34.0])  # f(4) = 23, f'(4) = 11


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: calculus.parabola("2"), TypeError, "w must be a single real number"),
        (lambda: calculus.parabola(np.array([1.0, np.nan])), ValueError, "w contains NaN"),
        (lambda: calculus.parabola_derivative(float("inf")), ValueError, "w must be finite"),
        (lambda: calculus.tangent_line(calculus.parabola, None, 1.0, 2.0), TypeError, "must be functions"),
    ],
)
def test_calculus_bad_input(call, error, words):
    with pytest.raises(error, match=words):
        call()


# --- gradient descent in one variable --------------------------------------------------

def test_the_notebook_run_converges_to_the_minimum():
    path = gradient_descent_1d(calculus.parabola_derivative, 3 * np.pi, 0.01, 1000)
    assert path.shape == (1001,) and path[0] == 3 * np.pi
    assert path[-1] == pytest.approx(-1.5, abs=1e-7)
    assert np.all(np.diff(path) < 0)  # η < 0.5: every step goes the same way, downhill


@pytest.mark.parametrize("eta", [0.01, 0.3, 0.5, 0.8, 1.0, 1.05])
def test_each_step_multiplies_the_distance_by_one_minus_two_eta(eta):
    path = gradient_descent_1d(calculus.parabola_derivative, 3 * np.pi, eta, 20)
    np.testing.assert_allclose(path + 1.5, (3 * np.pi + 1.5) * (1 - 2 * eta) ** np.arange(21), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize(
    "eta, steps, verdict",
    [
        (0.001, 50, "too small"),     # 0 < η < 0.5, tiny: still far away
        (0.01, 50, "too small"),
        (0.01, 341, "too small"),     # |f'| shrinks by 0.98 per step: 0.98^341 > 0.001 ...
        (0.01, 342, "good"),          # ... 0.98^342 ≤ 0.001: converged after 342 steps
        (0.01, 1000, "good"),
        (0.1, 50, "good"),
        (0.4, 50, "good"),
        (0.5, 1, "good"),             # η = 1/f'': one step lands on the minimum
        (0.6, 50, "zigzag, converged"),      # 0.5 < η < 1: overshoots, still converges
        (0.8, 50, "zigzag, converged"),
        (0.95, 50, "zigzag, not there yet"),  # ... too slowly to have settled in 50 steps
        (0.95, 100, "zigzag, converged"),     # ... but it does with more
        (0.999, 50, "zigzag, not there yet"),
        (1.0, 50, "bouncing"),        # η = 2/f'': bounces between 3π and −3 − 3π
        (1.001, 50, "diverging"),     # η > 1: each overshoot bigger
        (1.05, 50, "diverging"),
        (1.5, 50, "diverging"),
        (100.0, 1000, "diverging"),   # overflows to NaN
    ],
)
def test_verdicts_follow_the_theory_of_the_parabola(eta, steps, verdict):
    path = gradient_descent_1d(calculus.parabola_derivative, 3 * np.pi, eta, steps)
    assert classify_descent(path, calculus.parabola_derivative) == verdict
    assert verdict in VERDICTS


def test_bouncing_jumps_between_two_points():
    path = gradient_descent_1d(calculus.parabola_derivative, 3 * np.pi, 1.0, 4)
    np.testing.assert_allclose(path, [3 * np.pi, -3 - 3 * np.pi] * 2 + [3 * np.pi])


def test_overflow_gives_nan_not_a_warning():
    path = gradient_descent_1d(calculus.parabola_derivative, 3 * np.pi, 100.0, 1000)
    assert np.isnan(path[-1]) and np.isfinite(path[0])
    path = gradient_descent_1d(lambda w: w**3, 10.0, 10.0, 50)  # Python float ** overflows with an error
    assert np.isnan(path[-1])


def test_classify_descent_on_another_function_and_at_the_minimum():
    quartic = lambda w: 4 * w**3  # noqa: E731 - f(w) = w⁴, minimum at 0
    assert classify_descent(gradient_descent_1d(quartic, 1.0, 0.01, 5), quartic) == "too small"
    assert classify_descent(np.array([-1.5, -1.5]), calculus.parabola_derivative) == "good"
    assert classify_descent(np.array([1.0, np.inf]), calculus.parabola_derivative) == "diverging"


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"derivative": "2w + 3"}, TypeError, "derivative must be a function"),
        ({"w0": np.nan}, ValueError, "w0 must be finite"),
        ({"learning_rate": -0.1}, ValueError, "learning_rate must be > 0"),
        ({"steps": 0}, ValueError, "steps must be at least 1"),
        ({"steps": 2.5}, TypeError, "steps must be a whole number"),
        ({"derivative": lambda w: np.array([w, w])}, TypeError, "derivative must return a single number"),
    ],
)
def test_gradient_descent_1d_bad_input(kwargs, error, words):
    args = {"derivative": calculus.parabola_derivative, "w0": 1.0, "learning_rate": 0.1, "steps": 3}
    args.update(kwargs)
    with pytest.raises(error, match=words):
        gradient_descent_1d(**args)


def test_classify_descent_bad_input():
    with pytest.raises(ValueError, match=r"path must be shape \(n,\)"):
        classify_descent(np.ones((2, 2)), calculus.parabola_derivative)
    with pytest.raises(TypeError, match="derivative must be a function"):
        classify_descent(np.ones(3), None)


# --- one step for a dict of parameters -------------------------------------------------

def test_gradient_step_updates_every_key_and_keeps_shapes():
    params = {"W": np.array([[1.0, 2.0]]), "b": 0.5}
    new = gradient_step(params, {"W": np.array([[2.0, -2.0]]), "b": 1.0}, 0.25)
    np.testing.assert_allclose(new["W"], [[0.5, 2.5]])
    assert new["b"] == 0.25 and isinstance(new["b"], float)
    np.testing.assert_array_equal(params["W"], [[1.0, 2.0]])  # the input is untouched


def test_one_gradient_step_matches_the_optimizer():
    gradient = lambda p: {"w": 2 * p["w"] + 3}  # noqa: E731
    final, _ = gradient_descent(gradient, {"w": 2.0}, 0.1, 1)
    assert gradient_step({"w": 2.0}, gradient({"w": 2.0}), 0.1) == final


@pytest.mark.parametrize(
    "args, error, words",
    [
        (([1.0], {"w": 1.0}, 0.1), TypeError, "params must be a non-empty dict"),
        (({"w": 1.0, "b": 0.0}, {"w": 1.0}, 0.1), ValueError, r"grads must be a dict with keys \['b', 'w'\]"),
        (({"w": np.ones(2)}, {"w": np.ones(3)}, 0.1), ValueError, r"grads\['w'\] has shape \(3,\)"),
        (({"w": 1.0}, {"w": 1.0}, 0.0), ValueError, "learning_rate must be > 0"),
    ],
)
def test_gradient_step_bad_input(args, error, words):
    with pytest.raises(error, match=words):
        gradient_step(*args)


# --- the gradient of the MSE for the line ----------------------------------------------

X, Y = data.make_linear_data(n=30, seed=4)


@pytest.mark.parametrize("params", [{"w": 0.0, "b": 0.0}, {"w": 1.0, "b": 0.5}, {"w": -2.0, "b": 7.0}])
def test_mse_gradient_passes_the_numerical_check(params):
    def cost(p):
        return losses.mse(Y, p["w"] * X + p["b"])

    grad = losses.mse_gradient(X, Y, params)
    assert set(grad) == {"w", "b"} and all(isinstance(v, float) for v in grad.values())
    assert gradient_check(cost, params, grad).passed


def test_mse_gradient_vanishes_at_the_least_squares_line():
    fit = LinearRegression().fit(X[:, None], Y)
    grad = losses.mse_gradient(X, Y, {"w": fit.coef_[0], "b": fit.intercept_})
    assert abs(grad["w"]) < 1e-10 and abs(grad["b"]) < 1e-10
    (w_ls, b_ls), *_ = np.linalg.lstsq(np.column_stack([X, np.ones_like(X)]), Y, rcond=None)
    assert w_ls == pytest.approx(fit.coef_[0]) and b_ls == pytest.approx(fit.intercept_)


@pytest.mark.parametrize(
    "args, error, words",
    [
        ((X, Y[:-1], {"w": 1.0, "b": 0.0}), ValueError, "x and y must have the same shape"),
        ((X, Y, {"w": 1.0}), ValueError, r"params must be a dict with keys \['b', 'w'\]"),
        ((X, Y, {"w": np.ones(2), "b": 0.0}), TypeError, r"params\['w'\] must be a single real number"),
        ((X, Y, {"w": 1.0, "b": np.nan}), ValueError, r"params\['b'\] must be finite"),
    ],
)
def test_mse_gradient_bad_input(args, error, words):
    with pytest.raises(error, match=words):
        losses.mse_gradient(*args)


# --- plots -----------------------------------------------------------------------------

def test_plot_descent_path_draws_the_path_in_order_and_composes():
    path = gradient_descent_1d(calculus.parabola_derivative, 3.0, 0.8, 5)
    fig, (left, right) = plt.subplots(1, 2)
    artists = plots.plot_descent_path(calculus.parabola, path, ax=right)
    assert artists["path"].axes is right and not left.lines
    xs, ys = artists["path"].get_data()
    np.testing.assert_allclose(xs, path)
    np.testing.assert_allclose(ys, calculus.parabola(path))
    assert artists["end"].get_data()[0][0] == path[-1] and artists["start"].get_data()[0][0] == 3.0
    assert right.get_xlim()[0] < path.min() and right.get_xlim()[1] > path.max()


def test_plot_descent_path_falls_back_to_current_axes_and_refuses_bad_input():
    fig, ax = plt.subplots()
    artists = plots.plot_descent_path(calculus.parabola, np.array([1.0, 0.0]), w_range=(-3, 2))
    assert artists["curve"].axes is ax and ax.get_xlim() == (-3.0, 2.0)
    with pytest.raises(ValueError, match="path contains NaN"):
        plots.plot_descent_path(calculus.parabola, np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match="w_range must be"):
        plots.plot_descent_path(calculus.parabola, np.array([1.0]), w_range=(2, 1))
    with pytest.raises(TypeError, match="f must be a function"):
        plots.plot_descent_path(None, np.array([1.0]))


def test_plot_taylor_step_numbers():
    fig, ax = plt.subplots()
    step = plots.plot_taylor_step(calculus.parabola, calculus.parabola_derivative, 4.0, 0.2, ax=ax)
    assert step["w1"] == pytest.approx(1.8)           # 4 − 0.2 · 11
    assert step["predicted"] == pytest.approx(-1.2)   # 23 − 0.2 · 11²
    assert step["actual"] == pytest.approx(3.64)      # f(1.8)
    assert step["tangent"].axes is ax
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        plots.plot_taylor_step(calculus.parabola, calculus.parabola_derivative, 4.0, 0.0, ax=ax)
