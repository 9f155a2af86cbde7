"""Checks for notebook 06: softmax, its cross-entropy and gradient, the hinge loss, softmax regression."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import multiclass
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, reference_cases, run_check

# --- small building blocks for the wrong answers (no validation: they must run on anything) ---


def _rows(s: np.ndarray) -> np.ndarray:
    return np.arange(s.shape[0])


def _stable(s: np.ndarray, axis: int = 1) -> np.ndarray:
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _naive(s: np.ndarray) -> np.ndarray:
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def _log_softmax(s: np.ndarray) -> np.ndarray:
    m = s.max(axis=1, keepdims=True)
    return s - m - np.log(np.exp(s - m).sum(axis=1, keepdims=True))


def _one_hot(y: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros((len(y), k))
    out[np.arange(len(y)), y] = 1.0
    return out


LABELS = "labels are class numbers 0 … K − 1, never negative"

# --- softmax ------------------------------------------------------------------------------

OVERFLOW = ("np.exp(1000) overflows to inf, and inf/inf is nan: subtract each row's maximum first, "
            "s - s.max(axis=1, keepdims=True) (softmax does not change when a whole row moves by the same amount)")
LONGDOUBLE = ("extended precision (np.longdouble) only postpones the overflow: e^(100000) overflows it too, and on "
              "some computers np.longdouble is plain float64. Subtract each row's maximum first, in float64: "
              "every exponent is then ≤ 0")
ROW_MINIMUM = ("you subtracted each row's minimum: every exponent is then ≥ 0, and the largest, e^(max − min), still "
               "overflows (e^1000 = inf, and inf/inf = nan). Subtract the row's maximum instead, so that every "
               "exponent is ≤ 0")
KEEPDIMS = ("s.max(axis=1) and e.sum(axis=1) have shape (n,), which NumPy lines up with the columns, not the rows "
            "(an error when n ≠ K, wrong numbers when n = K): keep the axis, keepdims=True gives shape (n, 1)")


def _softmax_exercise() -> Exercise:
    # Fixed cases share: at most 6 samples, mostly round scores, no more than 4 classes. The seeded
    # ones break that: 23 unsorted samples of 5 non-round scores of both signs with exact zeros,
    # and a (4, 9) batch (more classes than samples).
    rng = np.random.default_rng(6)
    random = rng.normal(0.0, 4.0, size=(6, 4))
    square = np.array([[0.5, -1.0, 2.0], [3.0, 3.0, -2.0], [-0.7, 0.0, 1.3]])
    far_apart = np.array([[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -1002.0]])
    # one huge score among small ones (defeats subtracting the row mean) and the maximum away from
    # the first column (defeats subtracting s[:, 0])
    lopsided = np.array([[1500.0, 0.0, 0.0, -2.0], [0.0, 1000.0, 999.0, 3.0]])
    huge = np.array([[1e5, 1e5 - 1.0, 0.0], [0.0, -1e5, 2.0]])
    cases = [
        Case((np.array([[1.0, 2.0, 3.0]]),), multiclass.softmax(np.array([[1.0, 2.0, 3.0]])),
             "one sample with scores [[1, 2, 3]]"),
        Case((np.array([[2.0, -1.0, 0.0], [1.0, 1.0, 1.0]]),), multiclass.softmax(np.array([[2.0, -1.0, 0.0], [1.0, 1.0, 1.0]])),
             "two samples [[2, -1, 0], [1, 1, 1]] (each row must sum to 1; equal scores give 1/3 each)"),
        Case((np.array([[1000.0, 999.0, 0.0]]),), multiclass.softmax(np.array([[1000.0, 999.0, 0.0]])),
             "large scores [[1000, 999, 0]] (the answer is [0.731, 0.269, 0.0], not nan)"),
        Case((far_apart,), multiclass.softmax(far_apart),
             "two rows far apart [[1000, 999, 0], [-1000, -1001, -1002]] (both rows are finite probabilities)"),
        Case((lopsided,), multiclass.softmax(lopsided),
             "one huge score per row [[1500, 0, 0, -2], [0, 1000, 999, 3]] (the answers are finite, not nan)"),
        Case((huge,), multiclass.softmax(huge),
             "scores of 100000 [[1e5, 1e5 − 1, 0], [0, -1e5, 2]] (too large even for np.longdouble without the "
             "maximum subtracted)"),
        Case((square,), multiclass.softmax(square), "a (3, 3) batch (as many samples as classes)"),
        Case((random,), multiclass.softmax(random), "6 random samples of 4 scores"),
        *reference_cases(multiclass.softmax, [((awkward_numbers(rng, (23, 5), scale=4.0),), "23 random samples of 5 scores"),
                                              ((awkward_numbers(rng, (4, 9), scale=6.0),), "4 random samples of 9 scores")]),
    ]
    mistakes: list[Mistake] = [
        (OVERFLOW, _naive),
        (LONGDOUBLE, lambda s: _naive(s.astype(np.longdouble))),
        (LONGDOUBLE, lambda s: _naive(s.astype(np.longdouble)).astype(float)),
        (ROW_MINIMUM, lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.min(axis=1, keepdims=True)))),
        ("you subtracted the maximum of the whole batch, s.max(); a row whose scores all lie far below it "
         "(here [-1000, -1001, -1002]) underflows to 0/0 = nan. Subtract each row's own maximum: "
         "s.max(axis=1, keepdims=True)", lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.max()))),
        ("you subtracted the row's mean; that keeps the answer the same in exact arithmetic, but with one huge "
         "score (here 1500 against 0s) e^(s − mean) still overflows to inf and inf/inf = nan. Only the maximum "
         "makes every exponent ≤ 0: s - s.max(axis=1, keepdims=True)",
         lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.mean(axis=1, keepdims=True)))),
        ("you subtracted the row's first score; when a later score is far larger (here [0, 1000, 999, 3]) its "
         "exponent still overflows to inf and inf/inf = nan. Subtract the row's maximum: "
         "s - s.max(axis=1, keepdims=True)",
         lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s[:, :1]))),
        ("you normalised over axis 0, down the columns (across samples); the probabilities of one sample form a "
         "row: use axis=1 (or axis=-1) in both the max and the sum", lambda s: _stable(s, axis=0)),
        ("you summed over axis 0, across samples; the probabilities of one sample form a row: "
         "e.sum(axis=1, keepdims=True)",
         lambda s: (lambda e: e / e.sum(axis=0, keepdims=True))(np.exp(s - s.max(axis=1, keepdims=True)))),
        ("you subtracted each column's maximum (axis 0); subtract each row's: s.max(axis=1, keepdims=True). "
         "A row far below another then underflows to 0/0 = nan",
         lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.max(axis=0, keepdims=True)))),
        ("you divided by the sum over the whole batch; each sample's row must sum to 1: e.sum(axis=1, keepdims=True)",
         lambda s: (lambda e: e / e.sum())(np.exp(s - s.max(axis=1, keepdims=True)))),
        ("you divided by the sum over the whole batch; each sample's row must sum to 1: e.sum(axis=1, keepdims=True)",
         lambda s: (lambda e: e / e.sum())(np.exp(s - s.max()))),
        (KEEPDIMS, lambda s: (lambda e: e / e.sum(axis=1))(np.exp(s - s.max(axis=1, keepdims=True)))),
        (KEEPDIMS, lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.max(axis=1)))),
        (KEEPDIMS, lambda s: (lambda e: e / e.sum(axis=1))(np.exp(s - s.max(axis=1)))),
        ("you did not divide by the row sums: the probabilities of a sample must add up to 1",
         lambda s: np.exp(s - s.max(axis=1, keepdims=True))),
        ("you did not divide by the row sums: the probabilities of a sample must add up to 1", np.exp),
        ("that is the sigmoid of each score on its own; softmax couples the scores of a row: "
         "e^(s_k) / Σ_j e^(s_j)", lambda s: 1 / (1 + np.exp(-s))),
        ("you returned log-probabilities (log softmax); softmax returns the probabilities themselves",
         _log_softmax),
        ("you divided the scores by their sum without exponentiating: softmax is e^(s_k) / Σ_j e^(s_j)",
         lambda s: s / s.sum(axis=1, keepdims=True)),
    ]
    return Exercise("softmax", multiclass.softmax, cases, mistakes,
                    exempt={"clip10": "softmax returns probabilities, which lie in [0, 1]"})


@check_of(_softmax_exercise)
def check_softmax(fn: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """Check a learner's ``softmax(scores)``: scores (n, K) in, probabilities (n, K) out; returns the function to use."""
    return run_check(fn, _softmax_exercise())


