"""Checks of notebook 09: mini-batches, momentum and Adam pass right answers and name plausible wrong ones."""

import numpy as np
import pytest

from helpers import batches, checks, update_rules

from .check_contract import contract_tests, run


def right_minibatches(X, y, batch_size, rng):
    order = rng.permutation(len(y))
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        yield X[rows], y[rows]


def right_minibatches_shuffled_copies(X, y, batch_size, rng):  # another right way: shuffle an index, return a list
    index = np.arange(len(y))
    rng.shuffle(index)
    Xs, ys = X[index], y[index]
    return [(Xs[i:i + batch_size], ys[i:i + batch_size]) for i in range(0, len(y), batch_size)]


def right_momentum(params, grads, velocity, learning_rate, beta=0.9):
    if velocity is None:
        velocity = {k: np.zeros_like(np.asarray(v, dtype=float)) for k, v in params.items()}
    new_velocity = {k: beta * velocity[k] - learning_rate * grads[k] for k in params}
    return {k: params[k] + new_velocity[k] for k in params}, new_velocity


def right_adam(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"t": 0, "m": {k: np.zeros_like(np.asarray(v, float)) for k, v in params.items()},
                 "v": {k: np.zeros_like(np.asarray(v, float)) for k, v in params.items()}}
    t = state["t"] + 1
    m = {k: beta1 * state["m"][k] + (1 - beta1) * grads[k] for k in params}
    v = {k: beta2 * state["v"][k] + (1 - beta2) * np.square(grads[k]) for k in params}
    new = {k: params[k] - learning_rate * (m[k] / (1 - beta1**t)) / (np.sqrt(v[k] / (1 - beta2**t)) + eps)
           for k in params}
    return new, {"t": t, "m": m, "v": v}


CHECKS = [
    (checks.check_minibatches, right_minibatches, batches.minibatches),
    (checks.check_minibatches, right_minibatches_shuffled_copies, batches.minibatches),
    (checks.check_momentum_step, right_momentum, update_rules.momentum_step),
    (checks.check_adam_step, right_adam, update_rules.adam_step),
]

(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


def drops_last(X, y, batch_size, rng):
    order = rng.permutation(len(y))
    for start in range(0, len(y) - batch_size + 1, batch_size):
        rows = order[start:start + batch_size]
        yield X[rows], y[rows]


def no_shuffle(X, y, batch_size, rng):
    for start in range(0, len(y), batch_size):
        yield X[start:start + batch_size], y[start:start + batch_size]


def same_order_every_epoch(X, y, batch_size, rng):
    order = np.random.default_rng(0).permutation(len(y))  # a fresh generator with a fixed seed
    for start in range(0, len(y), batch_size):
        yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]


def two_permutations(X, y, batch_size, rng):
    Xs, ys = X[rng.permutation(len(y))], y[rng.permutation(len(y))]
    for start in range(0, len(y), batch_size):
        yield Xs[start:start + batch_size], ys[start:start + batch_size]


def global_random(X, y, batch_size, rng):
    order = np.random.permutation(len(y))
    for start in range(0, len(y), batch_size):
        yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]


def with_replacement(X, y, batch_size, rng):
    order = rng.integers(0, len(y), len(y))
    for start in range(0, len(y), batch_size):
        yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]


