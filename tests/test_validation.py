import numpy as np
import pytest

from helpers.validation import (
    as_finite_float,
    as_float_array,
    check_function,
    check_labels,
    check_positive_int,
    check_same_shape,
)


@pytest.mark.parametrize(
    "value, error, words",
    [
        ("abc", TypeError, "x must be a NumPy array of numbers, got str"),
        (None, TypeError, "got NoneType"),
        (["a", "b"], TypeError, "x must hold numbers"),
        (np.array([True, False]), TypeError, "dtype bool"),
        (np.array([1 + 2j]), TypeError, "complex"),
        (np.ones((3, 1)), ValueError, "x must be shape (n,), got an array of shape (3, 1)"),
        (np.array([]), ValueError, "x is empty"),
        (np.array([1.0, np.nan]), ValueError, "x contains NaN"),
        (np.array([1.0, np.inf]), ValueError, "x contains NaN or infinite"),
    ],
)
def test_as_float_array_refuses_bad_input(value, error, words):
    with pytest.raises(error) as caught:
        as_float_array(value, "x")
    assert words in str(caught.value)


def test_as_float_array_accepts_lists_and_ints():
    result = as_float_array([1, 2, 3], "x")
    assert result.dtype == float and result.tolist() == [1.0, 2.0, 3.0]
    assert as_float_array(np.ones((2, 3)), "X", ndim=2).shape == (2, 3)


@pytest.mark.parametrize("value", ["1", None, [1.0], True, np.array([1.0, 2.0])])
def test_as_finite_float_refuses_non_scalars(value):
    with pytest.raises(TypeError, match="w must be a single real number"):
        as_finite_float(value, "w")


def test_as_finite_float_refuses_nan_and_accepts_numpy_scalars():
    with pytest.raises(ValueError, match="w must be finite"):
        as_finite_float(float("nan"), "w")
    assert as_finite_float(np.float32(2.5), "w") == 2.5
    assert as_finite_float(np.array(3.0), "w") == 3.0


def test_check_same_shape_names_both_arguments():
    with pytest.raises(ValueError, match=r"y and y_hat must have the same shape, got \(3,\) and \(2,\)"):
        check_same_shape(np.ones(3), np.ones(2), "y", "y_hat")


@pytest.mark.parametrize("value, error", [(0, ValueError), (-3, ValueError), (2.5, TypeError), (True, TypeError)])
def test_check_positive_int(value, error):
    with pytest.raises(error, match="n "):
        check_positive_int(value, "n")


def test_check_function_names_the_argument_and_what_it_should_be():
    check_function(len, "loss", "loss(y, y_hat) -> float")
    with pytest.raises(TypeError, match=r"loss must be a function loss\(y, y_hat\) -> float, got str"):
        check_function("mse", "loss", "loss(y, y_hat) -> float")


def test_check_labels_refuses_values_outside_0_and_1():
    check_labels(np.array([0.0, 0.3, 1.0]))
    with pytest.raises(ValueError, match="y must hold labels between 0 and 1"):
        check_labels(np.array([0.0, 2.0]))
