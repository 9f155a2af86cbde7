"""How long one slider event costs in the notebook-01 explorer, against the alternatives.

    python tests/benchmarks/slider_update.py      (or: make benchmark)

Prints the median milliseconds per event for
  1. helpers.widgets.LinearExplorer.update: move artists, blit them over a cached
     background, encode one PNG (what the course does);
  2. the same figure updated in place but fully redrawn and saved as PNG;
  3. a new figure per event, drawn and saved as PNG (what a plain `interact` does).
and the same blitted update for the other explorers (notebooks 02, 04, 06, 08 and 09).
Numbers vary with the machine; the ratio is the point.
"""

from __future__ import annotations

import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers import data, losses, plots, regression_losses  # noqa: E402
from helpers.landscape import loss_grid  # noqa: E402
from helpers.widgets import (HuberExplorer, LearningRateExplorer, LinearExplorer, LogisticExplorer,  # noqa: E402
                             OptimizerExplorer, SoftmaxExplorer)

EVENTS = 40
x, y = data.make_linear_data(n=50, seed=0)
ws, bs = np.linspace(-1, 7, 61), np.linspace(-3, 9, 61)
Z = loss_grid(lambda w, b: losses.mse(y, w * x + b), ws, bs)
path = [(1.0 + 0.05 * i, 0.5 + 0.02 * i) for i in range(EVENTS)]


def median_ms(event, events: list[tuple] = path) -> float:
    """Median wall time of event(*args) over the events, in ms."""
    times = []
    for args in events:
        start = time.perf_counter()
        event(*args)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def recreate(w: float, b: float) -> None:
    fig, (ax_fit, ax_loss) = plt.subplots(1, 2, figsize=(9.6, 4.0), dpi=80, layout="constrained")
    plots.plot_fit(x, y, w, b, ax=ax_fit)
    ax_fit.legend(loc="upper left", fontsize=8)
    plots.plot_loss_contour(ws, bs, Z, ax=ax_loss)
    ax_loss.plot([w], [b], "o", color="tab:red", ms=9)
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def main() -> None:
    explorer = LinearExplorer(x, y, w=1.0, b=0.5)
    blit = median_ms(explorer.update)

    full = LinearExplorer(x, y, w=1.0, b=0.5)
    for artist in full.canvas._moving:
        artist.set_animated(False)

    def full_redraw(w: float, b: float) -> None:
        full.update(w, b)  # moves the artists (and blits, cheap), then:
        full.canvas.figure.savefig(io.BytesIO(), format="png")

    redraw = median_ms(full_redraw)
    new_figure = median_ms(recreate)
    print(f"slider event cost, median of {EVENTS} events (figure 768×320 px, 50 points, 61×61 contour grid)")
    print(f"  blit moving artists + PNG (the course's explorer): {blit:6.1f} ms")
    print(f"  update artists, full redraw + PNG:                 {redraw:6.1f} ms")
    print(f"  new figure per event + PNG (plain interact):       {new_figure:6.1f} ms")
    print(f"  speed-up over a new figure per event:              {new_figure / blit:6.1f}×")

    x_logistic, y_logistic = data.make_logistic_data()
    logistic = LogisticExplorer(x_logistic, y_logistic, w=-1.0, b=2.0)
    rates = LearningRateExplorer()
    learning_rates = [(rate,) for rate in np.geomspace(0.01, 1.05, EVENTS)]
    logistic_path = [(-w, b) for w, b in path]
    print("other explorers, same blitted update:")
    print(f"  logistic explorer (notebook 04), one (w, b) event: {median_ms(logistic.update, logistic_path):6.1f} ms")
    print(f"  learning-rate explorer (notebook 02), one η event: {median_ms(rates.update, learning_rates):6.1f} ms")
    softmax = SoftmaxExplorer()
    softmax_events = [([3.2 - 0.2 * i, 5.1 - 0.3 * i, -1.7 + 0.25 * i], 0.2 + 0.1 * i, i % 3) for i in range(EVENTS)]
    print(f"  softmax explorer (notebook 06), one score/T event: {median_ms(softmax.update, softmax_events):6.1f} ms")
    huber = HuberExplorer(*regression_losses.make_line_with_outliers())
    deltas = [(delta,) for delta in np.geomspace(0.03, 30.0, EVENTS)]
    print(f"  Huber explorer (notebook 08), one δ event + refit:  {median_ms(huber.update, deltas):6.1f} ms")
    races = OptimizerExplorer()
    betas = [("valley", "momentum", 0.01, beta) for beta in np.linspace(0.5, 0.95, EVENTS)]
    print(f"  optimizer explorer (notebook 09), one β event + race: {median_ms(races.update, betas):6.1f} ms")


if __name__ == "__main__":
    main()
