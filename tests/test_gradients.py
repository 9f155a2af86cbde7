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
    assert gradient_check(loss, params, right).passed
    wrong = {"w": residual * 3.0, "b": residual}  # forgot the factor 2
    result = gradient_check(loss, params, wrong)
    assert not result.passed and result.verdict == "wrong" and result.error > 0.3


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


# --- issue 8, item 1: each element on its own, near-zero gradients, any parameter scale ---

from helpers import data, losses  # noqa: E402


def _line_problem(x_scale: float = 1.0, y_shift: float = 0.0):
    """MSE of a line on the course data: the loss, its gradient, and the least-squares minimum."""
    x, y = data.make_linear_data(n=50, seed=0)
    x, y = x * x_scale, y + y_shift

    def loss(p):
        return losses.mse(y, p["w"] * x + p["b"])

    def gradient(p):
        return losses.mse_gradient(x, y, p)

    w, b = np.polyfit(x, y, 1)
    return loss, gradient, {"w": float(w), "b": float(b)}


@pytest.mark.parametrize("y_shift", [0.0, 30.0])
def test_a_correct_gradient_at_the_minimum_passes(y_shift):
    loss, gradient, best = _line_problem(y_shift=y_shift)
    result = gradient_check(loss, best, gradient(best))
    assert result.passed, result.message


def test_a_sign_flipped_small_gradient_does_not_hide_behind_a_large_one():
    loss, gradient, _ = _line_problem(x_scale=1000.0)
    point = {"w": 0.001, "b": 0.5}
    right = gradient(point)
    assert abs(right["w"]) > 500 * abs(right["b"])  # the situation of the issue
    assert gradient_check(loss, point, right).passed
    flipped = {"w": right["w"], "b": -right["b"]}
    result = gradient_check(loss, point, flipped)
    assert result.error > 0.5 and result.worst == "b" and not result.passed
    assert "worst element b" in result.message and "wrong" in result.message


@pytest.mark.parametrize("scale", [1e-8, 1.0, 1e10, -3e12])
def test_parameters_of_any_scale(scale):
    def loss(p):
        return float(np.sum(((p["w"] - scale) / max(1.0, abs(scale))) ** 2 - 1.0) + 3 * p["b"])

    point = {"w": np.array([scale * 1.5, scale * 0.5 + 1.0, -scale - 1.0]), "b": 0.0}

    def right(p):
        return {"w": 2 * (p["w"] - scale) / max(1.0, abs(scale)) ** 2, "b": 3.0}

    grads = right(point)
    assert gradient_check(loss, point, grads).passed
    wrong = {"w": grads["w"] * np.array([1.0, 1.0, -1.0]), "b": 3.0}
    result = gradient_check(loss, point, wrong)
    assert result.error > 0.5 and result.worst == "w[2]" and result.verdict == "wrong"


def test_the_worst_element_of_a_matrix_is_named():
    A = np.array([[2.0, -1.0], [0.5, 3.0]])

    def loss(p):
        return float(np.sum(A * p["W"] ** 2))

    point = {"W": np.array([[1.0, 2.0], [-1.0, 0.25]])}
    grads = {"W": 2 * A * point["W"]}
    assert gradient_check(loss, point, grads).passed
    grads["W"][1, 0] *= 1.01
    result = gradient_check(loss, point, grads)
    assert result.worst == "W[1, 0]" and result.error == pytest.approx(0.01 / 1.01, rel=1e-5)
    assert result.errors["W"].shape == (2, 2) and result.analytic == pytest.approx(-1.01)


def test_a_large_constant_in_the_loss_does_not_fail_a_right_gradient():
    def loss(p):
        return 1e6 + (p["w"] - 1.0) ** 2

    assert gradient_check(loss, {"w": 3.0}, {"w": 4.0}).passed  # n has only ~6 good digits here
    assert gradient_check(loss, {"w": 3.0}, {"w": -4.0}).verdict == "wrong"  # a sign error still shows


@pytest.mark.parametrize("factor, expected", [(0.5, 0.5), (-1.0, 2.0), (0.0, 1.0)])
def test_typical_slips_score_what_the_notebook_says(factor, expected):
    loss, gradient, _ = _line_problem()
    point = {"w": 1.0, "b": 0.5}
    slipped = {k: factor * v for k, v in gradient(point).items()}
    result = gradient_check(loss, point, slipped)
    assert result.error == pytest.approx(expected, rel=1e-6) and result.verdict == "wrong"


def test_agrees_with_scipy_check_grad_on_a_smooth_function():
    from scipy.optimize import check_grad, rosen, rosen_der

    point = np.array([-1.2, 1.0, 0.5, 2.0])
    assert check_grad(rosen, rosen_der, point) < 1e-4
    assert gradient_check(rosen, point, rosen_der(point)).passed
    result = gradient_check(rosen, point, rosen_der(point) * [1, 1, 1.001, 1])
    assert result.verdict == "wrong" and result.worst == "θ[2]" and result.error > 1e-4


def test_eps_can_be_given_by_position():
    loss, gradient, _ = _line_problem()
    assert gradient_check(loss, {"w": 1.0, "b": 0.5}, gradient({"w": 1.0, "b": 0.5}), 1e-6).passed


@pytest.mark.parametrize("eps", [0.0, -1e-5, 1.0, float("nan"), "1e-5"])
def test_bad_steps_are_refused(eps):
    with pytest.raises((ValueError, TypeError), match="eps"):
        gradient_check(lambda p: p["w"] ** 2, {"w": 1.0}, {"w": 2.0}, eps=eps)


def test_relative_error_is_elementwise():
    assert relative_error({"w": np.array([1000.0, 1.0])}, {"w": np.array([1000.0, -1.0])}) == pytest.approx(2.0)
