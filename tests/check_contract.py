"""What every exercise check must do, whatever the exercise; the test_checks*.py files apply it."""

import pytest


def run(check, fn, capsys):
    """Run a check on fn; return the function it hands back and what it printed."""
    used = check(fn)
    return used, capsys.readouterr().out


def not_done(*args, **kwargs):
    """A learner's untouched stub."""
    raise NotImplementedError()


def contract_tests(cases):
    """Three tests over (check, right answer, reference) triples.

    A right answer passes and is the one used from then on; the reference passes its own
    cases when graded under another name; a stub, a re-run after a fallback and a
    non-function all fall back to the reference without crashing.
    """
    ids = [f"{check.__name__}-{correct.__name__}" for check, correct, _ in cases]
    parametrize = pytest.mark.parametrize("check, correct, reference", cases, ids=ids)

    @parametrize
    def test_right_answer_passes_and_is_used(check, correct, reference, capsys):
        used, out = run(check, correct, capsys)
        assert used is correct and out.startswith("✓") and "passed all" in out, out

    @parametrize
    def test_reference_passes_its_own_cases(check, correct, reference, capsys):
        used, out = run(check, lambda *args, **kwargs: reference(*args, **kwargs), capsys)
        assert out.startswith("✓"), out

    @parametrize
    def test_stub_and_reruns_fall_back_to_the_reference(check, correct, reference, capsys):
        used, out = run(check, not_done, capsys)
        assert used is reference and "not done yet" in out and "reference" in out
        used, out = run(check, reference, capsys)  # re-running the check after a fallback
        assert used is reference and "still the reference implementation" in out
        used, out = run(check, 42, capsys)
        assert used is reference and "should be a function" in out

    return (test_right_answer_passes_and_is_used, test_reference_passes_its_own_cases,
            test_stub_and_reruns_fall_back_to_the_reference)
