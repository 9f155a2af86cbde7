"""helpers: data, reference models and losses, plots, widgets and exercise checks for the course.

Modules: ``data`` (simulated and shipped data sets), ``models`` and ``losses`` (reference
implementations), ``calculus`` (notebook 02's parabola and its derivatives), ``optimizers``
(gradient descent), ``backprop`` and ``graphs`` (notebook 03's computation graphs, computed and
drawn), ``gradients`` (numerical gradient checks), ``landscape`` (losses over parameter grids), ``plots`` (``ax=``-style
plotting), ``widgets`` (interactive explorers), ``checks`` and ``checking`` (exercise feedback),
``build`` (student copies of the notebooks), ``validation`` (clear input errors), ``threads``
(the one-thread default, applied here on import: every problem in the course is small).
"""

from .threads import limit_threads

limit_threads()  # before the submodules import SciPy and scikit-learn

from . import (backprop, calculus, checking, checks, data, gradients, graphs, landscape, losses,  # noqa: E402
               models, optimizers, plots, threads, validation)

__all__ = ["backprop", "calculus", "checking", "checks", "data", "gradients", "graphs", "landscape", "losses", "models",
           "optimizers", "plots", "threads", "validation"]
