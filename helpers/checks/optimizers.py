"""Checks for notebook 09: the mini-batch generator, the momentum step and the Adam step.

A shuffle has many right answers (any permutation drawn from the generator), so the
mini-batch check judges properties instead of values: every sample exactly once per
epoch, X and y kept together, batch sizes with the last partial batch kept, shuffled,
a new order every epoch, and the same batches from the same seed. The steps are compared
with the references of ``helpers.update_rules`` on teaching cases and seeded random ones.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

import numpy as np

from .. import batches, update_rules
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, run_check

# --- minibatches ------------------------------------------------------------------------------


def _epochs(fn: Callable) -> Callable:
    """What the check compares: two epochs from one generator, and the first again from a copy of it."""
    def two_epochs_and_replay(X: np.ndarray, y: np.ndarray, batch_size: int, rng: np.random.Generator) -> dict:
        twin = copy.deepcopy(rng)
        first = [tuple(pair) for pair in fn(X, y, batch_size, rng)]
        second = [tuple(pair) for pair in fn(X, y, batch_size, rng)]
        replay = [tuple(pair) for pair in fn(X, y, batch_size, twin)]
        return {"epoch 1": first, "epoch 2": second, "replay": replay}
    two_epochs_and_replay.__name__ = getattr(fn, "__name__", "minibatches")
    two_epochs_and_replay.__module__ = getattr(fn, "__module__", __name__)
    return two_epochs_and_replay


def _order(X: np.ndarray, y: np.ndarray, epoch: Any) -> tuple[list[int] | None, str | None]:
    """The sample indices an epoch visits (by matching rows of X), or None and the problem."""
    if not isinstance(epoch, list) or not epoch:
        return None, "it yielded no batches: use `yield X[rows], y[rows]` inside a loop over the batches"
    index = {row.tobytes(): i for i, row in enumerate(np.asarray(X, dtype=float).reshape(len(X), -1))}
    order: list[int] = []
    for number, pair in enumerate(epoch, 1):
        if len(pair) != 2:
            return None, f"batch {number} is {len(pair)} values; yield two, `yield X_batch, y_batch`"
        X_batch, y_batch = (np.asarray(part, dtype=float) for part in pair)
        if X_batch.ndim != X.ndim or y_batch.ndim != 1 or len(X_batch) != len(y_batch):
            return None, (f"batch {number} has X of shape {X_batch.shape} and y of shape {y_batch.shape}; expected "
                          f"(b, {X.shape[1]}) and (b,): index both with the same rows, X[rows] and y[rows]")
        for row, label in zip(X_batch.reshape(len(X_batch), -1), y_batch):
            i = index.get(row.tobytes())
            if i is None:
                return None, ("a batch holds a row that is not a row of X: take whole rows, X[rows], and do not "
                              "change their values")
            if label != y[i]:
                return None, ("a row of X came with another row's label: X and y were shuffled with different "
                              "permutations (two rng.shuffle calls, or two rng.permutation draws); draw ONE "
                              "permutation and index both with it")
            order.append(i)
    return order, None


def _judge_batches(X: np.ndarray, y: np.ndarray, batch_size: int) -> Callable[[Any], str | None]:
    n = len(y)

    def judge(got: Any) -> str | None:
        if got is None or not isinstance(got, dict):
            return "it returned nothing to iterate over: did you forget `yield`?"
        orders = {}
        for name in ("epoch 1", "epoch 2", "replay"):
            order, problem = _order(X, y, got[name])
            if problem:
                return problem
            orders[name] = order
        order, epoch = orders["epoch 1"], got["epoch 1"]
        sizes = [len(pair[1]) for pair in epoch]
        if sorted(order) != list(range(n)):
            if len(order) == n - n % batch_size and n % batch_size and len(set(order)) == len(order):
                return (f"the last, partial batch is missing: {n} samples in batches of {batch_size} leave "
                        f"{n % batch_size} over, and this notebook keeps them as a smaller last batch")
            if len(set(order)) < len(order):
                return ("some samples come twice in one epoch and others never: draw the rows without replacement "
                        "(a permutation), not with rng.integers or rng.choice(..., replace=True)")
            return f"one epoch must visit each of the {n} samples exactly once; it visited {len(order)} rows"
        expected_sizes = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
        if sizes != expected_sizes:
            return (f"the batches have sizes {sizes[:6]}{' ...' if len(sizes) > 6 else ''}; expected "
                    f"{expected_sizes[:6]}{' ...' if len(expected_sizes) > 6 else ''}: every batch but the last "
                    f"holds batch_size = {batch_size} rows")
        # unshuffled every time (a draw that ignores rng may give the original order once, by chance)
        if order == list(range(n)) == orders["replay"]:
            return "the batches come in the original order: shuffle first, with a permutation drawn from rng"
        if orders["replay"] != order:
            return ("the same seed gave other batches: draw the permutation from the `rng` you are given "
                    "(np.random.shuffle and np.random.permutation ignore it)")
        if orders["epoch 2"] == order:
            return ("every epoch came in the same order: draw a new permutation from rng at each call (did you "
                    "seed a new generator inside, or draw the order once and keep it?)")
        return None
    return judge


def _minibatch_inputs() -> list[tuple[np.ndarray, np.ndarray, int, int, str]]:
    teaching_X = np.arange(10.0).reshape(5, 2)                    # rows [0, 1], [2, 3], ...
    rng = np.random.default_rng(90)
    wide = awkward_numbers(rng, (23, 3), scale=12.0)              # 23 rows: negative, exact zeros, beyond ±10
    wide[:, 0] = rng.permutation(23) - 11.5 + rng.uniform(0, 0.3, 23)   # distinct rows, unsorted
    labels = rng.permutation(np.arange(23.0) % 2)
    return [
        (teaching_X, np.array([0.0, 1.0, 0.0, 1.0, 1.0]), 2, 1, "5 samples in batches of 2 (the last holds 1)"),
        (np.array([[3.0], [1.0], [4.0], [1.5], [5.0], [9.0]]), np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0]), 3, 2,
         "6 samples of 1 feature in batches of 3"),
        (wide, labels, 5, 3, "23 samples of 3 features in batches of 5 (the last holds 3)"),
        (wide, labels, 23, 4, "23 samples in one batch of 23 (full batch: only the order changes)"),
    ]


def _minibatches_exercise() -> Exercise:
    reference = _epochs(batches.minibatches)
    reference.__name__, reference.__module__ = "minibatches", batches.__name__
    cases = []
    for X, y, batch_size, seed, label in _minibatch_inputs():
        args = (X, y, batch_size, np.random.default_rng(seed))
        cases.append(Case(args, reference(*copy.deepcopy(args)), label, judge=_judge_batches(X, y, batch_size)))
    return Exercise("minibatches", reference, cases, [],
                    exempt={"abs:batch_size": "a batch size is a positive count",
                            "zero:batch_size": "a batch size is never 0",
                            "abs:y": "labels are 0 or 1, never negative"})


@check_of(_minibatches_exercise)
def check_minibatches(fn: Callable) -> Callable:
    """Check a learner's generator ``minibatches(X, y, batch_size, rng)``; returns the one to use."""
    exercise = _minibatches_exercise()
    if fn is batches.minibatches:
        fn = exercise.reference  # "still the reference implementation"
    used = run_check(_epochs(fn) if callable(fn) and fn is not exercise.reference else fn, exercise)
    return batches.minibatches if used is exercise.reference else fn


