"""The 'check your understanding' quizzes: feedback for right and wrong answers, the widget, the numbers."""

import numpy as np
import pytest

from helpers import distances, information, multiclass, quizzes, regression_losses
from helpers.quiz import Question, Quiz, feedback

ALL = {"06": quizzes.QUIZ_06, "07": quizzes.QUIZ_07, "08": quizzes.QUIZ_08}


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
