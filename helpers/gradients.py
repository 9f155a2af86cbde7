"""Numerical gradients: the check every hand-derived gradient in the course must pass.

No autodiff library here: we derive gradients by hand and compare them with centred
finite differences, (L(θ + h) − L(θ − h)) / 2h, one coordinate at a time.

The rule of ``gradient_check`` (explained in notebook 02) judges every element i of every
parameter against the error of the numerical gradient itself:

- n_i is the centred difference with step h refined with step 2h (Richardson's
  extrapolation, (4·n_h − n_2h) / 3); the truncation error of n_h, about h²·|f‴|/6, is
  estimated by comparing the two steps, |n_h − n_2h| / 3;
- the rounding error is about ε·|L| / h, ε the machine epsilon of the loss's type (2.2e-16
  for float64, 1.2e-7 for float32) and |L| the largest loss seen while differencing θ_i
  (or more, when the loss's values around θ_i show it);
- noise_i, their sum, is how far n_i may be from the true derivative.

Element i is right when |a_i − n_i| ≤ TOLERANCE·max(|a_i|, |n_i|) (the relative rule, which
decides wherever the noise is small); when both gradients are below TOLERANCE of the change
of the gradient over one step (a stationary point, where both are rounding); or when the
difference is within NOISE_FACTOR·noise_i and that noise is below RESOLUTION of the gradient
(this element's, the largest of its parameter's, or its change over one step). Otherwise it is

- "kink" when the one-sided slopes jump (the loss is not differentiable at θ),
- "wrong" when the difference is well beyond the noise,
- "inconclusive" when the difference is within the noise but the noise is too large to
  tell: the loss is too large for this step (often because it is float32).

The result, a ``GradientCheck``, passes only when every element is right. It has no truth
value (``if gradient_check(...)`` raises and says to use ``.passed``): a float, as it used
to be, made ``assert gradient_check(...)`` pass for a wrong gradient.

The step scales with the parameter, h = eps·max(1, |θ_i|) (as scipy.optimize's
approx_derivative does): a fixed h = 1e-6 would move θ = 1e10 by 1.9e-6 (the spacing of floats
there) instead of 1e-6, and would not move θ = 1e11 at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

import numpy as np

from .validation import as_finite_float, check_function

Params = Union[dict[str, Union[float, np.ndarray]], np.ndarray]

TOLERANCE = 1e-7
"""The relative rule: |a − n| ≤ TOLERANCE·max(|a|, |n|) is agreement, whatever the noise."""

NOISE_FACTOR = 3.0
"""A difference within NOISE_FACTOR times the estimated error of the numerical gradient is agreement."""

RESOLUTION = 1e-3
"""Agreement within the noise counts only when the noise is below RESOLUTION of the gradient
(or of its change over one step): noisier than that, a wrong factor could pass."""

STEP = 1e-5
"""Relative step of the centred differences: h = STEP·max(1, |θ|) (CS231n's h for |θ| ≤ 1)."""

FLOAT64_EPS = float(np.finfo(np.float64).eps)

VERDICTS = ("right", "inconclusive", "kink", "wrong")
"""Verdicts of one element, from best to worst; the check reports its worst element's."""


def _as_params(params: Params, name: str) -> dict[str, np.ndarray]:
    """Copy params (a dict of floats/arrays, or one array) into a dict of float arrays."""
    if isinstance(params, np.ndarray):
        params = {"": params}
    if not isinstance(params, dict) or not params:
        raise TypeError(f"{name} must be a non-empty dict of parameters (or one NumPy array), "
                        f"got {type(params).__name__}")
    result = {}
    for key, value in params.items():
        array = np.array(value, dtype=float) if isinstance(value, (int, float, np.number, np.ndarray)) else None
        if array is None or isinstance(value, bool):
            raise TypeError(f"{name}[{key!r}] must be a number or a NumPy array, got {type(value).__name__}")
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{name}[{key!r}] contains NaN or infinite values")
        result[key] = array
    return result


def _unwrap(values: dict[str, np.ndarray], like: Params) -> Params:
    """Give the result the structure of ``like``: one array, or a dict with floats kept as floats."""
    if isinstance(like, np.ndarray):
        return values[""]
    return {k: float(v) if np.ndim(like[k]) == 0 else v for k, v in values.items()}


def _evaluate(loss: Callable[[Params], float], params: dict[str, np.ndarray], like: Params) -> tuple[float, float]:
    """The loss at params, and the machine epsilon of the type it was computed in."""
    value = loss(_unwrap({k: v.copy() for k, v in params.items()}, like))
    if isinstance(value, np.ndarray) and value.size != 1:
        raise TypeError(f"loss must return a single number, got an array of shape {value.shape}")
    dtype = np.asarray(value).dtype
    eps = float(np.finfo(dtype).eps) if np.issubdtype(dtype, np.floating) else FLOAT64_EPS
    value = as_finite_float(np.asarray(value).item() if isinstance(value, np.ndarray) else value, "loss")
    return value, max(eps, FLOAT64_EPS)


def _check_step(eps: float) -> float:
    eps = as_finite_float(eps, "eps")
    if not 0 < eps < 1:
        raise ValueError(f"eps is the relative step of the centred differences and must be in (0, 1), got {eps}")
    return eps


@dataclass
class _Probe:
    """The loss around one element: values at θ + k·h for k in (−2, −1, 0, 1, 2), the steps really
    taken (θ + h rounds), and the epsilon of the loss's type."""
    values: dict[int, float]
    steps: dict[int, float]
    eps: float

    def slope(self, k: int) -> float:
        """Centred difference with step |k|·h."""
        return (self.values[k] - self.values[-k]) / (self.steps[k] - self.steps[-k])

    def side(self, k: int) -> float:
        """One-sided difference from θ to θ + k·h."""
        return (self.values[k] - self.values[0]) / self.steps[k]

    @property
    def size(self) -> float:
        return max(abs(v) for v in self.values.values())


def _probes(loss: Callable[[Params], float], params: Params, eps: float, offsets: tuple[int, ...]
            ) -> dict[str, np.ndarray]:
    """For every element: a ``_Probe`` of the loss at θ + k·h for k in offsets (object arrays)."""
    check_function(loss, "loss", "of the parameters")
    eps = _check_step(eps)
    point = _as_params(params, "params")
    centre = _evaluate(loss, point, params)  # fail early, and clearly, when the loss is not finite here
    probes = {}
    for key, value in point.items():
        found = np.empty(value.shape, dtype=object)
        for index in np.ndindex(value.shape):
            original = value[index]
            h = eps * max(1.0, abs(original))
            values, steps, eps_loss = {0: centre[0]}, {0: 0.0}, centre[1]
            for k in offsets:
                value[index] = original + k * h
                steps[k] = value[index] - original  # the step really taken
                if steps[k] == 0:
                    raise ValueError(f"eps = {eps:g} is too small: θ + h rounds back to θ = {original:g}; "
                                     f"use eps of about 1e-5")
                try:
                    values[k], eps_k = _evaluate(loss, point, params)
                except ValueError as error:  # e.g. log of a negative number just past the edge of the domain
                    name = _name(key, index, value.ndim)
                    raise ValueError(f"{error} at {name} = {original:g} {'+' if k > 0 else '−'} {abs(k)}h "
                                     f"(h = {h:.1e}): {name} is within {abs(k)}h of where the loss is defined; "
                                     "check a point further inside, or use a smaller eps") from None
                eps_loss = max(eps_loss, eps_k)
            value[index] = original
            found[index] = _Probe(values, steps, eps_loss)
        probes[key] = found
    return probes


def numerical_gradient(loss: Callable[[Params], float], params: Params, eps: float = STEP) -> Params:
    """Centred-difference gradient of ``loss(params)``, with the same keys and shapes as params.

    Parameters
    ----------
    loss : function of the parameters returning one finite number
    params : dict of floats or arrays (e.g. {"w": 2.0, "b": 0.5}), or one array
    eps : relative step: each θ_i moves by h = eps·max(1, |θ_i|) up and down
    """
    probes = _probes(loss, params, eps, (1, -1))
    gradient = {k: np.vectorize(lambda p: p.slope(1), otypes=[float])(v) if v.size else np.zeros(v.shape)
                for k, v in probes.items()}
    return _unwrap(gradient, params)


def _matching(analytic: Params, reference: dict[str, np.ndarray], name: str) -> dict[str, np.ndarray]:
    """``analytic`` as float arrays, after checking it has the keys and shapes of ``reference``."""
    grads = _as_params(analytic, "analytic")
    if set(grads) != set(reference):
        raise ValueError(f"analytic has keys {sorted(grads)} but {name} has {sorted(reference)}: "
                         "the gradient has the same structure as the parameters")
    for key in reference:
        if grads[key].shape != reference[key].shape:
            raise ValueError(f"analytic[{key!r}] has shape {grads[key].shape} but {name}[{key!r}] has "
                             f"{reference[key].shape}: each gradient has the shape of its parameter")
    return grads


def _element_errors(a: np.ndarray, n: np.ndarray) -> np.ndarray:
    """|a − n| / max(|a|, |n|), elementwise; 0 where both are 0."""
    scale = np.maximum(np.abs(a), np.abs(n))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, np.abs(a - n) / np.where(scale > 0, scale, 1.0), 0.0)


