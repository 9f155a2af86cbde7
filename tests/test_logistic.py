"""Logistic regression helpers (notebooks 04 and 05): data, model, gradients, losses, standardising."""

import warnings

import numpy as np
import pytest
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler

from helpers import data, losses, models
from helpers.gradients import gradient_check
from helpers.optimizers import gradient_descent


@pytest.fixture
def no_warnings():
    """Any warning inside the block fails the test, and NumPy raises on overflow, divide and invalid."""
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        yield


# --- data ----------------------------------------------------------------------------

def test_make_logistic_data_is_seeded_shaped_and_binary():
    x1, y1 = data.make_logistic_data(n=60, seed=3)
    x2, y2 = data.make_logistic_data(n=60, seed=3)
    assert x1.shape == y1.shape == (60,)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(x1, data.make_logistic_data(n=60, seed=4)[0])
    assert set(np.unique(y1)) <= {0.0, 1.0} and x1.min() >= 0 and x1.max() <= 5


def test_make_logistic_data_without_noise_is_the_rounded_curve():
    x, y = data.make_logistic_data(n=500, w=-2.0, b=5.0, noise=0.0)
    np.testing.assert_array_equal(y, (x <= 2.5).astype(float))


def test_make_logistic_data_default_gives_the_course_numbers():
    x, y = data.make_logistic_data()
    fit = LogisticRegression(C=np.inf, tol=1e-10).fit(x[:, None], y)
    assert len(y) == 200 and y.sum() == 92
    assert fit.coef_[0, 0] == pytest.approx(-2.1985, abs=1e-3)   # the signs of w = -2, b = 5 ...
    assert fit.intercept_[0] == pytest.approx(5.6268, abs=1e-3)  # ... but not the values: noise and rounding


@pytest.mark.parametrize("kwargs, error, words", [
    ({"noise": -0.1}, ValueError, "noise is a standard deviation"),
    ({"n": 0}, ValueError, "n must be at least 1"),
    ({"w": "2"}, TypeError, "w must be a single real number"),
    ({"b": np.inf}, ValueError, "b must be finite"),
])
def test_make_logistic_data_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        data.make_logistic_data(**kwargs)


