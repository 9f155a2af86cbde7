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
    runs = {int(step): (float(train), float(val), int(right)) for step, train, val, right in re.findall(
        r"step +(\d+): train loss ([\d.]+), validation loss ([\d.]+), validation accuracy (\d+)/71", PRINTED)}
    best = int(re.search(r"lowest validation loss at step (\d+): we stop there", PRINTED).group(1))
    assert sorted(runs) == [20, best, 2000] and best == 660
    assert runs[2000][0] < runs[best][0] and runs[2000][1] > runs[best][1]  # train keeps falling, validation rises
    wrong = re.search(r"After 20 steps (\d+) of the 71 masses are wrong.*?at step 660, (\d+) are wrong.*?"
                      r"after 2000 steps (\d+) are wrong", MARKDOWN, re.S).groups()
    assert [int(w) for w in wrong] == [71 - runs[s][2] for s in (20, best, 2000)]


def split() -> tuple[np.ndarray, ...]:
    """The notebook's split: 75 % training, the rest halved into validation and test, all stratified."""
    frame = data.load_data("breast_cancer")
    X, y = frame.drop(columns="malignant").to_numpy(), frame["malignant"].to_numpy(float)
    X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=0, stratify=y_rest)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return tuple((part - mean) / std for part in (X_train, X_val, X_test)) + (y_train, y_val, y_test)


def test_the_split_is_stated_and_the_test_part_is_reported_once():
    X_train, X_val, X_test, y_train, y_val, y_test = split()
    assert "X_train: (426, 30)  X_val: (71, 30)  X_test: (72, 30)" in PRINTED
    assert len(re.findall(r"test part", PRINTED)) == 1  # one printed test figure, at the end
    model = LogisticRegression().fit(X_train, y_train)
    right_val = int(np.sum(model.predict(X_val) == y_val))
    assert f"logistic regression:                   {right_val}/71 validation masses right" in PRINTED
    net = int(re.search(r"660 steps: +(\d+)/71", PRINTED).group(1))
    assert right_val >= net  # "as good as the network or better", as the text says
    right_test = int(np.sum(model.predict(X_test) == y_test))
    assert f"logistic regression: {right_test}/72 right" in PRINTED
    assert "(70 against 68 of 71)" in MARKDOWN and f"Both get {right_test} of the 72" in MARKDOWN


def test_hidden_layers_beat_the_straight_line():
    for name in ("moons", "circles"):
        linear, net = map(int, re.search(rf"{name}: logistic regression (\d+)%, network (\d+)%", PRINTED).groups())
        assert net >= 97 and linear <= 90, name
    circles = int(re.search(r"circles: logistic regression (\d+)%", PRINTED).group(1))
    assert 40 <= circles <= 60  # "about half right" in the text