@dataclass(frozen=True)
class ElementJudgement:
    """What the check found at one element: the verdict and the numbers behind it."""
    verdict: str          # "right", "inconclusive", "kink" or "wrong"
    analytic: float       # a: the gradient by hand
    numeric: float        # n: the numerical gradient (centred differences, h and 2h combined)
    noise: float          # the estimated error of n: truncation + rounding
    rounding: float       # the rounding part, eps·|L|/h
    loss_size: float      # the largest |L| seen
    loss_eps: float       # machine epsilon of the loss's type
    step: float           # h
    left: float           # one-sided slopes over one step, on each side
    right: float

    @property
    def difference(self) -> float:
        return abs(self.analytic - self.numeric)

    @property
    def error(self) -> float:
        """The relative error |a − n| / max(|a|, |n|) (0 when both are 0)."""
        scale = max(abs(self.analytic), abs(self.numeric))
        return self.difference / scale if scale > 0 else 0.0

    @property
    def margin(self) -> float:
        """|a − n| over what the rule allows: 1 or less is agreement."""
        allowed = max(TOLERANCE * max(abs(self.analytic), abs(self.numeric)), NOISE_FACTOR * self.noise)
        return self.difference / allowed if allowed > 0 else (0.0 if self.difference == 0 else np.inf)


