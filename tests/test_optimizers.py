import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from helpers import data
from helpers.optimizers import gradient_descent


def test_descends_the_parabola_to_its_minimum():
    final, history = gradient_descent(lambda p: {"w": 2 * p["w"] + 3}, {"w": 3 * np.pi}, 0.01, 1000,
                                      loss=lambda p: p["w"] ** 2 + 3 * p["w"] - 5)
    assert final["w"] == pytest.approx(-1.5, abs=1e-6) and isinstance(final["w"], float)
    assert len(history) == 1001 and history[-1] == pytest.approx(-7.25)
    assert all(a >= b - 1e-12 for a, b in zip(history, history[1:]))


def test_fits_a_line_like_least_squares():
    x, y = data.make_linear_data(n=100, seed=1)

    def grad(p):
        r = p["w"] * x + p["b"] - y
        return {"w": 2 * np.mean(r * x), "b": 2 * np.mean(r)}

    final, _ = gradient_descent(grad, {"w": 0.0, "b": 0.0}, 0.05, 5000)
    fit = LinearRegression().fit(x[:, None], y)
    assert final["w"] == pytest.approx(fit.coef_[0], rel=1e-6)
    assert final["b"] == pytest.approx(fit.intercept_, rel=1e-6)


def test_arrays_keep_their_shape_and_the_start_is_untouched():
    start = {"W": np.ones((2, 3))}
    final, _ = gradient_descent(lambda p: {"W": p["W"]}, start, 0.5, 1)
    np.testing.assert_allclose(final["W"], 0.5 * np.ones((2, 3)))
    np.testing.assert_array_equal(start["W"], np.ones((2, 3)))


def test_progress_and_divergence_are_reported(capsys):
    _, history = gradient_descent(lambda p: {"w": 2 * p["w"]}, {"w": 1.0}, 0.1, 10,
                                  loss=lambda p: p["w"] ** 2, progress=2)
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == ["step  0/10: loss 1", "step  5/10: loss 0.107374", "step 10/10: loss 0.0115292"]
    _, history = gradient_descent(lambda p: {"w": 2 * p["w"]}, {"w": 1.0}, 10.0, 1000,
                                  loss=lambda p: p["w"] ** 2)
    assert not np.isfinite(history[-1]) and len(history) < 1001
    assert "Stopped at step" in capsys.readouterr().out


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be > 0"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a single real number"),
        ({"steps": 0}, ValueError, "steps must be at least 1"),
        ({"params": [1.0]}, TypeError, "params must be a non-empty dict"),
        ({"gradient": lambda p: {"b": 1.0}}, ValueError, "gradient must return a dict with keys"),
        ({"gradient": lambda p: {"w": np.ones(2)}}, ValueError, r"gradient\['w'\] has shape \(2,\)"),
        ({"gradient": None}, TypeError, "gradient must be a function"),
    ],
)
def test_bad_input(kwargs, error, words):
    args = {"gradient": lambda p: {"w": 1.0}, "params": {"w": 0.0}, "learning_rate": 0.1, "steps": 3}
    args.update(kwargs)
    with pytest.raises(error, match=words):
        gradient_descent(**args)


def test_classify_descent_refuses_a_path_that_is_not_numbers():
    from helpers.optimizers import classify_descent

    for bad in ("abc", None, ["a", "b"]):
        with pytest.raises(TypeError, match="path must be an array of numbers"):
            classify_descent(bad, lambda w: 2 * w + 3)


# --- issue 8, item 4: no silent NaN, errors that name the argument, robust verdicts ---

from helpers import calculus  # noqa: E402
from helpers.optimizers import classify_descent, gradient_descent_1d, gradient_step  # noqa: E402


