"""The 'check your understanding' quizzes: feedback for right and wrong answers, the widget, the numbers."""

import html

import numpy as np
import pytest

from helpers import backprop, batches, distances, generalisation, information, losses, models, multiclass, quizzes
from helpers import regression_losses, update_rules
from helpers.quiz import Question, Quiz, feedback

ALL = {f"{n:02d}": getattr(quizzes, f"QUIZ_{n:02d}") for n in range(1, 11)}


def close(value, question):
    """The reference value is within the question's tolerance of its answer."""
    return abs(float(value) - question.answer) <= question.tolerance


@pytest.mark.parametrize("name", ALL)
def test_every_question_accepts_its_answer_and_explains_every_wrong_option(name):
    questions = ALL[name]
    assert 3 <= len(questions) <= 5
    for question in questions:
        right, text = feedback(question, question.answer)
        assert right and text.startswith("✓"), question.prompt
        for wrong in range(len(question.options)):
            if wrong != question.answer:
                right, text = feedback(question, wrong)
                assert not right and text.startswith("✗") and len(text) > 20, (question.prompt, wrong)
        if not question.options:  # a number: just outside the tolerance is wrong
            right, text = feedback(question, question.answer + question.tolerance + 0.01)
            assert not right and question.why[0] in text


def test_the_number_answers_are_the_course_s_own_numbers():
    q06, q07, q08 = quizzes.QUIZ_06, quizzes.QUIZ_07, quizzes.QUIZ_08
    untrained = multiclass.cross_entropy_from_logits(np.array([0, 3]), np.zeros((2, 5)))
    assert abs(untrained - q06[1].answer) <= q06[1].tolerance
    hinge = multiclass.hinge_loss(np.array([0]), np.array([[2.0, 1.5, -1.0]]))
    assert abs(hinge - q06[3].answer) <= q06[3].tolerance
    assert abs(1 / np.sqrt(50) - q07[3].answer) <= q07[3].tolerance
    slope = regression_losses.huber_derivative(np.array([-3.0]), 1.0)[0]
    assert abs(slope - q08[1].answer) <= q08[1].tolerance
    cosine = distances.cosine_distance(np.array([1.0, 2.0]), np.array([3.0, 6.0]))
    assert abs(cosine - q08[3].answer) <= q08[3].tolerance
    apart = information.js_divergence(np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.0, 0.5, 0.5]))
    assert np.isclose(apart, np.log(2))  # the JS answer


def test_the_number_answers_of_01_to_05_come_from_the_reference_functions():
    q01, q02, q03, q04, q05 = (quizzes.QUIZ_01, quizzes.QUIZ_02, quizzes.QUIZ_03, quizzes.QUIZ_04,
                               quizzes.QUIZ_05)
    assert close(losses.mse(np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 2.0])), q01[1])
    assert q01[2].options[q01[2].answer] == "the mean of y" and losses.best_constant(np.array([1.0, 2, 9])) == 4
    w = 0.0
    assert close(w - 0.1 * (2 * w + 3), q02[0])                           # f′(w) = 2w + 3
    path = [2.0]
    for _ in range(3):
        path.append(path[-1] - 0.8 * (2 * (path[-1] + 1.5)))               # η = 0.8 on (w + 1.5)²
    distances_to_min = np.array(path) + 1.5
    assert np.all(np.diff(np.sign(distances_to_min)) != 0) and np.all(np.diff(np.abs(distances_to_min)) < 0)
    assert close(backprop.example_backward(1, 2, 3)["dJ/da"], q03[0])
    assert close(backprop.branch_backward(2, 3)["dJ/da"], q03[1])
    assert close(losses.binary_cross_entropy(np.array([1.0]), np.array([0.1])), q04[0])
    assert np.isclose(models.logistic(np.array([q04[1].answer]), 2.0, -4.0)[0], 0.5)
    assert models.sigmoid(np.array([38.0]))[0] == 1.0                     # the nan question's "above about 37"
    x = np.array([2.0, 4.0, 6.0])
    assert close(((x - x.mean()) / x.std())[0], q05[1])
    W, B = np.meshgrid(np.arange(3), np.arange(4))
    assert q05[0].options[q05[0].answer] == str((W + B).shape)


