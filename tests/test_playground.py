"""The playground of notebook 07: data shapes, the training state, and the explorer widget."""

import io

import numpy as np
import pytest
from PIL import Image
from sklearn.linear_model import LogisticRegression

from helpers import network
from helpers.playground import SHAPES, Playground, grid, make_shape
from helpers.widgets import PlaygroundExplorer, playground_explorer


@pytest.mark.parametrize("name", SHAPES)
def test_shapes_are_seeded_balanced_and_not_linearly_separable(name):
    X, y = make_shape(name, n=200, seed=3)
    again, _ = make_shape(name, n=200, seed=3)
    np.testing.assert_array_equal(X, again)
    assert X.shape == (200, 2) and y.shape == (200,) and set(np.unique(y)) == {0.0, 1.0}
    assert 0.35 < y.mean() < 0.65 and np.abs(X).max() < 3.0  # inside the plane the playground draws
    best_line = LogisticRegression().fit(X, y).score(X, y)
    assert best_line < (0.95 if name == "moons" else 0.75)  # no straight line does well


def test_bad_shape_arguments_are_named():
    with pytest.raises(ValueError, match="name must be one of"):
        make_shape("squares")
    with pytest.raises(ValueError, match="noise is a standard deviation"):
        make_shape("moons", noise=-1.0)
    with pytest.raises(ValueError, match="n must be at least 1"):
        make_shape("xor", n=0)
    with pytest.raises(ValueError, match="activation must be one of"):
        Playground(activation="sigmoid")


def test_grid_covers_the_plane_row_by_row():
    xs, points = grid(5)
    assert points.shape == (25, 2) and xs[0] == -3.0 and xs[-1] == 3.0
    np.testing.assert_array_equal(points[:5, 1], -3.0)  # first row: the bottom edge


def test_training_lowers_the_loss_and_follows_the_reference_network():
    pg = Playground("circles", hidden=4, learning_rate=1.0)
    start = {k: v.copy() for k, v in pg.params.items()}
    pg.train(200)
    expected = network.descend(start, pg.X_train, pg.y_train, 1.0, 200)
    for key in start:
        np.testing.assert_allclose(pg.params[key], expected[key])
    assert pg.step == 200 and [h[0] for h in pg.history] == [0, 200]
    assert pg.history[-1][1] < 0.5 * pg.history[0][1]
    P = pg.probabilities()
    assert P.shape == (60, 60) and P.min() >= 0 and P.max() <= 1
    z, _ = network.forward(pg.params, pg._grid)
    np.testing.assert_allclose(P.ravel(), 1 / (1 + np.exp(-z)))


def test_a_diverging_step_raises_and_leaves_the_state_alone():
    pg = Playground("moons", hidden=8, activation="relu", learning_rate=1e308)
    before = {k: v.copy() for k, v in pg.params.items()}
    with pytest.raises(FloatingPointError, match="too large"):
        pg.train(50)
    assert pg.step == 0 and all(np.array_equal(pg.params[k], before[k]) for k in before)


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def test_train_button_redraws_boundary_curve_and_readout():
    explorer = playground_explorer(steps_per_frame=10, frames_per_click=3)
    first_png, first_heat = explorer.canvas.layer_png, explorer._heat.get_array().copy()
    assert "step 0" in explorer.readout.value
    explorer.train_button.click()
    assert explorer.playground.step == 30 and "step 30" in explorer.readout.value
    assert explorer.canvas.layer_png != first_png and png_size(explorer.canvas.layer_png) == png_size(first_png)
    assert not np.allclose(explorer._heat.get_array(), first_heat)
    steps, _ = explorer._train_line.get_data()
    assert list(steps) == [0, 10, 20, 30]
    train_loss = explorer.playground.history[-1][1]
    assert f"train loss <b>{train_loss:.4f}</b>" in explorer.readout.value


def test_play_widget_drives_frames_and_reset_starts_again():
    explorer = PlaygroundExplorer(steps_per_frame=5)
    explorer.play.value = 1  # not playing (e.g. a tick that arrives after a pause): nothing happens
    assert explorer.playground.step == 0
    explorer.play.playing = True
    explorer.play.value = 2
    explorer.play.value = 3  # a tick queued behind the previous frame: dropped
    assert explorer.playground.step == 5
    explorer._last_frame -= 1.0  # the next tick comes after a proper interval
    explorer.play.value = 4
    assert explorer.playground.step == 10
    explorer.play.playing = False
    explorer.hidden.value = 6  # another width: a fresh network
    assert explorer.playground.step == 0 and explorer.playground.params["W1"].shape == (2, 6)
    explorer.frame()
    explorer.learning_rate.value = 0.01  # a new learning rate does not reset
    assert explorer.playground.step == 5 and "η = 0.01" in explorer.readout.value
    explorer.reset_button.click()
    assert explorer.playground.step == 0 and "step 0" in explorer.readout.value


def test_changing_the_shape_moves_the_points():
    explorer = PlaygroundExplorer()
    explorer.shape.value = "xor"
    np.testing.assert_array_equal(explorer._train_points.get_offsets(), explorer.playground.X_train)
    assert explorer.playground.shape == "xor" and explorer.playground.step == 0


def test_the_step_axis_widens_when_training_runs_past_it():
    explorer = PlaygroundExplorer(steps_per_frame=600)
    explorer.frame()
    explorer.frame()
    assert explorer.ax_loss.get_xlim() == (0, 2048)


def test_an_error_stops_playing_and_keeps_the_last_complete_picture():
    explorer = PlaygroundExplorer(activation="relu", hidden=8, learning_rate=10.0, steps_per_frame=5)
    explorer.frame()
    picture, heat = explorer.canvas.layer_png, explorer._heat.get_array().copy()
    explorer.playground.learning_rate = 1e308
    explorer.play.playing = True
    assert explorer.frame() is False
    assert not explorer.play.playing and "Stopped at step 5" in explorer.readout.value
    assert "Lower the learning rate" in explorer.readout.value
    assert explorer.canvas.layer_png == picture and np.array_equal(explorer._heat.get_array(), heat)


def test_learning_rate_must_be_on_the_ladder():
    with pytest.raises(ValueError, match="learning_rate must be one of"):
        PlaygroundExplorer(learning_rate=0.2)


def test_reset_draws_new_weights_but_the_first_draw_is_reproducible():
    first, again = Playground(seed=3), Playground(seed=3)
    np.testing.assert_array_equal(first.params["W1"], again.params["W1"])  # same seed, same start
    start = first.params["W1"].copy()
    first.reset()
    assert not np.allclose(first.params["W1"], start)  # a reset draws new weights
    second = first.params["W1"].copy()
    first.reset()
    assert not np.allclose(first.params["W1"], second) and first.step == 0


def test_the_learning_rate_claims_of_notebook_07():
    """07 §5: at 0.01 the first 200 steps still help, then progress is slow next to 0.3."""
    slow, fast = Playground(learning_rate=0.01), Playground(learning_rate=0.3)
    assert round(slow.test_accuracy(), 2) == 0.55
    slow.train(200)
    assert 0.85 <= slow.test_accuracy() <= 0.87
    slow.train(1400)
    fast.train(800)
    assert slow.test_accuracy() <= 0.89 and fast.test_accuracy() >= 0.94
