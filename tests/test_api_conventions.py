"""The helpers' conventions (helpers/__init__.py): argument order, mean vs per-sample, what trainers return."""

import inspect

import numpy as np
import pytest

from helpers import losses, mlp, multiclass, network, optimizers, regression_losses

RNG = np.random.default_rng(0)
X = RNG.normal(size=(30, 3))
Y = (X[:, 0] - X[:, 1] > 0).astype(float)


@pytest.mark.parametrize("fn", [network.loss, network.gradients, mlp.loss, mlp.gradients])
def test_functions_of_the_parameters_take_params_first(fn):
    assert list(inspect.signature(fn).parameters)[:3] == ["params", "X", "y"]


@pytest.mark.parametrize("fn", [losses.mse, losses.binary_cross_entropy, losses.binary_cross_entropy_from_logits,
                                multiclass.hinge_loss, multiclass.cross_entropy_from_logits,
                                regression_losses.mae, regression_losses.huber])
def test_functions_of_labels_and_predictions_take_the_labels_first(fn):
    assert list(inspect.signature(fn).parameters)[0] == "y"


def test_huber_per_residual_and_its_older_name_are_one_function_and_huber_is_its_mean():
    assert regression_losses.huber_loss is regression_losses.huber_per_residual
    assert regression_losses.cauchy_loss is regression_losses.cauchy_per_residual
    y, y_hat = np.array([0.0, 1.0, 5.0]), np.array([0.5, 1.0, 1.0])
    each = regression_losses.huber_per_residual(y_hat - y, 1.0)
    np.testing.assert_allclose(each, [0.125, 0.0, 3.5])           # ½·0.5², 0, 1·(4 − ½)
    assert regression_losses.huber(y, y_hat, 1.0) == pytest.approx(np.mean(each))
    assert regression_losses.cauchy_per_residual(y_hat - y, 1.0).shape == (3,)
    assert isinstance(multiclass.hinge_loss(np.array([0, 1]), np.eye(2)), float)   # a mean, one float


def test_network_train_is_descend_with_the_history_of_gradient_descent():
    start = network.init_params(3, 4, seed=1)
    params, history = network.train(start, X, Y, learning_rate=0.5, steps=6)
    moved = network.descend(start, X, Y, learning_rate=0.5, steps=6)
    for key in start:
        np.testing.assert_array_equal(params[key], moved[key])
    reference, reference_history = optimizers.gradient_descent(
        lambda p: network.gradients(p, X, Y), start, learning_rate=0.5, steps=6, loss=lambda p: network.loss(p, X, Y))
    assert len(history) == 7
    np.testing.assert_allclose(history, reference_history, rtol=1e-12)
    for key in start:
        np.testing.assert_allclose(params[key], reference[key], rtol=1e-12)
    assert history[0] == pytest.approx(network.loss(start, X, Y)) and history[-1] < history[0]


def test_network_train_refuses_bad_input_like_descend():
    start = network.init_params(3, 4)
    with pytest.raises(ValueError, match="learning_rate"):
        network.train(start, X, Y, learning_rate=-1.0, steps=3)
    with pytest.raises(FloatingPointError, match="too large"):
        network.train(network.init_params(3, 8, scale=1.0), X, Y, learning_rate=1e308, steps=5)