def test_the_number_answers_of_09_and_10_come_from_the_reference_functions():
    q09, q10 = quizzes.QUIZ_09, quizzes.QUIZ_10
    assert close(len(list(batches.batch_indices(1000, 50, np.random.default_rng(0)))), q09[0])
    velocity, step = None, None
    for _ in range(500):                                                  # the same gradient every step
        moved, velocity = update_rules.momentum_step({"w": np.zeros(1)}, {"w": np.ones(1)}, velocity,
                                                     learning_rate=1.0, beta=0.9)
        step = moved["w"][0]
    assert close(-step, q09[2])
    new, _ = update_rules.adam_step({"w": np.zeros(1)}, {"w": np.array([50.0])}, None, learning_rate=0.001)
    assert close(new["w"][0], q09[3])
    assert close(np.sum(generalisation.fold_ids(11, 3) == 0), q10[1])
    decayed = generalisation.weight_decay_step({"W1": np.ones((1, 1)), "b1": np.zeros(1)},
                                               {"W1": np.zeros((1, 1)), "b1": np.zeros(1)}, 0.1, 0.01)
    assert close(decayed["W1"][0, 0], q10[3])


def test_every_notebook_ends_with_its_quiz():
    import json
    from pathlib import Path

    for path in sorted(Path(__file__).parents[1].glob("notebooks/instructor/[01]*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        number = path.name[:2]
        assert "".join(cells[-2]["source"]).startswith("## Check your understanding"), path.name
        assert "".join(cells[-1]["source"]) == f"Quiz(quizzes.QUIZ_{number})", path.name


def test_the_widget_gives_feedback_on_click():
    quiz = Quiz(quizzes.QUIZ_06)
    assert len(quiz.inputs) == len(quizzes.QUIZ_06)
    quiz.inputs[0].value = 3                     # the batch maximum: wrong, with its reason
    quiz.widget.children[1].children[2].children[0].click()
    assert "✗" in quiz.feedback[0].value and "0/0" in quiz.feedback[0].value
    quiz.inputs[0].value = 1
    assert quiz.check(0) and "✓" in quiz.feedback[0].value
    quiz.inputs[1].value = "1,6094"              # a decimal comma is fine
    assert quiz.check(1)
    quiz.inputs[1].value = "log 5"
    assert not quiz.check(1) and "Type a number" in quiz.feedback[1].value
    assert not quiz.check(2) and "Pick one" in quiz.feedback[2].value  # nothing chosen yet


def test_bad_questions_and_responses_are_refused():
    with pytest.raises(ValueError, match="index of the right option"):
        Question("?", answer=2, why=("a", "b"), options=("x", "y"))
    with pytest.raises(ValueError, match="one explanation per option"):
        Question("?", answer=0, why=("a",), options=("x", "y"))
    with pytest.raises(ValueError, match="one explanation"):
        Question("?", answer=1.0, why=())
    with pytest.raises(ValueError, match="option index"):
        feedback(quizzes.QUIZ_06[0], 7)
    assert feedback(quizzes.QUIZ_06[1], None) == (False, "Type a number first.")
    with pytest.raises(ValueError, match="at least one"):
        Quiz([])


def test_the_quiz_displays_on_ipywidgets_7_too(monkeypatch):
    """ipywidgets 7 (still on several hosted services) has no _repr_mimebundle_ on its widgets."""
    import ipywidgets

    from helpers.widgets.base import WIDGET_VIEW

    quiz = Quiz(quizzes.QUIZ_01)
    monkeypatch.delattr(ipywidgets.Widget, "_repr_mimebundle_")
    bundle = quiz._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == quiz.widget.model_id


def test_readers_without_a_kernel_see_the_questions():
    quiz = Quiz(quizzes.QUIZ_02)
    shown = quiz._repr_mimebundle_()["text/html"]
    for question in quizzes.QUIZ_02:
        assert html.escape(question.prompt) in shown
        assert all(html.escape(option) in shown for option in question.options)
    assert "<h" not in shown, "no heading: it would break the page's heading order"