# --- cross-entropy from the scores --------------------------------------------------------

def _ce_of_logp(logp: Callable[[np.ndarray], np.ndarray]) -> Callable:
    """The mean cross-entropy −mean log p[i, y_i] with log-probabilities from ``logp(scores)``."""
    return lambda y, s: -np.mean(logp(s)[_rows(s), y])


def _cross_entropy_mistakes() -> list[Mistake]:
    log_zero = ("softmax(s) of the true class underflows to exactly 0 when its score is about 1000 below the others, "
                "and log 0 = −inf. Never take the log of a probability: −log softmax(s)_y = logsumexp(s) − s_y, "
                "computed from the scores")
    mistakes: list[Mistake] = [
        (LONGDOUBLE, lambda y, s: float(np.mean(np.log(np.exp(s.astype(np.longdouble)).sum(axis=1)) - s[_rows(s), y]))),
        (LONGDOUBLE, _ce_of_logp(lambda s: np.log(_naive(s.astype(np.longdouble))))),
        ("np.exp(1000) overflows to inf, so log Σ_j e^(s_j) is inf (or the probabilities are nan): compute "
         "logsumexp(s) = m + log Σ_j e^(s_j − m) with m the row maximum",
         lambda y, s: np.mean(np.log(np.exp(s).sum(axis=1)) - s[_rows(s), y])),
        ("np.exp(1000) overflows to inf, so log Σ_j e^(s_j) is inf (or the probabilities are nan): compute "
         "logsumexp(s) = m + log Σ_j e^(s_j − m) with m the row maximum", _ce_of_logp(lambda s: np.log(_naive(s)))),
        ("you subtracted the maximum of the whole batch, s.max(); a row whose scores all lie far below it "
         "(here [0, 0, 0] under a row with 1000) underflows to log 0 = −inf. Use each row's own maximum: "
         "m = s.max(axis=1, keepdims=True)",
         lambda y, s: np.mean(s.max() + np.log(np.exp(s - s.max()).sum(axis=1)) - s[_rows(s), y])),
        ("s.max(axis=1) has shape (n,), which NumPy lines up with the columns of s (n, K), not its rows (an error "
         "when n ≠ K, wrong numbers when n = K): keep the axis, m = s.max(axis=1, keepdims=True) has shape (n, 1)",
         lambda y, s: np.mean(s.max(axis=1) + np.log(np.exp(s - s.max(axis=1)).sum(axis=1)) - s[_rows(s), y])),
        ("you subtracted the row maximum m inside the exponent but did not add it back: "
         "logsumexp(s) = m + log Σ_j e^(s_j − m)",
         lambda y, s: np.mean(np.log(np.exp(s - s.max(axis=1, keepdims=True)).sum(axis=1)) - s[_rows(s), y])),
        (log_zero, _ce_of_logp(lambda s: np.log(_stable(s)))),
        ("you computed softmax over axis 0 (across samples); one sample's probabilities form a row (axis=1)",
         _ce_of_logp(lambda s: np.log(_stable(s, axis=0)))),
        ("you computed softmax over axis 0 (across samples); one sample's probabilities form a row (axis=1)",
         _ce_of_logp(lambda s: s - s.max(axis=0) - np.log(np.exp(s - s.max(axis=0)).sum(axis=0)))),
        ("you computed the log-sum-exp over axis 0 (across samples); sum over the classes of each row (axis=1)",
         lambda y, s: np.mean(np.log(np.exp(s - s.max(axis=0)).sum(axis=0)) + s.max(axis=0) - s[_rows(s), y])),
        ("you took q[:, y], which picks the columns y for every sample (an (n, n) array); sample i needs its "
         "own class only: q[np.arange(n), y]", lambda y, s: -np.mean(_log_softmax(s)[:, y])),
        ("you used the highest probability of each row (the predicted class); the loss needs the probability of "
         "the TRUE class y_i: q[np.arange(n), y]", lambda y, s: -np.mean(_log_softmax(s).max(axis=1))),
        ("you averaged log q over every class; only the true class's entry counts: q[np.arange(n), y]",
         lambda y, s: -np.mean(_log_softmax(s))),
        ("you used q[y], which picks whole ROWS numbered y; sample i needs its own true class: q[np.arange(n), y]",
         lambda y, s: -np.mean(_log_softmax(s)[y])),
        ("you multiplied by the labels as if they were one-hot rows; y holds class numbers (2 means class 2): pick "
         "the true class's entry with q[np.arange(n), y], or build one-hot rows first",
         lambda y, s: -np.mean(np.sum(y * _log_softmax(s), axis=1))),
        ("you multiplied by the labels as if they were one-hot rows; y holds class numbers (2 means class 2): pick "
         "the true class's entry with q[np.arange(n), y], or build one-hot rows first",
         lambda y, s: -np.mean(y[:, None] * _log_softmax(s))),
        ("you multiplied by the labels as if they were one-hot rows; y holds class numbers (2 means class 2): pick "
         "the true class's entry with q[np.arange(n), y], or build one-hot rows first",
         lambda y, s: -np.sum(y[:, None] * _log_softmax(s)) / len(y)),
        ("you summed over the samples instead of averaging (divide by n, or use np.mean)",
         lambda y, s: -np.sum(_log_softmax(s)[_rows(s), y])),
        ("you left out the minus sign: log q ≤ 0, so the loss −mean log q is ≥ 0", lambda y, s: -_ce_of_logp(_log_softmax)(y, s)),
        ("you used log10; the cross-entropy uses the natural logarithm np.log",
         lambda y, s: _ce_of_logp(_log_softmax)(y, s) / np.log(10)),
        ("you left out − s_y: logsumexp(s) alone is the same for every label; the loss is logsumexp(s) − s_y",
         lambda y, s: np.mean(s.max(axis=1) + np.log(np.exp(s - s.max(axis=1, keepdims=True)).sum(axis=1)))),
    ]
    for eps in (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4):
        clipped = ("you clipped the probability (ε = {eps:.0e}): a true class 1005 below the best score then costs "
                   "−log ε ≈ {cost:.1f} instead of the exact 1005. From the scores no clipping is needed: "
                   "−log softmax(s)_y = logsumexp(s) − s_y").format(eps=eps, cost=-np.log(eps))
        mistakes.append((clipped, _ce_of_logp(lambda s, eps=eps: np.log(np.clip(_stable(s), eps, 1.0)))))
        mistakes.append((clipped, _ce_of_logp(lambda s, eps=eps: np.log(_stable(s) + eps))))
    return mistakes


