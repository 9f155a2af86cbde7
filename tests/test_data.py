import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from helpers import data
from helpers.landscape import loss_grid


def test_make_linear_data_is_seeded_and_shaped():
    x1, y1 = data.make_linear_data(n=40, seed=3)
    x2, y2 = data.make_linear_data(n=40, seed=3)
    assert x1.shape == y1.shape == (40,)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(y1, data.make_linear_data(n=40, seed=4)[1])
    assert x1.min() >= 0 and x1.max() <= 5


def test_make_linear_data_recovers_its_parameters():
    x, y = data.make_linear_data(n=5000, w=3.14, b=2.72, noise=1.0, seed=0)
    fit = LinearRegression().fit(x[:, None], y)
    assert fit.coef_[0] == pytest.approx(3.14, abs=0.05)
    assert fit.intercept_ == pytest.approx(2.72, abs=0.1)
    assert np.var(y - fit.predict(x[:, None])) == pytest.approx(1.0, abs=0.06)


def test_make_linear_data_without_noise_is_exactly_the_line():
    x, y = data.make_linear_data(n=10, w=-2.0, b=1.0, noise=0.0)
    np.testing.assert_allclose(y, -2.0 * x + 1.0)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"n": 0}, ValueError, "n must be at least 1"),
        ({"n": 2.5}, TypeError, "n must be a whole number"),
        ({"noise": -1.0}, ValueError, "noise is a standard deviation"),
        ({"w": "3"}, TypeError, "w must be a single real number"),
        ({"b": float("nan")}, ValueError, "b must be finite"),
    ],
)
def test_make_linear_data_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        data.make_linear_data(**kwargs)


def test_load_data_reads_a_shipped_csv():
    frame = data.load_data("breast_cancer")
    assert frame.shape == (569, 31)
    assert frame["malignant"].sum() == 212


def test_load_data_unknown_name_lists_what_exists():
    with pytest.raises(FileNotFoundError, match="available: .*breast_cancer"):
        data.load_data("no_such_data")
    with pytest.raises(TypeError, match="name must be a data set name"):
        data.load_data(None)


def test_loss_grid_layout_matches_meshgrid():
    ws, bs = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0, 8.0])
    Z = loss_grid(lambda w, b: 10 * w + b, ws, bs)
    W, B = np.meshgrid(ws, bs)
    assert Z.shape == (4, 3)
    np.testing.assert_array_equal(Z, 10 * W + B)
    with pytest.raises(TypeError, match="loss must be a function"):
        loss_grid("mse", ws, bs)
