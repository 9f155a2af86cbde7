"""Pictures of notebook 07: confusion matrix, decision boundary, live loss curve, summary figure."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from helpers import network, network_plots
from helpers.playground import make_shape


def test_confusion_matrix_counts_match_scikit_learn():
    rng = np.random.default_rng(0)
    y_true, y_pred = (rng.random(57) < 0.4).astype(float), (rng.random(57) < 0.5).astype(float)
    _, ax = plt.subplots()
    counts = network_plots.plot_confusion_matrix(y_true, y_pred, ("benign", "malignant"), ax=ax, title="t")
    np.testing.assert_array_equal(counts, confusion_matrix(y_true, y_pred))
    assert [t.get_text() for t in ax.texts] == [str(c) for c in counts.ravel()]


def test_confusion_matrix_refuses_bad_labels():
    with pytest.raises(ValueError, match="y_pred must hold class labels 0 or 1"):
        network_plots.plot_confusion_matrix(np.array([0.0, 1.0]), np.array([0.2, 1.0]))
    with pytest.raises(ValueError, match="same shape"):
        network_plots.plot_confusion_matrix(np.array([0.0, 1.0]), np.array([1.0]))


def test_decision_boundary_calls_the_model_once_on_the_grid():
    X, y = make_shape("moons", n=40)
    calls = []

    def predict(P):
        calls.append(P.shape)
        return network.predict_proba(network.init_params(2, 3, seed=0, scale=1.0), P)

    fig, ax = plt.subplots()
    assert network_plots.plot_decision_boundary(predict, X, y, ax=ax, resolution=30, title="x") is ax
    assert calls == [(900, 2)]
    with pytest.raises(ValueError, match="X must have shape"):
        network_plots.plot_decision_boundary(predict, np.ones((4, 3)), np.zeros(4))
    with pytest.raises(TypeError, match="predict_proba must be a function"):
        network_plots.plot_decision_boundary(None, X, y)


def test_live_loss_plot_updates_its_curves_and_display(monkeypatch):
    shown = []

    class Handle:
        def update(self, obj):
            shown.append(obj.data)

    monkeypatch.setattr(network_plots, "display", lambda obj, display_id: shown.append(obj.data) or Handle())
    live = network_plots.LiveLossPlot(total_steps=100)
    live.update([0, 50], [0.7, 0.3], [0.7, 0.4])
    assert len(shown) == 2 and shown[0] != shown[1] and shown[1][:4] == b"\x89PNG"
    assert live._train.get_data()[1] == [0.7, 0.3] and "step 50 of 100" in live.ax.get_title()


def test_summary_figure_has_three_columns_of_three_panels():
    fig = network_plots.plot_summary()
    assert len(fig.axes) == 9
    titles = [ax.get_title() for ax in fig.axes[:3]]
    assert titles == ["linear regression (01–02)", "logistic regression (04–05)", "a feed-forward network (07)"]