def _cross_entropy_exercise() -> Exercise:
    # Fixed cases share: at most 12 samples, few classes, mostly round scores. The seeded ones have
    # 27 samples of 6 non-round scores of both signs with exact zeros, unsorted labels including 0.
    rng = np.random.default_rng(60)
    s_random, y_random = rng.normal(0.0, 4.0, size=(12, 5)), rng.integers(0, 5, size=12)
    s_square, y_square = rng.normal(1.0, 2.0, size=(3, 3)), np.array([2, 0, 2])
    cat = np.array([[3.2, 5.1, -1.7]])
    underflow = np.array([[0.0, -1000.0, 5.0], [2.0, 1.0, 0.0]])
    far_apart = np.array([[1000.0, 999.0, 0.0], [0.0, 0.0, 0.0]])
    huge = np.array([[1e5, 1e5 - 1.0, 0.0], [0.0, -1e5, 5.0]])
    cases = [
        Case((np.array([0]), np.zeros((1, 3))), float(np.log(3)), "y = [0], scores = [[0, 0, 0]] (the answer is log 3)"),
        Case((np.array([0]), cat), multiclass.cross_entropy_from_logits(np.array([0]), cat),
             "the cat example y = [0], scores = [[3.2, 5.1, -1.7]]"),
        Case((np.array([1, 2]), np.array([[2.0, 1.0, 0.1], [0.5, -1.0, 3.0]])),
             multiclass.cross_entropy_from_logits(np.array([1, 2]), np.array([[2.0, 1.0, 0.1], [0.5, -1.0, 3.0]])),
             "y = [1, 2], scores = [[2, 1, 0.1], [0.5, -1, 3]]"),
        Case((np.array([0]), np.array([[1000.0, 999.0, 0.0]])),
             multiclass.cross_entropy_from_logits(np.array([0]), np.array([[1000.0, 999.0, 0.0]])),
             "large scores y = [0], scores = [[1000, 999, 0]] (the answer is log(1 + e^(−1)) ≈ 0.3133)"),
        Case((np.array([1, 0]), underflow), multiclass.cross_entropy_from_logits(np.array([1, 0]), underflow),
             "a hopeless true class y = [1, 0], scores = [[0, -1000, 5], [2, 1, 0]] (sample 0 costs ≈ 1005)"),
        Case((np.array([0, 0]), far_apart), multiclass.cross_entropy_from_logits(np.array([0, 0]), far_apart),
             "two rows far apart y = [0, 0], scores = [[1000, 999, 0], [0, 0, 0]] (the answer is finite)"),
        Case((np.array([0, 1]), huge), multiclass.cross_entropy_from_logits(np.array([0, 1]), huge),
             "scores of 100000, y = [0, 1], scores = [[1e5, 1e5 − 1, 0], [0, -1e5, 5]] (sample 1 costs ≈ 100005; "
             "too large even for np.longdouble without the log-sum-exp trick)"),
        Case((y_square, s_square), multiclass.cross_entropy_from_logits(y_square, s_square),
             "a (3, 3) batch (as many samples as classes), y = [2, 0, 2]"),
        Case((y_random, s_random), multiclass.cross_entropy_from_logits(y_random, s_random),
             "12 random samples of 5 scores with random labels"),
        *reference_cases(multiclass.cross_entropy_from_logits, [
            ((rng.permutation(np.arange(27) % 6), awkward_numbers(rng, (27, 6), scale=5.0)),
             "27 random samples of 6 scores with random labels")]),
    ]
    return Exercise("cross_entropy_from_logits", multiclass.cross_entropy_from_logits, cases, _cross_entropy_mistakes(),
                    exempt={"abs:y": LABELS})


