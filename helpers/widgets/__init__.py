"""Interactive explorers built with ipywidgets.

The figure is built once and its static parts (axes, data, contours) are rendered once.
Each slider event only moves the few artists that change, draws them over the cached
background (blitting), encodes one PNG and swaps it into a fixed-size Image widget, so
nothing flickers or jumps.
"""


from .base import BlitImage, ParameterExplorer, trend_html
from .learning_rate import DESCENT_VERDICTS, LearningRateExplorer, learning_rate_explorer
from .linear import LinearExplorer, linear_explorer
from .logistic import LogisticExplorer, logistic_explorer
from .playground import PlaygroundExplorer, playground_explorer

__all__ = ["BlitImage", "DESCENT_VERDICTS", "LearningRateExplorer", "LinearExplorer", "LogisticExplorer",
           "ParameterExplorer", "PlaygroundExplorer", "learning_rate_explorer", "linear_explorer", "logistic_explorer",
           "playground_explorer", "trend_html"]
