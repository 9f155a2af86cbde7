"""Pictures for notebook 07: decision boundaries, a confusion matrix, a live loss curve, the summary figure.

Plot helpers take ``ax=None`` (falling back to ``plt.gca()``) so they compose into subplots.
"""

from __future__ import annotations

import io
from typing import Callable

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch, Rectangle

from .validation import as_float_array, check_function, check_labels, check_positive_int, check_same_shape

CLASS_COLOURS = np.array(["tab:blue", "tab:orange"])
BLUE_WHITE_ORANGE = LinearSegmentedColormap.from_list("blue_white_orange", ["tab:blue", "white", "tab:orange"])


def plot_decision_boundary(predict_proba: Callable[[np.ndarray], np.ndarray], X: np.ndarray, y: np.ndarray,
                           ax=None, resolution: int = 100, title: str = "", key: bool = True):  # noqa: ANN001
    """P(y = 1) of ``predict_proba`` (m, 2) -> (m,) as a heat map, the 0.5 contour, and the points X (n, 2), y (n,).

    Axes labelled x₁, x₂; ``key`` adds a legend for the classes, the shading and the boundary. One vectorised call of ``predict_proba`` on all resolution² grid points. Returns the Axes.
    """
    check_function(predict_proba, "predict_proba", "X (m, 2) -> probabilities (m,)")
    X, y = as_float_array(X, "X", ndim=2), as_float_array(y, "y")
    if X.shape[1] != 2 or len(y) != len(X):
        raise ValueError(f"X must have shape (n, 2) and y shape (n,), got {X.shape} and {y.shape}")
    check_labels(y)
    ax = ax or plt.gca()
    pad = 0.5
    xs = np.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, check_positive_int(resolution, "resolution"))
    ys = np.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, resolution)
    G1, G2 = np.meshgrid(xs, ys)
    P = np.asarray(predict_proba(np.column_stack([G1.ravel(), G2.ravel()]))).reshape(G1.shape)
    ax.contourf(G1, G2, P, levels=np.linspace(0, 1, 11), cmap=BLUE_WHITE_ORANGE, alpha=0.6)
    if P.min() < 0.5 < P.max():
        ax.contour(G1, G2, P, levels=[0.5], colors="black", linewidths=1.5)
    ax.scatter(X[:, 0], X[:, 1], c=CLASS_COLOURS[(y >= 0.5).astype(int)], s=12, ec="black", lw=0.3)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    if key:  # what the colours mean
        handles = [Line2D([], [], ls="", marker="o", mfc=colour, mec="black", mew=0.3, label=f"class {k}")
                   for k, colour in enumerate(CLASS_COLOURS)]
        handles += [Patch(fc=BLUE_WHITE_ORANGE(0.85), alpha=0.6, label="shading: P(class 1)"),
                    Line2D([], [], color="black", lw=1.5, label="boundary P = 0.5")]
        ax.legend(handles=handles, loc="lower left", fontsize=7, framealpha=0.8)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def plot_confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, class_names: tuple[str, str] = ("0", "1"),
                          ax=None, title: str = ""):  # noqa: ANN001 - a matplotlib Axes
    """2 × 2 heat map of counts: rows = true class, columns = predicted class (as scikit-learn). Returns the counts."""
    y_true, y_pred = as_float_array(y_true, "y_true"), as_float_array(y_pred, "y_pred")
    check_same_shape(y_true, y_pred, "y_true", "y_pred")
    for values, name in ((y_true, "y_true"), (y_pred, "y_pred")):
        if not np.all((values == 0) | (values == 1)):
            raise ValueError(f"{name} must hold class labels 0 or 1")
    counts = np.array([[np.sum((y_true == t) & (y_pred == p)) for p in (0, 1)] for t in (0, 1)])
    ax = ax or plt.gca()
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=max(counts.max(), 1))
    for (t, p), count in np.ndenumerate(counts):
        ax.text(p, t, str(count), ha="center", va="center", fontsize=14,
                color="white" if count > counts.max() / 2 else "black")
    ax.set_xticks([0, 1], [f"predicted\n{name}" for name in class_names])
    ax.set_yticks([0, 1], [f"true\n{name}" for name in class_names])
    if title:
        ax.set_title(title, fontsize=10)
    return counts


class LiveLossPlot:
    """Train and held-out loss against the step, redrawn in place while training (an IPython display handle).

    ``held_out`` names the second curve ("test" by default, "validation" in notebook 07).
    ``update(steps, train, test)`` replaces the displayed PNG: live in JupyterLab, and the
    last picture is what a headless run (nbconvert, nbval) stores. The title doubles as the
    progress indicator ("step 600 of 2000").
    """

    def __init__(self, total_steps: int, y_max: float = 0.8, figsize: tuple[float, float] = (6.0, 3.4),
                 held_out: str = "test") -> None:
        self.held_out = str(held_out)
        self.total_steps = check_positive_int(total_steps, "total_steps")
        self.figure = Figure(figsize=figsize, dpi=80, layout="constrained")
        FigureCanvasAgg(self.figure)
        ax = self.figure.subplots()
        (self._train,) = ax.plot([], [], color="tab:blue", lw=2, label="train loss")
        (self._test,) = ax.plot([], [], color="tab:red", lw=2, ls="--", label=f"{self.held_out} loss")
        ax.set_xlim(0, self.total_steps)
        ax.set_ylim(0, y_max)
        ax.set_xlabel("gradient-descent step")
        ax.set_ylabel("binary cross-entropy")
        ax.legend(loc="upper right")
        ax.grid(alpha=0.3)
        self.ax = ax
        self.handle = display(Image(self._png()), display_id=True)

    def _png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        return buffer.getvalue()

    def update(self, steps: list[int], train: list[float], test: list[float]) -> None:
        """Redraw both curves up to the last step and push the new picture."""
        self._train.set_data(steps, train)
        self._test.set_data(steps, test)
        self.ax.set_title(f"step {steps[-1]} of {self.total_steps}: train {train[-1]:.3f}, {self.held_out} {test[-1]:.3f}",
                          fontsize=10)
        self.handle.update(Image(self._png()))