@check_of(_cross_entropy_exercise)
def check_cross_entropy_from_logits(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``cross_entropy_from_logits(y, scores) -> float``; y (n,) integers, scores (n, K)."""
    return run_check(fn, _cross_entropy_exercise())


# --- gradient with respect to the scores --------------------------------------------------

def _gradient_exercise() -> Exercise:
    # Fixed cases share: at most 8 samples, few classes, mostly round scores. The seeded one has 25
    # samples of 4 non-round scores of both signs with exact zeros, unsorted labels including 0.
    rng = np.random.default_rng(61)
    s_random, y_random = rng.normal(0.0, 3.0, size=(8, 4)), rng.integers(0, 4, size=8)
    batch, y_batch = np.array([[2.0, 1.0, 0.1], [0.5, -1.0, 3.0], [0.0, 0.0, 0.0]]), np.array([1, 2, 1])
    big = np.array([[1000.0, 999.0, 0.0], [-3.0, 4.0, 0.5]])
    few = np.array([[0.3, -1.2, 2.5, 0.0, 1.1], [-0.4, 0.9, -2.2, 1.7, 0.0]])
    cases = [
        Case((np.array([0]), np.zeros((1, 3))), np.array([[-2 / 3, 1 / 3, 1 / 3]]),
             "y = [0], scores = [[0, 0, 0]] (the answer is [[1/3 − 1, 1/3, 1/3]])"),
        Case((y_batch, batch), multiclass.cross_entropy_gradient(y_batch, batch),
             "three samples y = [1, 2, 1], scores = [[2, 1, 0.1], [0.5, -1, 3], [0, 0, 0]]"),
        Case((np.array([0, 1]), big), multiclass.cross_entropy_gradient(np.array([0, 1]), big),
             "large scores y = [0, 1], scores = [[1000, 999, 0], [-3, 4, 0.5]]"),
        Case((y_random, s_random), multiclass.cross_entropy_gradient(y_random, s_random),
             "8 random samples of 4 scores"),
        Case((np.array([4, 2]), few), multiclass.cross_entropy_gradient(np.array([4, 2]), few),
             "two samples of 5 classes with labels y = [4, 2] (labels larger than the number of samples)"),
        *reference_cases(multiclass.cross_entropy_gradient, [
            ((rng.permutation(np.arange(25) % 4), awkward_numbers(rng, (25, 4), scale=4.0)),
             "25 random samples of 4 scores with random labels")]),
    ]

    def wrong(formula: Callable) -> Callable:  # formula(p, onehot, y, n) with p the stable softmax
        return lambda y, s: formula(_stable(s), _one_hot(y, s.shape[1]), y, s.shape[0])

    def column_slip(y: np.ndarray, s: np.ndarray) -> np.ndarray:
        p = _stable(s)
        p[:, y] -= 1
        return p / s.shape[0]

    mistakes: list[Mistake] = [
        ("you did not divide by n: the loss is a mean over the samples, so every row of the gradient carries 1/n",
         wrong(lambda p, t, y, n: p - t)),
        ("you divided by n twice (or by n²): the loss is a mean, which gives one factor 1/n",
         wrong(lambda p, t, y, n: (p - t) / n**2)),
        ("you divided by n·K; the mean is over the n samples only (the classes are summed): (q − onehot)/n",
         wrong(lambda p, t, y, n: (p - t) / p.size)),
        ("the sign is flipped: the gradient is (softmax − onehot)/n, prediction minus label "
         "(with onehot − softmax gradient descent would walk uphill)", wrong(lambda p, t, y, n: (t - p) / n)),
        ("you left out the one-hot label: subtract 1 in the true class of each row, (q − onehot)/n",
         wrong(lambda p, t, y, n: p / n)),
        ("you subtracted 1 from every entry; only the true class of each row gets −1: q[np.arange(n), y] -= 1",
         wrong(lambda p, t, y, n: (p - 1) / n)),
        ("you subtracted 1 in the columns y of EVERY row (q[:, y] -= 1); row i needs it in its own true class "
         "only: q[np.arange(n), y] -= 1", column_slip),
        ("you subtracted the label numbers themselves (q − y); subtract one-hot rows: 1 in the true class, 0 "
         "elsewhere", wrong(lambda p, t, y, n: (p - y[:, None]) / n)),
        ("you used q_k(1 − q_k), how each probability q_k reacts to its own score (the diagonal of the softmax's "
         "table of derivatives ∂q_k/∂s_j, its Jacobian), as if each probability depended on its own score alone; "
         "every q_k depends on every score, and the full chain rule gives (q − onehot)/n",
         wrong(lambda p, t, y, n: -t * (1 - p) / n)),
        ("you used q_k(1 − q_k), how each probability q_k reacts to its own score (the diagonal of the softmax's "
         "table of derivatives ∂q_k/∂s_j, its Jacobian), as if each probability depended on its own score alone; "
         "every q_k depends on every score, and the full chain rule gives (q − onehot)/n",
         wrong(lambda p, t, y, n: (p - t) * p * (1 - p) / n)),
        ("q_k(1 − q_k) is only how each probability q_k reacts to its own score (like σ' in notebook 04); the "
         "loss's gradient is −log q_y differentiated through every score: (q − onehot)/n, the model's "
         "probabilities q minus the one-hot label", wrong(lambda p, t, y, n: p * (1 - p) / n)),
        ("q_k(1 − q_k) is only how each probability q_k reacts to its own score (like σ' in notebook 04); the "
         "loss's gradient is −log q_y differentiated through every score: (q − onehot)/n, the model's "
         "probabilities q minus the one-hot label", wrong(lambda p, t, y, n: p * (1 - p))),
        ("np.eye(n, K)[y] picks rows of an n × K matrix, so a label ≥ n fails (or picks the wrong row); the "
         "one-hot row of class y_i is row y_i of the K × K identity: np.eye(K)[y]",
         lambda y, s: (_stable(s) - np.eye(*s.shape)[y]) / s.shape[0]),
        ("q_k(1 − q_k) is only how each probability q_k reacts to its own score; the loss's gradient is "
         "−log q_y differentiated through every score: (q − onehot)/n",
         wrong(lambda p, t, y, n: (p * (1 - p) - t) / n)),
        (OVERFLOW, lambda y, s: (_naive(s) - _one_hot(y, s.shape[1])) / s.shape[0]),
        ("your one-hot rows are off by one: the 1 of sample i belongs in column y_i itself (classes are numbered "
         "from 0, so label 0 is the first column), e.g. row y_i of np.eye(K)",
         lambda y, s: (_stable(s) - np.eye(s.shape[1])[y - 1]) / s.shape[0]),
        ("your one-hot rows are off by one: the 1 of sample i belongs in column y_i itself (classes are numbered "
         "from 0, so label 0 is the first column), e.g. row y_i of np.eye(K)",
         lambda y, s: (_stable(s) - np.eye(s.shape[1] + 1)[y][:, 1:]) / s.shape[0]),
        ("your one-hot rows are off by one: the 1 of sample i belongs in column y_i itself (classes are numbered "
         "from 0, so label 0 is the first column), e.g. row y_i of np.eye(K)",
         lambda y, s: (_stable(s) - np.eye(s.shape[1] + 1)[y + 1][:, :-1]) / s.shape[0]),
        ("you computed softmax over axis 0 (across samples); one sample's probabilities form a row (axis=1)",
         lambda y, s: (_stable(s, axis=0) - _one_hot(y, s.shape[1])) / s.shape[0]),
    ]
    return Exercise("cross_entropy_gradient", multiclass.cross_entropy_gradient, cases, mistakes,
                    exempt={"abs:y": LABELS,
                            "clip10": "each entry is (q − onehot)/n with q in [0, 1], so it lies in [−1, 1]"})


@check_of(_gradient_exercise)
def check_cross_entropy_gradient(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Check a learner's ``cross_entropy_gradient(y, scores)``: ∂J/∂scores, shape (n, K); returns the function to use."""
    return run_check(fn, _gradient_exercise())


# --- multi-class hinge loss ---------------------------------------------------------------

def _hinge_exercise() -> Exercise:
    # Fixed cases share: at most 10 samples, Δ ≥ 1, scores without exact zeros in the random ones.
    # The seeded ones: 26 samples of 6 non-round scores of both signs with exact zeros, unsorted
    # labels including 0, with Δ = 0 (a valid margin: the true class only has to win) and Δ = 1.37.
    rng = np.random.default_rng(62)
    s_random, y_random = rng.normal(0.0, 2.0, size=(10, 4)), rng.integers(0, 4, size=10)
    s_delta, y_delta = rng.normal(0.0, 1.5, size=(7, 5)), rng.integers(0, 5, size=7)
    cat = np.array([[3.2, 5.1, -1.7]])
    three = np.repeat(cat, 3, axis=0)
    H = multiclass.hinge_loss
    cases = [
        Case((np.array([0]), cat), 2.9, "the cat example: y = [0] (cat), scores [[3.2, 5.1, -1.7]] (the answer is 2.9)"),
        Case((np.array([1]), cat), 0.0, "the same scores with y = [1] (car wins by more than Δ = 1: the loss is 0)"),
        Case((np.array([0, 1, 2]), three), H(np.array([0, 1, 2]), three),
             "the same scores for three samples with labels cat, car, frog"),
        Case((np.array([0]), np.array([[2.0, 1.0, 0.0]])), 0.0,
             "y = [0], scores [[2, 1, 0]] (a wrong class exactly Δ below the true one costs 0)"),
        Case((np.array([3, 7]), np.zeros((2, 10))), 9.0, "all scores 0 with 10 classes (each wrong class costs Δ: 9)"),
        Case((y_random, s_random), H(y_random, s_random), "10 random samples of 4 scores"),
        Case((y_delta, s_delta), H(y_delta, s_delta, delta=2.5), "7 random samples with delta=2.5",
             kwargs={"delta": 2.5}),
        *reference_cases(H, [((rng.permutation(np.arange(26) % 6), awkward_numbers(rng, (26, 6), scale=6.0)),
                              "26 random samples of 6 scores with delta=0")], delta=0.0),
        *reference_cases(H, [((rng.permutation(np.arange(22) % 3), awkward_numbers(rng, (22, 3), scale=2.0)),
                              "22 random samples of 3 scores with delta=1.37")], delta=1.37),
    ]

    def margins(y: np.ndarray, s: np.ndarray, delta: float = 1.0) -> np.ndarray:
        return s - s[_rows(s), y][:, None] + delta

    def off_true(values: np.ndarray, y: np.ndarray) -> np.ndarray:
        values = values.copy()
        values[np.arange(len(y)), y] = 0.0
        return values

    mistakes: list[Mistake] = [
        ("you also counted the true class j = y_i: its term is max(0, s_y − s_y + Δ) = Δ, so every sample costs Δ "
         "extra; sum over j ≠ y_i only", lambda y, s, delta=1.0: np.mean(np.maximum(0, margins(y, s, delta)).sum(axis=1))),
        ("you summed over the samples instead of averaging (divide by n, or use np.mean)",
         lambda y, s, delta=1.0: np.sum(off_true(np.maximum(0, margins(y, s, delta)), y))),
        ("you left out the max(0, ·): a wrong class that is already far enough below the true one must cost 0, "
         "not a negative amount", lambda y, s, delta=1.0: np.mean(off_true(margins(y, s, delta), y).sum(axis=1))),
        ("the scores are the wrong way round: the term is max(0, s_j − s_y + Δ), wrong class minus true class",
         lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, -margins(y, s, 0.0) + delta), y).sum(axis=1))),
        ("you put Δ outside the max: it is max(0, s_j − s_y + Δ), so a class that is Δ or more below costs nothing",
         lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, 0.0)) + delta, y).sum(axis=1))),
        ("you subtracted Δ: the margin is added, max(0, s_j − s_y + Δ)",
         lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, -delta)), y).sum(axis=1))),
        ("you ignored the delta argument (Δ is 1 by default, but the function must use the delta it is given)",
         lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, 1.0)), y).sum(axis=1))),
        ("Δ = 0 is a valid margin, but `delta or 1.0` (or `if not delta:`) treats it as missing and uses 1: "
         "use the delta you are given as it is",
         lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, delta or 1.0)), y).sum(axis=1))),
        ("you squared the terms (the squared hinge); this loss is max(0, s_j − s_y + Δ) itself",
         lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, delta)) ** 2, y).sum(axis=1))),
        ("you kept only the largest violation per sample; this loss sums max(0, s_j − s_y + Δ) over every j ≠ y_i",
         lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, delta)), y).max(axis=1))),
    ]
    return Exercise("hinge_loss", multiclass.hinge_loss, cases, mistakes,
                    exempt={"abs:y": LABELS, "abs:delta": "Δ is a margin, never negative (hinge_loss refuses Δ < 0)"})


