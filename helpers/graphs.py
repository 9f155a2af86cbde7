"""Computation graphs, drawn: nodes as boxes, arrows from inputs to outputs, values and gradients.

The forward pass runs along the arrows (values in green, above each node); the backward
pass runs against them (gradients ∂J/∂node in red, below each node).
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Real
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Text

FORWARD_COLOUR, BACKWARD_COLOUR = "darkgreen", "firebrick"


@dataclass(frozen=True)
class ComputationGraph:
    """Node name -> (x, y) position and label, plus directed edges (input node, output node)."""

    positions: dict[str, tuple[float, float]]
    labels: dict[str, str]
    edges: tuple[tuple[str, str], ...]
    output: str = "J"

    def __post_init__(self) -> None:
        if not self.positions:
            raise ValueError("a graph needs at least one node")
        if set(self.labels) != set(self.positions):
            raise ValueError(f"labels has nodes {sorted(self.labels)} but positions has {sorted(self.positions)}")
        for edge in self.edges:
            if len(edge) != 2 or any(node not in self.positions for node in edge):
                raise ValueError(f"edge {edge!r} must join two known nodes {sorted(self.positions)}")
        if self.output not in self.positions:
            raise ValueError(f"output {self.output!r} is not a node of the graph")


def example_graph() -> ComputationGraph:
    """The graph of J(a, b, c) = (2a + b)·c: u = 2a, v = u + b, J = v·c."""
    return ComputationGraph(
        positions={"a": (0.0, 2.0), "b": (0.0, 1.0), "c": (0.0, 0.0),
                   "u": (1.5, 2.0), "v": (3.0, 1.5), "J": (4.5, 0.75)},
        labels={"a": "a", "b": "b", "c": "c", "u": "u = 2a", "v": "v = u + b", "J": "J = v·c"},
        edges=(("a", "u"), ("u", "v"), ("b", "v"), ("v", "J"), ("c", "J")),
    )


def logistic_graph() -> ComputationGraph:
    """The graph of logistic regression on one sample: z = w·x + b, ŷ = σ(z), J = cross-entropy(y, ŷ)."""
    return ComputationGraph(
        positions={"x": (0.0, 2.0), "w": (0.0, 1.0), "b": (0.0, 0.0), "z": (1.7, 1.0),
                   "y_hat": (3.4, 1.0), "y": (3.4, 0.0), "J": (5.6, 0.5)},
        labels={"x": "x", "w": "w", "b": "b", "z": "z = w·x + b", "y_hat": "ŷ = σ(z)", "y": "y (label)",
                "J": "J = −[y log ŷ + (1 − y) log(1 − ŷ)]"},
        edges=(("x", "z"), ("w", "z"), ("b", "z"), ("z", "y_hat"), ("y_hat", "J"), ("y", "J")),
    )


def format_value(value: Any) -> str:
    """A short text for a number (4 significant digits) or a small array (3 decimals)."""
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return "[" + ", ".join(f"{float(v):.3g}" for v in value) + "]"
    if isinstance(value, np.ndarray) and value.ndim > 1:
        return np.array2string(value.astype(float), precision=3, separator=", ")
    if isinstance(value, bool) or not isinstance(value, (Real, np.number, np.ndarray)):
        raise TypeError(f"values and gradients must be numbers or arrays, got {type(value).__name__}")
    return f"{float(value):.4g}"


def _known(mapping: dict | None, graph: ComputationGraph, name: str) -> dict:
    if mapping is None:
        return {}
    if not isinstance(mapping, dict):
        raise TypeError(f"{name} must be a dict node -> number, got {type(mapping).__name__}")
    unknown = set(mapping) - set(graph.positions)
    if unknown:
        raise ValueError(f"{name} has nodes {sorted(unknown)} that are not in the graph {sorted(graph.positions)}")
    return mapping


def draw_graph(
    graph: ComputationGraph,
    values: dict[str, Any] | None = None,
    gradients: dict[str, Any] | None = None,
    ax: Axes | None = None,
) -> dict[str, Text]:
    """Draw ``graph``; optionally each node's forward value (green, above) and ∂J/∂node (red, below).

    ``values`` and ``gradients`` map node names to numbers or small arrays; nodes left
    out are drawn without them. Returns the Text artists: "node:<name>", "value:<name>",
    "gradient:<name>".
    """
    if not isinstance(graph, ComputationGraph):
        raise TypeError(f"graph must be a ComputationGraph (e.g. example_graph()), got {type(graph).__name__}")
    values, gradients = _known(values, graph, "values"), _known(gradients, graph, "gradients")
    ax = ax if ax is not None else plt.gca()
    texts: dict[str, Text] = {}
    for name, (x, y) in graph.positions.items():
        is_input = not any(end == name for _, end in graph.edges)
        texts[f"node:{name}"] = ax.text(
            x, y, graph.labels[name], ha="center", va="center", fontsize=11, zorder=3,
            bbox=dict(boxstyle="round,pad=0.5", fc="lavender" if is_input else "lightyellow", ec="black"))
        if name in values:
            texts[f"value:{name}"] = ax.annotate(
                f"{format_value(values[name])}", xy=(0.5, 1), xycoords=texts[f"node:{name}"], xytext=(0, 8),
                textcoords="offset points",
                ha="center", va="bottom", color=FORWARD_COLOUR, fontsize=11, fontweight="bold")
        if name in gradients:
            texts[f"gradient:{name}"] = ax.annotate(
                f"∂{graph.output}/∂{_symbol(name)} = {format_value(gradients[name])}", xy=(0.5, 0),
                xycoords=texts[f"node:{name}"], xytext=(0, -8),
                textcoords="offset points", ha="center", va="top", color=BACKWARD_COLOUR, fontsize=10)
    for start, end in graph.edges:
        ax.annotate("", xy=(0, 0.5), xycoords=texts[f"node:{end}"], xytext=(1, 0.5),
                    textcoords=texts[f"node:{start}"],
                    arrowprops=dict(arrowstyle="-|>", color="dimgray", lw=1.5, shrinkA=7, shrinkB=7))
    xs = [p[0] for p in graph.positions.values()]
    ys = [p[1] for p in graph.positions.values()]
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
    ax.axis("off")
    return texts


def _symbol(name: str) -> str:
    return {"y_hat": "ŷ"}.get(name, name)
