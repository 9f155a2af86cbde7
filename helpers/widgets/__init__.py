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
from .softmax import SoftmaxExplorer, softmax_explorer
from .huber import HuberExplorer, huber_explorer
from .playground import PlaygroundExplorer, playground_explorer
from .optimizers import OptimizerExplorer, optimizer_explorer

from types import ModuleType as _Module  # noqa: E402

# Every explorer and building block imported above (the per-notebook modules themselves are not listed).
__all__ = sorted(name for name, value in globals().items() if not name.startswith("_") and not isinstance(value, _Module))