@check_of(_hinge_exercise)
def check_hinge_loss(fn: Callable[..., float]) -> Callable[..., float]:
    """Check a learner's ``hinge_loss(y, scores, delta=1.0) -> float``; returns the function to use."""
    return run_check(fn, _hinge_exercise())


# --- the hinge loss's gradient --------------------------------------------------------------

def _hinge_gradient_exercise() -> Exercise:
    # Fixed cases share: at most 10 samples, Δ ≥ 1, entries between −9 and 9. The seeded one: 26
    # samples of 6 non-round scores of both signs with exact zeros, unsorted labels including 0,
    # Δ = 1.37, and 9 samples with Δ = 0 (no exact zeros there); one sample of 12 equal scores gives
    # the true class −11 (beyond ±10). No case sits
    # on a kink (a margin of exactly 0), where any value between the one-sided slopes is right.
    rng = np.random.default_rng(64)
    s_random, y_random = rng.normal(0.0, 2.0, size=(10, 4)), rng.integers(0, 4, size=10)
    s_delta, y_delta = rng.normal(0.0, 1.5, size=(7, 5)), rng.integers(0, 5, size=7)
    cat = np.array([[3.2, 5.1, -1.7]])
    G = multiclass.hinge_loss_gradient
    cases = [
        Case((np.array([0]), cat), np.array([[-1.0, 1.0, 0.0]]),
             "the cat example: y = [0], scores [[3.2, 5.1, -1.7]] (the answer is [[-1, 1, 0]])"),
        Case((np.array([1]), cat), np.zeros((1, 3)), "the same scores with y = [1] (no active term: all 0)"),
        Case((np.array([3, 7]), np.zeros((2, 10))), G(np.array([3, 7]), np.zeros((2, 10))),
             "all scores 0 with 10 classes, two samples"),
        Case((np.array([5]), np.zeros((1, 12))), G(np.array([5]), np.zeros((1, 12))),
             "one sample of 12 equal scores (the true class gets −11)"),
        Case((y_random, s_random), G(y_random, s_random), "10 random samples of 4 scores"),
        Case((y_delta, s_delta), G(y_delta, s_delta, delta=2.5), "7 random samples with delta=2.5",
             kwargs={"delta": 2.5}),
        *reference_cases(G, [((rng.permutation(np.arange(26) % 6), awkward_numbers(rng, (26, 6), scale=6.0)),
                              "26 random samples of 6 scores with delta=1.37")], delta=1.37),
        *reference_cases(G, [((rng.permutation(np.arange(9) % 4), rng.normal(0.0, 2.0, size=(9, 4))),
                              "9 random samples of 4 scores with delta=0 (the true class only has to win)")],
                         delta=0.0),
    ]

    def active(y: np.ndarray, s: np.ndarray, delta: float) -> np.ndarray:
        """1 where a wrong class's term max(0, s_j − s_y + Δ) is active, 0 elsewhere (true class 0)."""
        on = (s - s[_rows(s), y][:, None] + delta > 0).astype(float)
        on[_rows(s), y] = 0.0
        return on

    def wrong(true_entry: Callable, scale: Callable = lambda n: 1 / n, others: Callable = lambda on: on) -> Callable:
        def gradient(y, s, delta=1.0):
            on = active(y, s, delta)
            out = others(on.copy())
            out[_rows(s), y] = true_entry(on, y, s, delta)
            return out * scale(len(y))
        return gradient

    minus_count = lambda on, y, s, delta: -on.sum(axis=1)  # noqa: E731
    mistakes: list[Mistake] = [
        ("the true class is missing its gradient: s_y appears with a minus sign in every active term, so "
         "∂L_i/∂s_{y_i} is minus the number of active terms", wrong(lambda on, y, s, delta: 0.0)),
        ("the true class gets −1 for EACH active term (s_y appears in every one of them), not −1 once",
         wrong(lambda on, y, s, delta: -(on.sum(axis=1) > 0))),
        ("you counted the true class's own term max(0, s_y − s_y + Δ) = Δ as active: the sum is over j ≠ y_i "
         "only", wrong(lambda on, y, s, delta: -(on.sum(axis=1) + 1))),
        ("you did not divide by n: the loss is a mean over the samples, so every row carries 1/n",
         wrong(minus_count, scale=lambda n: 1.0)),
        ("the signs are flipped: a wrong class with an active term gets +1/n (raising it raises the loss), the "
         "true class −(their count)/n", wrong(lambda on, y, s, delta: on.sum(axis=1), others=lambda on: -on)),
        ("the derivative of max(0, m) is 1 where m > 0 and 0 where m < 0, not m itself: use where the term is "
         "active, not its value", lambda y, s, delta=1.0: (lambda m: (lambda g: g / len(y))(
             _hinge_values_as_gradient(m, y)))(s - s[_rows(s), y][:, None] + delta)),
    ]
    return Exercise("hinge_gradient", multiclass.hinge_loss_gradient, cases, mistakes,
                    exempt={"abs:y": LABELS, "abs:delta": "Δ is a margin, never negative (hinge_loss refuses Δ < 0)"})


