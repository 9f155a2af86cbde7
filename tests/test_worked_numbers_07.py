"""Notebook 07: the syllabus's facts and the notebook's own claims agree with the instructor outputs."""

import re

import nbformat
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from helpers import data

from .conftest import ROOT

NOTEBOOK = nbformat.read(ROOT / "notebooks" / "instructor" / "07_neural_network.ipynb", as_version=4)
PRINTED = "\n".join(output.get("text", "") for cell in NOTEBOOK.cells if cell.cell_type == "code"
                    for output in cell.outputs if output.output_type == "stream")
MARKDOWN = "\n".join(cell.source for cell in NOTEBOOK.cells if cell.cell_type == "markdown")


def test_syllabus_facts_are_printed():
    for line in ["missing values per column: [" + " ".join(["0"] * 31) + "]",   # isnull().sum() is all 0
                 "W1: shape (30, 20)", "b1: shape (20,)", "W2: shape (20, 1)", "b2: shape (1,)",
                 "(ln 2 = 0.693)"]:
        assert line in PRINTED, line
    assert PRINTED.count("agrees with the numerical gradient") == 4  # every parameter checked


def test_overfitting_claims_match_the_printed_losses():
    runs = {int(step): (float(train), float(test), int(right)) for step, train, test, right in re.findall(
        r"step +(\d+): train loss ([\d.]+), test loss ([\d.]+), test accuracy (\d+)/143", PRINTED)}
    assert sorted(runs) == [20, 300, 2000]
    lowest = float(re.search(r"lowest test loss ([\d.]+), at step (\d+)", PRINTED).group(1))
    assert runs[2000][0] < runs[300][0] and runs[2000][1] > lowest  # train keeps falling, test rises again
    wrong = re.search(r"After 20 steps (\d+) masses are wrong.*?after 300 steps (\d+) are wrong; "
                      r"after 2000 steps (\d+) are wrong", MARKDOWN, re.S).groups()
    assert [int(w) for w in wrong] == [143 - runs[s][2] for s in (20, 300, 2000)]


def test_logistic_regression_baseline_is_recomputed():
    frame = data.load_data("breast_cancer")
    X, y = frame.drop(columns="malignant").to_numpy(), frame["malignant"].to_numpy(float)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    model = LogisticRegression().fit((X_train - mean) / std, y_train)
    right = int(np.sum(model.predict((X_test - mean) / std) == y_test))
    assert f"logistic regression:                   {right}/143 test masses right" in PRINTED
    net = int(re.search(r"300 steps: +(\d+)/143", PRINTED).group(1))
    assert right >= net  # "as good as the network or better", as the text says


def test_hidden_layers_beat_the_straight_line():
    for name in ("moons", "circles"):
        linear, net = map(int, re.search(rf"{name}: logistic regression (\d+)%, network (\d+)%", PRINTED).groups())
        assert net >= 97 and linear <= 90, name
    circles = int(re.search(r"circles: logistic regression (\d+)%", PRINTED).group(1))
    assert 40 <= circles <= 60  # "about half right" in the text
