"""Exercise checks, one ``check_<exercise>(fn)`` per exercise, grouped by notebook
(one module per notebook in this package).

Each returns the function the rest of the notebook should use: the learner's own once
it passes every case, otherwise the reference implementation (and it says so).
Use it as ``mse = checks.check_mse(mse)`` right after the cell that defines ``mse``.
"""

from .linear_regression import check_predict, check_mse
from .gradient_descent import check_derivative, check_gradient_descent_1d, check_mse_gradient, check_gradient_step
from .backpropagation import check_forward, check_backward, check_logistic_gradient
from .logistic_regression import check_sigmoid, check_binary_cross_entropy, check_logistic_gradients, check_bce_from_logits
from .loss_landscapes import check_standardize, check_loss_on_grid, check_to_raw_units
from .softmax import check_softmax, check_cross_entropy_from_logits, check_cross_entropy_gradient, check_hinge_loss, check_softmax_regression_gradients
from .loss_functions import check_huber_loss, check_huber_derivative, check_cosine_loss
from .neural_network import check_network_forward, check_network_backward
from .optimizers import check_minibatches, check_momentum_step, check_adam_step
from .generalisation import check_fold_ids, check_multiclass_backward, check_weight_decay_step

__all__ = sorted(name for name in dir() if name.startswith("check_"))
