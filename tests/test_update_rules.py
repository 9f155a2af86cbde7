"""Notebook 09's optimizers: the steps against scikit-learn's own, schedules, mini-batches, the race landscapes, bad input."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer, SGDOptimizer

from helpers import batches, data, network, optimizer_race, update_rules
from helpers.update_rules import Optimizer, adam_step, cosine_decay, inverse_time, momentum_step, rmsprop_step, step_decay


def random_problem(seed=0, steps=7):
    rng = np.random.default_rng(seed)
    params = {"W": rng.normal(size=(4, 3)), "b": rng.normal(size=3)}
    grads = [{"W": rng.normal(size=(4, 3)) * 3, "b": rng.normal(size=3)} for _ in range(steps)]
    return params, grads


def test_momentum_is_scikit_learns_heavy_ball_without_nesterov():
    params, grads = random_problem()
    theirs = [params["W"].copy(), params["b"].copy()]
    sgd = SGDOptimizer(theirs, learning_rate_init=0.05, momentum=0.9, nesterov=False)
    velocity = None
    for g in grads:
        params, velocity = momentum_step(params, g, velocity, learning_rate=0.05, beta=0.9)
        sgd.update_params(theirs, [g["W"], g["b"]])
    np.testing.assert_allclose(params["W"], theirs[0], rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(params["b"], theirs[1], rtol=1e-13, atol=1e-15)


def test_adam_matches_scikit_learns_adam_up_to_where_epsilon_sits():
    params, grads = random_problem(1, steps=20)
    theirs = [params["W"].copy(), params["b"].copy()]
    adam = AdamOptimizer(theirs, learning_rate_init=1e-3)
    state = None
    for g in grads:
        params, state = adam_step(params, g, state)
        adam.update_params(theirs, [g["W"], g["b"]])
        np.testing.assert_allclose(params["W"], theirs[0], rtol=0, atol=5e-8)  # ε/√(1 − β₂ᵗ) against ε: 1e-8 of a 1e-3 step
    assert state["t"] == 20 and adam.t == 20
    np.testing.assert_allclose(state["m"]["W"], adam.ms[0], rtol=1e-13)
    np.testing.assert_allclose(state["v"]["b"], adam.vs[1], rtol=1e-13)


def test_adam_with_scikit_learns_epsilon_is_exact():
    """scikit-learn's ε acts like ε/√(1 − β₂ᵗ) in the paper's form: with that ε per step the two agree exactly."""
    params, grads = random_problem(2, steps=5)
    theirs = [params["W"].copy(), params["b"].copy()]
    adam = AdamOptimizer(theirs, learning_rate_init=0.01, epsilon=1e-3)
    state = None
    for t, g in enumerate(grads, 1):
        params, state = adam_step(params, g, state, learning_rate=0.01, eps=1e-3 / np.sqrt(1 - 0.999**t))
        adam.update_params(theirs, [g["W"], g["b"]])
    np.testing.assert_allclose(params["W"], theirs[0], rtol=1e-12)


def test_adams_first_step_has_size_eta_and_without_correction_it_would_not():
    new, state = adam_step({"w": np.array([1.0, -2.0])}, {"w": np.array([0.3, -40.0])}, None, learning_rate=0.01)
    np.testing.assert_allclose(new["w"], [1.0 - 0.01, -2.0 + 0.01], rtol=1e-6)
    np.testing.assert_allclose(state["m"]["w"], [0.03, -4.0])  # (1 − β₁)·g: biased towards 0 by 10×


def test_rmsprop_follows_its_formula_and_counts_steps():
    params, grads = random_problem(3, steps=3)
    state, expected, v = None, {k: v.copy() for k, v in params.items()}, {k: 0.0 for k in params}
    for g in grads:
        params, state = rmsprop_step(params, g, state, learning_rate=0.01, beta=0.9, eps=1e-8)
        for k in expected:
            v[k] = 0.9 * v[k] + 0.1 * g[k] ** 2
            expected[k] = expected[k] - 0.01 * g[k] / (np.sqrt(v[k]) + 1e-8)
    np.testing.assert_allclose(params["W"], expected["W"], rtol=1e-13)
    assert state["t"] == 3


def test_steps_do_not_modify_their_inputs_and_keep_float_parameters_floats():
    params, grads, velocity = {"w": np.array([1.0, 2.0]), "b": 0.5}, {"w": np.array([0.1, 0.2]), "b": -1.0}, None
    before = {k: np.copy(v) for k, v in params.items()}
    new, velocity = momentum_step(params, grads, velocity, 0.1)
    assert isinstance(new["b"], float) and new["b"] == pytest.approx(0.6)
    np.testing.assert_array_equal(params["w"], before["w"])
    new, state = adam_step(new, grads, None)
    assert isinstance(new["b"], float) and isinstance(state["m"]["b"], float)


@pytest.mark.parametrize("call, match", [
    (lambda: momentum_step({"w": np.nan}, {"w": 1.0}, None, 0.1), r"params\['w'\] contains NaN"),
    (lambda: momentum_step({"w": 1.0}, {"w": np.inf}, None, 0.1), r"grads\['w'\] contains NaN"),
    (lambda: momentum_step({"w": 1.0}, {"w": 1.0}, None, -0.1), "learning_rate must be > 0"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0}, None, learning_rate=0.0), "learning_rate must be > 0"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0}, None, learning_rate=float("nan")), "learning_rate must be finite"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0, "c": 2.0}, None), r"grads must be a dict with keys \['w'\]"),
    (lambda: rmsprop_step({"w": 1.0}, {"v": 1.0}, None), r"grads must be a dict with keys \['w'\]"),
    (lambda: momentum_step({"w": 1.0}, {"w": 1.0}, {"w": 0.0, "b": 0.0}, 0.1), r"velocity must be a dict"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0}, {"t": 1, "m": {"w": 0.0}}), r"state must be None .* keys \['m', 't', 'v'\]"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0}, {"t": -1, "m": {"w": 0.0}, "v": {"w": 0.0}}), r"state\['t'\] must be ≥ 0"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0}, {"t": 1, "m": {"w": 0.0}, "v": {"w": np.nan}}), r"state\['v'\]\['w'\] contains NaN"),
    (lambda: momentum_step({"w": 1.0}, {"w": 1.0}, None, 0.1, beta=1.0), r"beta must be in \[0, 1\)"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0}, None, beta2=-0.1), r"beta2 must be in \[0, 1\)"),
    (lambda: adam_step({"w": 1.0}, {"w": 1.0}, None, eps=0.0), "eps must be > 0"),
    (lambda: momentum_step({"w": np.zeros(2)}, {"w": np.zeros(3)}, None, 0.1), r"grads\['w'\] has shape \(3,\)"),
    (lambda: Optimizer("nesterov"), "name must be one of"),
    (lambda: Optimizer("adam", beta=0.9), r"adam has no hyper-parameter \['beta'\]"),
    (lambda: Optimizer("momentum", beta=1.5), r"beta must be in \[0, 1\)"),
    (lambda: Optimizer("rmsprop", learning_rate=-1.0), "learning_rate must be > 0"),
    (lambda: Optimizer("adam", eps=float("nan")), "eps must be finite"),
    (lambda: Optimizer("adam").step({"w": 1.0}, {"w": np.nan}), r"grads\['w'\] contains NaN"),
    (lambda: Optimizer("sgd", schedule=lambda t: -0.1).step({"w": 1.0}, {"w": 1.0}), "learning_rate must be > 0"),
])
def test_bad_input_gets_a_named_error(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


def test_optimizer_keeps_its_state_and_follows_a_schedule():
    params, grads = random_problem(4, steps=4)
    optimizer = Optimizer("adam", learning_rate=0.01)
    expected, state = params, None
    for g in grads:
        params = optimizer.step(params, g)
        expected, state = adam_step(expected, g, state, learning_rate=0.01)
    np.testing.assert_array_equal(params["W"], expected["W"])
    rates = []
    scheduled = Optimizer("sgd", schedule=lambda t: rates.append(t) or 0.1 / t)
    scheduled.step({"w": 1.0}, {"w": 1.0})
    assert scheduled.step({"w": 1.0}, {"w": 1.0})["w"] == pytest.approx(1.0 - 0.05) and rates == [1, 2]


def test_an_optimizer_refuses_params_of_another_shape_after_its_first_step():
    optimizer = Optimizer("adam")
    optimizer.step({"w": np.zeros(3)}, {"w": np.ones(3)})
    with pytest.raises(ValueError, match="params changed keys or shapes"):
        optimizer.step({"w": np.zeros(4)}, {"w": np.ones(4)})
    with pytest.raises(ValueError, match="params changed keys or shapes"):
        optimizer.step({"v": np.zeros(3)}, {"v": np.ones(3)})


def test_every_optimizer_class_step_equals_its_function():
    params, grads = random_problem(5, steps=4)
    for name, rule, kw in (("momentum", momentum_step, {"learning_rate": 0.02, "beta": 0.8}),
                           ("rmsprop", rmsprop_step, {"learning_rate": 0.02, "beta": 0.8, "eps": 1e-6}),
                           ("adam", adam_step, {"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6})):
        optimizer, mine, theirs, state = Optimizer(name, **kw), params, params, None
        for g in grads:
            mine = optimizer.step(mine, g)
            theirs, state = rule(theirs, g, state, **kw)
        np.testing.assert_array_equal(mine["W"], theirs["W"])


def test_schedules():
    assert [step_decay(t, 1.0, drop=0.5, every=10) for t in (1, 10, 11, 21)] == [1.0, 1.0, 0.5, 0.25]
    assert cosine_decay(1, 2.0, 101, final=0.1) == pytest.approx(2.0)
    assert cosine_decay(51, 2.0, 101, final=0.1) == pytest.approx(1.05)
    assert cosine_decay(101, 2.0, 101, final=0.1) == pytest.approx(0.1) == cosine_decay(500, 2.0, 101, final=0.1)
    assert inverse_time(11, 1.0, decay=0.1) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="step must be at least 1"):
        step_decay(0, 1.0)
    with pytest.raises(ValueError, match="final must be between 0 and learning_rate"):
        cosine_decay(1, 1.0, 10, final=2.0)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        inverse_time(1, -1.0)


def test_minibatches_cover_every_sample_once_with_a_new_order_each_epoch():
    X, y = np.arange(46.0).reshape(23, 2), np.arange(23.0) % 2
    rng = np.random.default_rng(0)
    first, second = list(batches.minibatches(X, y, 5, rng)), list(batches.minibatches(X, y, 5, rng))
    assert [len(b) for _, b in first] == [5, 5, 5, 5, 3]
    rows = np.concatenate([Xb[:, 0] for Xb, _ in first]) / 2
    assert sorted(rows) == list(range(23)) and list(rows) != list(range(23))
    assert all(np.array_equal(yb, (Xb[:, 0] / 2) % 2) for Xb, yb in first)
    assert not np.array_equal(np.concatenate([b for _, b in first]), np.concatenate([b for _, b in second])) or \
        not np.array_equal(first[0][0], second[0][0])
    with pytest.raises(TypeError, match="rng must be a NumPy random generator"):
        next(batches.minibatches(X, y, 5, 0))
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        next(batches.minibatches(X, y, 0, rng))
    with pytest.raises(ValueError, match="y must have one value per row of X"):
        next(batches.minibatches(X, y[:-1], 5, rng))


def test_train_computes_exactly_the_requested_number_of_gradients():
    calls = []
    X, y = np.random.default_rng(1).normal(size=(30, 4)), (np.arange(30) % 2).astype(float)
    start = network.init_params(4, 3, seed=0)

    def gradient(params, Xb, yb):
        calls.append(len(yb))
        return network.gradients(params, Xb, yb)

    _, history = batches.train(gradient, start, X, y, Optimizer("momentum"), batch_size=8, evaluations=9,
                               record=lambda p: network.loss(p, X, y), every=3)
    assert calls == [8, 8, 8, 6, 8, 8, 8, 6, 8] and len(history) == 4


def test_the_valley_is_notebook_05s_raw_logistic_regression():
    land = optimizer_race.valley()
    frame = data.load_data("breast_cancer")
    fitted = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(
        frame[["mean_radius", "mean_texture"]].to_numpy(), frame["malignant"].to_numpy())
    np.testing.assert_allclose(land.minimum, fitted.coef_[0], rtol=1e-4)
    np.testing.assert_allclose(land.full_gradient(np.array(land.minimum)), 0.0, atol=1e-6)


@pytest.mark.parametrize("name", optimizer_race.LANDSCAPES)
def test_sample_gradients_average_to_the_full_gradient_which_is_the_losss_slope(name):
    land = optimizer_race.landscape(name)
    w = np.array([0.3, -0.4])
    singles = np.mean([land.gradient(w, np.array([i])) for i in range(land.n)], axis=0)
    np.testing.assert_allclose(singles, land.full_gradient(w), rtol=1e-10, atol=1e-12)
    h = 1e-6
    numerical = [(land.loss(w + h * e) - land.loss(w - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(land.full_gradient(w), numerical, rtol=1e-6, atol=1e-8)


def test_the_saddle_and_the_bumpy_bowl_have_the_minima_they_claim():
    saddle = optimizer_race.saddle()
    assert saddle.floor == pytest.approx(-0.25) and saddle.loss(np.zeros(2)) == 0.0
    bowl = optimizer_race.bumpy_bowl()
    (deep, _, _), (shallow, _, _) = optimizer_race.WELLS
    assert np.linalg.norm(np.array(bowl.minimum) - deep) < 0.5 and bowl.floor < bowl.loss(shallow) < 0


def test_race_numbers_of_the_notebook():
    land = optimizer_race.valley()
    counts = {name: optimizer_race.steps_to_floor(land, optimizer_race.race(land, optimizer, 300))
              for name, optimizer in (("gd", Optimizer("sgd", learning_rate=0.04)),
                                      ("momentum", Optimizer("momentum", learning_rate=0.01)),
                                      ("adam", Optimizer("adam", learning_rate=0.05)))}
    assert counts == {"gd": 113, "momentum": 31, "adam": 46}


def test_a_diverging_race_stops_with_nan_instead_of_raising():
    path = optimizer_race.race(optimizer_race.saddle(), Optimizer("sgd", learning_rate=3.0), 60)
    assert np.isnan(path[-1]).all() and np.isfinite(path[0]).all()