# --- momentum ---------------------------------------------------------------------------------

def _random_step_case(seed: int, shapes: dict[str, tuple], scale: float = 2.0) -> tuple[dict, dict, dict]:
    rng = np.random.default_rng(seed)
    params = {k: awkward_numbers(rng, s, scale=scale) for k, s in shapes.items()}
    grads = {k: awkward_numbers(rng, s, scale=scale) for k, s in shapes.items()}
    memory = {k: awkward_numbers(rng, s, scale=scale) for k, s in shapes.items()}
    for values in (params, grads, memory):
        for array in values.values():
            array.flat[1] = 0.0  # an exact 0 in every array
    return params, grads, memory


def _momentum_with(update: Callable) -> Callable:
    """A momentum step with the velocity/parameter update replaced: update(p, g, v, lr, beta) -> (p, v)."""
    def step(params, grads, velocity, learning_rate, beta=0.9):
        v = {k: np.zeros_like(np.asarray(params[k], dtype=float)) for k in params} if velocity is None else velocity
        pairs = {k: update(np.asarray(params[k], dtype=float), np.asarray(grads[k], dtype=float),
                           np.asarray(v[k], dtype=float), learning_rate, beta) for k in params}
        return ({k: (float(p) if np.ndim(p) == 0 else p) for k, (p, _) in pairs.items()},
                {k: (float(nv) if np.ndim(nv) == 0 else nv) for k, (_, nv) in pairs.items()})
    return step


