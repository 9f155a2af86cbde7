"""The learning-rate explorer of notebook 02 (helpers.widgets.LearningRateExplorer)."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers import calculus
from helpers.optimizers import VERDICTS, gradient_descent_1d
from helpers.widgets import DESCENT_VERDICTS, LearningRateExplorer, learning_rate_explorer


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


@pytest.fixture(scope="module")
def explorer():
    return learning_rate_explorer()


@pytest.mark.parametrize(
    "eta, verdict",
    [(0.01, "too small"), (0.1, "good"), (0.8, "zigzag, converged"), (0.95, "zigzag, not there yet"),
     (1.0, "bouncing"), (1.05, "diverging")],
)
def test_update_gives_the_final_w_and_the_verdict(explorer, eta, verdict):
    result = explorer.update(eta, 50)
    expected = gradient_descent_1d(calculus.parabola_derivative, 3 * np.pi, eta, 50)
    np.testing.assert_array_equal(result["path"], expected)
    assert result["w"] == expected[-1] and result["verdict"] == verdict
    assert f"<b>{verdict}</b>" in explorer.readout.value and f"η = {eta:.3g}, 50 steps" in explorer.readout.value
    assert f"w = {expected[-1]:.6g}" in explorer.readout.value


def test_one_vocabulary_for_verdicts_presets_and_readout():
    """The readout headline is the verdict of classify_descent; each preset names the regime it shows."""
    assert set(DESCENT_VERDICTS) == set(VERDICTS)
    explorer = LearningRateExplorer()
    for button, (name, eta) in zip(explorer.buttons, LearningRateExplorer.PRESETS):
        button.click()
        assert explorer.learning_rate_slider.value == eta
        assert explorer.readout.value.split("<b>")[2].startswith(name), (name, explorer.readout.value)


def test_the_steps_slider_reaches_convergence_for_the_smallest_preset():
    """The notebook asks how many steps η = 0.01 needs: |f'| must fall to 1/1000 of its start, 0.98^k ≤ 0.001."""
    explorer = LearningRateExplorer(learning_rate=0.01, steps=50)
    needed = int(np.ceil(np.log(1e-3) / np.log(0.98)))
    assert needed == 342 and explorer.steps_slider.max >= 2 * needed
    explorer.steps_slider.value = needed - 1
    assert "<b>too small</b>" in explorer.readout.value
    explorer.steps_slider.value = needed
    assert "<b>good</b>" in explorer.readout.value and "342 steps" in explorer.readout.value


def test_one_step_reads_in_the_singular_with_whole_step_ticks():
    explorer = LearningRateExplorer()
    result = explorer.update(0.5, 1)
    assert result["verdict"] == "good" and result["w"] == -1.5
    assert "η = 0.5, 1 step →" in explorer.readout.value and "1 steps" not in explorer.readout.value
    low, high = explorer._ax_steps.get_xlim()
    ticks = [t for t in explorer._ax_steps.get_xticks() if low <= t <= high]
    assert ticks == [0.0, 1.0]


def test_the_path_is_drawn_on_the_curve_and_against_the_steps(explorer):
    explorer.update(0.8, 10)
    path = gradient_descent_1d(calculus.parabola_derivative, 3 * np.pi, 0.8, 10)
    xs, ys = explorer._curve_path.get_data()
    np.testing.assert_allclose(xs, path)
    np.testing.assert_allclose(ys, calculus.parabola(path))
    steps, ws = explorer._steps_line.get_data()
    np.testing.assert_array_equal(steps, np.arange(11))
    assert explorer._curve_end.get_data()[0][0] == path[-1]
    assert explorer._ax_steps.get_xlim()[1] == pytest.approx(10.2)


def test_the_picture_changes_but_keeps_its_size(explorer):
    explorer.update(0.01, 50)
    first = explorer.canvas.layer_png
    explorer.update(1.0, 50)
    assert explorer.canvas.layer_png != first and png_size(explorer.canvas.layer_png) == png_size(first)
    explorer.update(1.0, 120)  # a new step count re-renders the background: same size still
    assert png_size(explorer.canvas.layer_png) == png_size(first)


def test_sliders_and_presets_drive_the_update():
    explorer = LearningRateExplorer(learning_rate=0.01, steps=50)
    explorer.learning_rate_slider.value = 0.8
    assert "<b>zigzag, converged</b>" in explorer.readout.value
    explorer.steps_slider.value = 3
    assert "η = 0.8, 3 steps" in explorer.readout.value
    labels = [b.description for b in explorer.buttons]
    assert labels == ["too small: η = 0.01", "good: η = 0.1", "zigzag: η = 0.8", "bouncing: η = 1",
                      "diverging: η = 1.05"]
    explorer.steps_slider.value = 50
    explorer.buttons[3].click()
    assert explorer.learning_rate_slider.value == 1.0 and "<b>bouncing</b>" in explorer.readout.value


def test_update_from_code_moves_the_sliders():
    explorer = LearningRateExplorer()
    explorer.update(0.3, 20)
    assert explorer.learning_rate_slider.value == pytest.approx(0.3) and explorer.steps_slider.value == 20


def test_a_far_diverging_path_is_drawn_without_warnings():
    explorer = LearningRateExplorer(learning_rate_range=(1e-3, 200.0))
    result = explorer.update(100.0, 200)  # w overflows to NaN after a few dozen steps
    assert result["verdict"] == "diverging" and np.isnan(result["w"])
    assert "overflowed" in explorer.readout.value
    xs, _ = explorer._curve_path.get_data()
    assert np.nanmax(np.abs(xs)) <= 11 * 25  # clipped to ten widths of the w range beyond it


def test_other_functions_work_too():
    explorer = LearningRateExplorer(f=lambda w: w**4, derivative=lambda w: 4 * w**3, w0=1.0, learning_rate=0.1,
                                    steps=100, w_range=(-2.0, 2.0))
    assert explorer.update(0.1, 100)["verdict"] in ("too small", "good")
    assert explorer.update(0.6, 20)["verdict"] == "diverging"


def test_update_blits(full_draws):
    explorer = LearningRateExplorer()
    explorer.update(0.5, 50)
    full_draws.clear()
    pictures = set()
    for eta in np.geomspace(1e-3, 1.5, 12):
        explorer.update(eta)
        pictures.add(explorer.canvas.layer_png)
    assert full_draws == [], "a learning-rate event redrew the whole figure instead of blitting"
    for eta in np.geomspace(1e-3, 1.5, 4):  # the longest paths the steps slider allows
        explorer.update(eta, explorer.steps_slider.max)
        pictures.add(explorer.canvas.layer_png)
    assert len(full_draws) == 1, "a new number of steps re-renders the background once (new x-axis), then blits"
    assert len(pictures) > 10, "the picture did not change with the learning rate"


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"f": "w**2"}, TypeError, "f and derivative must be functions"),
        ({"w0": np.nan}, ValueError, "w0 must be finite"),
        ({"w_range": (3.0, 1.0)}, ValueError, "w_range must be"),
        ({"learning_rate_range": (0.0, 1.0)}, ValueError, "learning_rate_range must be"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate must be > 0"),
        ({"steps": 0}, ValueError, "steps must be at least 1"),
        ({"max_steps": 1.5}, TypeError, "max_steps must be a whole number"),
    ],
)
def test_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        LearningRateExplorer(**kwargs)


def test_update_bad_input(explorer):
    with pytest.raises(TypeError, match="learning_rate must be a single real number"):
        explorer.update("0.1")
    with pytest.raises(ValueError, match="steps must be at least 1"):
        explorer.update(0.1, 0)
