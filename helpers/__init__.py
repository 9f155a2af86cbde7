"""helpers: data, reference models and losses, plots, widgets and exercise checks for the course.

Modules: ``data`` (simulated and shipped data sets), ``models`` and ``losses`` (reference
implementations), ``gradients`` (numerical gradient checks), ``landscape`` (losses over parameter grids), ``plots`` (``ax=``-style
plotting), ``widgets`` (interactive explorers), ``checks`` and ``checking`` (exercise feedback),
``build`` (student copies of the notebooks), ``validation`` (clear input errors).
"""

from . import checking, checks, data, gradients, landscape, losses, models, optimizers, plots, validation

__all__ = ["checking", "checks", "data", "gradients", "landscape", "losses", "models", "optimizers", "plots", "validation"]
