"""Backpropagation by hand: forward and backward passes of the small graphs in notebook 03.

The worked example is J(a, b, c) = (2a + b)·c, split into the nodes u = 2a, v = u + b,
J = v·c. The second graph is logistic regression on one sample: z = w·x + b,
ŷ = σ(z), J = −[y log ŷ + (1 − y) log(1 − ŷ)].
"""

from __future__ import annotations

import numpy as np

from .losses import binary_cross_entropy_from_logits
from .models import sigmoid
from .validation import as_finite_float, as_float_array

BACKWARD_KEYS = ("dJ/dv", "dJ/du", "dJ/dc", "dJ/db", "dJ/da")


def example_forward(a: float, b: float, c: float) -> dict[str, float]:
    """Forward pass of J = (2a + b)·c: {"u": 2a, "v": u + b, "J": v·c}. At (3, 4, 5): 6, 10, 50."""
    a, b, c = as_finite_float(a, "a"), as_finite_float(b, "b"), as_finite_float(c, "c")
    u = 2 * a
    v = u + b
    return {"u": u, "v": v, "J": v * c}


def example_backward(a: float, b: float, c: float) -> dict[str, float]:
    """Backward pass of J = (2a + b)·c: every ∂J/∂node by the chain rule, from J back to the inputs.

    ∂J/∂v = c, ∂J/∂u = ∂J/∂v·1, ∂J/∂c = v, ∂J/∂b = ∂J/∂v·1, ∂J/∂a = ∂J/∂u·2.
    At (3, 4, 5): 5, 5, 10, 5, 10 (keys ``BACKWARD_KEYS``).
    """
    v = example_forward(a, b, c)["v"]
    c = float(c)
    dv = c          # J = v·c: ∂J/∂v is the other factor
    du = dv * 1.0   # v = u + b: ∂v/∂u = 1
    dc = v          # J = v·c: ∂J/∂c = v
    db = dv * 1.0   # v = u + b: ∂v/∂b = 1
    da = du * 2.0   # u = 2a: ∂u/∂a = 2
    return {"dJ/dv": dv, "dJ/du": du, "dJ/dc": dc, "dJ/db": db, "dJ/da": da}


def branch_backward(a: float, b: float) -> dict[str, float]:
    """Backward pass of J = s·a with s = a + b, where a feeds two nodes (s and J).

    ∂J/∂s = a, ∂J/∂b = ∂J/∂s·1, and the two paths from a ADD: ∂J/∂a = ∂J/∂s·1 + s (the
    multivariable chain rule). At (3, 4): 3, 3, 10.
    """
    a, b = as_finite_float(a, "a"), as_finite_float(b, "b")
    s = a + b
    ds = a                 # J = s·a: the other factor
    db = ds * 1.0          # s = a + b
    da = ds * 1.0 + s      # through s, plus directly through J = s·a
    return {"dJ/ds": ds, "dJ/db": db, "dJ/da": da}


def _logistic_inputs(x: np.ndarray, y: float, params: dict) -> tuple[np.ndarray, float, np.ndarray, float]:
    """Validate one sample: x (n_features,), a label y in [0, 1], params {"w": (n_features,), "b": float}."""
    x = as_float_array(x, "x")
    y = as_finite_float(y, "y")
    if not 0 <= y <= 1:
        raise ValueError(f"y must be a label between 0 and 1 (usually exactly 0 or 1), got {y}")
    if not isinstance(params, dict) or set(params) != {"w", "b"}:
        raise ValueError(f"params must be a dict with keys ['b', 'w'], got "
                         f"{sorted(params) if isinstance(params, dict) else type(params).__name__}")
    w = as_float_array(params["w"], "params['w']")
    if w.shape != x.shape:
        raise ValueError(f"params['w'] has shape {w.shape} but x has {x.shape}: one weight per feature")
    return x, y, w, as_finite_float(params["b"], "params['b']")


def logistic_forward(x: np.ndarray, y: float, params: dict) -> dict[str, float]:
    """Forward pass for one sample x (n_features,) with label y: {"z", "y_hat", "J"} (J computed stably)."""
    x, y, w, b = _logistic_inputs(x, y, params)
    z = float(w @ x + b)
    y_hat = float(sigmoid(np.array([z]))[0])
    return {"z": z, "y_hat": y_hat, "J": binary_cross_entropy_from_logits(np.array([y]), np.array([z]))}


def logistic_gradient(x: np.ndarray, y: float, params: dict) -> dict[str, np.ndarray | float]:
    """Backward pass for one sample: {"w": (ŷ − y)·x of shape (n_features,), "b": ŷ − y}.

    ∂J/∂ŷ = (1 − y)/(1 − ŷ) − y/ŷ and ∂ŷ/∂z = ŷ(1 − ŷ) multiply to ∂J/∂z = ŷ − y;
    then ∂z/∂w = x and ∂z/∂b = 1.
    """
    x, y, w, b = _logistic_inputs(x, y, params)
    dz = logistic_forward(x, y, params)["y_hat"] - y
    return {"w": dz * x, "b": float(dz)}