def test_standardize_matches_scikit_learn():
    X = data.load_data("breast_cancer")[["mean_radius", "mean_texture", "mean_area"]].to_numpy()
    ours = data.standardize(X)
    np.testing.assert_allclose(ours, StandardScaler().fit_transform(X), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(ours.std(axis=0), 1.0, rtol=1e-12)


def test_standardize_bad_input():
    with pytest.raises(ValueError, match="X has constant columns \\[1\\]"):
        data.standardize(np.array([[1.0, 5.0], [2.0, 5.0]]))
    with pytest.raises(ValueError, match=r"X must be shape \(n, k\)"):
        data.standardize(np.array([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match="X contains NaN"):
        data.standardize(np.array([[1.0, np.nan], [2.0, 3.0]]))


# --- model ---------------------------------------------------------------------------

def test_logistic_matches_expit_in_both_shapes(no_warnings):
    x = np.array([-600.0, -3.0, 0.0, 2.0, 600.0])
    np.testing.assert_allclose(models.logistic(x, 2.0, -1.0), expit(2.0 * x - 1.0), rtol=1e-15)
    X = np.array([[1.0, 2.0], [-3.0, 0.5], [400.0, 10.0]])
    w = np.array([0.5, -2.0])
    np.testing.assert_allclose(models.logistic_logits(X, w, 1.0), X @ w + 1.0)
    np.testing.assert_allclose(models.logistic(X, w, 1.0), expit(X @ w + 1.0), rtol=1e-15)


def test_logistic_logits_rows_and_columns_layouts_agree():
    patients = np.array([[45.0, 130.0, 80.0], [62.0, 150.0, 95.0], [33.0, 115.0, 60.0], [70.0, 165.0, 72.0]])
    w = np.array([0.05, 0.03, 0.01])
    rows = models.logistic_logits(patients, w, -9.0)
    np.testing.assert_allclose(rows, w @ patients.T - 9.0)
    np.testing.assert_allclose(rows, [-2.05, -0.45, -3.3, 0.17], atol=1e-12)


@pytest.mark.parametrize("x, w, error, words", [
    (np.ones((4, 2)), 1.0, ValueError, r"w must be shape \(n,\)"),
    (np.ones((4, 2)), np.ones(3), ValueError, r"x has shape \(4, 2\) \(m, n_features\), so w must be shape \(2,\)"),
    (np.ones(4), np.ones(2), TypeError, "w must be a single real number"),
    (np.ones((2, 2, 2)), np.ones(2), ValueError, r"x must be shape \(m,\) or \(m, n_features\)"),
    ("x", 1.0, TypeError, "x must be a NumPy array"),
])
def test_logistic_bad_input_names_the_argument(x, w, error, words):
    with pytest.raises(error, match=words):
        models.logistic_logits(x, w, 0.0)


def test_logistic_gradients_pass_the_numerical_check():
    x, y = data.make_logistic_data(n=50, seed=2)
    for w, b in [(0.3, -0.2), (-2.0, 5.0), (4.0, -12.0)]:
        analytic = models.logistic_gradients(x, y, w, b)
        assert set(analytic) == {"w", "b"} and all(type(v) is float for v in analytic.values())
        loss = lambda p: losses.binary_cross_entropy_from_logits(y, p["w"] * x + p["b"])  # noqa: E731
        assert gradient_check(loss, {"w": w, "b": b}, analytic).passed
    X = data.standardize(data.load_data("breast_cancer")[["mean_radius", "mean_texture"]].to_numpy())
    y = data.load_data("breast_cancer")["malignant"].to_numpy(float)
    analytic = models.logistic_gradients(X, y, np.array([1.0, -0.5]), 0.2)
    assert analytic["w"].shape == (2,) and type(analytic["b"]) is float
    loss = lambda p: losses.binary_cross_entropy_from_logits(y, X @ p["w"] + p["b"])  # noqa: E731
    assert gradient_check(loss, {"w": np.array([1.0, -0.5]), "b": 0.2}, analytic).passed


def test_logistic_gradients_bad_labels():
    with pytest.raises(ValueError, match=r"y must be shape \(3,\), one label per sample of x, got \(2,\)"):
        models.logistic_gradients(np.ones(3), np.ones(2), 1.0, 0.0)
    with pytest.raises(ValueError, match=r"y must be shape \(n,\)"):
        models.logistic_gradients(np.ones(3), np.ones((3, 1)), 1.0, 0.0)


def test_gradient_descent_reaches_scikit_learns_unregularised_fit_one_feature():
    x, y = data.make_logistic_data()
    final, history = gradient_descent(lambda p: models.logistic_gradients(x, y, p["w"], p["b"]),
                                      {"w": 0.0, "b": 0.0}, 0.5, 10_000,
                                      loss=lambda p: losses.binary_cross_entropy_from_logits(y, p["w"] * x + p["b"]))
    fit = LogisticRegression(C=np.inf, tol=1e-10).fit(x[:, None], y)
    assert final["w"] == pytest.approx(fit.coef_[0, 0], abs=1e-6)
    assert final["b"] == pytest.approx(fit.intercept_[0], abs=1e-6)
    assert history[-1] == pytest.approx(log_loss(y, fit.predict_proba(x[:, None])[:, 1]), rel=1e-9)
    assert final["w"] < 0 < final["b"]  # the signs of the true w = -2, b = 5


def test_gradient_descent_reaches_scikit_learns_fit_on_two_standardised_features():
    frame = data.load_data("breast_cancer")
    X = data.standardize(frame[["mean_radius", "mean_texture"]].to_numpy())
    y = frame["malignant"].to_numpy(float)
    final, _ = gradient_descent(lambda p: models.logistic_gradients(X, y, p["w"], p["b"]),
                                {"w": np.zeros(2), "b": 0.0}, 2.0, 2000)
    fit = LogisticRegression(C=np.inf, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(final["w"], fit.coef_[0], atol=1e-6)
    assert final["b"] == pytest.approx(fit.intercept_[0], abs=1e-6)


def test_raw_breast_cancer_features_give_the_huge_intercept_of_notebook_05():
    frame = data.load_data("breast_cancer")
    fit = LogisticRegression(C=np.inf, tol=1e-10).fit(frame[["mean_radius", "mean_texture"]].to_numpy(),
                                                      frame["malignant"])
    assert fit.intercept_[0] == pytest.approx(-19.85, abs=0.01)
    assert models.sigmoid(fit.intercept_)[0] == pytest.approx(2.4e-9, rel=0.05)


# --- losses --------------------------------------------------------------------------

def test_bce_agrees_with_scikit_learn_log_loss():
    rng = np.random.default_rng(7)
    for n in (1, 2, 50, 1000):
        y = (rng.uniform(size=n) < 0.4).astype(float)
        p = rng.uniform(1e-6, 1 - 1e-6, size=n)
        assert losses.binary_cross_entropy(y, p) == pytest.approx(log_loss(y, p, labels=[0, 1]), rel=1e-12)


def test_bce_equals_the_logit_version_away_from_saturation():
    rng = np.random.default_rng(8)
    z, y = rng.normal(scale=5, size=300), (rng.uniform(size=300) < 0.5).astype(float)
    assert losses.binary_cross_entropy(y, expit(z)) == pytest.approx(losses.binary_cross_entropy_from_logits(y, z),
                                                                     rel=1e-9)


def test_bce_clipping_keeps_zero_and_one_finite_and_caps_the_loss(no_warnings):
    assert losses.binary_cross_entropy(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == pytest.approx(0.0, abs=1e-11)
    assert losses.binary_cross_entropy(np.array([1.0]), np.array([0.0])) == pytest.approx(-np.log(1e-12))
    assert losses.binary_cross_entropy(np.array([1.0]), np.array([0.0]), eps=1e-6) == pytest.approx(-np.log(1e-6))


def test_bce_from_logits_is_exact_where_clipping_under_reports(no_warnings):
    y, z = np.array([1.0]), np.array([-1000.0])
    assert losses.binary_cross_entropy_from_logits(y, z) == pytest.approx(1000.0)
    assert losses.binary_cross_entropy(y, models.sigmoid(z)) == pytest.approx(27.631, abs=1e-3)


@pytest.mark.parametrize("y, y_hat, kwargs, error, words", [
    (np.ones(3), np.ones(2), {}, ValueError, "y and y_hat must have the same shape"),
    (np.array([2.0]), np.array([0.5]), {}, ValueError, "y must hold labels between 0 and 1"),
    (np.array([1.0]), np.array([3.0]), {}, ValueError, "pass σ\\(z\\), not the logits z"),
    (np.array([1.0]), np.array([0.5]), {"eps": 0.0}, ValueError, "eps must be between 0 and 0.5"),
    (np.array([1.0]), np.array([0.5]), {"eps": "1e-6"}, TypeError, "eps must be a single real number"),
    (np.array([1.0]), np.array([np.nan]), {}, ValueError, "y_hat contains NaN"),
    (None, np.array([0.5]), {}, TypeError, "y must be a NumPy array"),
])
def test_bce_bad_input_names_the_argument(y, y_hat, kwargs, error, words):
    with pytest.raises(error, match=words):
        losses.binary_cross_entropy(y, y_hat, **kwargs)