def _judge(a: float, probe: _Probe, largest: float) -> ElementJudgement:
    """The verdict at one element: hand-derived a against the loss around θ (see the module's
    docstring); largest is the largest gradient, by hand or numerical, among the parameter's elements."""
    h = probe.steps[1]
    n_h, n_2h = probe.slope(1), probe.slope(2)
    numeric = (4 * n_h - n_2h) / 3                      # Richardson: the h² error of n_h cancels
    truncation = abs(n_h - n_2h) / 3                    # ≈ the error of n_h, a bound for numeric's
    # a kink: the one-sided slopes jump by about the same amount over h and 2h, so the jump does
    # not double with the step as f''·h does on a smooth loss; on a smooth loss, what is left
    # of it is a sample of the loss's rounding, about 7 times that of numeric
    jump_h, jump_2h = probe.side(1) - probe.side(-1), probe.side(2) - probe.side(-2)
    wobble = abs(jump_2h - 2 * jump_h)
    rounding = max(probe.eps * probe.size / h, wobble / 7)
    noise = truncation + rounding
    difference, scale = abs(a - numeric), max(abs(a), abs(numeric))
    if difference <= TOLERANCE * scale:
        verdict = "right"                               # the relative rule
    elif scale <= TOLERANCE * abs(jump_h):
        verdict = "right"                               # a stationary point: both are 0 next to the gradient's change over h
    elif wobble > max(NOISE_FACTOR * 10 * probe.eps * probe.size / h, difference / 2, 0.1 * abs(jump_h)):
        verdict = "kink"
    elif difference > NOISE_FACTOR * noise:
        verdict = "wrong"
    elif noise <= RESOLUTION * max(scale, largest, abs(jump_h)):
        verdict = "right"                               # within the noise, and the noise is small
    else:
        verdict = "inconclusive"
    return ElementJudgement(verdict, float(a), float(numeric), noise, rounding, probe.size, probe.eps, h,
                            probe.side(-1), probe.side(1))


