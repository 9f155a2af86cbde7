"""Notebook 08's image losses: total variation and its gradient, TV denoising, the Gram matrix."""

import numpy as np
import pytest

from helpers import gradients, images

RNG = np.random.default_rng(3)


def tv_by_loops(image, beta=1.0, eps=0.0):
    """The syllabus formula, pixel by pixel; a missing neighbour (past the edge) counts as equal."""
    height, width = image.shape
    total = 0.0
    for i in range(height):
        for j in range(width):
            down = image[i, j] - image[i + 1, j] if i + 1 < height else 0.0
            right = image[i, j] - image[i, j + 1] if j + 1 < width else 0.0
            total += (down**2 + right**2 + eps**2) ** (beta / 2)
    return total


@pytest.mark.parametrize("beta, eps", [(1.0, 0.0), (1.0, 0.05), (2.0, 0.0), (1.5, 0.1)])
def test_total_variation_is_the_formula(beta, eps):
    image = RNG.normal(size=(5, 7))
    assert images.total_variation(image, beta=beta, eps=eps) == pytest.approx(tv_by_loops(image, beta, eps), rel=1e-12)


def test_total_variation_of_known_images():
    assert images.total_variation(np.full((4, 4), 0.3)) == 0.0
    step = np.zeros((4, 6))
    step[:, 3:] = 1.0  # a vertical edge of height 1 across 4 rows
    assert images.total_variation(step) == pytest.approx(4.0)
    ramp = np.tile(np.linspace(0, 1, 6), (4, 1))  # the same rise, spread out: the same TV for β = 1
    assert images.total_variation(ramp) == pytest.approx(4.0)
    assert images.total_variation(ramp, beta=2) < images.total_variation(step, beta=2)  # β = 2 prefers the ramp


@pytest.mark.parametrize("beta, eps", [(1.0, 0.05), (1.0, 0.5), (2.0, 0.0), (1.5, 0.1)])
def test_total_variation_gradient_matches_the_numerical_gradient(beta, eps):
    image = RNG.normal(size=(6, 5))
    analytic = images.total_variation_gradient(image, beta=beta, eps=eps)
    error = gradients.gradient_check(lambda p: images.total_variation(p, beta=beta, eps=eps), image, analytic)
    assert error.passed, error.message


def test_denoising_lowers_the_objective_and_the_error():
    clean, noisy = images.make_shapes_image(size=24, noise=0.2, seed=4)
    denoised, history = images.denoise_tv(noisy, lam=0.1, learning_rate=0.05, steps=200)
    assert history.shape == (201,) and np.all(np.diff(history) <= 1e-12)
    assert np.mean((denoised - clean) ** 2) < 0.3 * np.mean((noisy - clean) ** 2)
    unchanged, _ = images.denoise_tv(noisy, lam=0.0, learning_rate=0.05, steps=10)
    np.testing.assert_allclose(unchanged, noisy)


def test_shapes_image_is_seeded_with_three_grey_levels():
    clean, noisy = images.make_shapes_image(size=32, noise=0.15, seed=0)
    assert set(np.unique(clean)) == {0.2, 0.5, 0.9}
    np.testing.assert_array_equal(noisy, images.make_shapes_image(size=32, noise=0.15, seed=0)[1])
    assert 0.13 < np.std(noisy - clean) < 0.17


def test_gram_matrix_is_f_transpose_f_symmetric_and_blind_to_position():
    maps = RNG.normal(size=(4, 5, 6))
    by_hand = np.array([[np.sum(maps[k] * maps[l]) for l in range(4)] for k in range(4)])
    gram = images.gram_matrix(maps)
    np.testing.assert_allclose(gram, by_hand, rtol=1e-12)
    np.testing.assert_allclose(gram, gram.T)
    np.testing.assert_allclose(images.gram_matrix(maps, normalize=True), by_hand / 30)
    shuffle = RNG.permutation(30)
    shuffled = maps.reshape(4, -1)[:, shuffle].reshape(maps.shape)
    np.testing.assert_allclose(images.gram_matrix(shuffled), gram, rtol=1e-12)
    assert np.all(np.linalg.eigvalsh(gram) > -1e-12)  # positive semi-definite


@pytest.mark.parametrize("call, words", [
    (lambda: images.total_variation(np.zeros(5)), "image must be shape"),
    (lambda: images.total_variation(np.zeros((1, 5))), "at least 2×2"),
    (lambda: images.total_variation(np.full((3, 3), np.nan)), "image contains NaN"),
    (lambda: images.total_variation(np.zeros((3, 3)), beta=0), "beta must be > 0"),
    (lambda: images.total_variation(np.zeros((3, 3)), eps=-1), "eps must be ≥ 0"),
    (lambda: images.total_variation_gradient(np.zeros((3, 3)), eps=0.0), "eps must be > 0 for beta ≤ 1"),
    (lambda: images.denoise_tv(np.zeros((3, 3)), lam=-1, learning_rate=0.1, steps=3), "lam must be ≥ 0"),
    (lambda: images.denoise_tv(np.zeros((3, 3)), lam=0.1, learning_rate=0, steps=3), "learning_rate must be > 0"),
    (lambda: images.denoise_tv(np.zeros((3, 3)), lam=0.1, learning_rate=0.1, steps=0), "steps must be at least 1"),
    (lambda: images.gram_matrix(np.zeros((3, 3))), "feature_maps must be 3 dimensions"),
    (lambda: images.make_shapes_image(size=4), "size must be at least 8"),
    (lambda: images.make_shapes_image(noise=-0.1), "noise is a standard deviation"),
])
def test_bad_input_is_refused_with_the_argument_named(call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call()
