"""The course's network against scikit-learn's MLPClassifier, and the playground's cost per frame.

    python tests/benchmarks/neural_network.py      (or: make benchmark)

Both networks are 30 → 20 (tanh) → 1 (logistic output, cross-entropy loss), trained on
the same standardised split of the breast-cancer data as notebook 07 (426 training and
143 test masses). Three pairings:
  1. full-batch gradient descent, η = 0.1, 300 steps, no regularisation: the course's loop
     (helpers.network.descend) against MLPClassifier(solver="sgd") with the same settings
     (batch = the whole training set, no momentum, constant step);
  2. the course's network against MLPClassifier's default solver (Adam, 200 epochs of
     mini-batches of 200, α = 1e-4);
  3. L-BFGS on both (helpers.network.fit_lbfgs borrows SciPy's; scikit-learn uses SciPy's too).
Each time is the median of several fits on one thread. Target: the course's gradient
descent reaches at least scikit-learn's test accuracy minus one point and trains no slower.
Then the playground: milliseconds per frame (25 steps, the 60 × 60 heat map, the PNG).
"""

from __future__ import annotations

import statistics
import time
import warnings

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

from helpers import data, network  # noqa: E402  (importing helpers limits BLAS to one thread)
from helpers.widgets import PlaygroundExplorer  # noqa: E402

REPEATS = 7
HIDDEN, LEARNING_RATE, STEPS = 20, 0.1, 300


def split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Notebook 07's split: 25 % test, stratified, seed 0; standardised with the training statistics."""
    frame = data.load_data("breast_cancer")
    X, y = frame.drop(columns="malignant").to_numpy(), frame["malignant"].to_numpy(float)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def timed(fit) -> tuple[float, object]:  # noqa: ANN001
    """(median seconds over REPEATS fits, the last fitted result)."""
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = fit()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def course_start(n_features: int) -> dict[str, np.ndarray]:
    """Notebook 07's start: N(0, 0.1²) weights from seed 0, zero biases."""
    rng = np.random.default_rng(0)
    return {"W1": 0.1 * rng.standard_normal((n_features, HIDDEN)), "b1": np.zeros(HIDDEN),
            "W2": 0.1 * rng.standard_normal((HIDDEN, 1)), "b2": np.zeros(1)}


def main() -> None:
    X_train, X_test, y_train, y_test = split()
    start = course_start(X_train.shape[1])
    rows = []

    seconds, params = timed(lambda: network.descend(start, X_train, y_train, LEARNING_RATE, STEPS))
    ours_gd = (seconds, network.accuracy(params, X_test, y_test))
    seconds, (params, _) = timed(lambda: network.fit_lbfgs(start, X_train, y_train, max_iter=200))
    ours_lbfgs = (seconds, network.accuracy(params, X_test, y_test))

    def sklearn(**options) -> tuple[float, float]:
        model = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="tanh", random_state=0, **options)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            seconds, fitted = timed(lambda: model.fit(X_train, y_train))
        return seconds, fitted.score(X_test, y_test)

    same_gd = sklearn(solver="sgd", batch_size=len(y_train), learning_rate_init=LEARNING_RATE, momentum=0.0,
                      alpha=0.0, max_iter=STEPS, tol=0.0, n_iter_no_change=STEPS + 1, shuffle=False)
    default = sklearn()
    lbfgs = sklearn(solver="lbfgs", alpha=0.0, max_iter=200)
    rows += [(f"course: full-batch gradient descent, {STEPS} steps", *ours_gd),
             (f"scikit-learn: solver='sgd', same settings, {STEPS} epochs", *same_gd),
             ("scikit-learn: default (Adam, 200 epochs, α = 1e-4)", *default),
             ("course: fit_lbfgs (SciPy's L-BFGS), ≤ 200 iterations", *ours_lbfgs),
             ("scikit-learn: solver='lbfgs', ≤ 200 iterations", *lbfgs)]

    print(f"30 → {HIDDEN} (tanh) → 1 on the breast-cancer split of notebook 07 "
          f"({len(y_train)} train, {len(y_test)} test); median of {REPEATS} fits, one thread")
    print(f"  {'':<56} {'test accuracy':>13} {'train time':>11}")
    for name, seconds, accuracy in rows:
        print(f"  {name:<56} {accuracy:>12.1%} {seconds * 1000:>9.0f} ms")
    for label, (theirs_seconds, theirs_accuracy) in (("same settings", same_gd), ("default", default)):
        ok = ours_gd[1] >= theirs_accuracy - 0.01 and ours_gd[0] <= theirs_seconds
        print(f"  target vs scikit-learn {label:<14}: accuracy {ours_gd[1]:.1%} ≥ {theirs_accuracy - 0.01:.1%} and "
              f"time {ours_gd[0] * 1000:.0f} ≤ {theirs_seconds * 1000:.0f} ms → {'met' if ok else 'NOT met'}")

    explorer = PlaygroundExplorer(steps_per_frame=25)
    frames, train, heat, render = [], [], [], []
    for _ in range(40):
        t0 = time.perf_counter()
        explorer.playground.train(explorer.steps_per_frame)
        t1 = time.perf_counter()
        explorer.playground.probabilities()
        t2 = time.perf_counter()
        explorer.redraw()  # the heat map again, the curves, the readout and one PNG
        t3 = time.perf_counter()
        train.append(t1 - t0), heat.append(t2 - t1), render.append(t3 - t2), frames.append(t3 - t0)
    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    print("playground, one frame (median of 40; moons, 4 hidden units, 100 training points, 60 × 60 grid):")
    print(f"  25 gradient-descent steps {ms(train):5.1f} ms · heat-map forward pass {ms(heat):4.1f} ms · "
          f"redraw + PNG {ms(render):5.1f} ms · whole frame {ms(frames):5.1f} ms "
          f"(the Play widget asks for one every {explorer.play.interval} ms)")


if __name__ == "__main__":
    main()
