"""One update of each optimizer of notebook 09, over a params dict and a grads dict, and learning-rate schedules.

Every step has the shape of notebook 02's ``gradient_step``: it takes ``params`` and ``grads``
(dicts with the same keys, each gradient the shape of its parameter), never modifies them,
and returns new params; the optimizers that remember something also take and return their
**state** (a dict of dicts of the same keys). A state of None means "the first step".

    momentum_step(params, grads, velocity, learning_rate, beta=0.9)            -> (params, velocity)
    rmsprop_step(params, grads, state, learning_rate=1e-3, beta=0.9, eps=1e-8) -> (params, state)
    adam_step(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8) -> (params, state)

NaN or infinite values, a learning rate that is not > 0, a β outside [0, 1) and a key that
params does not have are refused with an error naming the argument.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .optimizers import _gradient_like, _learning_rate, _parameters, _plain
from .validation import as_finite_float, check_count, check_positive_int

Params = dict[str, Any]
DEFAULTS = {
    "sgd": {"learning_rate": 0.1},
    "momentum": {"learning_rate": 0.01, "beta": 0.9},
    "rmsprop": {"learning_rate": 1e-3, "beta": 0.9, "eps": 1e-8},
    "adam": {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}
"""The usual hyper-parameters (Adam's are Kingma & Ba's and scikit-learn's; SGD's rate depends on the problem)."""


def _beta(value: float, name: str) -> float:
    beta = as_finite_float(value, name)
    if not 0 <= beta < 1:
        raise ValueError(f"{name} must be in [0, 1) (the share of the old average that is kept), got {beta}")
    return beta


def _eps(value: float) -> float:
    eps = as_finite_float(value, "eps")
    if eps <= 0:
        raise ValueError(f"eps must be > 0 (it keeps the division away from 0), got {eps}")
    return eps


def _memory(state: Any, params: dict[str, np.ndarray], name: str) -> dict[str, np.ndarray]:
    """A running average kept per parameter (velocity, m or v): zeros when None, else checked like a gradient."""
    if state is None:
        return {key: np.zeros_like(value) for key, value in params.items()}
    return _gradient_like(state, params, name)


def _step_inputs(params: dict, grads: dict, learning_rate: float) -> tuple[dict, dict, float]:
    values = _parameters(params, "params")
    return values, _gradient_like(grads, values, "grads"), _learning_rate(learning_rate)


def _momentum(values: dict, gradients: dict, velocity: dict, learning_rate: float, beta: float) -> tuple[dict, dict]:
    """The heavy-ball arithmetic on checked arrays: (new params, new velocity)."""
    velocity = {key: beta * velocity[key] - learning_rate * gradients[key] for key in values}
    return {key: values[key] + velocity[key] for key in values}, velocity


def _rmsprop(values: dict, gradients: dict, memory: dict, learning_rate: float, beta: float,
             eps: float) -> tuple[dict, dict]:
    """The RMSProp arithmetic on checked arrays: (new params, {"v": ...})."""
    v = {key: beta * memory["v"][key] + (1 - beta) * gradients[key] ** 2 for key in values}
    return {key: values[key] - learning_rate * gradients[key] / (np.sqrt(v[key]) + eps) for key in values}, {"v": v}


def _adam(values: dict, gradients: dict, t: int, memory: dict, learning_rate: float, beta1: float, beta2: float,
          eps: float) -> tuple[dict, dict]:
    """The Adam arithmetic on checked arrays at step t (1, 2, ...): (new params, {"m": ..., "v": ...})."""
    m = {key: beta1 * memory["m"][key] + (1 - beta1) * gradients[key] for key in values}
    v = {key: beta2 * memory["v"][key] + (1 - beta2) * gradients[key] ** 2 for key in values}
    new = {}
    for key in values:
        m_hat = m[key] / (1 - beta1**t)
        v_hat = v[key] / (1 - beta2**t)
        new[key] = values[key] - learning_rate * m_hat / (np.sqrt(v_hat) + eps)
    return new, {"m": m, "v": v}


def momentum_step(params: dict, grads: dict, velocity: dict | None, learning_rate: float,
                  beta: float = 0.9) -> tuple[Params, Params]:
    """Heavy ball: v ← β·v − η·g, then θ ← θ + v, for every key. velocity None: it starts at 0.

    Returns (new params, new velocity); the velocity has the keys and shapes of params.
    """
    values, gradients, learning_rate = _step_inputs(params, grads, learning_rate)
    new, new_velocity = _momentum(values, gradients, _memory(velocity, values, "velocity"), learning_rate,
                                  _beta(beta, "beta"))
    return _plain(new), _plain(new_velocity)


def _adaptive_state(state: Any, params: dict[str, np.ndarray], keys: tuple[str, ...]) -> tuple[int, dict]:
    """(t, {"m": ..., "v": ...}) of an RMSProp/Adam state; None is the state before the first step."""
    if state is None:
        return 0, {name: _memory(None, params, name) for name in keys}
    expected = {"t", *keys}
    if not isinstance(state, dict) or set(state) != expected:
        got = sorted(state) if isinstance(state, dict) else type(state).__name__
        raise ValueError(f"state must be None (before the first step) or a dict with keys {sorted(expected)}, got {got}")
    return check_count(state["t"], "state['t']"), {name: _memory(state[name], params, f"state[{name!r}]")
                                                   for name in keys}


def rmsprop_step(params: dict, grads: dict, state: dict | None, learning_rate: float = 1e-3, beta: float = 0.9,
                 eps: float = 1e-8) -> tuple[Params, dict]:
    """RMSProp: v ← β·v + (1 − β)·g², θ ← θ − η·g/(√v + ε), per key and per entry.

    state is None or {"t": steps so far, "v": {key: array}}; returns (new params, new state).
    """
    values, gradients, learning_rate = _step_inputs(params, grads, learning_rate)
    beta, eps = _beta(beta, "beta"), _eps(eps)
    t, memory = _adaptive_state(state, values, ("v",))
    new, memory = _rmsprop(values, gradients, memory, learning_rate, beta, eps)
    return _plain(new), {"t": t + 1, "v": _plain(memory["v"])}


def adam_step(params: dict, grads: dict, state: dict | None, learning_rate: float = 1e-3, beta1: float = 0.9,
              beta2: float = 0.999, eps: float = 1e-8) -> tuple[Params, dict]:
    """Adam (Kingma & Ba, 2015, algorithm 1), per key and per entry, with t the number of this step (1, 2, ...):

    m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),  θ ← θ − η·m̂/(√v̂ + ε).

    state is None or {"t": steps so far, "m": {key: array}, "v": {key: array}} (m and v
    uncorrected); returns (new params, new state).
    """
    values, gradients, learning_rate = _step_inputs(params, grads, learning_rate)
    beta1, beta2, eps = _beta(beta1, "beta1"), _beta(beta2, "beta2"), _eps(eps)
    t, memory = _adaptive_state(state, values, ("m", "v"))
    new, memory = _adam(values, gradients, t + 1, memory, learning_rate, beta1, beta2, eps)
    return _plain(new), {"t": t + 1, "m": _plain(memory["m"]), "v": _plain(memory["v"])}


class Optimizer:
    """One of "sgd", "momentum", "rmsprop", "adam" with its hyper-parameters and its state.

    ``step(params, grads)`` returns the new params and remembers the state, so a training
    loop can swap optimizers: ``params = optimizer.step(params, grads)``. An optional
    ``schedule(step) -> learning rate`` (step = 1, 2, ...) replaces the constant rate.
    The hyper-parameters are checked once here, params and grads at every step; the state
    is the optimizer's own and is not checked again.
    """

    def __init__(self, name: str, schedule: Callable[[int], float] | None = None, **hyper: float) -> None:
        if name not in DEFAULTS:
            raise ValueError(f"name must be one of {sorted(DEFAULTS)}, got {name!r}")
        unknown = set(hyper) - set(DEFAULTS[name])
        if unknown:
            raise ValueError(f"{name} has no hyper-parameter {sorted(unknown)}; it takes {sorted(DEFAULTS[name])}")
        hyper = {**DEFAULTS[name], **hyper}
        checked = {"learning_rate": _learning_rate(hyper["learning_rate"])}
        for key in ("beta", "beta1", "beta2"):
            if key in hyper:
                checked[key] = _beta(hyper[key], key)
        if "eps" in hyper:
            checked["eps"] = _eps(hyper["eps"])
        self.name, self.hyper, self.schedule = name, checked, schedule
        self.state: dict[str, dict[str, np.ndarray]] | None = None
        self.steps = 0

    def step(self, params: dict, grads: dict) -> Params:
        """One update; returns the new params (the state is kept inside)."""
        hyper = dict(self.hyper)
        if self.schedule is not None:
            hyper["learning_rate"] = self.schedule(self.steps + 1)
        values, gradients, rate = _step_inputs(params, grads, hyper.pop("learning_rate"))
        names = {"sgd": (), "momentum": ("velocity",), "rmsprop": ("v",), "adam": ("m", "v")}[self.name]
        if self.state is None:
            self.state = {name: _memory(None, values, name) for name in names}
        for memory in self.state.values():
            if set(memory) != set(values) or any(memory[key].shape != values[key].shape for key in values):
                raise ValueError("params changed keys or shapes since the last step: use a new Optimizer for "
                                 "another model")
        self.steps += 1
        if self.name == "sgd":
            new = {key: values[key] - rate * gradients[key] for key in values}
        elif self.name == "momentum":
            new, self.state["velocity"] = _momentum(values, gradients, self.state["velocity"], rate, **hyper)
        elif self.name == "rmsprop":
            new, self.state = _rmsprop(values, gradients, self.state, rate, **hyper)
        else:
            new, self.state = _adam(values, gradients, self.steps, self.state, rate, **hyper)
        return _plain(new)

    def __repr__(self) -> str:
        return f"Optimizer({self.name!r}, {', '.join(f'{k}={v:g}' for k, v in self.hyper.items())})"


# --- learning-rate schedules: the rate to use at step t = 1, 2, ... -----------------------------

def _schedule_inputs(step: int, learning_rate: float) -> tuple[int, float]:
    return check_positive_int(step, "step"), _learning_rate(learning_rate)


def step_decay(step: int, learning_rate: float, drop: float = 0.5, every: int = 100) -> float:
    """η·dropᵏ with k = (step − 1) // every: the rate falls by the factor ``drop`` every ``every`` steps."""
    step, learning_rate = _schedule_inputs(step, learning_rate)
    drop = as_finite_float(drop, "drop")
    if not 0 < drop <= 1:
        raise ValueError(f"drop must be in (0, 1], got {drop}")
    return learning_rate * drop ** ((step - 1) // check_positive_int(every, "every"))


def cosine_decay(step: int, learning_rate: float, total_steps: int, final: float = 0.0) -> float:
    """From η at step 1 down to ``final`` at ``total_steps`` along half a cosine (constant ``final`` after it)."""
    step, learning_rate = _schedule_inputs(step, learning_rate)
    total_steps = check_positive_int(total_steps, "total_steps")
    final = as_finite_float(final, "final")
    if not 0 <= final <= learning_rate:
        raise ValueError(f"final must be between 0 and learning_rate ({learning_rate}), got {final}")
    progress = min((step - 1) / max(total_steps - 1, 1), 1.0)
    return final + 0.5 * (learning_rate - final) * (1 + math.cos(math.pi * progress))


def inverse_time(step: int, learning_rate: float, decay: float = 0.01) -> float:
    """η/(1 + decay·(step − 1)): the 1/t decay of stochastic approximation."""
    step, learning_rate = _schedule_inputs(step, learning_rate)
    decay = as_finite_float(decay, "decay")
    if decay < 0:
        raise ValueError(f"decay must be ≥ 0, got {decay}")
    return learning_rate / (1 + decay * (step - 1))
