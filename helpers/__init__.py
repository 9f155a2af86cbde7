"""helpers: data, reference models and losses, plots, widgets and exercise checks for the course.

Modules, by what they hold (README.md, "Layout", says which notebook uses which):
``data`` (simulated and shipped data sets), ``models``, ``losses``, ``network``, ``multiclass``,
``information`` and ``regression_losses`` (reference implementations), ``calculus``, ``backprop``
and ``graphs`` (notebooks 02-03), ``gradients`` (numerical gradient checks), ``optimizers``
(gradient descent), ``update_rules``, ``batches`` and ``optimizer_race`` (momentum, Adam, schedules,
mini-batches and the race landscapes of notebook 09), ``landscape`` (losses over parameter grids), ``distances`` and ``images``
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

from . import (backprop, batches, calculus, checking, checks, classification_plots, data, distances,  # noqa: E402
               generalisation, generalisation_plots, gradients, graphs, images, information, landscape, losses,
               mlp, models, multiclass, network, network_plots, optimizer_race, optimizers, playground, plots,
               regression_losses, threads, update_rules, validation)

__all__ = ["backprop", "batches", "calculus", "checking", "checks", "classification_plots", "data", "distances",
           "generalisation", "generalisation_plots", "gradients", "graphs", "images", "information", "landscape",
           "losses", "mlp", "models", "multiclass", "network", "network_plots", "optimizer_race", "optimizers",
           "playground", "plots", "regression_losses", "threads", "update_rules", "validation"]
