"""The optimizer explorer of notebook 09: blitted updates at a fixed size, the race it shows, landscapes, bad input."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers import optimizer_race
from helpers.update_rules import Optimizer
from helpers.widgets import OptimizerExplorer, optimizer_explorer
from helpers.widgets.optimizers import STEPS, make_optimizer


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def test_update_draws_the_race_of_the_chosen_optimizer_and_plain_descent():
    explorer = optimizer_explorer()
    first = explorer.canvas.layer_png
    path = explorer.update("valley", "adam", 0.05, 0.9)
    land = optimizer_race.valley()
    expected = optimizer_race.race(land, Optimizer("adam", learning_rate=0.05, beta1=0.9), STEPS)
    np.testing.assert_array_equal(path, expected)
    np.testing.assert_array_equal(np.column_stack(explorer._path.get_data()), expected)
    plain = optimizer_race.race(land, Optimizer("sgd", learning_rate=0.05), STEPS)
    np.testing.assert_array_equal(np.column_stack(explorer._reference.get_data()), plain)
    assert "after 46 steps" in explorer.readout.value
    assert explorer.canvas.layer_png != first and png_size(explorer.canvas.layer_png) == png_size(first)


def test_controls_drive_the_update_and_a_landscape_change_redraws_the_background():
    explorer = OptimizerExplorer()
    before = explorer.canvas.background.value
    explorer.landscape_menu.value = "saddle"
    assert explorer.land.name == "saddle" and explorer.canvas.background.value != before
    assert explorer.rate_slider.value == pytest.approx(0.05)
    explorer.optimizer_menu.value = "sgd"
    x, y = explorer._path.get_data()
    expected = optimizer_race.race(optimizer_race.saddle(), Optimizer("sgd", learning_rate=explorer.rate_slider.value),
                                   STEPS)
    np.testing.assert_allclose(np.column_stack([x, y]), expected)
    explorer.batch_slider.value = 10  # a noisy race: another path
    assert not np.array_equal(explorer._path.get_data()[0], x)


def test_a_diverging_run_says_so():
    explorer = OptimizerExplorer()
    explorer.update("saddle", "sgd", 3.0, 0.9)
    assert "diverged" in explorer.readout.value


def test_make_optimizer_maps_beta_to_each_optimizers_own():
    assert make_optimizer("adam", 0.1, 0.8).hyper["beta1"] == 0.8
    assert make_optimizer("rmsprop", 0.1, 0.8).hyper["beta"] == 0.8
    assert "beta" not in make_optimizer("sgd", 0.1, 0.8).hyper


@pytest.mark.parametrize("args, match", [
    (("hill", "adam", 0.1, 0.9), "landscape_name must be one of"),
    (("valley", "lion", 0.1, 0.9), "name must be one of"),
    (("valley", "adam", -0.1, 0.9), "learning_rate must be > 0"),
    (("valley", "adam", float("nan"), 0.9), "learning_rate must be finite"),
    (("valley", "momentum", 0.1, 1.2), r"beta must be in \[0, 1\)"),
    (("valley", "adam", 0.1, 0.9, -3), "batch_size must be a whole number"),
])
def test_bad_input_is_refused_by_name(args, match):
    explorer = OptimizerExplorer()
    with pytest.raises((ValueError, TypeError), match=match):
        explorer.update(*args)
