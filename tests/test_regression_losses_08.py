"""Notebook 08's regression losses: formulas, derivatives (numerically), limits in δ, fits against SciPy, bad input."""

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import huber as scipy_huber
from sklearn.metrics import mean_absolute_error, mean_squared_error

from helpers import gradients, losses, optimizers, regression_losses as rl

RNG = np.random.default_rng(42)
A = RNG.normal(0.0, 3.0, size=50)


@pytest.mark.parametrize("delta", [0.05, 0.7, 1.0, 2.5, 40.0])
def test_huber_matches_scipy(delta):
    np.testing.assert_allclose(rl.huber_loss(A, delta), scipy_huber(delta, A), rtol=1e-12)


def test_huber_is_continuous_with_a_continuous_slope_at_delta():
    for delta in (0.3, 1.0, 4.0):
        edge = np.array([delta - 1e-9, delta + 1e-9, -delta - 1e-9, -delta + 1e-9])
        np.testing.assert_allclose(rl.huber_loss(edge, delta), 0.5 * delta**2, atol=1e-8)
        np.testing.assert_allclose(np.abs(rl.huber_derivative(edge, delta)), delta, atol=1e-8)


def test_larger_delta_is_mse_like_and_smaller_delta_is_a_scaled_mae():
    # δ above every |a|: exactly ½a², half the squared loss
    np.testing.assert_allclose(rl.huber_loss(A, 100.0), 0.5 * A**2)
    # δ tiny: δ|a| − ½δ², so huber/δ → |a|
    delta = 1e-6
    np.testing.assert_allclose(rl.huber_loss(A, delta) / delta, np.abs(A) - delta / 2, rtol=1e-9)
    # and the mean costs follow: 2·huber → MSE, huber/δ → MAE
    y, y_hat = RNG.normal(size=30), RNG.normal(size=30)
    assert 2 * rl.huber(y, y_hat, 100.0) == pytest.approx(losses.mse(y, y_hat))
    assert rl.huber(y, y_hat, 1e-8) / 1e-8 == pytest.approx(rl.mae(y, y_hat), rel=1e-6)


def test_mae_and_mse_pieces_match_scikit_learn():
    y, y_hat = RNG.normal(size=40), RNG.normal(size=40)
    assert rl.mae(y, y_hat) == pytest.approx(mean_absolute_error(y, y_hat))
    assert np.mean(rl.squared(y_hat - y)) == pytest.approx(mean_squared_error(y, y_hat))


@pytest.mark.parametrize("loss, derivative", [
    (rl.squared, rl.squared_derivative),
    (rl.absolute, rl.absolute_derivative),
    (lambda a: rl.huber_loss(a, 0.8), lambda a: rl.huber_derivative(a, 0.8)),
    (lambda a: rl.cauchy_loss(a, 0.5), lambda a: rl.cauchy_derivative(a, 0.5)),
])
def test_line_gradient_matches_the_numerical_gradient(loss, derivative):
    x, y, _ = rl.make_line_with_outliers()
    point = {"w": 1.7, "b": 0.37}
    error = gradients.gradient_check(lambda p: rl.line_cost(x, y, p, loss), point, rl.line_gradient(x, y, point, derivative))
    assert error.passed, error.message


def test_line_gradient_with_the_squared_slope_is_notebook_02s_mse_gradient():
    x, y, _ = rl.make_line_with_outliers()
    params = {"w": -0.4, "b": 2.2}
    assert rl.line_gradient(x, y, params, rl.squared_derivative) == pytest.approx(losses.mse_gradient(x, y, params))


def minimum(cost, start=(1.0, 1.0)):
    return minimize(lambda p: cost(p[0], p[1]), start, method="Nelder-Mead",
                    options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20_000}).x


@pytest.mark.parametrize("delta", [0.05, 0.5, 1.0, 3.0])
def test_irls_finds_the_huber_minimum(delta):
    x, y, _ = rl.make_line_with_outliers()
    np.testing.assert_allclose(rl.fit_line_irls(x, y, delta), minimum(lambda w, b: rl.huber(y, w * x + b, delta)), atol=1e-5)


