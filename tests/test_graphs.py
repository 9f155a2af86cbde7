"""Computation graphs (helpers.graphs) and the backprop references of notebook 03 (helpers.backprop)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.optimize import approx_fprime
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from helpers import backprop, graphs, models
from helpers.gradients import gradient_check, numerical_gradient

# --- the worked example J = (2a + b)·c ---------------------------------------------------


def test_worked_example_forward_and_backward_numbers():
    assert backprop.example_forward(3, 4, 5) == {"u": 6.0, "v": 10.0, "J": 50.0}
    assert backprop.example_backward(3, 4, 5) == {"dJ/dv": 5.0, "dJ/du": 5.0, "dJ/dc": 10.0, "dJ/db": 5.0,
                                                  "dJ/da": 10.0}
    assert tuple(backprop.example_backward(3, 4, 5)) == backprop.BACKWARD_KEYS


@pytest.mark.parametrize("point", [(3.0, 4.0, 5.0), (-1.0, 2.0, 0.5), (0.25, -7.0, -3.0)])
def test_backward_agrees_with_the_numerical_gradient(point):
    def J(p):
        return backprop.example_forward(p["a"], p["b"], p["c"])["J"]

    grads = backprop.example_backward(*point)
    analytic = {"a": grads["dJ/da"], "b": grads["dJ/db"], "c": grads["dJ/dc"]}
    assert gradient_check(J, dict(zip("abc", point)), analytic).passed


def test_example_bad_input():
    with pytest.raises(TypeError, match="b must be a single real number"):
        backprop.example_forward(3.0, "4", 5.0)
    with pytest.raises(ValueError, match="c must be finite"):
        backprop.example_backward(3.0, 4.0, np.inf)


# --- logistic regression on one sample ----------------------------------------------------

SAMPLE = (np.array([0.5, 3.0, -2.0]), {"w": np.array([1.0, -0.5, 0.25]), "b": 0.3})


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_logistic_forward_agrees_with_scikit_learn_log_loss(y):
    x, params = SAMPLE
    out = backprop.logistic_forward(x, y, params)
    assert out["z"] == pytest.approx(-1.2)
    assert out["y_hat"] == pytest.approx(1 / (1 + np.exp(1.2)))
    assert out["J"] == pytest.approx(log_loss([y], [out["y_hat"]], labels=[0, 1]))


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_logistic_gradient_is_y_hat_minus_y_times_x_and_passes_the_numerical_check(y):
    x, params = SAMPLE
    grad = backprop.logistic_gradient(x, y, params)
    y_hat = backprop.logistic_forward(x, y, params)["y_hat"]
    np.testing.assert_allclose(grad["w"], (y_hat - y) * x)
    assert grad["b"] == pytest.approx(y_hat - y) and isinstance(grad["b"], float)
    assert grad["w"].shape == params["w"].shape

    def loss(p):
        return backprop.logistic_forward(x, y, p)["J"]

    assert gradient_check(loss, params, grad).passed


def test_chain_rule_links_multiply_to_y_hat_minus_y():
    y, y_hat = 1.0, 0.3
    dJ_dyhat = (1 - y) / (1 - y_hat) - y / y_hat
    numeric = numerical_gradient(lambda p: -(y * np.log(p["p"]) + (1 - y) * np.log(1 - p["p"])), {"p": y_hat})
    assert dJ_dyhat == pytest.approx(numeric["p"], rel=1e-6)
    z = np.log(y_hat / (1 - y_hat))  # σ(z) = 0.3
    dyhat_dz = approx_fprime([z], lambda v: models.sigmoid(np.array(v))[0], 1e-7)[0]
    assert dyhat_dz == pytest.approx(y_hat * (1 - y_hat), rel=1e-5)
    assert dJ_dyhat * y_hat * (1 - y_hat) == pytest.approx(y_hat - y)


def test_mean_of_sample_gradients_is_zero_at_scikit_learns_unpenalised_fit():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(200, 2))
    Y = (X @ np.array([1.5, -2.0]) + 0.5 + rng.logistic(size=200) > 0).astype(float)
    fit = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, Y)
    params = {"w": fit.coef_[0], "b": float(fit.intercept_[0])}
    grads = [backprop.logistic_gradient(X[i], Y[i], params) for i in range(len(Y))]
    assert np.abs(np.mean([g["w"] for g in grads], axis=0)).max() < 1e-5
    assert abs(np.mean([g["b"] for g in grads])) < 1e-5


def test_logistic_is_stable_for_huge_logits():
    x = np.array([1000.0])
    grad = backprop.logistic_gradient(x, 0.0, {"w": np.array([1.0]), "b": 0.0})  # σ(1000) = 1
    assert grad["b"] == 1.0 and np.isfinite(backprop.logistic_forward(x, 0.0, {"w": np.array([1.0]), "b": 0.0})["J"])


@pytest.mark.parametrize(
    "x, y, params, error, words",
    [
        (np.ones(3), 1.0, {"w": np.ones(2), "b": 0.0}, ValueError, r"params\['w'\] has shape \(2,\) but x has \(3,\)"),
        (np.ones(3), 2.0, {"w": np.ones(3), "b": 0.0}, ValueError, "y must be a label between 0 and 1"),
        (np.ones(3), 1.0, {"w": np.ones(3)}, ValueError, r"params must be a dict with keys \['b', 'w'\]"),
        (np.ones((3, 1)), 1.0, {"w": np.ones(3), "b": 0.0}, ValueError, r"x must be shape \(n,\)"),
        (np.ones(3), 1.0, {"w": np.ones(3), "b": np.nan}, ValueError, r"params\['b'\] must be finite"),
    ],
)
def test_logistic_bad_input(x, y, params, error, words):
    with pytest.raises(error, match=words):
        backprop.logistic_gradient(x, y, params)


# --- drawing --------------------------------------------------------------------------


def test_draw_graph_shows_values_and_gradients_where_given():
    fig, (left, right) = plt.subplots(1, 2)
    texts = graphs.draw_graph(graphs.example_graph(), values={"a": 3.0, "J": 50.0}, gradients={"a": 10.0}, ax=right)
    assert not left.texts and texts["node:u"].get_text() == "u = 2a" and texts["node:J"].get_text() == "J = v·c"
    assert texts["value:a"].get_text() == "3" and texts["value:J"].get_text() == "50"
    assert texts["gradient:a"].get_text() == "∂J/∂a = 10"
    assert "value:u" not in texts and "gradient:J" not in texts
    arrows = [t for t in right.texts if t.get_text() == "" and t.arrow_patch is not None]
    assert len(arrows) == len(graphs.example_graph().edges) == 5
    fig.canvas.draw()  # arrows attached to the boxes render without error


def test_draw_graph_formats_arrays_and_the_y_hat_symbol():
    fig, ax = plt.subplots()
    texts = graphs.draw_graph(graphs.logistic_graph(), values={"w": np.array([1.0, -0.5])},
                              gradients={"y_hat": -4.32012}, ax=ax)
    assert texts["value:w"].get_text() == "[1, -0.5]" and texts["gradient:y_hat"].get_text() == "∂J/∂ŷ = -4.32"
    assert ax is plt.gca() and not ax.axison


def test_draw_graph_falls_back_to_current_axes():
    fig, ax = plt.subplots()
    texts = graphs.draw_graph(graphs.example_graph())
    assert texts["node:a"].axes is ax


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"values": {"q": 1.0}}, ValueError, r"values has nodes \['q'\] that are not in the graph"),
        ({"gradients": [1.0]}, TypeError, "gradients must be a dict"),
        ({"values": {"a": "3"}}, TypeError, "values and gradients must be numbers or arrays"),
        ({"graph": "J = (2a + b)c"}, TypeError, "graph must be a ComputationGraph"),
    ],
)
def test_draw_graph_bad_input(kwargs, error, words):
    args = {"graph": graphs.example_graph()}
    args.update(kwargs)
    fig, ax = plt.subplots()
    with pytest.raises(error, match=words):
        graphs.draw_graph(ax=ax, **args)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"labels": {"a": "a"}}, "labels has nodes"),
        ({"edges": (("a", "z"),)}, "must join two known nodes"),
        ({"output": "K"}, "output 'K' is not a node"),
        ({"positions": {}, "labels": {}}, "at least one node"),
    ],
)
def test_computation_graph_refuses_inconsistent_definitions(kwargs, words):
    spec = {"positions": {"a": (0.0, 0.0), "J": (1.0, 0.0)}, "labels": {"a": "a", "J": "J"},
            "edges": (("a", "J"),)}
    spec.update(kwargs)
    with pytest.raises(ValueError, match=words):
        graphs.ComputationGraph(**spec)