def _name(key: str, index: tuple[int, ...], ndim: int) -> str:
    name = key if key else "θ"
    return f"{name}[{', '.join(map(str, index))}]" if ndim else name


class GradientCheck:
    """The result of ``gradient_check``.

    Attributes
    ----------
    passed : True when every element agrees with the numerical gradient
    verdict : "right", "wrong", "kink" (the loss is not differentiable here) or "inconclusive"
        (the numerical gradient is too noisy to tell), the worst over the elements
    worst : the element the verdict is about, e.g. "w[2]" or "b"
    analytic, numeric, error : at that element: both gradients and their relative error
    errors : relative error |a − n| / max(|a|, |n|) of every element, arrays with the parameters' shapes
    noise : the estimated error of the numerical gradient at every element, same shapes
    message : one line for the learner, the verdict and why

    It has no truth value (``if result:`` raises): say ``result.passed``.
    """

    def __init__(self, judgements: dict[str, np.ndarray]):
        rank = {verdict: i for i, verdict in enumerate(VERDICTS)}
        candidates = [(rank[j.verdict], j.margin, key, index) for key, found in judgements.items()
                      for index, j in np.ndenumerate(found)]
        _, _, key, index = max(candidates, key=lambda c: (c[0], c[1]))
        self._judgement: ElementJudgement = judgements[key][index]
        self.verdict: str = self._judgement.verdict
        self.worst: str = _name(key, index, judgements[key].ndim)
        self.analytic, self.numeric = self._judgement.analytic, self._judgement.numeric
        self.error: float = self._judgement.error
        self.errors = {k: np.vectorize(lambda j: j.error, otypes=[float])(v) for k, v in judgements.items()}
        self.noise = {k: np.vectorize(lambda j: j.noise, otypes=[float])(v) for k, v in judgements.items()}
        self.judgements = judgements

    @property
    def passed(self) -> bool:
        """True when every element agrees with the numerical gradient."""
        return self.verdict == "right"

    def __bool__(self) -> bool:
        raise TypeError("a gradient check has no truth value: `if gradient_check(...)` and "
                        "`assert gradient_check(...)` would not tell right from wrong; "
                        "use gradient_check(...).passed (and .message to see why)")

    def _refuse(self, other: object) -> bool:
        raise TypeError("a gradient check is not a number: compare its relative error, "
                        "gradient_check(...).error, or use gradient_check(...).passed")

    __lt__ = __le__ = __gt__ = __ge__ = _refuse

    def __float__(self) -> float:
        return self._refuse(None)

    def __format__(self, spec: str) -> str:
        if spec:  # f"{result:.3f}", as when the result was a float
            self._refuse(None)
        return str(self)

    @property
    def message(self) -> str:
        """One line for the learner: the verdict and the element it is about."""
        j = self._judgement
        numbers = f"by hand {j.analytic:.6g}, numerical {j.numeric:.6g}"
        if self.verdict == "right":
            count = sum(v.size for v in self.errors.values())
            return (f"gradient right: {'every one of its' if count > 1 else 'its'} {count} element{'s' * (count > 1)} "
                    f"agrees with the numerical gradient (worst element "
                    f"{self.worst}: {numbers}, relative error {j.error:.1e})")
        if self.verdict == "wrong":
            return (f"gradient wrong: worst element {self.worst}, {numbers}, relative error {j.error:.1e}; "
                    f"the numerical gradient is good to ±{j.noise:.1e} here")
        if self.verdict == "kink":
            return (f"inconclusive: this point is a kink of the loss (at {self.worst}, or within 2h = {2 * j.step:.1e} "
                    f"of it, the slope jumps: {j.left:.4g} just left, {j.right:.4g} just right, so there is no single "
                    f"gradient to compare with {j.analytic:.4g}): check at a point away from the kink")
        cause = ("the loss is float32, likely because some input (data or parameters) is float32: "
                 "convert it with .astype(float)" if j.loss_eps > FLOAT64_EPS else
                 "subtract a constant from the loss, or check with a larger eps")
        if j.rounding >= j.noise - j.rounding:
            return (f"inconclusive: the loss is too large for this step (|L| ≈ {j.loss_size:.3g} rounds by "
                    f"about {j.loss_eps:.1e}·|L|, so with h = {j.step:.1e} the numerical gradient at {self.worst} "
                    f"is only good to ±{j.noise:.1e} while the gradient is about {max(abs(j.analytic), abs(j.numeric)):.1e}; "
                    f"{numbers}): {cause}")
        return (f"inconclusive: the loss bends too sharply for this step (at {self.worst}, h = {j.step:.1e} "
                f"and 2h give slopes that differ by {3 * (j.noise - j.rounding):.1e}; {numbers}): check with a smaller eps")

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"GradientCheck({self.message!r})"