def _momentum_exercise() -> Exercise:
    inputs = [
        (({"w": -1.5, "b": 2.0}, {"w": 0.5, "b": -1.0}, None, 0.1), {"beta": 0.9},
         "the first step (velocity None) from w = −1.5, b = 2 with η = 0.1"),
        (({"w": 1.0, "b": -2.0}, {"w": 0.5, "b": -1.0}, {"w": 0.2, "b": -0.3}, 0.1), {"beta": 0.9},
         "a later step with velocity w: 0.2, b: −0.3, η = 0.1, β = 0.9"),
    ]
    params, grads, velocity = _random_step_case(91, {"W": (23, 3), "b": (3,)}, scale=4.0)
    inputs.append(((params, grads, velocity, 0.7), {"beta": 0.5}, "random W (23, 3) and b (3,), η = 0.7, β = 0.5"))
    params, grads, velocity = _random_step_case(92, {"w": (6,)})
    inputs.append(((params, grads, velocity, 0.03), {"beta": 0.0}, "β = 0 (then it is plain gradient descent)"))
    params, grads, velocity = _random_step_case(96, {"w": (7,)}, scale=6.0)
    inputs.append(((params, grads, velocity, 0.2), {"beta": 0.95}, "random w (7,) and velocity, η = 0.2, β = 0.95"))
    cases = [Case(args, update_rules.momentum_step(*copy.deepcopy(args), **kw), label, kwargs=kw)
             for args, kw, label in inputs]
    mistakes: list[Mistake] = [
        ("the new parameters used the old velocity: update v first, v ← βv − ηg, then θ ← θ + v (the new v)",
         _momentum_with(lambda p, g, v, lr, b: (p + v, b * v - lr * g))),
        ("you stored the velocity with the opposite sign (v ← βv + ηg, θ ← θ − v): the steps agree, but this "
         "notebook's convention is v ← βv − ηg, θ ← θ + v",
         _momentum_with(lambda p, g, v, lr, b: (p - (b * v + lr * g), b * v + lr * g))),
        ("that is the exponential average v ← βv + (1 − β)g; the heavy ball adds the whole step, v ← βv − ηg",
         _momentum_with(lambda p, g, v, lr, b: (p - lr * (b * v + (1 - b) * g), b * v + (1 - b) * g))),
        ("the velocity forgets nothing and remembers nothing: v ← βv − ηg keeps β times the OLD velocity",
         _momentum_with(lambda p, g, v, lr, b: (p - lr * g, -lr * g))),
        ("β and η are swapped: v ← β·v − η·g", _momentum_with(lambda p, g, v, lr, b: (p + (lr * v - b * g), lr * v - b * g))),
        ("the gradient is added instead of subtracted: v ← βv − ηg goes downhill",
         _momentum_with(lambda p, g, v, lr, b: (p + (b * v + lr * g), b * v + lr * g))),
    ]
    return Exercise("momentum_step", update_rules.momentum_step, cases, mistakes, returns=("params", "velocity"),
                    exempt={"abs:learning_rate": "a learning rate is > 0", "zero:learning_rate": "a learning rate is > 0",
                            "abs:beta": "β is in [0, 1)",
                            "zero:beta": "β = 1 is refused by the reference (a velocity that never forgets)"})


@check_of(_momentum_exercise)
def check_momentum_step(fn: Callable) -> Callable:
    """Check a learner's ``momentum_step(params, grads, velocity, learning_rate, beta=0.9) -> (params, velocity)``."""
    return run_check(fn, _momentum_exercise())


# --- Adam -------------------------------------------------------------------------------------

