"""The derive-then-code exercises added to notebooks 04 and 05 (bce_from_logits, to_raw_units), the
explorer controls of issue 9 (exact η stops, presets that set their steps, the threshold slider), and
the stated working times."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from helpers import checks, data, losses, models
from helpers.widgets import logistic_explorer
from helpers.widgets.learning_rate import LearningRateExplorer

from .check_contract import contract_tests, run

ROOT = Path(__file__).resolve().parents[1]


# --- right answers, several ways ---------------------------------------------------------

def right_bce_from_logits(y, z):
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def right_bce_from_logits_two_terms(y, z):  # y·softplus(−z) + (1 − y)·softplus(z), as derived before simplifying
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))


def right_bce_from_logits_branches(y, z):  # softplus by cases: |z| + log1p(e^−|z|) (warning-free, no logaddexp)
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(softplus - y * z))


def right_to_raw_units(w, b, mean, std):
    return {"w": w / std, "b": float(b - np.sum(w * mean / std))}


def right_to_raw_units_dot(w, b, mean, std):  # the constant as a dot product; a plain Python float for b
    w_raw = w / std
    return {"w": w_raw, "b": b - float(w_raw @ mean)}


CHECKS = [
    (checks.check_bce_from_logits, right_bce_from_logits, losses.binary_cross_entropy_from_logits),
    (checks.check_bce_from_logits, right_bce_from_logits_two_terms, losses.binary_cross_entropy_from_logits),
    (checks.check_bce_from_logits, right_bce_from_logits_branches, losses.binary_cross_entropy_from_logits),
    (checks.check_to_raw_units, right_to_raw_units, data.to_raw_units),
    (checks.check_to_raw_units, right_to_raw_units_dot, data.to_raw_units),
]

(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


# --- bce_from_logits: wrong answers a learner writes -------------------------------------

def _sigmoid_log(y, z):
    p = expit(z)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


WRONG_BCE_FROM_LOGITS = [
    (_sigmoid_log, "your formula meets infinity"),
    (lambda y, z: losses.binary_cross_entropy(y, models.sigmoid(z)), "you clipped σ(z)"),
    (lambda y, z: losses.binary_cross_entropy(y, models.sigmoid(z), eps=1e-7), "you clipped σ(z)"),
    (lambda y, z: losses.binary_cross_entropy(y, models.sigmoid(z), eps=1e-15), "you clipped σ(z)"),
    (lambda y, z: float(np.mean(np.log(1 + np.exp(z)) - y * z)), "np.exp(1000) overflows to inf"),
    (lambda y, z: float(np.mean(y * np.log(1 + np.exp(-z)) + (1 - y) * np.log(1 + np.exp(z)))),
     "your formula meets infinity"),
    (lambda y, z: float(np.mean(np.logaddexp(0, z) + y * z)), "the sign of the y·z term is wrong"),
    (lambda y, z: float(np.mean(np.logaddexp(0, z))), "you left out the −y·z term"),
    (lambda y, z: float(np.mean(np.logaddexp(0, z) - (1 - y) * z)), "you swapped the labels"),
    (lambda y, z: float(np.sum(np.logaddexp(0, z) - y * z)), "summed over the samples"),
    (lambda y, z: float(np.mean(np.logaddexp(0, -z))), "for both labels"),
    (lambda y, z: np.logaddexp(0, z) - y * z, "did you forget to average"),  # per-sample losses
    (lambda y, z: float(np.mean(np.clip(np.logaddexp(0, z) - y * z, 0, 100))), "expected 1000"),  # capped
    (lambda y, z: float(np.mean(np.logaddexp(0, z) - y * z)) if len(y) < 10 else 0.0,
     "41 random labels"),  # right on the small fixed cases only
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_BCE_FROM_LOGITS)
def test_wrong_bce_from_logits_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_bce_from_logits, wrong, capsys)
    assert used is losses.binary_cross_entropy_from_logits, out
    assert "not right yet" in out and words in out, out


def test_bce_from_logits_reference_matches_scipy_and_sklearn():
    from sklearn.metrics import log_loss

    rng = np.random.default_rng(3)
    y = (rng.uniform(size=30) < 0.5).astype(float)
    z = rng.normal(0, 4, size=30)
    expected = float(np.mean(-y * np.log(expit(z)) - (1 - y) * np.log(expit(-z))))
    assert losses.binary_cross_entropy_from_logits(y, z) == pytest.approx(expected, rel=1e-12)
    assert losses.binary_cross_entropy_from_logits(y, z) == pytest.approx(log_loss(y, expit(z)), rel=1e-9)


# --- to_raw_units ---------------------------------------------------------------------

WRONG_TO_RAW_UNITS = [
    (lambda w, b, m, s: {"w": w * s, "b": float(b - np.sum(w * m / s))}, "multiplied the weights by the standard"),
    (lambda w, b, m, s: {"w": w * s, "b": float(b - np.sum(w * m * s))}, "multiplied the weights by the standard"),
    (lambda w, b, m, s: {"w": w / s, "b": float(b)}, "you kept the standardised intercept"),
    (lambda w, b, m, s: {"w": w / s, "b": float(b + np.sum(w * m / s))}, "the sign of the constant terms"),
    (lambda w, b, m, s: {"w": w / s, "b": float(b - np.sum(w * m))}, "left out the division by std"),
    (lambda w, b, m, s: {"w": w / s, "b": float(b - np.mean(w * m / s))}, "you averaged the constant terms"),
    (lambda w, b, m, s: {"w": w / s, "b": b - w * m / s}, "add them up with np.sum"),
    (lambda w, b, m, s: {"w": (w - m) / s, "b": float(b - np.sum(w * m / s))}, "subtracted the means from the weights"),
    (lambda w, b, m, s: (w / s, float(b - np.sum(w * m / s))), "expected a dict"),
    (lambda w, b, m, s: {"w": w / s}, "has keys"),
    (lambda w, b, m, s: {"w": w / s, "b": float(b - np.sum(w * m / s ** 2))}, "expected"),  # unnamed slip
]


@pytest.mark.parametrize("wrong, words", WRONG_TO_RAW_UNITS)
def test_wrong_to_raw_units_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_to_raw_units, wrong, capsys)
    assert used is data.to_raw_units, out
    assert "not right yet" in out and words in out, out


def test_to_raw_units_in_place_is_caught(capsys):
    def in_place(w, b, mean, std):
        w /= std
        return {"w": w, "b": float(b - np.sum(w * mean))}

    used, out = run(checks.check_to_raw_units, in_place, capsys)
    assert used is data.to_raw_units and "changed its inputs in place" in out, out


def test_to_raw_units_turns_a_standardised_sklearn_fit_into_the_raw_one():
    frame = data.load_data("breast_cancer")
    X = frame[["mean_radius", "mean_texture", "mean_smoothness"]].to_numpy()
    y = frame["malignant"].to_numpy(float)
    raw = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    std = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(data.standardize(X), y)
    back = data.to_raw_units(std.coef_[0], std.intercept_[0], X.mean(axis=0), X.std(axis=0))
    np.testing.assert_allclose(back["w"], raw.coef_[0], rtol=1e-3)
    assert back["b"] == pytest.approx(raw.intercept_[0], rel=1e-3)
    np.testing.assert_allclose(X @ back["w"] + back["b"], data.standardize(X) @ std.coef_[0] + std.intercept_[0])


@pytest.mark.parametrize("args, words", [
    ((np.array([1.0, 2.0]), 0.0, np.array([1.0]), np.array([1.0, 1.0])), "one entry per feature"),
    ((np.array([1.0]), 0.0, np.array([1.0]), np.array([0.0])), "std must be > 0"),
    ((np.array([1.0]), np.nan, np.array([1.0]), np.array([1.0])), "b must be finite"),
])
def test_to_raw_units_refuses_bad_input(args, words):
    with pytest.raises(ValueError, match=words):
        data.to_raw_units(*args)


# --- the learning-rate explorer: exact stops, presets set their steps ----------------------

def test_eta_slider_has_exact_stops_for_the_presets_and_the_values_the_notebook_names():
    explorer = LearningRateExplorer()
    stops = [value for _, value in explorer.learning_rate_slider.options]
    for value in [0.001, 0.01, 0.1, 0.5, 0.8, 0.95, 0.99, 1.0, 1.01, 1.05, 1.5]:
        assert value in stops, value
    assert stops == sorted(stops) and len(stops) > 40
    ratios = np.diff(np.log10(stops))
    assert ratios.max() < 0.2  # no big jumps: about ten stops per decade or finer


def test_eta_half_reaches_the_minimum_in_one_step_from_the_slider():
    explorer = LearningRateExplorer(learning_rate=0.01, steps=50)
    explorer.steps_slider.value = 1
    explorer.learning_rate_slider.value = 0.5
    assert "η = 0.5, 1 step → w = -1.5, f'(w) = 0" in explorer.readout.value


def test_a_preset_sets_the_steps_it_needs():
    explorer = LearningRateExplorer(learning_rate=0.01, steps=50)
    explorer.steps_slider.value = 1000  # after this, η = 0.01 has converged ("good")
    assert "<b>good</b>" in explorer.readout.value
    explorer.buttons[0].click()  # "too small: η = 0.01"
    assert explorer.steps_slider.value == LearningRateExplorer.PRESET_STEPS
    assert "<b>too small</b>" in explorer.readout.value


def test_a_value_set_from_code_becomes_a_stop_and_is_shown_exactly():
    explorer = LearningRateExplorer()
    explorer.update(0.37, 12)
    assert explorer.learning_rate_slider.value == 0.37 and explorer.learning_rate_slider.label == "0.37"
    assert "η = 0.37, 12 steps" in explorer.readout.value
    explorer.learning_rate_slider.value = 0.5  # the slider still moves on its own stops
    assert "η = 0.5, 12 steps" in explorer.readout.value


# --- the logistic explorer: a threshold control -------------------------------------------

@pytest.fixture()
def logistic():
    x, y = data.make_logistic_data(n=200, w=-2.0, b=5.0, noise=0.25, seed=0)
    return logistic_explorer(x, y, w=-1.0, b=0.0)


def test_the_threshold_slider_sets_b_for_the_current_w(logistic):
    logistic.threshold_slider.value = 2.5
    assert logistic.w_slider.value == -1.0 and logistic.b_slider.value == pytest.approx(2.5)
    assert "threshold x = −b/w = 2.50" in logistic.readout.value


def test_keep_threshold_steepens_about_a_fixed_threshold(logistic):
    logistic.threshold_slider.value = 2.5
    logistic.keep_threshold.value = True
    losses_seen = []
    for w in (-1.0, -2.0, -3.0, -5.0):
        logistic.w_slider.value = w
        assert logistic.b_slider.value == pytest.approx(-w * 2.5)
        assert "threshold x = −b/w = 2.50" in logistic.readout.value
        losses_seen.append(float(logistic.readout.value.split("BCE = ")[1][:6]))
    # the loss first falls, then rises as the curve gets too steep for the noisy labels
    assert losses_seen[1] < losses_seen[0] and losses_seen[3] > losses_seen[1]


def test_without_keep_threshold_w_moves_alone_and_the_threshold_readout_follows(logistic):
    logistic.threshold_slider.value = 2.0
    logistic.w_slider.value = -2.0
    assert logistic.b_slider.value == pytest.approx(2.0)
    assert logistic.threshold_slider.value == pytest.approx(1.0)


def test_the_threshold_slider_does_nothing_while_w_is_zero(logistic):
    logistic.w_slider.value = 0.0
    b = logistic.b_slider.value
    logistic.threshold_slider.value = 3.0
    assert logistic.b_slider.value == b and "no threshold" in logistic.readout.value


def test_the_threshold_slider_starts_at_the_threshold_of_the_start_values():
    x, y = data.make_logistic_data(n=200, w=-2.0, b=5.0, noise=0.25, seed=0)
    explorer = logistic_explorer(x, y, w=1.0, b=0.0)
    assert explorer.threshold_slider.value == pytest.approx(0.0)


# --- stated times ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["01_linear_regression_and_mse", "02_gradient_descent", "03_backpropagation",
                                  "04_logistic_regression", "05_loss_landscapes"])
def test_the_notebook_intro_states_the_time_of_the_course_map(name):
    readme = (ROOT / "README.md").read_text()
    course_map = re.search(rf"\(notebooks/student/{name}\.ipynb\)[^\n]*\| (\d+) min \|", readme)
    intro = "".join(json.loads((ROOT / "notebooks/instructor" / f"{name}.ipynb").read_text())["cells"][0]["source"])
    stated = re.search(r"Working time: about (\d+) minutes", intro)
    assert course_map and stated and course_map.group(1) == stated.group(1)


# --- contour labels and levels (issue 9, item 8) -----------------------------------------

@pytest.mark.parametrize("dpi", [80, 100, 150])
def test_contour_labels_are_readable_at_any_dpi_and_the_innermost_line_is_clear_of_the_minimum(dpi):
    import matplotlib.pyplot as plt

    from helpers import plots

    ws, bs = np.linspace(-1, 3, 41), np.linspace(-2, 2, 31)
    W, B = np.meshgrid(ws, bs)
    Z = 0.3 + (W - 1) ** 2 + 40 * (B - 0.2 * W) ** 2  # a narrow, tilted valley
    fig, ax = plt.subplots(dpi=dpi)
    plots.plot_loss_contour(ws, bs, Z, ax=ax, levels=20)
    contour = next(c for c in ax.collections if hasattr(c, "levels"))
    assert contour.levels[0] > Z.min() * 1.2  # one log-step above the minimum, not 5 % above it
    labels = ax.texts
    assert labels and all(t.get_fontsize() * dpi / 72 >= 8 * 100 / 72 - 1e-9 for t in labels)  # ≥ 11 px
    for text in labels:  # every third line counted from the outermost one carries a label
        index = int(np.argmin(np.abs(np.log(contour.levels) - np.log(float(text.get_text())))))
        assert (len(contour.levels) - 1 - index) % 3 == 0, text.get_text()