def relative_error(analytic: Params, numeric: Params) -> float:
    """The worst elementwise |a − n| / max(|a|, |n|) over all parameters; 0 where both are 0.

    Without the loss it cannot know the noise of the numerical gradient: near a minimum,
    where both gradients are rounding noise, use ``gradient_check``.
    """
    a, n = _as_params(analytic, "analytic"), _as_params(numeric, "numeric")
    _matching(analytic, n, "numeric")
    return max(float(np.max(_element_errors(a[k], n[k]), initial=0.0)) for k in a)


def gradient_check(
    loss: Callable[[Params], float], params: Params, analytic: Params, eps: float = STEP
) -> GradientCheck:
    """Compare a hand-derived gradient with the numerical one at ``params``, element by element.

    Each element is judged against the estimated error of the numerical gradient (rounding
    eps·|L|/h plus truncation, from steps h and 2h; see the module's docstring). Use
    ``.passed`` (every element agrees), ``.verdict``, ``.worst`` and ``.message``.

    Parameters
    ----------
    loss : function of the parameters returning one finite number
    params : dict of floats or arrays, or one array: the point where the gradient is checked
    analytic : the hand-derived gradient, with the keys and shapes of ``params``
    eps : relative step of the centred differences, h = eps·max(1, |θ_i|)
    """
    point = _as_params(params, "params")
    grads = _matching(analytic, point, "params")
    if not any(v.size for v in point.values()):
        raise ValueError("params has no elements: there is nothing to check")
    probes = _probes(loss, params, eps, (1, -1, 2, -2))
    judgements = {}
    for key, found in probes.items():
        judged = np.empty(found.shape, dtype=object)
        largest = max(max(abs(grads[key][index]), abs(probe.slope(1))) for index, probe in np.ndenumerate(found))
        for index, probe in np.ndenumerate(found):
            judged[index] = _judge(grads[key][index], probe, largest)
        judgements[key] = judged
    return GradientCheck(judgements)
