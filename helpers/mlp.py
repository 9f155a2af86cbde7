"""A multi-layer perceptron for K classes (notebook 10): ReLU (or tanh) hidden layers, a softmax output.

Shapes, for n samples with d features, hidden widths h1 … hL and K classes:
X (n, d) → Z1 = X W1 + b1 (n, h1) → A1 = ReLU(Z1) → … → scores = A_L W_{L+1} + b_{L+1} (n, K).
Parameters are a dict W1, b1, …, W{L+1}, b{L+1} with W_l (h_{l−1}, h_l) and b_l (h_l,). The loss
is the mean softmax cross-entropy of the scores (``helpers.multiclass``, labels y (n,) in
0 … K−1), plus λ·Σ W² over the weights when λ > 0. With one hidden layer this is notebook 07's
network with notebook 06's output.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .generalisation import decayed_step, inverted_dropout
from .multiclass import as_class_labels, cross_entropy_from_logits
from .validation import as_finite_float, as_float_array, check_positive_int, check_seed

ACTIVATIONS = ("relu", "tanh")
Layers = list[tuple[np.ndarray, np.ndarray]]


def init_scale(scale: float | str, fan_in: int) -> float:
    """The standard deviation of a layer's starting weights: a number, or "xavier" = 1/√fan_in
    (for tanh) or "he" = √(2/fan_in) (for ReLU), fan_in being the layer's number of inputs."""
    if isinstance(scale, str):
        if scale not in ("xavier", "he"):
            raise ValueError(f"scale must be a number, 'xavier' or 'he', got {scale!r}")
        return float(np.sqrt((1.0 if scale == "xavier" else 2.0) / fan_in))
    scale = as_finite_float(scale, "scale")
    if scale <= 0:
        raise ValueError(f"scale (the weights' standard deviation) must be > 0, got {scale}")
    return scale


