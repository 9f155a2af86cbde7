"""helpers.mlp, helpers.generalisation, helpers.estimators and generalisation_plots (notebook 10):
cross-checked against scikit-learn and numerical gradients, and clear errors for bad input."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import KFold, cross_val_score, train_test_split, validation_curve
from sklearn.neural_network import MLPClassifier

from helpers import generalisation, generalisation_plots, mlp, multiclass
from helpers.estimators import NumpyMLPClassifier
from helpers.gradients import gradient_check


def small_problem(n=12, sizes=(5, 4, 3), seed=0):
    rng = np.random.default_rng(seed)
    params = mlp.init_params(list(sizes), scale=0.7, seed=seed)
    params = {k: v + (rng.normal(0, 0.3, v.shape) if k[0] == "b" else 0) for k, v in params.items()}
    return params, rng.normal(0, 1.5, (n, sizes[0])), rng.integers(0, sizes[-1], n)


# --- folds -------------------------------------------------------------------------------------

@pytest.mark.parametrize("n, k", [(10, 3), (7, 7), (200, 5), (101, 12), (3, 2)])
def test_folds_are_kfolds(n, k):
    ids = generalisation.fold_ids(n, k)
    assert ids.shape == (n,) and set(ids) == set(range(k))
    for (train, val), (sk_train, sk_val) in zip(generalisation.k_fold_splits(n, k), KFold(k).split(np.zeros(n))):
        np.testing.assert_array_equal(val, sk_val)
        np.testing.assert_array_equal(train, sk_train)


def test_cross_val_score_on_our_folds_is_our_loop():
    digits = load_digits()
    X, y = digits.data[:120] / 16, digits.target[:120]
    splits = generalisation.k_fold_splits(len(y), 4)
    ours = [NumpyMLPClassifier(hidden=8, epochs=5).fit(X[a], y[a]).score(X[b], y[b]) for a, b in splits]
    np.testing.assert_array_equal(ours, cross_val_score(NumpyMLPClassifier(hidden=8, epochs=5), X, y, cv=splits))


@pytest.mark.parametrize("n, k, words", [(5, 1, "between 2 and n"), (3, 4, "between 2 and n"), (0, 2, "at least 1"),
                                         (5.0, 2, "whole number")])
def test_fold_ids_refuse_bad_input(n, k, words):
    with pytest.raises((ValueError, TypeError), match=words):
        generalisation.fold_ids(n, k)


# --- the network ----------------------------------------------------------------------------

@pytest.mark.parametrize("sizes", [(5, 4, 3), (4, 6, 5, 3), (3, 2, 2, 2, 4)])
@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_gradients_match_the_numerical_gradient(sizes, activation):
    params, X, y = small_problem(sizes=sizes)
    for lam in (0.0, 0.7):
        grads = mlp.gradients(params, X, y, lam=lam, activation=activation)
        result = gradient_check(lambda p: mlp.loss(p, X, y, lam=lam, activation=activation), params, grads)
        assert result.passed, result.message


def test_one_hidden_layer_is_notebook_07s_network_with_06s_output():
    params, X, y = small_problem()
    A1 = np.maximum(X @ params["W1"] + params["b1"], 0)
    scores = A1 @ params["W2"] + params["b2"]
    np.testing.assert_allclose(mlp.forward(params, X), scores)
    assert mlp.loss(params, X, y) == pytest.approx(multiclass.cross_entropy_from_logits(y, scores))
    assert mlp.loss(params, X, y, lam=0.5) == pytest.approx(
        multiclass.cross_entropy_from_logits(y, scores) + 0.5 * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2)))


def test_forward_and_predict_agree_with_an_mlpclassifier_given_the_same_weights():
    digits = load_digits()
    X, y = digits.data[:300] / 16, digits.target[:300]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sk = MLPClassifier(hidden_layer_sizes=(16, 8), max_iter=20, random_state=0).fit(X, y)
    params = {}
    for layer, (W, b) in enumerate(zip(sk.coefs_, sk.intercepts_), start=1):
        params[f"W{layer}"], params[f"b{layer}"] = W, b
    probabilities = multiclass.softmax(mlp.forward(params, X))
    np.testing.assert_allclose(probabilities, sk.predict_proba(X), atol=1e-10)
    np.testing.assert_array_equal(mlp.predict(params, X), sk.predict(X))
    assert mlp.error_rate(params, X, y) == pytest.approx(1 - sk.score(X, y))


def test_init_scales():
    for scale, expected in (("xavier", 1 / 8), ("he", np.sqrt(2 / 64)), (0.3, 0.3)):
        W = mlp.init_params([64, 2000, 10], scale, seed=0)["W1"]
        assert W.std() == pytest.approx(expected, rel=0.02)
    assert mlp.init_params([3, 4, 2], seed=5)["b1"].tolist() == [0, 0, 0, 0]


def test_layer_statistics_show_vanishing_and_exploding():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(100, 32)), rng.integers(0, 10, 100)
    stats = {s: mlp.layer_statistics(mlp.init_params([32] + [32] * 5 + [10], s, seed=0), X, y)
             for s in (0.01, 1.0, "he")}
    assert stats[0.01]["activation_std"][-1] < 1e-4 * stats[0.01]["activation_std"][0]
    assert stats[1.0]["activation_std"][-1] > 100 * stats[1.0]["activation_std"][0]
    assert 0.3 < stats["he"]["activation_std"][-1] / stats["he"]["activation_std"][0] < 3
    assert stats[0.01]["gradient_norm"].max() < 1e-4 < 1e2 < stats[1.0]["gradient_norm"].min()
    assert stats["he"]["activation_std"].shape == (5,) and stats["he"]["gradient_norm"].shape == (6,)
    params = mlp.init_params([32] + [32] * 5 + [10], "he", seed=0)
    np.testing.assert_allclose(stats["he"]["gradient_norm"],
                               [np.linalg.norm(mlp.gradients(params, X, y)[f"W{i}"]) for i in range(1, 7)])


def test_training_with_the_gradient_of_a_learner_is_the_same_training():
    params, X, y = small_problem(n=40)

    def learners_backward(p, Xb, yb):
        return mlp.gradients(p, Xb, yb)

    a, ha = mlp.train(params, X, y, 0.1, 5, batch_size=8)
    b, hb = mlp.train(params, X, y, 0.1, 5, batch_size=8, gradient=learners_backward)
    for key in a:
        np.testing.assert_allclose(a[key], b[key])
    assert ha["train_loss"] == pytest.approx(hb["train_loss"])


def test_full_batch_training_is_gradient_descent_with_weight_decay():
    params, X, y = small_problem(n=30)
    trained, history = mlp.train(params, X, y, learning_rate=0.2, epochs=3, lam=0.05, batch_size=30)
    expected = params
    for _ in range(3):
        expected = {k: v - 0.2 * mlp.gradients(expected, X, y, lam=0.05)[k] for k, v in expected.items()}
    for key in params:
        np.testing.assert_allclose(trained[key], expected[key])
    assert history["epoch"] == [0, 1, 2, 3] and history["stopped"] is None
    assert history["train_loss"][0] == pytest.approx(mlp.loss(params, X, y))  # the data loss, without λ


@pytest.mark.parametrize("seed", [1, 2])
def test_training_matches_mlpclassifier_sgd_on_the_digits(seed):
    """The same architecture and optimizer settings as scikit-learn's, on a shuffled split: close accuracy
    (only the random starting weights differ)."""
    digits = load_digits()
    X_train, X_val, y_train, y_val = train_test_split(digits.data / 16, digits.target, test_size=0.3,
                                                      random_state=seed, stratify=digits.target)
    ours, _ = mlp.train(mlp.init_params([64, 32, 10], "he", seed=seed), X_train, y_train, 0.3, 30, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sk = MLPClassifier((32,), solver="sgd", learning_rate_init=0.3, momentum=0.0, batch_size=64, max_iter=30,
                           alpha=0.0, n_iter_no_change=30, tol=0.0, random_state=seed).fit(X_train, y_train)
    ours_accuracy, sk_accuracy = 1 - mlp.error_rate(ours, X_val, y_val), sk.score(X_val, y_val)
    assert sk_accuracy > 0.93 and abs(ours_accuracy - sk_accuracy) < 0.015, (ours_accuracy, sk_accuracy)


def test_dropout_training_and_divergence_are_reported():
    params, X, y = small_problem(n=40)
    _, history = mlp.train(params, X, y, 0.1, 3, keep=0.5, X_val=X, y_val=y)
    assert len(history["val_loss"]) == 4 and history["stopped"] is None
    big = mlp.init_params([5] + [64] * 5 + [3], 1.0, seed=0)
    _, history = mlp.train(big, X * 100, y, 10.0, 5)
    assert history["stopped"] is not None and len(history["train_loss"]) == history["stopped"] + 1
    assert not np.isfinite(history["train_loss"][-1])  # recorded, then training ended there


@pytest.mark.parametrize("call, words", [
    (lambda p, X, y: mlp.forward({"W1": p["W1"]}, X), "dict W1, b1"),
    (lambda p, X, y: mlp.forward({"W1": p["W1"], "b2": p["b1"]}, X), "must have the keys"),
    (lambda p, X, y: mlp.forward(p, X[:, :2]), "expected W1"),
    (lambda p, X, y: mlp.forward(p, X, activation="sigmoid"), "activation"),
    (lambda p, X, y: mlp.loss(p, X, y + 10), "class indices"),
    (lambda p, X, y: mlp.loss(p, X, y, lam=-1), "lam"),
    (lambda p, X, y: mlp.forward(p, np.full_like(X, np.nan)), "NaN"),
    (lambda p, X, y: mlp.init_params([5], "he"), "layer widths"),
    (lambda p, X, y: mlp.init_params([5, 3, 1], "he"), "K"),
    (lambda p, X, y: mlp.init_params([5, 3], "glorot"), "'xavier' or 'he'"),
    (lambda p, X, y: mlp.train(p, X, y, 0.1, 2, keep=0.0), "keep"),
    (lambda p, X, y: mlp.train(p, X, y, 0.1, 2, X_val=X), "both X_val and y_val"),
    (lambda p, X, y: mlp.train(p, X, y, 0.1, 2, keep=0.5, gradient=mlp.gradients), "without dropout"),
    (lambda p, X, y: mlp.train(p, X, y, 0.1, 2, gradient=lambda *a: None), "must return a dict"),
    (lambda p, X, y: mlp.train(p, X, y, 0.1, 2, gradient=lambda q, Xb, yb: {k: v.T for k, v in q.items()}),
     "shape"),
])
def test_bad_input_gets_a_clear_error(call, words):
    params, X, y = small_problem()
    with pytest.raises((ValueError, TypeError), match=words):
        call(params, X, y)


# --- weight decay, dropout, search ---------------------------------------------------------

def test_weight_decay_step_is_a_gradient_step_on_the_penalised_loss():
    params, X, y = small_problem()
    data_grads = mlp.gradients(params, X, y)
    stepped = generalisation.weight_decay_step(params, data_grads, 0.3, 0.2)
    full = mlp.gradients(params, X, y, lam=0.2)
    for key in params:
        np.testing.assert_allclose(stepped[key], params[key] - 0.3 * full[key])
    np.testing.assert_allclose(generalisation.weight_decay_step({"W1": np.ones(2)}, {"W1": np.zeros(2)}, 0.1, 0.5)["W1"],
                               [0.9, 0.9])  # the decay factor 1 − 2ηλ


@pytest.mark.parametrize("args, words", [
    (({"W1": np.ones(2)}, {"W1": np.ones(3)}, 0.1, 0.1), "shape"),
    (({"W1": np.ones(2)}, {"b1": np.ones(2)}, 0.1, 0.1), "keys"),
    (({"x": np.ones(2)}, {"x": np.ones(2)}, 0.1, 0.1), "weights W1"),
    (({"W1": np.ones(2)}, {"W1": np.ones(2)}, 0.0, 0.1), "learning_rate"),
    (({"W1": np.ones(2)}, {"W1": np.ones(2)}, 0.1, -0.1), "lam"),
])
def test_weight_decay_step_refuses_bad_input(args, words):
    with pytest.raises((ValueError, TypeError), match=words):
        generalisation.weight_decay_step(*args)


def test_inverted_dropout_keeps_the_mean_and_scales_kept_units():
    A = np.random.default_rng(0).normal(size=(400, 300))
    dropped, mask = generalisation.inverted_dropout(A, 0.8, np.random.default_rng(1))
    assert set(np.unique(mask)) == {0.0, 1.25}
    assert abs(mask.mean() - 1) < 0.01 and np.mean(mask == 0) == pytest.approx(0.2, abs=0.01)
    np.testing.assert_allclose(dropped, A * mask)
    np.testing.assert_array_equal(generalisation.inverted_dropout(A, 1.0, np.random.default_rng(1))[0], A)
    with pytest.raises(ValueError, match="keep"):
        generalisation.inverted_dropout(A, 0.0, np.random.default_rng(1))
    with pytest.raises(TypeError, match="Generator"):
        generalisation.inverted_dropout(A, 0.5, 3)


def test_log_uniform_spreads_over_powers_of_ten():
    values = generalisation.log_uniform(1e-5, 1e-1, 4000, seed=0)
    assert values.min() >= 1e-5 and values.max() <= 1e-1
    counts = np.histogram(np.log10(values), bins=4, range=(-5, -1))[0]
    assert counts.min() > 900  # about 1000 per power of ten
    np.testing.assert_array_equal(values[:5], generalisation.log_uniform(1e-5, 1e-1, 5, seed=0))
    with pytest.raises(ValueError, match="0 < low < high"):
        generalisation.log_uniform(1.0, 0.1, 3)


# --- the estimator and the plots -------------------------------------------------------------

def test_validation_curve_with_the_estimator_is_the_loop():
    digits = load_digits()
    X, y = digits.data[:200] / 16, digits.target[:200]
    split = [(np.arange(150), np.arange(150, 200))]
    train_scores, val_scores = validation_curve(NumpyMLPClassifier(epochs=4), X, y, param_name="hidden",
                                                param_range=[2, 8], cv=split)
    for i, width in enumerate([2, 8]):
        params, _ = mlp.train(mlp.init_params([64, width, 10], "he", seed=0), X[:150], y[:150], 0.1, 4)
        assert val_scores[i, 0] == pytest.approx(1 - mlp.error_rate(params, X[150:], y[150:]))
        assert train_scores[i, 0] == pytest.approx(1 - mlp.error_rate(params, X[:150], y[:150]))


def test_the_estimator_keeps_label_names():
    X = np.random.default_rng(0).normal(size=(40, 3))
    y = np.where(X[:, 0] > 0, "cat", "dog")
    model = NumpyMLPClassifier(hidden=4, epochs=30).fit(X, y)
    assert set(model.predict(X)) <= {"cat", "dog"} and model.score(X, y) > 0.8


def test_plots_draw_and_refuse_bad_input():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 6)), rng.integers(0, 3, 30)
    stats = {"he": mlp.layer_statistics(mlp.init_params([6, 5, 5, 3], "he"), X, y)}
    generalisation_plots.plot_layer_statistics(stats, title="relu")
    _, history = mlp.train(mlp.init_params([6, 5, 3]), X, y, 0.1, 3, X_val=X, y_val=y)
    plt.figure()
    ax = generalisation_plots.plot_training_curves(history, best=2)
    assert len(ax.lines) == 3
    generalisation_plots.plot_capacity_curve([1, 2, 4], [0.3, 0.2, 0.1], [0.4, 0.3, 0.3], xlabel="width")
    fig, ax = plt.subplots()
    generalisation_plots.plot_search([0.1, 0.01], [1e-3, 1e-4], [0.5, 0.7], best=0, ax=ax)
    with pytest.raises(ValueError, match="same length"):
        generalisation_plots.plot_capacity_curve([1, 2], [0.1], [0.2, 0.3])
    with pytest.raises(ValueError, match="validation"):
        generalisation_plots.plot_training_curves(mlp.train(mlp.init_params([6, 5, 3]), X, y, 0.1, 1)[1])
    with pytest.raises(ValueError, match="metric"):
        generalisation_plots.plot_training_curves(history, metric="accuracy")
