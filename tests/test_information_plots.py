"""helpers.information_plots (notebook 06's JS figure): what is drawn, labels, bad input named."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import information
from helpers.information_plots import plot_distributions, plot_divergence_curve

POSITIONS = np.arange(10.0)
P = np.array([0, 0.25, 0.5, 0.25, 0, 0, 0, 0, 0, 0])
Q = np.roll(P, 5)


def test_distributions_draw_each_q_over_p_and_label_the_axes():
    fig, ax = plt.subplots()
    lines = plot_distributions(POSITIONS, P, {"Q near": P, "Q far": Q}, ax=ax, xlim=(0, 8))
    assert [line.get_label() for line in lines] == ["Q near", "Q far"]
    assert [line.get_linestyle() for line in lines] == ["-", "--"]
    np.testing.assert_array_equal(lines[1].get_ydata(), Q)
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_xlim()) == ("position", "probability", (0.0, 8.0))
    assert "P" in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(fig)


def test_divergence_curve_with_its_ceiling():
    shifts = np.arange(6.0)
    values = np.array([information.js_divergence(P, np.roll(P, int(s))) for s in shifts])
    fig, ax = plt.subplots()
    line = plot_divergence_curve(shifts, values, ax=ax)
    np.testing.assert_allclose(line.get_ydata(), values)
    ceilings = [l for l in ax.get_lines() if l is not line]
    assert len(ceilings) == 1 and np.isclose(ceilings[0].get_ydata()[0], np.log(2))
    assert ax.get_ylim() == (0.0, 1.0) and ax.get_xlabel() == "shift of Q"
    plot_divergence_curve(shifts, values, ax=ax, ceiling=None)
    assert len(ax.get_lines()) == 3                      # one more curve, no second ceiling
    plt.close(fig)


@pytest.mark.parametrize("call, message", [
    (lambda: plot_distributions(POSITIONS, P[:5], {"Q": Q}), "positions"),
    (lambda: plot_distributions(POSITIONS, P, {}), "at least one"),
    (lambda: plot_distributions(POSITIONS, P, {"Q": Q[:3]}), "qs\\['Q'\\]"),
    (lambda: plot_divergence_curve(np.arange(3.0), np.array([0.1, np.nan, 0.2])), "values"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
    plt.close("all")