def init_params(sizes: Sequence[int], scale: float | str = "he", seed: int = 0) -> dict[str, np.ndarray]:
    """Random weights N(0, s²) per layer and zero biases, for layer widths ``sizes`` = [d, h1, …, K].

    s comes from ``init_scale(scale, fan_in)``; e.g. sizes [64, 32, 10] gives W1 (64, 32), b1 (32,),
    W2 (32, 10), b2 (10,).
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"sizes must list the layer widths [d, h1, ..., K], at least two, got {sizes!r}")
    sizes = [check_positive_int(s, "sizes[i]") for s in sizes]
    if sizes[-1] < 2:
        raise ValueError(f"the last size is the number of classes K and must be ≥ 2, got {sizes[-1]}")
    rng = np.random.default_rng(check_seed(seed))
    params = {}
    for layer, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{layer}"] = init_scale(scale, fan_in) * rng.standard_normal((fan_in, fan_out))
        params[f"b{layer}"] = np.zeros(fan_out)
    return params


def _layers(params: dict, X: np.ndarray) -> tuple[Layers, np.ndarray]:
    """The (W, b) pairs in order and X as a float array, after checking keys and shapes."""
    if not isinstance(params, dict) or len(params) < 2 or len(params) % 2:
        raise ValueError("params must be a dict W1, b1, W2, b2, ... (W_l (h_{l-1}, h_l), b_l (h_l,)), got "
                         f"{sorted(params) if isinstance(params, dict) else type(params).__name__}")
    count = len(params) // 2
    expected = {f"{kind}{layer}" for layer in range(1, count + 1) for kind in "Wb"}
    if set(params) != expected:
        raise ValueError(f"params must have the keys {sorted(expected)}, got {sorted(params)}")
    X = as_float_array(X, "X", ndim=2)
    layers, width = [], X.shape[1]
    for layer in range(1, count + 1):
        W = as_float_array(params[f"W{layer}"], f"params['W{layer}']", ndim=2)
        b = as_float_array(params[f"b{layer}"], f"params['b{layer}']", ndim=1)
        if W.shape[0] != width or b.shape != (W.shape[1],):
            raise ValueError(f"params['W{layer}'] has shape {W.shape} and params['b{layer}'] {b.shape}: expected "
                             f"W{layer} ({width}, h) and b{layer} (h,) (X has shape {X.shape})")
        layers.append((W, b))
        width = W.shape[1]
    if width < 2:
        raise ValueError(f"the output layer must give one score per class (K ≥ 2), got {width}")
    return layers, X


def _activation(name: str) -> str:
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")
    return name


def _forward(layers: Layers, X: np.ndarray, activation: str, keep: float = 1.0,
             rng: np.random.Generator | None = None) -> tuple[np.ndarray, list[np.ndarray], list, list]:
    """(scores (n, K), the input of every layer, every hidden pre-activation Z, every dropout mask)."""
    inputs, pres, masks, A = [], [], [], X
    for W, b in layers[:-1]:
        inputs.append(A)
        Z = A @ W + b                                              # (n, h)
        A = np.maximum(Z, 0.0) if activation == "relu" else np.tanh(Z)
        mask = None
        if keep < 1.0:
            A, mask = inverted_dropout(A, keep, rng)
        pres.append(Z)
        masks.append(mask)
    inputs.append(A)
    W, b = layers[-1]
    return A @ W + b, inputs, pres, masks


def _backward(layers: Layers, labels: np.ndarray, scores: np.ndarray, inputs: list, pres: list, masks: list,
              activation: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """(∂J/∂W, ∂J/∂b) of the mean cross-entropy for every layer, from the output back."""
    G = np.exp(scores - scores.max(axis=1, keepdims=True))        # (n, K): softmax, stably
    G /= G.sum(axis=1, keepdims=True)
    G[np.arange(len(labels)), labels] -= 1.0
    G /= len(labels)                                               # ∂J/∂scores = (softmax − one-hot)/n
    grads = []
    for layer in range(len(layers) - 1, -1, -1):
        grads.append((inputs[layer].T @ G, G.sum(axis=0)))
        if layer:
            G = G @ layers[layer][0].T                             # ∂J/∂A of the layer below
            if masks[layer - 1] is not None:
                G = G * masks[layer - 1]
            Z = pres[layer - 1]
            G = G * ((Z > 0) if activation == "relu" else 1.0 - np.tanh(Z) ** 2)   # ∂J/∂Z: ReLU' from the input Z
    return grads[::-1]


def _labels(y: np.ndarray, layers: Layers, X: np.ndarray) -> np.ndarray:
    return as_class_labels(y, layers[-1][0].shape[1], X.shape[0])


def _penalty(layers: Layers) -> float:
    return float(sum(np.sum(W**2) for W, _ in layers))


def _as_dict(pairs: list[tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    out = {}
    for layer, (W, b) in enumerate(pairs, start=1):
        out[f"W{layer}"], out[f"b{layer}"] = W, b
    return out


def _pairs(params: dict[str, np.ndarray]) -> Layers:
    """The (W, b) pairs of an already checked params dict, in layer order."""
    return [(params[f"W{i}"], params[f"b{i}"]) for i in range(1, len(params) // 2 + 1)]


def _lam(lam: float) -> float:
    lam = as_finite_float(lam, "lam")
    if lam < 0:
        raise ValueError(f"lam (the L2 strength λ) must be ≥ 0, got {lam}")
    return lam


def forward(params: dict, X: np.ndarray, activation: str = "relu") -> np.ndarray:
    """The class scores (logits) of the network on X (n, d): shape (n, K)."""
    layers, X = _layers(params, X)
    return _forward(layers, X, _activation(activation))[0]


def hidden_activations(params: dict, X: np.ndarray, activation: str = "relu") -> list[np.ndarray]:
    """The output A_l (n, h_l) of every hidden layer on X (n, d), first layer first."""
    layers, X = _layers(params, X)
    return _forward(layers, X, _activation(activation))[1][1:]


def loss(params: dict, X: np.ndarray, y: np.ndarray, lam: float = 0.0, activation: str = "relu") -> float:
    """Mean softmax cross-entropy on X (n, d) with labels y (n,), plus λ·Σ W² over every weight matrix."""
    layers, X = _layers(params, X)
    scores = _forward(layers, X, _activation(activation))[0]
    return cross_entropy_from_logits(_labels(y, layers, X), scores) + _lam(lam) * _penalty(layers)


def gradients(params: dict, X: np.ndarray, y: np.ndarray, lam: float = 0.0,
              activation: str = "relu") -> dict[str, np.ndarray]:
    """∂(loss)/∂θ for every parameter (same keys and shapes as params), by backpropagation.

    With one hidden layer: dS = (softmax(S) − one-hot)/n, ∂W2 = A1ᵀ dS, ∂b2 = Σ_i dS_i,
    dZ1 = (dS W2ᵀ) · [Z1 > 0], ∂W1 = Xᵀ dZ1, ∂b1 = Σ_i dZ1_i; plus 2λW for the weights.
    """
    layers, X = _layers(params, X)
    activation, lam = _activation(activation), _lam(lam)
    scores, inputs, pres, masks = _forward(layers, X, activation)
    pairs = _backward(layers, _labels(y, layers, X), scores, inputs, pres, masks, activation)
    return _as_dict([(dW + 2 * lam * W, db) for (dW, db), (W, _) in zip(pairs, layers)])


def predict(params: dict, X: np.ndarray, activation: str = "relu") -> np.ndarray:
    """The class with the highest score for every row of X (n, d): shape (n,)."""
    return forward(params, X, activation).argmax(axis=1)


def error_rate(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "relu") -> float:
    """Share of the rows of X (n, d) whose predicted class differs from y (n,): 1 − accuracy."""
    layers, X = _layers(params, X)
    labels = _labels(y, layers, X)
    return float(np.mean(_forward(layers, X, _activation(activation))[0].argmax(axis=1) != labels))


def layer_statistics(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "relu") -> dict[str, np.ndarray]:
    """At the current weights (e.g. step 0): {"activation_std": (L,), "gradient_norm": (L+1,)}.

    The standard deviation of every hidden layer's outputs over the batch X (n, d), and the
    Frobenius norm ‖∂J/∂W_l‖ of every weight matrix, first layer first (J: mean cross-entropy).
    """
    layers, X = _layers(params, X)
    activation = _activation(activation)
    with np.errstate(over="ignore", invalid="ignore"):
        scores, inputs, pres, masks = _forward(layers, X, activation)
        pairs = _backward(layers, _labels(y, layers, X), scores, inputs, pres, masks, activation)
    return {"activation_std": np.array([A.std() for A in inputs[1:]]),
            "gradient_norm": np.array([np.linalg.norm(dW) for dW, _ in pairs])}


def _checked_gradient(grads: object, params: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A learner's gradient dict, after checking it has the keys and shapes of params."""
    if not isinstance(grads, dict) or set(grads) != set(params):
        raise ValueError(f"gradient must return a dict with the keys {sorted(params)}, got "
                         f"{sorted(grads) if isinstance(grads, dict) else type(grads).__name__}")
    for key, value in grads.items():
        if np.shape(value) != params[key].shape:
            raise ValueError(f"gradient returned {key!r} of shape {np.shape(value)}, expected {params[key].shape}")
    return grads