def test_irls_without_delta_is_least_squares_and_a_tiny_delta_the_mae_fit():
    x, y, _ = rl.make_line_with_outliers()
    np.testing.assert_allclose(rl.fit_line_irls(x, y), np.polyfit(x, y, 1), atol=1e-10)
    mae_fit = minimum(lambda w, b: rl.mae(y, w * x + b), start=(3.0, 3.0))
    np.testing.assert_allclose(rl.fit_line_irls(x, y, 1e-4, steps=300), mae_fit, atol=1e-3)


def test_gradient_descent_under_huber_reaches_the_irls_fit():
    x, y, _ = rl.make_line_with_outliers()
    fit, _ = optimizers.gradient_descent(lambda p: rl.line_gradient(x, y, p, lambda a: rl.huber_derivative(a, 1.0)),
                                         {"w": 0.0, "b": 0.0}, 0.05, 2000)
    np.testing.assert_allclose([fit["w"], fit["b"]], rl.fit_line_irls(x, y, 1.0), atol=1e-6)


def test_outlier_data_is_seeded_and_marks_the_largest_x():
    x, y, mask = rl.make_line_with_outliers(n=20, n_outliers=3, seed=5)
    x2, y2, mask2 = rl.make_line_with_outliers(n=20, n_outliers=3, seed=5)
    np.testing.assert_array_equal(y, y2)
    assert mask.sum() == 3 and set(np.argsort(x)[-3:]) == set(np.flatnonzero(mask))
    clean_x, clean_y, none = rl.make_line_with_outliers(n=20, n_outliers=0, seed=5)
    np.testing.assert_allclose(y[mask], clean_y[mask] - 12.0)
    np.testing.assert_array_equal(y[~mask], clean_y[~mask])
    assert not none.any()


def test_cauchy_is_quadratic_near_zero_and_its_slope_falls_back():
    small = np.array([-1e-3, 2e-3])
    np.testing.assert_allclose(rl.cauchy_loss(small, 1.0), 0.5 * small**2, rtol=1e-5)
    assert rl.cauchy_derivative(np.array([100.0]), 1.0)[0] < rl.cauchy_derivative(np.array([1.0]), 1.0)[0]


@pytest.mark.parametrize("call, words", [
    (lambda: rl.huber_loss(np.array([1.0, np.nan]), 1.0), "a contains NaN"),
    (lambda: rl.huber_loss(np.array([1.0]), 0.0), "delta must be > 0"),
    (lambda: rl.huber_loss(np.array([1.0]), -2.0), "delta must be > 0"),
    (lambda: rl.huber_derivative("1, 2", 1.0), "a must be a NumPy array"),
    (lambda: rl.huber_loss(np.array([]), 1.0), "a is empty"),
    (lambda: rl.cauchy_loss(np.array([1.0]), 0.0), "c must be > 0"),
    (lambda: rl.mae(np.zeros(3), np.zeros(4)), "y and y_hat must have the same shape"),
    (lambda: rl.huber(np.zeros(3), np.zeros(3), delta="1"), "delta must be a single real number"),
    (lambda: rl.line_cost(np.zeros(3), np.zeros(3), {"w": 1.0}, rl.squared), "params must be a dict with keys"),
    (lambda: rl.line_gradient(np.zeros(3), np.zeros(3), {"w": 1.0, "b": 0.0}, 5), "derivative must be a function"),
    (lambda: rl.line_gradient(np.zeros(3), np.zeros(3), {"w": 1.0, "b": 0.0}, lambda a: np.mean(a)),
     "derivative must return one value per residual"),
    (lambda: rl.fit_line_irls(np.ones(5), np.arange(5.0)), "two different values"),
    (lambda: rl.fit_line_irls(np.arange(5.0), np.arange(5.0), steps=0), "steps must be at least 1"),
    (lambda: rl.make_line_with_outliers(n=5, n_outliers=5), "n_outliers must be a whole number from 0 to n − 1"),
])
def test_bad_input_is_refused_with_the_argument_named(call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call()