def _adam_with(*, correct: bool = True, eps_inside: bool = False, square: bool = True, root: bool = True,
               t_before: bool = False, store_hat: bool = False) -> Callable:
    """An Adam step with one slip."""
    def step(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        if state is None:
            state = {"t": 0, "m": {k: 0.0 * np.asarray(v, float) for k, v in params.items()},
                     "v": {k: 0.0 * np.asarray(v, float) for k, v in params.items()}}
        t = state["t"] if t_before else state["t"] + 1
        new, m_new, v_new = {}, {}, {}
        for k in params:
            g = np.asarray(grads[k], dtype=float)
            m = beta1 * np.asarray(state["m"][k], float) + (1 - beta1) * g
            v = beta2 * np.asarray(state["v"][k], float) + (1 - beta2) * (g**2 if square else np.abs(g))
            m_hat = m / (1 - beta1**t) if correct else m
            v_hat = v / (1 - beta2**t) if correct else v
            if eps_inside:
                denominator = np.sqrt(v_hat + eps)
            else:
                denominator = (np.sqrt(v_hat) if root else v_hat) + eps
            p = np.asarray(params[k], float) - learning_rate * m_hat / denominator
            new[k], m_new[k], v_new[k] = p, (m_hat if store_hat else m), (v_hat if store_hat else v)
        plain = lambda d: {k: (float(x) if np.ndim(x) == 0 else x) for k, x in d.items()}  # noqa: E731
        return plain(new), {"t": state["t"] + 1, "m": plain(m_new), "v": plain(v_new)}
    return step


def _adam_exercise() -> Exercise:
    inputs = [
        (({"w": 1.0, "b": -2.0}, {"w": 0.5, "b": -4.0}, None), {}, "the first step (state None), default settings"),
        (({"w": 1.0, "b": -2.0}, {"w": 0.5, "b": -4.0}, {"t": 1, "m": {"w": 0.05, "b": -0.4},
                                                         "v": {"w": 0.00025, "b": 0.016}}),
         {"learning_rate": 0.1}, "the second step of the same gradients, η = 0.1"),
    ]
    params, grads, m = _random_step_case(93, {"W": (23, 3), "b": (3,)}, scale=5.0)
    v = {k: np.abs(x) * 3.0 + 0.5 for k, x in m.items()}
    inputs.append(((params, grads, {"t": 57, "m": m, "v": v}),
                   {"learning_rate": 0.4, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3},
                   "random W (23, 3), b (3,) at step t = 58, η = 0.4, β₁ = 0.8, β₂ = 0.99, ε = 1e-3"))
    params, grads, _ = _random_step_case(94, {"w": (5,)}, scale=3.0)
    fresh = {"t": 0, "m": {"w": np.zeros(5)}, "v": {"w": np.zeros(5)}}
    inputs.append(((params, {k: g * 1e-6 for k, g in grads.items()}, fresh),
                   {"learning_rate": 0.01, "beta1": 0.0, "eps": 1e-6},
                   "tiny gradients (about 1e-6) at the first step (t = 0, m = v = 0), β₁ = 0, ε = 1e-6 (ε matters)"))
    params, grads, m = _random_step_case(95, {"w": (3,)}, scale=2.0)
    inputs.append(((params, grads, {"t": 2, "m": m, "v": {"w": m["w"] ** 2 + 1.0}}), {"beta2": 0.0},
                   "β₂ = 0 at step t = 3 (then v is just g²)"))
    cases = [Case(args, update_rules.adam_step(*copy.deepcopy(args), **kw), label, kwargs=kw)
             for args, kw, label in inputs]
    mistakes: list[Mistake] = [
        ("no bias correction: divide m by (1 − β₁ᵗ) and v by (1 − β₂ᵗ) before the step (at t = 1, m alone is "
         "only (1 − β₁)·g = 0.1·g)", _adam_with(correct=False)),
        ("the correction used t before counting this step: the first step is t = 1 (1 − β₁⁰ = 0 would divide by 0)",
         _adam_with(t_before=True)),
        ("ε is inside the square root: θ ← θ − η·m̂/(√v̂ + ε)", _adam_with(eps_inside=True)),
        ("v averages the squared gradient, g², not |g|", _adam_with(square=False)),
        ("the square root is missing: divide by √v̂ + ε", _adam_with(root=False)),
        ("you stored the corrected m̂ and v̂ in the state: keep the raw averages m and v there, and correct a copy "
         "at every step", _adam_with(store_hat=True)),
    ]
    return Exercise("adam_step", update_rules.adam_step, cases, mistakes, returns=("params", "state"),
                    exempt={"abs:learning_rate": "a learning rate is > 0", "zero:learning_rate": "a learning rate is > 0",
                            "abs:eps": "ε is > 0", "zero:eps": "ε is > 0",
                            "abs:beta1": "β₁ is in [0, 1)", "abs:beta2": "β₂ is in [0, 1)",
                            "zero:beta1": "β₁ = 1 is refused by the reference (1 − β₁ᵗ = 0)",
                            "zero:beta2": "β₂ = 1 is refused by the reference (1 − β₂ᵗ = 0)",
                            "abs:state['t']": "a step count is never negative"})


@check_of(_adam_exercise)
def check_adam_step(fn: Callable) -> Callable:
    """Check a learner's ``adam_step(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)``."""
    return run_check(fn, _adam_exercise())
