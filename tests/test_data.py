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


# --- issue 8, item 5: constant columns judged relative to their size, any scale ---

from sklearn.preprocessing import StandardScaler  # noqa: E402

from helpers.data import make_linear_data, make_logistic_data, standardize  # noqa: E402


def test_a_constant_column_with_rounding_noise_is_refused():
    X = np.column_stack([np.full(7, 0.1), np.arange(7.0)])
    assert 0 < np.std(X[:, 0]) < 1e-15  # rounding makes the spread tiny but not 0
    with pytest.raises(ValueError, match=r"X has constant columns \[0\]"):
        standardize(X)
    with pytest.raises(ValueError, match=r"constant columns \[1\]"):
        standardize(np.column_stack([np.arange(3.0), np.zeros(3)]))


@pytest.mark.parametrize("scale", [1e-170, 1e-30, 1.0, 1e30, 1e155, 1e300])
def test_columns_of_any_scale_are_standardised(scale):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 3)) * np.array([1.0, 3.0, 0.2])
    Z = standardize(X * scale)
    np.testing.assert_allclose(Z, StandardScaler().fit_transform(X), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)


def test_a_column_far_from_zero_with_a_real_spread_is_kept():
    X = np.column_stack([1e6 + np.array([0.0, 1.0, 2.0, 4.0]), [1.0, -2.0, 0.5, 3.0]])
    np.testing.assert_allclose(standardize(X), StandardScaler().fit_transform(X), rtol=1e-8)


@pytest.mark.parametrize("maker", [make_linear_data, make_logistic_data])
@pytest.mark.parametrize("seed, error, words", [
    (-1, ValueError, "seed must be ≥ 0"), (1.5, TypeError, "seed must be a whole number"),
    ("0", TypeError, "seed must be a whole number"), (None, TypeError, "seed must be a whole number"),
    (True, TypeError, "seed must be a whole number"),
])
def test_seeds_are_validated(maker, seed, error, words):
    with pytest.raises(error, match=words):
        maker(n=5, seed=seed)
