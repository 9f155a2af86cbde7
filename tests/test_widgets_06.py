"""The softmax explorer of notebook 06: blitted updates, the two losses, the learner's functions, bad input."""

import io

import numpy as np
import pytest
from PIL import Image
from scipy.special import softmax as scipy_softmax

from helpers import multiclass
from helpers.widgets import SoftmaxExplorer, softmax_explorer


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def test_the_cat_example_is_shown_at_the_start():
    explorer = softmax_explorer()
    assert "hinge = 2.9000" in explorer.readout.value
    ce = multiclass.cross_entropy_from_logits(np.array([0]), np.array([[3.2, 5.1, -1.7]]))
    assert f"cross-entropy = {ce:.4f}" in explorer.readout.value
    probs = scipy_softmax([3.2, 5.1, -1.7])
    np.testing.assert_allclose([bar.get_height() for bar in explorer._prob_bars], probs)


def test_update_moves_bars_margin_and_losses_and_keeps_the_image_size():
    explorer = SoftmaxExplorer()
    first = explorer.canvas.layer_png
    ce, hinge = explorer.update([1.0, -2.0, 0.5], 2.0, 2)
    scores = np.array([[1.0, -2.0, 0.5]])
    assert ce == pytest.approx(multiclass.cross_entropy_from_logits(np.array([2]), scores / 2.0))
    assert hinge == pytest.approx(multiclass.hinge_loss(np.array([2]), scores))  # no temperature in the hinge
    np.testing.assert_allclose([b.get_height() for b in explorer._prob_bars], scipy_softmax(scores[0] / 2.0))
    assert [b.get_height() for b in explorer._score_bars] == [1.0, -2.0, 0.5]
    assert list(explorer._margin.get_ydata()) == [-0.5, -0.5]  # s_true − Δ
    assert explorer._loss_bars[0].get_width() == pytest.approx(ce)
    assert explorer.canvas.layer_png != first and png_size(explorer.canvas.layer_png) == png_size(first)


def test_large_losses_are_capped_in_the_bars_but_written_in_full():
    explorer = SoftmaxExplorer()
    ce, hinge = explorer.update([-10.0, 10.0, 0.0], 0.1, 0)
    assert ce == pytest.approx(200.0, rel=1e-6) and hinge == pytest.approx(32.0)
    assert explorer._loss_bars[0].get_width() == 10.0 and explorer._loss_texts[0].get_text() == "200.00 ▶"


def test_temperature_flattens_and_sharpens_and_leaves_the_hinge_alone():
    explorer = SoftmaxExplorer()
    _, hinge_cold = explorer.update([3.2, 5.1, -1.7], 0.1, 0)
    cold = [b.get_height() for b in explorer._prob_bars]
    _, hinge_hot = explorer.update([3.2, 5.1, -1.7], 10.0, 0)
    hot = [b.get_height() for b in explorer._prob_bars]
    assert max(cold) > 0.99 and max(hot) < 0.45 and hinge_cold == hinge_hot == pytest.approx(2.9)


def test_controls_drive_the_update():
    explorer = SoftmaxExplorer()
    explorer.true_class.value = 1
    assert "true class car" in explorer.readout.value and "hinge = 0.0000" in explorer.readout.value
    explorer.score_sliders[2].value = 5.0
    assert "hinge = 0.9000" in explorer.readout.value  # frog 5.0 vs car 5.1: 5.0 − 5.1 + 1
    explorer.temperature_slider.value = 10.0
    assert "T = 10.00" in explorer.readout.value


def test_the_learners_functions_are_used():
    calls = []

    def my_softmax(s):
        calls.append("softmax")
        return scipy_softmax(s, axis=1)

    def my_ce(y, s):
        calls.append("ce")
        return multiclass.cross_entropy_from_logits(y, s)

    def my_hinge(y, s, delta=1.0):
        calls.append("hinge")
        return multiclass.hinge_loss(y, s, delta)

    explorer = softmax_explorer(softmax=my_softmax, cross_entropy=my_ce, hinge=my_hinge)
    calls.clear()
    explorer.update([0.0, 1.0, 2.0], 1.0, 1)
    assert sorted(calls) == ["ce", "hinge", "softmax"]


def test_the_hinge_value_uses_the_margin_drawn():
    """SoftmaxExplorer(delta=2): the hinge loss shown is the one for Δ = 2, not the default Δ = 1."""
    explorer = SoftmaxExplorer(delta=2.0)
    ce, hinge = explorer.update([3.2, 5.1, -1.7], 1.0, 0)
    assert hinge == pytest.approx(multiclass.hinge_loss(np.array([0]), np.array([[3.2, 5.1, -1.7]]), 2.0))
    assert hinge == pytest.approx(3.9) and "hinge = 3.9000" in explorer.readout.value


def test_update_blits(full_draws):
    explorer = SoftmaxExplorer()
    explorer.update([0.0, 0.0, 0.0], 1.0, 0)  # warm-up
    full_draws.clear()
    pictures = set()
    for i in range(12):
        explorer.update([0.1 * i, -0.2 * i, 1.0], 0.5 + 0.1 * i, i % 3)
        pictures.add(explorer.canvas.layer_png)
    assert full_draws == [], "a slider event redrew the whole figure instead of blitting"
    assert len(pictures) > 10, "the picture did not follow the sliders"


def test_bad_input():
    with pytest.raises(ValueError, match="scores must be three numbers"):
        SoftmaxExplorer(scores=(1.0, 2.0))
    with pytest.raises(ValueError, match="true_class must be 0, 1 or 2"):
        SoftmaxExplorer(true_class=3)
    with pytest.raises(TypeError, match="softmax must be a function"):
        SoftmaxExplorer(softmax="softmax")
    with pytest.raises(ValueError, match="classes must be three class names"):
        SoftmaxExplorer(classes=("a", "b"))
    explorer = SoftmaxExplorer()
    with pytest.raises(ValueError, match="temperature must be > 0"):
        explorer.update([1.0, 2.0, 3.0], 0.0, 0)
    with pytest.raises(ValueError, match="scores contains NaN"):
        explorer.update([1.0, np.nan, 3.0], 1.0, 0)
