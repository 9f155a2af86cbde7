"""'Check your understanding': short questions with immediate feedback at the end of a notebook.

A ``Question`` is multiple choice (``options``, the index of the right one in ``answer``, and
one explanation per option in ``why``: why it is right, or why it is wrong) or a number
(``answer`` a float, ``tolerance``, and ``why[0]`` explaining the right value). ``feedback``
judges one response (pure Python, tested); ``Quiz`` shows the questions as ipywidgets, each
with a button that calls ``feedback``. Nothing leaves the notebook: no external service.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from numbers import Real

import ipywidgets as widgets

from .widgets.base import widget_mimebundle


@dataclass(frozen=True)
class Question:
    """One question: multiple choice when ``options`` is given, else a number within ``tolerance``."""

    prompt: str
    answer: int | float
    why: tuple[str, ...]
    options: tuple[str, ...] = ()
    tolerance: float = 0.0

    def __post_init__(self) -> None:
        if self.options:
            if not isinstance(self.answer, int) or not 0 <= self.answer < len(self.options):
                raise ValueError(f"answer must be the index of the right option (0 … {len(self.options) - 1}), "
                                 f"got {self.answer!r}")
            if len(self.why) != len(self.options):
                raise ValueError(f"why needs one explanation per option ({len(self.options)}), got {len(self.why)}")
        elif len(self.why) != 1 or self.tolerance < 0:
            raise ValueError("a number question needs one explanation in why and a tolerance ≥ 0")


def feedback(question: Question, response: int | float | None) -> tuple[bool, str]:
    """(right?, what to say) for one response: an option's index, or a number."""
    if question.options:
        if response is None:
            return False, "Pick one of the options first."
        if isinstance(response, bool) or not isinstance(response, int) or not 0 <= response < len(question.options):
            raise ValueError(f"response must be an option index 0 … {len(question.options) - 1}, got {response!r}")
        right = response == question.answer
        return right, ("✓ Right. " if right else "✗ Not quite. ") + question.why[response]
    if response is None or isinstance(response, bool) or not isinstance(response, Real):
        return False, "Type a number first."
    right = abs(float(response) - float(question.answer)) <= question.tolerance
    if right:
        return True, f"✓ Right. {question.why[0]}"
    return False, f"✗ Not quite: {float(response):g} is not it. Try again, or read on: {question.why[0]}"


class Quiz:
    """The questions as widgets: options or a number box, a 'Check' button and the feedback under it."""

    def __init__(self, questions: list[Question], title: str = "Check your understanding") -> None:
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.questions = list(questions)
        self.inputs: list[widgets.Widget] = []
        self.feedback: list[widgets.HTML] = []
        boxes = []
        for number, question in enumerate(self.questions, start=1):
            if question.options:
                answer_box = widgets.RadioButtons(options=[(text, k) for k, text in enumerate(question.options)],
                                                  value=None, layout=widgets.Layout(width="auto"))
            else:
                answer_box = widgets.Text(placeholder="a number, e.g. 0.25", layout=widgets.Layout(width="12em"))
            said = widgets.HTML()
            button = widgets.Button(description="Check", layout=widgets.Layout(width="6em"))
            button.on_click(lambda _, k=number - 1: self.check(k))
            self.inputs.append(answer_box)
            self.feedback.append(said)
            boxes.append(widgets.VBox([widgets.HTML(f"<b>{number}.</b> {html.escape(question.prompt)}"),
                                       answer_box, widgets.HBox([button, said])]))
        self.title = title
        self.widget = widgets.VBox([widgets.HTML(f"<h4>{html.escape(title)}</h4>"), *boxes])

    def check(self, index: int) -> bool:
        """Judge question ``index`` with what is entered now; show and return whether it is right."""
        value = self.inputs[index].value
        if isinstance(value, str):  # a number box: what was typed
            try:
                value = float(value.replace(",", "."))
            except ValueError:
                value = None
        right, text = feedback(self.questions[index], value)
        colour = "green" if right else "firebrick"
        self.feedback[index].value = f'<span style="color:{colour}">{html.escape(text)}</span>'
        return right

    def as_html(self) -> str:
        """The questions as static HTML, for readers without a kernel (the course website, a notebook viewer)."""
        parts = [f"<p><b>{html.escape(self.title)}</b></p>"]
        for number, question in enumerate(self.questions, start=1):
            parts.append(f"<p><b>{number}.</b> {html.escape(question.prompt)}</p>")
            if question.options:
                parts.append('<ol type="a">' + "".join(f"<li>{html.escape(text)}</li>" for text in question.options)
                             + "</ol>")
            else:
                parts.append("<p><i>Answer with a number.</i></p>")
        parts.append("<p><i>Run this notebook to check your answers here, with feedback on each choice.</i></p>")
        return "\n".join(parts)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003, ANN202 - IPython display protocol
        """The live widget (ipywidgets 7 and 8), plus the questions as HTML where no kernel runs."""
        return {**widget_mimebundle(self.widget, **kwargs), "text/html": self.as_html()}
