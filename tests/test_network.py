"""helpers.network: the one-hidden-layer reference net (shapes, loss, hand-derived gradients, training)."""

import numpy as np
import pytest
from sklearn.metrics import log_loss

from helpers import network
from helpers.gradients import numerical_gradient

RNG = np.random.default_rng(7)
X = RNG.normal(size=(23, 4))
Y = (RNG.random(23) < 0.4).astype(float)


def test_shapes_of_init_and_forward():
    params = network.init_params(4, 5, seed=1)
    assert {k: v.shape for k, v in params.items()} == {"W1": (4, 5), "b1": (5,), "W2": (5, 1), "b2": (1,)}
    z, hidden = network.forward(params, X)
    assert z.shape == (23,) and hidden.shape == (23, 5)
    assert np.all(np.abs(hidden) < 1)


def test_loss_matches_scikit_learn_log_loss():
    params = network.init_params(4, 5, seed=2, scale=1.0)
    assert network.loss(params, X, Y) == pytest.approx(log_loss(Y, network.predict_proba(params, X)), rel=1e-10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_centred_differences(seed):
    params = network.init_params(4, 3, seed=seed, scale=1.0)
    params["b1"] = np.random.default_rng(seed).normal(size=3)  # non-zero biases exercise every term
    analytic = network.gradients(params, X, Y)
    numeric = numerical_gradient(lambda p: network.loss(p, X, Y), params)
    for key in params:
        assert analytic[key].shape == params[key].shape
        np.testing.assert_allclose(analytic[key], numeric[key], rtol=1e-5, atol=1e-8, err_msg=key)


def test_lbfgs_training_lowers_the_loss_and_leaves_the_start_alone():
    start = network.init_params(4, 3, seed=0)
    before = {k: v.copy() for k, v in start.items()}
    trained, history = network.fit_lbfgs(start, X, Y, max_iter=200)
    assert history[-1] < 0.5 * history[0]
    assert network.loss(trained, X, Y) == pytest.approx(history[-1])
    assert all(np.array_equal(start[k], before[k]) for k in start)


@pytest.mark.parametrize("bad, message", [
    (lambda p: {k: v for k, v in p.items() if k != "b2"}, "keys W1, b1, W2, b2"),
    (lambda p: {**p, "W2": p["W2"][:, 0]}, r"params\['W2'\] has shape \(3,\), expected \(3, 1\)"),
    (lambda p: {**p, "W1": p["W1"].T}, r"params\['W1'\] has shape \(3, 4\), expected \(4, 3\)"),
])
def test_wrong_parameter_shapes_are_named(bad, message):
    with pytest.raises(ValueError, match=message):
        network.forward(bad(network.init_params(4, 3)), X)


def test_bad_data_is_named():
    params = network.init_params(4, 3)
    with pytest.raises(ValueError, match="X must be shape"):
        network.forward(params, X[0])
    with pytest.raises(ValueError, match="y must have shape"):
        network.gradients(params, X, Y[:5])
    with pytest.raises(ValueError, match="X contains NaN"):
        network.forward(params, np.where(X > 2, np.nan, X))
    with pytest.raises(ValueError, match="y must hold labels"):
        network.gradients(params, X, Y * 3)
    with pytest.raises(ValueError, match="n_hidden must be at least 1"):
        network.init_params(4, 0)


# --- notebook 07's additions: ReLU, accuracy, gradient descent; agreement with scikit-learn -----

@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # one epoch: only the shapes matter
@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_forward_matches_scikit_learns_mlp_with_the_same_weights(activation):
    from sklearn.neural_network import MLPClassifier
    params = network.init_params(4, 5, seed=3, scale=1.0)
    params["b1"] = np.linspace(-0.5, 0.5, 5)
    params["b2"] = np.array([0.3])
    mlp = MLPClassifier(hidden_layer_sizes=(5,), activation=activation, max_iter=1).fit(X, Y)  # shapes only
    mlp.coefs_ = [params["W1"], params["W2"]]
    mlp.intercepts_ = [params["b1"], params["b2"]]
    np.testing.assert_allclose(network.predict_proba(params, X, activation=activation), mlp.predict_proba(X)[:, 1])
    predicted = (mlp.predict(X) == Y).mean()
    assert network.accuracy(params, X, Y, activation=activation) == pytest.approx(predicted)


def test_relu_gradients_match_centred_differences():
    params = network.init_params(4, 6, seed=4, scale=1.0)
    params["b1"] = np.random.default_rng(4).normal(size=6)
    analytic = network.gradients(params, X, Y, activation="relu")
    numeric = numerical_gradient(lambda p: network.loss(p, X, Y, activation="relu"), params)
    for key in params:
        np.testing.assert_allclose(analytic[key], numeric[key], rtol=1e-5, atol=1e-8, err_msg=key)


def test_descend_is_repeated_gradient_steps_and_leaves_the_start_alone():
    start = network.init_params(4, 3, seed=5)
    before = {k: v.copy() for k, v in start.items()}
    expected = start
    for _ in range(7):
        grads = network.gradients(expected, X, Y)
        expected = {k: expected[k] - 0.5 * grads[k] for k in expected}
    result = network.descend(start, X, Y, learning_rate=0.5, steps=7)
    for key in start:
        np.testing.assert_allclose(result[key], expected[key], rtol=1e-12)
        np.testing.assert_array_equal(start[key], before[key])
    assert network.loss(result, X, Y) < network.loss(start, X, Y)


def test_descend_names_a_diverging_learning_rate_and_bad_options():
    with pytest.raises(FloatingPointError, match="learning rate 1e\\+308 is too large"):
        network.descend(network.init_params(4, 8, seed=0, scale=1.0), X, Y, learning_rate=1e308, steps=5)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        network.descend(network.init_params(4, 3), X, Y, learning_rate=0.0, steps=5)
    with pytest.raises(ValueError, match="activation must be one of"):
        network.forward(network.init_params(4, 3), X, activation="sigmoid")
    with pytest.raises(ValueError, match="y must have shape"):
        network.accuracy(network.init_params(4, 3), X, Y[:3])
