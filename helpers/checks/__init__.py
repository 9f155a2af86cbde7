"""Exercise checks, one ``check_<exercise>(fn)`` per exercise, grouped by notebook
(one module per notebook in this package).

Each returns the function the rest of the notebook should use: the learner's own once
it passes every case, otherwise the reference implementation (and it says so).
Use it as ``mse = checks.check_mse(mse)`` right after the cell that defines ``mse``.
"""

from .linear_regression import check_predict, check_mse
from .gradient_descent import check_derivative, check_gradient_descent_1d, check_mse_gradient, check_gradient_step
from .backpropagation import check_forward, check_backward, check_logistic_gradient
from .logistic_regression import check_sigmoid, check_binary_cross_entropy, check_logistic_gradients
from .loss_landscapes import check_standardize, check_loss_on_grid

__all__ = ["check_predict", "check_mse", "check_derivative", "check_gradient_descent_1d", "check_mse_gradient", "check_gradient_step", "check_forward", "check_backward", "check_logistic_gradient", "check_sigmoid", "check_binary_cross_entropy", "check_logistic_gradients", "check_standardize", "check_loss_on_grid"]

# added with notebooks 04-05's derive-then-code exercises
from .loss_landscapes import check_to_raw_units  # noqa: E402
__all__ += ["check_to_raw_units"]
from .logistic_regression import check_bce_from_logits  # noqa: E402
__all__ += ["check_bce_from_logits"]
