"""Notebook 09's optimizers on the breast-cancer network, next to scikit-learn's MLPClassifier.

    python tests/benchmarks/optimizers.py      (or: make benchmark)

The network is 30 → 20 (tanh) → 1 (logistic output, cross-entropy, no L2 penalty) on notebook
09's split: notebook 07's training part (426 masses, standardised with its own statistics)
cut into 319 to fit and 107 to validate, stratified, seed 0. Every run takes mini-batches of
32, reshuffled every epoch, and checks the validation loss after every epoch. Printed for each:
the epochs and steps (gradient evaluations) until the validation loss first falls to TARGET,
the seconds that took (median of REPEATS runs, one thread), and the validation accuracy there.

The course's SGD, momentum (β = 0.9) and Adam (helpers.update_rules through helpers.batches)
against MLPClassifier(solver="sgd", momentum=0.9, Nesterov as it defaults to) and
MLPClassifier(solver="adam") driven epoch by epoch with partial_fit, same batch size, alpha=0.
Targets: the same validation accuracy within one point, and no slower.
Then the optimizer explorer's cost per slider event (blitted) against a full redraw.
"""

from __future__ import annotations

import io
import statistics
import time
import warnings

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.metrics import log_loss  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

from helpers import data, network  # noqa: E402  (importing helpers limits BLAS to one thread)
from helpers.batches import minibatches  # noqa: E402
from helpers.update_rules import Optimizer  # noqa: E402
from helpers.widgets import OptimizerExplorer  # noqa: E402

TARGET, BATCH, MAX_EPOCHS, REPEATS = 0.08, 32, 300, 5


def split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Notebook 09's fit/validation split of notebook 07's training part."""
    frame = data.load_data("breast_cancer")
    X, y = frame.drop(columns="malignant").to_numpy(), frame["malignant"].to_numpy(float)
    X_rest, _, y_rest, _ = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    X_rest = (X_rest - X_rest.mean(axis=0)) / X_rest.std(axis=0)
    return train_test_split(X_rest, y_rest, test_size=0.25, random_state=0, stratify=y_rest)


X_FIT, X_VAL, Y_FIT, Y_VAL = split()


def course(name: str, learning_rate: float):  # noqa: ANN201
    """Run the course's optimizer until the validation loss reaches TARGET: (epochs, steps, accuracy)."""
    def run() -> tuple[int, int, float]:
        params = network.init_params(X_FIT.shape[1], 20, seed=0, scale=0.1)
        optimizer, rng, steps = Optimizer(name, learning_rate=learning_rate), np.random.default_rng(0), 0
        for epoch in range(1, MAX_EPOCHS + 1):
            for X_batch, y_batch in minibatches(X_FIT, Y_FIT, BATCH, rng):
                params = optimizer.step(params, network.gradients(params, X_batch, y_batch))
                steps += 1
            if network.loss(params, X_VAL, Y_VAL) <= TARGET:
                return epoch, steps, network.accuracy(params, X_VAL, Y_VAL)
        return MAX_EPOCHS, steps, float("nan")
    return run


def scikit_learn(solver: str, learning_rate: float):  # noqa: ANN201
    def run() -> tuple[int, int, float]:
        model = MLPClassifier(hidden_layer_sizes=(20,), activation="tanh", solver=solver, alpha=0.0,
                              batch_size=BATCH, learning_rate_init=learning_rate, momentum=0.9, random_state=0)
        per_epoch = -(-len(Y_FIT) // BATCH)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            for epoch in range(1, MAX_EPOCHS + 1):
                model.partial_fit(X_FIT, Y_FIT, classes=[0.0, 1.0])
                if log_loss(Y_VAL, model.predict_proba(X_VAL)[:, 1], labels=[0.0, 1.0]) <= TARGET:
                    return epoch, epoch * per_epoch, model.score(X_VAL, Y_VAL)
        return MAX_EPOCHS, MAX_EPOCHS * per_epoch, float("nan")
    return run


def timed(run):  # noqa: ANN001, ANN201
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def explorer_costs() -> tuple[float, float]:
    """Median ms of a blitted explorer event and of the same event with a full redraw + PNG."""
    explorer = OptimizerExplorer()
    rates = np.geomspace(0.002, 0.04, 20)
    blit = []
    for rate in rates:
        start = time.perf_counter()
        explorer.update("valley", "momentum", float(rate), 0.9)
        blit.append(time.perf_counter() - start)
    for artist in explorer.canvas._moving:
        artist.set_animated(False)
    full = []
    for rate in rates:
        start = time.perf_counter()
        explorer.update("valley", "momentum", float(rate), 0.9)
        explorer.canvas.figure.savefig(io.BytesIO(), format="png")
        full.append(time.perf_counter() - start)
    return statistics.median(blit) * 1000, statistics.median(full) * 1000


def main() -> None:
    runs = [("course SGD, η = 0.1", course("sgd", 0.1)),
            ("course momentum, η = 0.01, β = 0.9", course("momentum", 0.01)),
            ("course Adam, η = 0.001", course("adam", 0.001)),
            ("MLPClassifier sgd, η = 0.01, momentum 0.9 (Nesterov)", scikit_learn("sgd", 0.01)),
            ("MLPClassifier adam, η = 0.001", scikit_learn("adam", 0.001))]
    print(f"30 → 20 → 1 network, {len(Y_FIT)} masses to fit, {len(Y_VAL)} to validate, batches of {BATCH}: "
          f"until the validation loss ≤ {TARGET} (median of {REPEATS} runs)")
    print(f"{'optimizer':>52} | epochs | steps | seconds | validation accuracy")
    for name, run in runs:
        seconds, (epochs, steps, accuracy) = timed(run)
        print(f"{name:>52} | {epochs:>6} | {steps:>5} | {seconds:7.3f} | {accuracy:.1%}")
    blit, full = explorer_costs()
    print(f"optimizer explorer (notebook 09), one slider event: blitted {blit:.1f} ms (two races of {100} steps, "
          f"PNG), full redraw {full:.1f} ms")


if __name__ == "__main__":
    main()
