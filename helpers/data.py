"""Course data: simulated data sets (seeded) and the small CSV files shipped in data/."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .models import sigmoid
from .validation import as_finite_float, as_float_array, check_positive_int, check_seed

def _data_dir() -> Path:
    """helpers/datasets in an installed wheel; else data/ beside helpers/ in a clone or pulled copy."""
    package = Path(__file__).resolve().parent
    installed = package / "datasets"
    return installed if installed.is_dir() else package.parent / "data"


DATA_DIR = _data_dir()


def make_linear_data(
    n: int = 50,
    w: float = 3.14,
    b: float = 2.72,
    noise: float = 1.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Generate y = w·x + b + noise for x uniform in [0, 5]; returns x (n,), y (n,).

    One Gaussian noise term (standard deviation ``noise``) is added per point.
    The same seed always gives the same data.
    """
    x, z, noise_terms = _line_with_noise(n, w, b, noise, seed)
    return x, z + noise_terms


def data_path(name: str) -> Path:
    """Path of data/<name>.csv, with a clear error when it is not there."""
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a data set name such as 'breast_cancer', got {name!r}")
    path = DATA_DIR / f"{name.removesuffix('.csv')}.csv"
    if not path.is_file():
        available = sorted(p.stem for p in DATA_DIR.glob("*.csv"))
        raise FileNotFoundError(f"no data set {name!r} in {DATA_DIR}; available: {available}")
    return path


def load_data(name: str) -> pd.DataFrame:
    """Load the CSV data set data/<name>.csv as a DataFrame (see data/README.md)."""
    return pd.read_csv(data_path(name))


def make_logistic_data(
    n: int = 200,
    w: float = -2.0,
    b: float = 5.0,
    noise: float = 0.25,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Generate 0/1 labels from a logistic curve; returns x (n,) uniform in [0, 5] and y (n,).

    Each label is the probability σ(w·x + b) plus one Gaussian noise term (standard
    deviation ``noise``), rounded to 0 or 1: y = 1 where σ(w·x + b) + ε ≥ 0.5.
    Rounding throws away how sure the curve was. The noise flips a label wherever it
    exceeds the gap |σ(w·x + b) − 0.5|: often in a band around the threshold x = −b/w,
    where the gap is small next to ``noise``, rarely (but possibly) farther out. The same
    seed always gives the same data.
    """
    x, z, noise_terms = _line_with_noise(n, w, b, noise, seed)
    y = (sigmoid(z) + noise_terms >= 0.5).astype(float)
    return x, y


def _line_with_noise(
    n: int, w: float, b: float, noise: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x (n,) uniform in [0, 5], the line z = w·x + b (n,), and n Gaussian noise terms (n,)."""
    n = check_positive_int(n, "n")
    w, b = as_finite_float(w, "w"), as_finite_float(b, "b")
    noise = as_finite_float(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and must be ≥ 0, got {noise}")
    rng = np.random.default_rng(check_seed(seed))
    x = rng.uniform(0.0, 5.0, size=n)
    return x, w * x + b, rng.normal(0.0, noise, size=n)


CONSTANT = 1e-12
"""A column whose standard deviation is below CONSTANT·max|x| is constant up to rounding."""


def standardize(X: np.ndarray) -> np.ndarray:
    """Z-score each column (feature) of X (n, n_features): (x − mean) / std, same shape.

    Every feature then has mean 0 and standard deviation 1 (np.std's ddof=0, like
    scikit-learn's StandardScaler). A column whose spread is negligible next to its size
    (std below 1e-12 of its largest |x|) is constant up to rounding and is refused. Each
    column is divided by its largest |x| first, so values near 1e-170 or 1e155 neither
    underflow nor overflow when squared.
    """
    X = as_float_array(X, "X", ndim=2)
    size = np.max(np.abs(X), axis=0)
    scaled = X / np.where(size > 0, size, 1.0)  # every column within [-1, 1]
    std = scaled.std(axis=0)
    constant = std <= CONSTANT
    if np.any(constant):
        raise ValueError(f"X has constant columns {np.flatnonzero(constant).tolist()}: their spread is 0, or "
                         "negligible next to their size (rounding noise), so they cannot be standardised")
    return (scaled - scaled.mean(axis=0)) / std


def to_raw_units(w: np.ndarray, b: float, mean: np.ndarray, std: np.ndarray) -> dict:
    """Parameters of a linear score on standardised features, rewritten for the raw features.

    ``w`` (n_features,) and ``b`` act on x' = (x − mean) / std; the returned
    {"w": w / std (n_features,), "b": b − Σ w·mean/std (float)} give the same score on x.
    """
    w, mean, std = (as_float_array(v, name, ndim=1) for v, name in ((w, "w"), (mean, "mean"), (std, "std")))
    if not w.shape == mean.shape == std.shape:
        raise ValueError(f"w, mean and std must have one entry per feature, got shapes {w.shape}, {mean.shape}, "
                         f"{std.shape}")
    if np.any(std <= 0):
        raise ValueError(f"std must be > 0 for every feature, got {std.tolist()}")
    b = as_finite_float(b, "b")
    return {"w": w / std, "b": float(b - np.sum(w * mean / std))}