def _hinge_values_as_gradient(margins: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The slip of using the margins' values max(0, m) where their 0/1 slope belongs."""
    values = np.maximum(0.0, margins)
    values[np.arange(len(y)), y] = 0.0
    values[np.arange(len(y)), y] = -values.sum(axis=1)
    return values


@check_of(_hinge_gradient_exercise)
def check_hinge_gradient(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """Check a learner's ``hinge_gradient(y, scores, delta=1.0)``: ∂(mean hinge loss)/∂scores, shape (n, K)."""
    return run_check(fn, _hinge_gradient_exercise())


# --- softmax regression with L2 -----------------------------------------------------------

def _softmax_regression_exercise() -> Exercise:
    # Fixed cases share: at most 9 samples, W and b without exact zeros, gradients below 10. The
    # seeded one: 24 samples, X, W and b of both signs with exact zeros, unsorted labels including
    # 0, and λ = 1.37 with W large enough that 2λW goes beyond ±10.
    rng = np.random.default_rng(63)

    def case(n: int, d: int, k: int, lam: float, label: str) -> Case:
        X, W, b = rng.normal(size=(n, d)), rng.normal(0.0, 0.5, size=(d, k)), rng.normal(size=k)
        y = rng.integers(0, k, size=n)
        expected = multiclass.softmax_regression_gradients(X, y, W, b, lam=lam)
        return Case((X, y, W, b), expected, label, kwargs={"lam": lam})

    X0 = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    cases = [
        Case((X0, np.array([0, 2]), np.zeros((3, 3)), np.zeros(3)),
             multiclass.softmax_regression_gradients(X0, np.array([0, 2]), np.zeros((3, 3)), np.zeros(3)),
             "X = [[1, 2, 0], [0, -1, 3]], y = [0, 2], W = 0, b = 0, lam = 0 (all probabilities 1/3)",
             kwargs={"lam": 0.0}),
        case(6, 4, 3, 0.0, "6 random samples, 4 features, 3 classes, lam = 0"),
        case(9, 5, 4, 0.5, "9 random samples, 5 features, 4 classes, lam = 0.5 (a large λ)"),
        case(5, 2, 6, 0.05, "5 random samples, 2 features, 6 classes, lam = 0.05"),
        *reference_cases(multiclass.softmax_regression_gradients, [
            ((awkward_numbers(rng, (24, 3), scale=3.0), rng.permutation(np.arange(24) % 4),
              awkward_numbers(rng, (3, 4), scale=3.0), awkward_numbers(rng, 4)),
             "24 random samples, 3 features, 4 classes, lam = 1.37")], lam=1.37),
    ]

    def wrong(dW: Callable, db: Callable, with_b: bool = True) -> Callable:
        """dW(X, G, W, lam), db(G, b, lam), with G = (q − onehot)/n from the scores X W + b (or X W)."""
        def gradients(X, y, W, b, lam=0.0):
            G = (_stable(X @ W + (b if with_b else 0)) - _one_hot(y, W.shape[1])) / len(y)
            return {"W": dW(X, G, W, lam), "b": db(G, b, lam)}
        return gradients

    right_dW = lambda X, G, W, lam: X.T @ G + 2 * lam * W  # noqa: E731
    right_db = lambda G, b, lam: G.sum(axis=0)  # noqa: E731
    mistakes: list[Mistake] = [
        ("you added λW; the penalty is λ·Σ W² (no ½ in this course), whose gradient is 2λW",
         wrong(lambda X, G, W, lam: X.T @ G + lam * W, right_db)),
        ("you left out the penalty's gradient 2λW (a small λ hides it; this check uses λ = 0.5)",
         wrong(lambda X, G, W, lam: X.T @ G, right_db)),
        ("the penalty's gradient has the wrong sign: λ·Σ W² grows with |W|, so its gradient +2λW",
         wrong(lambda X, G, W, lam: X.T @ G - 2 * lam * W, right_db)),
        ("you divided the penalty's gradient by n; the penalty λ·Σ W² is added to the MEAN data loss, not "
         "averaged over the samples: its gradient is 2λW",
         wrong(lambda X, G, W, lam: X.T @ G + 2 * lam * W / len(X), right_db)),
        ("the scores are missing the bias: s = X W + b (the probabilities come from the full scores)",
         wrong(right_dW, right_db, with_b=False)),
        ("you penalised the biases too; R(W) = Σ W² covers the weights only, so ∂J/∂b has no λ term",
         wrong(right_dW, lambda G, b, lam: G.sum(axis=0) + 2 * lam * b)),
        ("you did not divide by n: the data loss is a mean over the samples (G = (q − onehot)/n)",
         wrong(lambda X, G, W, lam: X.T @ G * len(X) + 2 * lam * W, lambda G, b, lam: G.sum(axis=0) * len(G))),
        ("∂J/∂b is averaged twice: G already holds the 1/n, so ∂J/∂b = G.sum(axis=0)",
         wrong(right_dW, lambda G, b, lam: G.mean(axis=0))),
        ("∂J/∂W is averaged twice: G already holds the 1/n, so ∂J/∂W = X.T @ G + 2λW",
         wrong(lambda X, G, W, lam: X.T @ G / len(X) + 2 * lam * W, right_db)),
        ("∂J/∂W must have the shape of W, (d, K): X.T @ G is (d, n) @ (n, K); G.T @ X is (K, d)",
         wrong(lambda X, G, W, lam: G.T @ X + 2 * lam * W.T, right_db)),
        ("∂J/∂b must have one entry per class, shape (K,): sum G over the samples, G.sum(axis=0)",
         wrong(right_dW, lambda G, b, lam: G.sum())),
        ("∂J/∂b must have one entry per class, shape (K,): sum G over the samples (axis=0), not over the classes",
         wrong(right_dW, lambda G, b, lam: G.sum(axis=1))),
        ("the signs are flipped: the data gradient is Xᵀ(q − onehot)/n, prediction minus label",
         wrong(lambda X, G, W, lam: -X.T @ G + 2 * lam * W, lambda G, b, lam: -G.sum(axis=0))),
    ]
    return Exercise("softmax_regression_gradients", multiclass.softmax_regression_gradients, cases, mistakes,
                    exempt={"abs:y": LABELS, "abs:lam": "λ weighs a penalty, never negative (refused when < 0)"})


@check_of(_softmax_regression_exercise)
def check_softmax_regression_gradients(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check a learner's ``softmax_regression_gradients(X, y, W, b, lam) -> {"W": (d, K), "b": (K,)}``."""
    return run_check(fn, _softmax_regression_exercise())
