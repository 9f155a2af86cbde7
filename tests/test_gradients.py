"""The numerical gradient checker, tested against functions whose gradients we know."""

import numpy as np
import pytest
from scipy.optimize import approx_fprime

from helpers.gradients import gradient_check, numerical_gradient, relative_error


def test_quadratic_in_one_variable():
    grad = numerical_gradient(lambda p: p["w"] ** 2 + 3 * p["w"] - 5, {"w": 2.0})
    assert isinstance(grad["w"], float) and grad["w"] == pytest.approx(7.0, rel=1e-8)


def test_dict_of_arrays_keeps_keys_and_shapes():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    params = {"W": np.array([[1.0, -2.0], [0.5, 4.0]]), "b": np.array([0.3, -0.7])}

    def loss(p):
        return float(np.sum(A * p["W"] ** 2) + np.sum(np.sin(p["b"])))

    grad = numerical_gradient(loss, params)
    assert grad["W"].shape == (2, 2) and grad["b"].shape == (2,)
    np.testing.assert_allclose(grad["W"], 2 * A * params["W"], rtol=1e-7)
    np.testing.assert_allclose(grad["b"], np.cos(params["b"]), rtol=1e-7)
    np.testing.assert_array_equal(params["b"], [0.3, -0.7])  # the caller's arrays are untouched


def test_single_array_agrees_with_scipy():
    def rosenbrock(v):
        return float(np.sum(100 * (v[1:] - v[:-1] ** 2) ** 2 + (1 - v[:-1]) ** 2))

    point = np.array([-1.2, 1.0, 0.5, 2.0])
    ours = numerical_gradient(rosenbrock, point)
    theirs = approx_fprime(point, rosenbrock, 1e-7)
    assert isinstance(ours, np.ndarray) and ours.shape == (4,)
    np.testing.assert_allclose(ours, theirs, rtol=1e-4)


def test_gradient_check_accepts_right_and_flags_wrong_gradients():
    def loss(p):
        return (p["w"] * 3.0 + p["b"] - 1.0) ** 2

    params = {"w": 0.5, "b": 0.2}
    residual = params["w"] * 3.0 + params["b"] - 1.0
    right = {"w": 2 * residual * 3.0, "b": 2 * residual}
    assert gradient_check(loss, params, right) < 1e-7
    wrong = {"w": residual * 3.0, "b": residual}  # forgot the factor 2
    assert gradient_check(loss, params, wrong) > 0.3


def test_relative_error_basics():
    assert relative_error({"w": 0.0}, {"w": 0.0}) == 0.0
    assert relative_error({"w": 1.0}, {"w": 1.0}) == 0.0
    assert relative_error({"w": 2.0}, {"w": 1.0}) == pytest.approx(0.5)


@pytest.mark.filterwarnings("ignore:invalid value encountered in log")
@pytest.mark.parametrize(
    "loss, params, error, words",
    [
        (lambda p: np.log(p["w"] - 1.0), {"w": 0.5}, ValueError, "loss must be finite"),
        (lambda p: float("nan"), {"w": 1.0}, ValueError, "loss must be finite"),
        (lambda p: p["w"] * np.ones(3), {"w": 1.0}, TypeError, "loss must return a single number"),
        (lambda p: 1.0, {"w": np.array([1.0, np.nan])}, ValueError, r"params\['w'\] contains NaN"),
        (lambda p: 1.0, {"w": "1.0"}, TypeError, r"params\['w'\] must be a number"),
        (lambda p: 1.0, [1.0, 2.0], TypeError, "params must be a non-empty dict"),
        (lambda p: 1.0, {}, TypeError, "params must be a non-empty dict"),
        ("loss", {"w": 1.0}, TypeError, "loss must be a function"),
    ],
)
def test_numerical_gradient_refuses_bad_input(loss, params, error, words):
    with pytest.raises(error, match=words):
        numerical_gradient(loss, params)


def test_gradient_check_refuses_mismatched_structure():
    def loss(p):
        return float(np.sum(p["w"] ** 2))

    params = {"w": np.ones(3)}
    with pytest.raises(ValueError, match=r"analytic\['w'\] has shape \(3, 1\) but params\['w'\] has \(3,\)"):
        gradient_check(loss, params, {"w": np.ones((3, 1))})
    with pytest.raises(ValueError, match="same structure as the parameters"):
        gradient_check(loss, params, {"W": np.ones(3)})
