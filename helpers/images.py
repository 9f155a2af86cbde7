"""Image losses on small arrays: a test image, total variation and its gradient, TV denoising, Gram matrices.

Images are 2-D arrays (H, W) of grey levels; feature maps are stacks (C, H, W).
"""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array, check_positive_int


def make_shapes_image(size: int = 32, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A clean (size, size) image of flat shapes (a square and a disc on a dark background) and a noisy copy.

    Grey levels of the clean image are 0.2, 0.5 and 0.9; the noisy one adds Gaussian noise with
    standard deviation ``noise`` to every pixel. Returns (clean, noisy); the same seed gives the same noise.
    """
    size = check_positive_int(size, "size")
    if size < 8:
        raise ValueError(f"size must be at least 8 pixels, got {size}")
    noise = as_finite_float(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and must be ≥ 0, got {noise}")
    rows, cols = np.mgrid[0:size, 0:size] / size  # pixel centres in [0, 1)
    clean = np.full((size, size), 0.2)
    clean[(rows > 0.15) & (rows < 0.55) & (cols > 0.1) & (cols < 0.5)] = 0.9
    clean[(rows - 0.65) ** 2 + (cols - 0.65) ** 2 < 0.22**2] = 0.5
    rng = np.random.default_rng(seed)
    return clean, clean + rng.normal(0.0, noise, size=clean.shape)


def _image(image: np.ndarray, name: str = "image") -> np.ndarray:
    image = as_float_array(image, name, ndim=2)
    if min(image.shape) < 2:
        raise ValueError(f"{name} must be at least 2×2 pixels, got shape {image.shape}")
    return image


def _differences(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Forward differences to the pixel below and to the right, (H, W) each; 0 on the last row / column."""
    down, right = np.zeros_like(image), np.zeros_like(image)
    down[:-1, :] = image[:-1, :] - image[1:, :]   # I[i, j] − I[i+1, j]
    right[:, :-1] = image[:, :-1] - image[:, 1:]  # I[i, j] − I[i, j+1]
    return down, right


def _tv_parameters(beta: float, eps: float) -> tuple[float, float]:
    beta, eps = as_finite_float(beta, "beta"), as_finite_float(eps, "eps")
    if beta <= 0:
        raise ValueError(f"beta must be > 0 (usually 1), got {beta}")
    if eps < 0:
        raise ValueError(f"eps must be ≥ 0, got {eps}")
    return beta, eps


def _local_sizes(down: np.ndarray, right: np.ndarray, eps: float) -> np.ndarray:
    """√(down² + right² + ε²) per pixel, (H, W), by hypot: ε = 1e-200 does not vanish, 1e200 does not overflow."""
    return np.hypot(np.hypot(down, right), eps)


def total_variation(image: np.ndarray, beta: float = 1.0, eps: float = 0.0) -> float:
    """L_TV = Σ_ij ((I_ij − I_i+1,j)² + (I_ij − I_i,j+1)² + ε²)^(β/2) of an image (H, W).

    With β = 1 and ε = 0 each pixel contributes the length of its local gradient; the sum is
    small for smooth images and large for noisy ones. A small ε > 0 smooths the kink at
    zero difference so that gradient descent can use it (pixels past the last row or column
    count as equal to their neighbour).
    """
    image = _image(image)
    beta, eps = _tv_parameters(beta, eps)
    down, right = _differences(image)
    return float(np.sum(_local_sizes(down, right, eps) ** beta))


def total_variation_gradient(image: np.ndarray, beta: float = 1.0, eps: float = 0.0) -> np.ndarray:
    """∂L_TV/∂I of ``total_variation(image, beta, eps)`` (the same defaults), shape (H, W).

    Each pixel appears in its own term (with + signs) and in the terms of the pixel above and
    the pixel to its left (with − signs). Needs ε > 0 when β ≤ 1: there the total variation has
    a kink where neighbours are equal (for β > 1, r^β is differentiable at r = 0, slope 0).
    """
    image = _image(image)
    beta, eps = _tv_parameters(beta, eps)
    if beta <= 1 and eps == 0:
        raise ValueError(f"eps must be > 0 for beta ≤ 1 (here beta = {beta:g}): the total variation has a kink "
                         "where neighbours are equal; pass a small smoothing eps, e.g. eps=0.05")
    down, right = _differences(image)
    size = _local_sizes(down, right, eps)          # r = √(down² + right² + ε²), (H, W)
    # d r^β / d down = β·r^(β−1)·(down / r); where r = 0 (only with ε = 0, β > 1) the slope is 0
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(size > 0, beta * size ** (beta - 1) / np.where(size > 0, size, 1.0), 0.0)
    grad = scale * (down + right)                  # the pixel's own term
    grad[1:, :] -= (scale * down)[:-1, :]          # the term of the pixel above
    grad[:, 1:] -= (scale * right)[:, :-1]         # the term of the pixel to the left
    return grad


def denoise_tv(
    noisy: np.ndarray, lam: float, learning_rate: float, steps: int, eps: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """Gradient descent on ½Σ(I − noisy)² + λ·L_TV(I) (β = 1, smoothed by ε) from I = noisy.

    Returns (the image after ``steps`` steps (H, W), the objective before each step and at the end,
    shape (steps + 1,)). A fixed number of steps: the learning rate must stay below about
    1 / (1 + 8λ/ε) to be stable.
    """
    noisy = _image(noisy, "noisy")
    lam, learning_rate = as_finite_float(lam, "lam"), as_finite_float(learning_rate, "learning_rate")
    if lam < 0:
        raise ValueError(f"lam must be ≥ 0, got {lam}")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    steps = check_positive_int(steps, "steps")
    image, history = noisy.copy(), np.empty(steps + 1)
    for step in range(steps + 1):
        history[step] = 0.5 * np.sum((image - noisy) ** 2) + lam * total_variation(image, eps=eps)
        if step < steps:
            image = image - learning_rate * (image - noisy + lam * total_variation_gradient(image, eps=eps))
    return image, history


def gram_matrix(feature_maps: np.ndarray, normalize: bool = False) -> np.ndarray:
    """Gram matrix G = FᵀF (C, C) of C feature maps (C, H, W), F = the maps as columns (H·W, C).

    G[k, l] = Σ over positions of map_k · map_l: the diagonal is each map's energy, an
    off-diagonal entry how strongly two maps are active at the same places. Where they are
    active is summed away. ``normalize`` divides by the number of positions H·W.
    """
    maps = as_float_array(feature_maps, "feature_maps", ndim=3)
    features = maps.reshape(maps.shape[0], -1).T   # (H·W, C)
    gram = features.T @ features                   # (C, C)
    return gram / features.shape[0] if normalize else gram
