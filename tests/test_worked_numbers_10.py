"""Notebook 10: the syllabus's facts are printed, the text agrees with the printed numbers, and the
test set is touched once."""

import re

import nbformat
import numpy as np

from .conftest import ROOT

NOTEBOOK = nbformat.read(ROOT / "notebooks" / "instructor" / "10_learning_that_generalises.ipynb", as_version=4)
CODE = [cell for cell in NOTEBOOK.cells if cell.cell_type == "code"]
PRINTED = "\n".join(output.get("text", "") for cell in CODE for output in cell.outputs
                    if output.output_type == "stream")
MARKDOWN = "\n".join(cell.source for cell in NOTEBOOK.cells if cell.cell_type == "markdown")


def power_of_ten(exponent: int) -> str:
    """10⁻⁴ for -4: how the text writes powers of ten."""
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def numbers(pattern: str, text: str = PRINTED) -> list[float]:
    return [float(v) for v in re.search(pattern, text).groups()]


def test_the_test_set_is_touched_once_after_the_split():
    uses = [i for i, cell in enumerate(CODE) if re.search(r"\b[Xy]_test\b", cell.source)]
    split = uses[0]
    assert "train_test_split" in CODE[split].source
    later = uses[1:]
    assert len(later) == 1, f"the test set is used in {len(later)} code cells after the split"
    assert later[0] == max(i for i, cell in enumerate(CODE) if "trials[chosen]" in cell.source)  # after the search


def test_three_sets_and_k_fold():
    assert "train (1077, 64), validation (360, 64), test (360, 64)" in PRINTED
    assert "our 5 folds are scikit-learn's KFold(5) folds: True" in PRINTED
    ours = re.search(r"our loop: +\[([^\]]+)\]", PRINTED).group(1).split()
    theirs = re.search(r"cross_val_score: *\[([^\]]+)\]", PRINTED).group(1).split()
    assert ours == theirs
    scores = np.array(ours, dtype=float)
    spread = re.search(r"differ by up to (\d+) points", MARKDOWN).group(1)
    assert int(spread) == round((scores.max() - scores.min()) * 100)
    low, high = numbers(r"anything from ([\d.]+) % to ([\d.]+) %", MARKDOWN)
    assert (low, high) == (scores.min() * 100, scores.max() * 100)


def test_backward_is_checked_on_every_parameter_and_matches_mlpclassifier():
    assert PRINTED.count("agrees with the numerical gradient") == 4
    ours, = numbers(r"ours \(NumPy, by hand\) \| +[\d.]+ \| ([\d.]+)")
    sk, = numbers(r"MLPClassifier \| +[\d.]+ \| ([\d.]+)")
    assert abs(ours - sk) <= 0.01 and "agree to within a point" in MARKDOWN  # the "within one point"
    assert ours > 0.95 and sk > 0.95 and "about 96 % of the validation images" in MARKDOWN


def gradient_norms(activation: str) -> dict[str, list[float]]:
    block = PRINTED.split(f"{activation}: gradient norm")[1].split("\n\n")[0]
    rows = {}
    for line in block.splitlines()[1:]:
        if not line.startswith("  "):
            break
        label, values = line.rsplit(":", 1)
        rows[label.strip()] = [float(v) for v in values.split()]
    return rows


def test_initialisation_claims_match_the_printed_gradient_norms():
    tanh, relu = gradient_norms("tanh"), gradient_norms("relu")
    assert all(len(v) == 6 for v in (*tanh.values(), *relu.values()))
    assert all(1e-6 < g < 1e-5 for g in tanh["0.01"]) and all(1e-7 < g < 1e-6 for g in relu["0.01"])  # 5e-6, 5e-7
    assert 25 < tanh["1"][0] < 35 and tanh["1"] == sorted(tanh["1"], reverse=True)  # "about 30", growing to the input
    assert all(1e3 < g < 1e5 for g in relu["1"])                                    # "10^4"
    assert all(0.4 < g < 0.6 for g in tanh["Xavier 1/√fan_in"])                      # "near 0.5"
    assert all(1 <= g <= 3 for g in relu["He √(2/fan_in)"])                          # "between 1 and 3"
    assert re.search(r"scale 0\.01: loss at the start 2\.303, after 10 epochs 2\.30\d", PRINTED)
    assert "scale    1: loss at the start 8.2e+03, NaN or infinite after epoch 1" in PRINTED
    he_after, = numbers(r"scale   He: loss at the start [\d.]+, after 10 epochs ([\d.]+)")
    assert he_after < 0.5


