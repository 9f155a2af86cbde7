"""The playground's data shapes and training state (notebook 07), all in NumPy.

Four seeded 2-D data sets that no straight line separates (two moons, circles, XOR, a
spiral), and ``Playground``: a one-hidden-layer network from ``helpers.network`` trained
on one of them by full-batch gradient descent, a few steps at a time, with its loss
history and its predictions over a grid (the decision-boundary heat map).
"""

from __future__ import annotations

import numpy as np

from . import models, network
from .validation import as_finite_float, check_positive_int, check_seed

SHAPES = ("moons", "circles", "xor", "spiral")
EXTENT = 3.0  # the plane shown is [-EXTENT, EXTENT]²


def make_shape(name: str, n: int = 200, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Points X (n, 2) and 0/1 labels y (n,) of a named shape, scaled to about [-2.5, 2.5]².

    moons: two interleaved half circles; circles: a disc inside a ring; xor: the label is
    1 where x1·x2 > 0; spiral: two interleaved spiral arms. ``noise`` is the standard
    deviation of Gaussian jitter added to each point (in units of the shape's size).
    """
    if name not in SHAPES:
        raise ValueError(f"name must be one of {SHAPES}, got {name!r}")
    n, seed = check_positive_int(n, "n"), check_seed(seed)
    noise = as_finite_float(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and must be ≥ 0, got {noise}")
    rng = np.random.default_rng(seed)
    if name == "moons":  # two half circles of radius 1, the lower one shifted right and up (as scikit-learn's)
        y = np.arange(n) % 2
        t = rng.uniform(0.0, np.pi, size=n)
        X = np.where(y[:, None] == 0, np.column_stack([np.cos(t), np.sin(t)]),
                     np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)]))
        X = (X + rng.normal(0.0, noise, size=X.shape) - [0.5, 0.25]) * 1.4
    elif name == "circles":  # a disc of radius 0.45 inside a ring of radius 1
        y = np.arange(n) % 2
        t = rng.uniform(0.0, 2 * np.pi, size=n)
        radius = np.where(y == 1, 0.45, 1.0)
        X = (np.column_stack([np.cos(t), np.sin(t)]) * radius[:, None] + rng.normal(0.0, noise / 2, size=(n, 2))) * 2.2
    elif name == "xor":
        X = rng.uniform(-2.4, 2.4, size=(n, 2))
        X += np.sign(X) * 0.15  # keep points off the axes, where the label flips
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        X = X + rng.normal(0.0, noise, size=X.shape)
    else:
        t = np.sqrt(rng.uniform(0.05, 1.0, size=n)) * 2.8 * np.pi  # uniform density along the arm
        y = np.arange(n) % 2
        angle = t + np.pi * y
        X = np.column_stack([np.cos(angle), np.sin(angle)]) * (t / (2.8 * np.pi) * 2.4)[:, None]
        X = X + rng.normal(0.0, noise * 0.6, size=X.shape)
    return X.astype(float), np.asarray(y, dtype=float)


def grid(resolution: int = 60) -> tuple[np.ndarray, np.ndarray]:
    """The 1-D coordinates (resolution,) and all grid points (resolution², 2) of [-EXTENT, EXTENT]²."""
    xs = np.linspace(-EXTENT, EXTENT, check_positive_int(resolution, "resolution"))
    X1, X2 = np.meshgrid(xs, xs)
    return xs, np.column_stack([X1.ravel(), X2.ravel()])


class Playground:
    """A 2 → hidden → 1 network learning a shape, by full-batch gradient descent.

    ``train(steps)`` advances it (the learning rate can change between calls without a
    reset); ``reset()`` draws new starting weights; ``probabilities()`` is P(y = 1) over the
    grid (resolution, resolution) from one vectorised forward pass. A step that would make
    the parameters NaN or infinite raises FloatingPointError and leaves the state as it was.
    """

    def __init__(self, shape: str = "moons", hidden: int = 4, activation: str = "tanh",
                 learning_rate: float = 0.3, n: int = 200, noise: float = 0.15, seed: int = 0,
                 resolution: int = 60) -> None:
        self.hidden = check_positive_int(hidden, "hidden")
        self.activation = network._activation(activation)
        self.learning_rate = as_finite_float(learning_rate, "learning_rate")
        self.seed, self.n, self.noise = check_seed(seed), check_positive_int(n, "n"), noise
        if self.n < 4:
            raise ValueError(f"n must be at least 4 (half the points train the network, half test it), got {n}")
        self.xs, self._grid = grid(resolution)
        self.set_shape(shape)

    def set_shape(self, shape: str) -> None:
        """New data (half for training, half for testing), then ``reset()``."""
        X, y = make_shape(shape, n=self.n, noise=self.noise, seed=self.seed)
        self.shape = shape
        half = len(y) // 2
        self.X_train, self.y_train, self.X_test, self.y_test = X[:half], y[:half], X[half:], y[half:]
        self.reset()

    def reset(self, hidden: int | None = None, activation: str | None = None) -> None:
        """Fresh starting weights (optionally another width or activation); the history starts again."""
        if hidden is not None:
            self.hidden = check_positive_int(hidden, "hidden")
        if activation is not None:
            self.activation = network._activation(activation)
        self.params = network.init_params(2, self.hidden, seed=self.seed, scale=1.0)
        self.params["b1"] = np.random.default_rng(self.seed + 1).normal(0.0, 0.5, self.hidden)
        self.step = 0
        self.history: list[tuple[int, float, float]] = [(0, *self.losses())]

    def losses(self) -> tuple[float, float]:
        """(train loss, test loss) now."""
        return (network.loss(self.params, self.X_train, self.y_train, self.activation),
                network.loss(self.params, self.X_test, self.y_test, self.activation))

    def test_accuracy(self) -> float:
        """Share of test points on the right side of the boundary now."""
        return network.accuracy(self.params, self.X_test, self.y_test, self.activation)

    def train(self, steps: int) -> None:
        """``steps`` gradient-descent steps at the current learning rate; records the losses."""
        learning_rate = as_finite_float(self.learning_rate, "learning_rate")
        before = self.params
        self.params = network.descend(before, self.X_train, self.y_train, learning_rate, steps, self.activation)
        with np.errstate(over="ignore", invalid="ignore"):  # huge but finite weights can overflow the logits
            try:
                losses = self.losses()
            except ValueError:  # the loss refuses infinite logits
                losses = (np.inf, np.inf)
        if not np.all(np.isfinite(losses)):
            self.params = before
            raise FloatingPointError(f"the loss overflowed within {steps} steps: the learning rate "
                                     f"{learning_rate} is too large")
        self.step += steps
        self.history.append((self.step, *losses))

    def probabilities(self) -> np.ndarray:
        """P(y = 1) at every grid point, shape (resolution, resolution); rows go with the vertical axis."""
        z, _ = network._forward(self.params, self._grid, self.activation)
        return models.sigmoid(z).reshape(len(self.xs), len(self.xs))