GradientFunction = Callable[[dict, np.ndarray, np.ndarray], dict]
StepFunction = Callable[[dict, dict, float, float], dict]


def train(params: dict, X: np.ndarray, y: np.ndarray, learning_rate: float, epochs: int, lam: float = 0.0,
          batch_size: int = 64, keep: float = 1.0, activation: str = "relu", seed: int = 0,
          X_val: np.ndarray | None = None, y_val: np.ndarray | None = None,
          gradient: GradientFunction | None = None, step: StepFunction | None = None) -> tuple[dict, dict]:
    """Mini-batch gradient descent with weight decay (and optionally inverted dropout); returns (params, history).

    Each epoch shuffles the n training rows (seeded) and takes one step per batch of ``batch_size``:
    θ ← ``step``(θ, ∂J/∂θ on the batch, η, λ), by default ``generalisation.weight_decay_step`` (L2 as
    weight decay).
    ``keep`` < 1 drops hidden units during training only. ``gradient``, when given, is a learner's
    ``backward(params, X, y)`` for the data loss of a one-hidden-layer ReLU network (no dropout).

    history holds, per epoch (epoch 0 = the start): "epoch", "train_loss" and "train_error" (data
    loss and error rate on all of X, dropout off), "val_loss" and "val_error" (when X_val, y_val are
    given), "update_ratio" (‖ΔW1‖/‖W1‖ of the epoch's last step), and "stopped": the epoch at which
    a loss or a parameter stopped being finite (training ends there), else None.
    """
    layers, X = _layers(params, X)
    labels = _labels(y, layers, X)
    activation = _activation(activation)
    learning_rate = as_finite_float(learning_rate, "learning_rate")
    epochs, batch_size = check_positive_int(epochs, "epochs"), check_positive_int(batch_size, "batch_size")
    keep = as_finite_float(keep, "keep")
    if not 0 < keep <= 1:
        raise ValueError(f"keep (the probability of keeping a hidden unit) must be in (0, 1], got {keep}")
    if gradient is not None and (keep < 1 or activation != "relu" or len(layers) != 2):
        raise ValueError("gradient= is a backward pass of one ReLU hidden layer without dropout")
    validation = None
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    if X_val is not None:
        val_layers, X_val = _layers(params, X_val)
        validation = (X_val, _labels(y_val, val_layers, X_val))
    step = step or decayed_step  # weight_decay_step, its inputs already checked here
    lam = _lam(lam)
    rng = np.random.default_rng(check_seed(seed))
    current = _as_dict(layers)
    history: dict = {"epoch": [], "train_loss": [], "train_error": [], "val_loss": [], "val_error": [],
                     "update_ratio": [], "stopped": None}

    def record(epoch: int, ratio: float) -> bool:
        pairs = _pairs(current)
        sets = [("train", X, labels)] + ([("val", *validation)] if validation else [])
        finite = True
        for name, data, target in sets:
            with np.errstate(over="ignore", invalid="ignore"):
                scores = _forward(pairs, data, activation)[0]
            ok = bool(np.all(np.isfinite(scores)))
            history[f"{name}_loss"].append(cross_entropy_from_logits(target, scores) if ok else float("nan"))
            history[f"{name}_error"].append(float(np.mean(scores.argmax(axis=1) != target)) if ok else float("nan"))
            finite = finite and ok
        history["epoch"].append(epoch)
        history["update_ratio"].append(ratio)
        return finite

    record(0, float("nan"))
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(labels))
        before = current["W1"]
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            before = current["W1"]
            with np.errstate(over="ignore", invalid="ignore"):
                if gradient is not None:
                    grads = _checked_gradient(gradient(current, X[rows], labels[rows]), current)
                else:
                    pairs = _pairs(current)
                    scores, inputs, pres, masks = _forward(pairs, X[rows], activation, keep, rng)
                    grads = _as_dict(_backward(pairs, labels[rows], scores, inputs, pres, masks, activation))
                current = step(current, grads, learning_rate, lam)
        with np.errstate(over="ignore", invalid="ignore"):
            ratio = float(np.linalg.norm(current["W1"] - before) / np.linalg.norm(before))
        if not record(epoch, ratio) or not all(np.all(np.isfinite(v)) for v in current.values()):
            history["stopped"] = epoch
            break
    return current, history