def test_regularisation_text_matches_the_table():
    rows = {label.strip(): (float(low), int(epoch), float(final), float(accuracy), float(train)) for
            label, low, epoch, final, accuracy, train in re.findall(
                r"^ *([\w ,.=λ]+?) \| +([\d.]+) \( *(\d+)\) \| +([\d.]+) \| +([\d.]+)% \| ([\d.]+)$", PRINTED, re.M)}
    plain, dropout = rows["no regularisation"], rows["dropout, keep = 0.5"]
    l2 = {lam: rows[f"L2, λ = {lam}"] for lam in ("0.001", "0.003", "0.01")}
    assert f"lowest at epoch {plain[1]} ({plain[0]:.3f}) and then climbs to {plain[2]:.3f}" in MARKDOWN
    assert plain[2] > plain[0] * 1.1  # the validation loss really rises
    best = min(l2, key=lambda lam: l2[lam][0])
    assert best == "0.003" and f"λ = {best} the validation loss reaches the lowest value of all ({l2[best][0]:.3f})" \
        in MARKDOWN and l2[best][0] == min(r[0] for r in rows.values())
    assert f"holds the training loss up ({l2['0.01'][4]:.3f})" in MARKDOWN
    assert f"({dropout[0]:.3f}, at epoch {dropout[1]}) beats the unregularised {plain[0]:.3f}" in MARKDOWN
    assert "[0. 2. 2. 2. 0. 0.]" in PRINTED and "mean of 100,000 dropped-out ones: 1.0" in PRINTED


def test_capacity_text_matches_the_curves():
    widths = [float(v) for v in re.search(r"train error: +([\d. ]+)\n", PRINTED).group(1).split()]
    val = [float(v) for v in re.search(r"validation error: +([\d. ]+)\n", PRINTED).group(1).split()]
    assert f"({widths[0]:.0%} and {val[0]:.0%} wrong with a single unit)".replace("%", " %") in MARKDOWN
    assert f"up to 64 units ({val[-1]:.1%})".replace("%", " %") in MARKDOWN and val == sorted(val, reverse=True)
    gaps = [v - t for t, v in zip(widths[3:], val[3:])]
    assert 0.03 <= min(gaps) and max(gaps) <= 0.05 + 1e-9  # "3 to 5 points from 8 units on"
    blocks = PRINTED.split("training images:")[1]
    sizes_val = [float(v) for v in re.search(r"validation error: +([\d. ]+)\n", blocks).group(1).split()]
    sizes_train = [float(v) for v in re.search(r"train error: +([\d. ]+)\n", blocks).group(1).split()]
    assert " → ".join(f"{v:.0%}".replace("%", " %") for v in sizes_val) in MARKDOWN
    assert sizes_train[0] == 0.0 and "fits all of them (0 % training error)" in MARKDOWN
    assert "the same as our loop's, train and validation: True" in PRINTED


def test_search_choice_and_the_single_test_figure():
    trials = re.findall(r"η = ([\d.]+), λ = ([\d.e+-]+): validation loss ([\d.]+), validation accuracy ([\d.]+)%",
                        PRINTED)
    assert [float(t[2]) for t in trials] == sorted(float(t[2]) for t in trials)
    eta, lam = re.search(r"chosen: η = ([\d.]+), λ = ([\d.e+-]+)", PRINTED).groups()
    assert (eta, lam) == trials[0][:2]
    mantissa, exponent = lam.split("e")
    assert f"η = {eta}, λ = {float(mantissa):.1f} × {power_of_ten(int(exponent))}" in MARKDOWN
    val, test, right = numbers(r"validation accuracy ([\d.]+)%, test accuracy ([\d.]+)% \((\d+) of 360")
    assert round(right / 360 * 100, 1) == test and val == float(trials[0][3])
    assert f"{test} % on the test set, the same as on the validation set" in MARKDOWN and test == val


def test_babysitting_checklist():
    small, log10, he = numbers(r"small weights: ([\d.]+) +\(log 10 = ([\d.]+)\); with He's scale: ([\d.]+)")
    assert log10 == 2.303 and abs(small - log10) < 0.01 and f"and {he:.2f};" in MARKDOWN
    start, end, accuracy = numbers(r"20 images, 100 steps: training loss ([\d.]+) -> ([\d.]+), training accuracy (\d+)%")
    assert end < 0.05 < start and accuracy == 100
    first, last = numbers(r"\(one step, chosen run\): ([\d.e+-]+) in epoch 1, ([\d.e+-]+) in epoch 20")
    for words, value in (("starts at", first), ("settles near", last)):
        mantissa, exponent = f"{value:.0e}".split("e")
        assert f"{words} {mantissa} × {power_of_ten(int(exponent))}" in MARKDOWN
