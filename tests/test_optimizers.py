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