# --- the closing summary figure ---------------------------------------------------------------

def _matrix(ax, x: float, rows: float, cols: float, label: str, colour: str,  # noqa: ANN001
            above: bool | None = None) -> float:
    """A box of rows × cols units with its label (name and shape) below or above; returns its right edge."""
    ax.add_patch(Rectangle((x, -rows / 2), cols, rows, fc=colour, ec="black", lw=1))
    above = cols < 1 if above is None else above  # thin boxes: label above, so neighbouring labels never collide
    ax.text(x + cols / 2, rows / 2 + 0.3 if above else -rows / 2 - 0.3, label, ha="center",
            va="bottom" if above else "top", fontsize=9)
    return x + cols


def _shapes(ax, items: list) -> None:  # noqa: ANN001
    """Boxes and operators left to right: items are (rows, cols, label, colour[, above]) or an operator string."""
    x = 0.0
    for item in items:
        if isinstance(item, str):
            width = 0.3 + 0.28 * len(item)
            ax.text(x + width / 2, 0, item, ha="center", va="center", fontsize=11)
            x += width
        else:
            x = _matrix(ax, x, *item)
    ax.set_xlim(-0.5, x + 0.5)
    ax.set_ylim(-4.3, 2.6)
    ax.set_aspect("equal")
    ax.axis("off")


def _network(ax, layers: list[tuple[int, str]]) -> None:  # noqa: ANN001
    """Columns of neurons, every one connected to the next column; each column is labelled below."""
    positions = []
    for i, (count, _) in enumerate(layers):
        ys = np.linspace(-(count - 1) / 2, (count - 1) / 2, count) * 0.9
        positions.append([(i * 2.2, yy) for yy in ys])
    links = [(a, b) for left, right in zip(positions, positions[1:]) for a in left for b in right]
    ax.add_collection(LineCollection(links, colors="tab:gray", linewidths=0.6))
    for column, (_, label) in zip(positions, layers):
        for xy in column:
            ax.add_patch(Circle(xy, 0.28, fc="white", ec="black", lw=1.2, zorder=3))
        ax.text(column[0][0], -2.7, label, ha="center", va="top", fontsize=8)
    ax.set_xlim(-1.2, 2.2 * (len(layers) - 1) + 1.2)
    ax.set_ylim(-3.6, 2.6)
    ax.set_aspect("equal")
    ax.axis("off")


def plot_summary(fig=None):  # noqa: ANN001 - a matplotlib Figure
    """Linear → logistic → one-hidden-layer network: equation, array shapes and network diagram, 3 × 3 panels."""
    fig = fig or plt.figure(figsize=(12, 7.5), layout="constrained")
    axes = fig.subplots(3, 3, height_ratios=(0.55, 1, 1.1))
    columns = [
        ("linear regression (01–02)",
         r"$\hat y = X w + b$" + "\nloss: mean squared error",
         [(3, 2, "X (n, d)", "#dbe9f6"), "·", (2, 0.4, "w (d,)", "#fde0c5"), "+ b =", (3, 0.4, "ŷ (n,)", "#e5f5e0")],
         [(4, "d inputs"), (1, "ŷ: no activation")]),
        ("logistic regression (04–05)",
         r"$\hat y = \sigma(X w + b)$" + "\nloss: binary cross-entropy",
         [(3, 2, "X (n, d)", "#dbe9f6"), "·", (2, 0.4, "w (d,)", "#fde0c5"), "+ b →σ", (3, 0.4, "ŷ (n,)", "#e5f5e0")],
         [(4, "d inputs"), (1, "ŷ = σ(z)")]),
        ("a feed-forward network (07)",
         r"$A_1 = \tanh(X W_1 + b_1)$" + "\n" + r"$\hat y = \sigma(A_1 W_2 + b_2)$" + "\nloss: binary cross-entropy",
         [(3, 2, "X (n, d)", "#dbe9f6"), "·", (2, 2.5, "W1 (d, h)", "#fde0c5"), "→", (3, 2.5, "A1 (n, h)", "#f2e6f7"),
          "·", (2.5, 0.4, "W2 (h, 1)", "#fde0c5"), "→σ", (3, 0.4, "ŷ (n,)", "#e5f5e0", False)],
         [(4, "d inputs"), (5, "h hidden\n(tanh)"), (1, "ŷ = σ(z)")]),
    ]
    for col, (title, equation, shapes, layers) in enumerate(columns):
        top, middle, bottom = axes[0, col], axes[1, col], axes[2, col]
        top.axis("off")
        top.set_title(title, fontsize=12, fontweight="bold")
        top.text(0.5, 0.5, equation, ha="center", va="center", fontsize=11, transform=top.transAxes)
        _shapes(middle, shapes)
        _network(bottom, layers)
    fig.suptitle("Model + loss + optimizer: the same recipe, a richer model (gradient descent trains all three)",
                 fontsize=12)
    return fig
