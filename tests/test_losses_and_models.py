import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error

from helpers import losses, models


def test_mse_agrees_with_scikit_learn():
    rng = np.random.default_rng(1)
    for n in (1, 2, 50, 1000):
        y, y_hat = rng.normal(size=n) * 10, rng.normal(size=n) * 10
        assert losses.mse(y, y_hat) == pytest.approx(mean_squared_error(y, y_hat), rel=1e-12)


def test_mse_worked_example_house_prices():
    prices = np.array([300_000.0, 400_000.0, 500_000.0])
    assert losses.mse(prices, np.array([310_000.0, 390_000.0, 510_000.0])) == pytest.approx(1e8)


def test_mse_is_a_float_and_never_negative():
    value = losses.mse(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    assert type(value) is float and value == 0.0


@pytest.mark.parametrize(
    "y, y_hat, error, words",
    [
        (np.ones(3), np.ones(2), ValueError, "y and y_hat must have the same shape"),
        (np.ones((3, 1)), np.ones(3), ValueError, "y must be shape (n,)"),
        (np.ones(3), np.ones((3, 1)), ValueError, "y_hat must be shape (n,), got an array of shape (3, 1)"),
        (np.array([]), np.array([]), ValueError, "y is empty"),
        (np.ones(2), np.array([1.0, np.nan]), ValueError, "y_hat contains NaN"),
        ("1,2", np.ones(2), TypeError, "y must be a NumPy array"),
        (np.ones(2), None, TypeError, "y_hat must be a NumPy array"),
    ],
)
def test_mse_bad_input_names_the_argument(y, y_hat, error, words):
    with pytest.raises(error) as caught:
        losses.mse(y, y_hat)
    assert words in str(caught.value)


def test_linear_model_matches_scikit_learn_prediction():
    rng = np.random.default_rng(2)
    x = rng.uniform(0, 5, 30)
    y = 3.14 * x + 2.72 + rng.normal(size=30)
    fitted = LinearRegression().fit(x[:, None], y)
    ours = models.linear(x, fitted.coef_[0], fitted.intercept_)
    np.testing.assert_allclose(ours, fitted.predict(x[:, None]), rtol=1e-12)


def test_linear_model_bad_input():
    with pytest.raises(TypeError, match="w must be a single real number"):
        models.linear(np.ones(3), "2", 1.0)
    with pytest.raises(ValueError, match="b must be finite"):
        models.linear(np.ones(3), 2.0, float("inf"))
    with pytest.raises(ValueError, match=r"x must be shape \(n,\)"):
        models.linear(np.ones((3, 2)), 2.0, 1.0)


def test_sigmoid_is_stable_and_matches_scipy():
    from scipy.special import expit

    z = np.array([-1000.0, -30.0, -1.0, 0.0, 2.5, 30.0, 1000.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        ours = models.sigmoid(z)
    np.testing.assert_allclose(ours, expit(z), rtol=1e-15, atol=0)
    assert models.sigmoid(np.array([0.0]))[0] == 0.5
    assert models.sigmoid(np.zeros((2, 3))).shape == (2, 3)
    with pytest.raises(ValueError, match="z contains NaN"):
        models.sigmoid(np.array([np.nan]))


def test_bce_from_logits_agrees_with_scikit_learn_and_survives_extreme_logits():
    from sklearn.metrics import log_loss

    rng = np.random.default_rng(3)
    z = rng.normal(scale=3, size=200)
    y = (rng.uniform(size=200) < 0.4).astype(float)
    expected = log_loss(y, models.sigmoid(z), labels=[0, 1])
    assert losses.binary_cross_entropy_from_logits(y, z) == pytest.approx(expected, rel=1e-9)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        extreme = losses.binary_cross_entropy_from_logits(np.array([1.0, 0.0, 1.0, 0.0]),
                                                          np.array([1000.0, -1000.0, -1000.0, 1000.0]))
    assert extreme == pytest.approx(500.0)  # two perfect answers (loss 0), two confidently wrong (1000 each)
    with pytest.raises(ValueError, match="y must hold labels between 0 and 1"):
        losses.binary_cross_entropy_from_logits(np.array([2.0]), np.array([0.0]))
