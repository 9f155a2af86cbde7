"""helpers: data, reference models and losses, plots, widgets and exercise checks for the course.

Modules, by what they hold (README.md, "Layout", says which notebook uses which):
``data`` (simulated and shipped data sets), ``models``, ``losses``, ``network``, ``multiclass``,
``information`` and ``regression_losses`` (reference implementations), ``calculus``, ``backprop``
and ``graphs`` (notebooks 02-03), ``gradients`` (numerical gradient checks), ``optimizers``
(gradient descent), ``update_rules``, ``batches`` and ``optimizer_race`` (momentum, Adam, schedules,
mini-batches and the race landscapes of notebook 09), ``landscape`` (losses over parameter grids), ``distances`` and ``images``
(notebook 08), ``playground`` (notebook 07), ``mlp`` and ``generalisation`` (notebook 10: a K-class
network, k-fold splits, weight decay, dropout, search), ``plots``, ``classification_plots``,
``information_plots``, ``distance_plots``, ``network_plots`` and ``generalisation_plots`` (``ax=``-style plotting), ``widgets`` (interactive explorers), ``checks`` and
``checking`` (exercise feedback), ``build`` (student copies), ``validation`` (clear input
errors), ``threads`` (the one-thread default, applied here on import: every problem in the
course is small).

Conventions (the same in every module):

- A function of the **parameters** (an objective J(θ) or its gradient: what an optimizer and
  ``gradients.gradient_check`` call) takes ``params`` first: ``network.loss(params, X, y)``,
  ``mlp.gradients(params, X, y)``. A function that compares **labels with predictions** takes the
  labels first, like scikit-learn's metrics (y_true, y_pred): ``losses.mse(y, y_hat)``,
  ``multiclass.hinge_loss(y, scores)``.
- Every ``*_loss`` and cost returns the **mean** over the samples (one float); per-sample values are
  named for it (``regression_losses.huber_per_residual``; ``huber_loss`` is its older name).
- A trainer that records the loss returns ``(params, history)``: ``optimizers.gradient_descent``,
  ``network.train``, ``network.fit_lbfgs``, ``mlp.train``; ``network.descend`` and
  ``optimizers.gradient_step`` only move, and return the new params.
"""

__version__ = "0.3.0"  # raised at each release, with its CHANGELOG.md entry and a tag v0.3.0

from .threads import limit_threads

limit_threads()  # before the submodules import SciPy and scikit-learn

from . import (backprop, batches, calculus, checking, checks, classification_plots, data,  # noqa: E402
               distance_plots, distances, generalisation, generalisation_plots, gradients, graphs, images, information,
               information_plots, landscape, losses, mlp, models, multiclass, network,
               network_plots, optimizer_race, optimizers, playground, plots, regression_losses,
               threads, update_rules, validation)

__all__ = ["backprop", "batches", "calculus", "checking", "checks", "classification_plots", "data",
           "distance_plots", "distances", "generalisation", "generalisation_plots", "gradients",
           "graphs", "images", "information", "information_plots", "landscape", "losses", "mlp",
           "models", "multiclass", "network", "network_plots", "optimizer_race", "optimizers",
           "playground", "plots", "regression_losses", "threads", "update_rules", "validation"]
