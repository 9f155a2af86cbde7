"""helpers: data, reference models and losses, plots, widgets and exercise checks for the course.

Modules, by what they hold (README.md, "Layout", says which notebook uses which):
``data`` (simulated and shipped data sets), ``models``, ``losses``, ``network``, ``multiclass``,
``information`` and ``regression_losses`` (reference implementations), ``calculus``, ``backprop``
and ``graphs`` (notebooks 02-03), ``gradients`` (numerical gradient checks), ``optimizers``
(gradient descent), ``landscape`` (losses over parameter grids), ``distances`` and ``images``
(notebook 08), ``playground`` (notebook 07), ``mlp`` and ``generalisation`` (notebook 10: a K-class
network, k-fold splits, weight decay, dropout, search), ``plots``, ``classification_plots``,
``network_plots`` and ``generalisation_plots`` (``ax=``-style plotting), ``widgets`` (interactive explorers), ``checks`` and
``checking`` (exercise feedback), ``build`` (student copies), ``validation`` (clear input
errors), ``threads`` (the one-thread default, applied here on import: every problem in the
course is small).
"""

__version__ = "0.3.0"  # raised at each release, with its CHANGELOG.md entry and a tag v0.3.0

from .threads import limit_threads

limit_threads()  # before the submodules import SciPy and scikit-learn

from . import (backprop, calculus, checking, checks, classification_plots, data, distances,  # noqa: E402
               generalisation, generalisation_plots, gradients, graphs, images, information, landscape, losses,
               mlp, models, multiclass, network, network_plots, optimizers, playground, plots, regression_losses,
               threads, validation)

__all__ = ["backprop", "calculus", "checking", "checks", "classification_plots", "data", "distances",
           "generalisation", "generalisation_plots", "gradients", "graphs", "images", "information", "landscape",
           "losses", "mlp", "models", "multiclass", "network", "network_plots", "optimizers", "playground", "plots",
           "regression_losses", "threads", "validation"]