@pytest.mark.parametrize("derivative, error, words", [
    (lambda w: None, TypeError, r"derivative\(3\) returned None: did you forget the `return`"),
    (lambda w: float("nan"), ValueError, "derivative returned NaN at w = 3"),
    (lambda w: "2w + 3", TypeError, "derivative must return a number"),
    (lambda w: np.sqrt(w - 4.0), ValueError, "derivative returned NaN at w = 3"),
])
def test_gradient_descent_1d_refuses_a_broken_derivative(derivative, error, words):
    with np.errstate(invalid="ignore"), pytest.raises(error, match=words):
        gradient_descent_1d(derivative, 3.0, 0.1, 5)


def test_gradient_descent_1d_still_overflows_quietly_when_diverging():
    path = gradient_descent_1d(lambda w: 4 * w**3, 3.0, 1.0, 20)
    assert np.isnan(path[-1]) and classify_descent(path, lambda w: 4 * w**3) == "diverging"


@pytest.mark.parametrize("gradient, error, words", [
    (lambda p: None, ValueError, "at step 1: .*gradient must return a dict"),
    (lambda p: {"w": float("nan")}, ValueError, r"at step 1: .*gradient\['w'\] contains NaN"),
    (lambda p: {"w": None}, TypeError, r"gradient\['w'\] must be a number"),
    (lambda p: {"w": "0.1"}, TypeError, r"gradient\['w'\] must be a number"),
])
def test_gradient_descent_refuses_a_broken_gradient(gradient, error, words):
    with pytest.raises(error, match=words):
        gradient_descent(gradient, {"w": 1.0}, 0.1, 3)


@pytest.mark.parametrize("params, grads, error, words", [
    ({"w": 1.0}, {"w": float("nan")}, ValueError, r"grads\['w'\] contains NaN"),
    ({"w": "1.0"}, {"w": 0.5}, TypeError, r"params\['w'\] must be a number"),
    ({"w": 1.0}, {"w": "0.5"}, TypeError, r"grads\['w'\] must be a number"),
    ({"w": np.array([1.0, np.inf])}, {"w": np.ones(2)}, ValueError, r"params\['w'\] contains NaN or infinite"),
    ({"w": 1.0}, {"w": None}, TypeError, r"grads\['w'\] must be a number"),
])
def test_gradient_step_refuses_bad_values(params, grads, error, words):
    with pytest.raises(error, match=words):
        gradient_step(params, grads, 0.1)


@pytest.mark.parametrize("kwargs, error, words", [
    ({"progress": -1}, ValueError, "progress must be ≥ 0"),
    ({"progress": 2.5}, TypeError, "progress must be a whole number"),
    ({"progress": True}, TypeError, "progress must be a whole number"),
    ({"loss": "mse"}, TypeError, "loss must be a function"),
    ({"params": {"w": "0"}}, TypeError, r"params\['w'\] must be a number"),
])
def test_gradient_descent_validates_every_argument(kwargs, error, words):
    arguments = {"gradient": lambda p: {"w": 2 * p["w"]}, "params": {"w": 1.0}, "learning_rate": 0.1, "steps": 3}
    with pytest.raises(error, match=words):
        gradient_descent(**{**arguments, **kwargs})


@pytest.mark.parametrize("tol", [0.0, -1e-3, 1.0, 5.0, float("nan"), "1e-3"])
def test_classify_descent_refuses_a_bad_tol(tol):
    path = gradient_descent_1d(calculus.parabola_derivative, 3.0, 0.1, 10)
    with pytest.raises((TypeError, ValueError), match="tol"):
        classify_descent(path, calculus.parabola_derivative, tol=tol)


@pytest.mark.parametrize("steps", [1, 2, 5, 50, 1000])
def test_verdicts_at_the_boundaries_do_not_depend_on_rounding(steps):
    rng = np.random.default_rng(0)
    derivative = calculus.parabola_derivative
    for w0 in [3 * np.pi, *rng.normal(0, 10, 100)]:
        assert classify_descent(gradient_descent_1d(derivative, w0, 0.5, steps), derivative) == "good", w0
        assert classify_descent(gradient_descent_1d(derivative, w0, 1.0, steps), derivative) == "bouncing", w0