def array_split(X, y, batch_size, rng):
    order = rng.permutation(len(y))
    for rows in np.array_split(order, max(len(y) // batch_size, 1)):
        yield X[rows], y[rows]


def return_instead_of_yield(X, y, batch_size, rng):
    order = rng.permutation(len(y))
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        return X[rows], y[rows]


WRONG_MINIBATCHES = [
    (drops_last, "the last, partial batch is missing"),
    (no_shuffle, "original order"),
    (same_order_every_epoch, "same order"),
    (two_permutations, "different permutations"),
    (global_random, "same seed gave other batches"),
    (with_replacement, "without replacement"),
    (array_split, "every batch but the last"),
    (return_instead_of_yield, "batch"),
]


@pytest.mark.parametrize("wrong, named", WRONG_MINIBATCHES, ids=[w.__name__ for w, _ in WRONG_MINIBATCHES])
def test_minibatch_mistakes_are_named(wrong, named, capsys):
    used, out = run(checks.check_minibatches, wrong, capsys)
    assert used is batches.minibatches and out.startswith("✗") and named in out, out


def test_shuffling_x_in_place_is_caught(capsys):
    def in_place(X, y, batch_size, rng):
        order = rng.permutation(len(y))
        X[:] = X[order]
        y[:] = y[order]
        for start in range(0, len(y), batch_size):
            yield X[start:start + batch_size], y[start:start + batch_size]
    used, out = run(checks.check_minibatches, in_place, capsys)
    assert used is batches.minibatches and out.startswith("✗"), out


def momentum_wrong(update):
    def step(params, grads, velocity, learning_rate, beta=0.9):
        velocity = velocity or {k: 0.0 * np.asarray(v, float) for k, v in params.items()}
        pairs = {k: update(np.asarray(params[k], float), np.asarray(grads[k], float),
                           np.asarray(velocity[k], float), learning_rate, beta) for k in params}
        return {k: p for k, (p, _) in pairs.items()}, {k: v for k, (_, v) in pairs.items()}
    return step


WRONG_MOMENTUM = [
    (momentum_wrong(lambda p, g, v, lr, b: (p + v, b * v - lr * g)), "used the old velocity"),
    (momentum_wrong(lambda p, g, v, lr, b: (p - (b * v + lr * g), b * v + lr * g)), "opposite sign"),
    (momentum_wrong(lambda p, g, v, lr, b: (p - lr * (b * v + (1 - b) * g), b * v + (1 - b) * g)),
     "exponential average"),
    (momentum_wrong(lambda p, g, v, lr, b: (p - lr * g, -lr * g)), "OLD velocity"),
    (momentum_wrong(lambda p, g, v, lr, b: (p + b * v + lr * g, b * v + lr * g)), "added instead of subtracted"),
    (lambda params, grads, velocity, learning_rate, beta=0.9: right_momentum(params, grads, velocity, learning_rate,
                                                                               beta)[0], "must return two"),
]


@pytest.mark.parametrize("wrong, named", WRONG_MOMENTUM, ids=[n for _, n in WRONG_MOMENTUM])
def test_momentum_mistakes_are_named(wrong, named, capsys):
    used, out = run(checks.check_momentum_step, wrong, capsys)
    assert used is update_rules.momentum_step and out.startswith("✗") and named in out, out


def adam_without_correction(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    new, state = right_adam(params, grads, state, learning_rate, beta1, beta2, eps)
    t = state["t"]
    old = {k: params[k] for k in params}
    # undo the correction: the step used m and v as they are
    return ({k: old[k] - learning_rate * state["m"][k] / (np.sqrt(state["v"][k]) + eps) for k in params},
            state) if t else (new, state)


def adam_eps_inside(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    _, state = right_adam(params, grads, state, learning_rate, beta1, beta2, eps)
    t = state["t"]
    return ({k: params[k] - learning_rate * (state["m"][k] / (1 - beta1**t))
             / np.sqrt(state["v"][k] / (1 - beta2**t) + eps) for k in params}, state)


def adam_t_from_zero(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    _, new_state = right_adam(params, grads, state, learning_rate, beta1, beta2, eps)
    t = new_state["t"] - 1
    return ({k: params[k] - learning_rate * (new_state["m"][k] / (1 - beta1**t))
             / (np.sqrt(new_state["v"][k] / (1 - beta2**t)) + eps) for k in params}, new_state)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, named", [(adam_without_correction, "no bias correction"),
                                          (adam_eps_inside, "inside the square root"),
                                          (adam_t_from_zero, "the first step is t = 1")])
def test_adam_mistakes_are_named(wrong, named, capsys):
    used, out = run(checks.check_adam_step, wrong, capsys)
    assert used is update_rules.adam_step and out.startswith("✗") and named in out, out


def minibatches_first_rows(X, y, batch_size, rng):  # "a loop with a hard-coded size"
    order = rng.permutation(min(len(y), 20))
    for start in range(0, len(order), batch_size):
        yield X[order[start:start + batch_size]], y[order[start:start + batch_size]]


def adam_clipped(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    new, state = right_adam(params, grads, state, learning_rate, beta1, beta2, eps)
    return {k: np.clip(v, -10, 10) for k, v in new.items()}, state


@pytest.mark.parametrize("check, wrong", [(checks.check_minibatches, minibatches_first_rows),
                                          (checks.check_adam_step, adam_clipped)])
def test_pattern_exploiting_answers_are_rejected(check, wrong, capsys):
    used, out = run(check, wrong, capsys)
    assert used is not wrong and out.startswith("✗") and "it raised" not in out, out


def test_autograding_gives_the_point_to_a_right_generator_only(monkeypatch, capsys):
    """A test cell grades the notebook's function by name (helpers.autograde.grade reads the caller's names)."""
    from helpers.autograde import grade
    for answer, points in [(right_minibatches, 1), (drops_last, 0)]:
        monkeypatch.setitem(globals(), "minibatches", answer)
        assert grade("minibatches", "check_minibatches") == points, capsys.readouterr().out
    monkeypatch.setitem(globals(), "adam_step", right_adam)
    assert grade("adam_step", "check_adam_step") == 1, capsys.readouterr().out


@pytest.mark.parametrize("seed", [s for s in range(3000) if list(np.random.RandomState(s).permutation(5)) == list(range(5))][:3])
def test_a_draw_that_ignores_rng_is_named_even_when_it_happens_to_keep_the_order(seed, capsys):
    """np.random.permutation(5) is the identity for 1 global state in 120: the check must still say
    the seed was ignored, not "original order" (the named mistake may not depend on test order)."""
    np.random.seed(seed)
    used, out = run(checks.check_minibatches, global_random, capsys)
    assert used is batches.minibatches and "same seed gave other batches" in out, out
