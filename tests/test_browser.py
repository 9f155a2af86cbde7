"""A real browser: JupyterLab in headless Chromium runs every student notebook, and notebook 01's explorer.

Needs Debian's chromium (``make test`` installs it when run as root). Playwright's Python
package drives it; no browser is ever downloaded. The screenshot is saved to
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import data, losses

from .conftest import ROOT
from .jupyterlab import BROWSER_TESTS_RUN, CHROMIUM, CHROMIUM_ARGS, jupyterlab, run_all, wait_idle
from .jupyterlab import open_notebook as open_student_notebook

ARTIFACTS = ROOT / "test-artifacts"
NOTEBOOK = "01_linear_regression_and_mse.ipynb"

if not BROWSER_TESTS_RUN:
    reason = "Debian's chromium is not installed (make test installs it when run as root)"
    if os.environ.get("CI"):
        raise RuntimeError(f"{reason}; CI must run the browser test")
    pytest.skip(reason, allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 serving a scratch copy of the student notebooks (the repo stays clean)."""
    home = tmp_path_factory.mktemp("lab")
    # the notebooks copied with their helpers link (../../helpers), which resolves to this checkout's
    # helpers/ and data/ through links beside them, as in a clone
    shutil.copytree(ROOT / "notebooks" / "student", home / "notebooks" / "student", symlinks=True)
    for folder in ("helpers", "data"):
        (home / folder).symlink_to(ROOT / folder)
    with jupyterlab(home) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_the_course_settings_turn_off_the_news_popup(lab):
    """`make install` (and Binder's postBuild) put binder/jupyterlab-overrides.json where JupyterLab reads it."""
    with urllib.request.urlopen(f"{lab}/lab/api/settings/@jupyterlab/apputils-extension:notification") as reply:
        settings = json.load(reply)
    assert settings["schema"]["properties"]["fetchNews"]["default"] == "false"  # overrides replace the defaults


def open_notebook(browser, lab: str, name: str):
    return open_student_notebook(browser, lab, f"notebooks/student/{name}")


def wait_for_text_matching(page, locator, pattern: str, timeout: float = 60_000) -> str:
    """The locator's text once it matches ``pattern`` (a widget view may still be settling);
    on a timeout, fail with the text it showed and keep a screenshot."""
    try:
        page.wait_for_function("([el, pattern]) => new RegExp(pattern).test(el.innerText)",
                               arg=[locator.element_handle(), pattern], timeout=timeout)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "browser-failure.png"))
        raise AssertionError(f"{locator.inner_text()!r} never matched {pattern!r}") from None
    return locator.inner_text()


def test_run_all_then_the_w_slider_updates_the_mse(browser, lab):
    page = open_notebook(browser, lab, NOTEBOOK)
    run_all(page)
    sliders = page.locator(".jupyter-widgets.widget-slider")
    sliders.first.wait_for(state="attached", timeout=120_000)
    wait_idle(page)
    w_slider = sliders.filter(has_text="w").first
    w_slider.scroll_into_view_if_needed()
    readout = page.locator(".widget-html", has_text="MSE =").first
    readout.wait_for(timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-01-before.png"))
    assert page.get_by_text("Error displaying widget").count() == 0
    assert "w = 1.00" in readout.inner_text()

    handle = w_slider.locator(".noUi-handle")
    handle.focus()
    latencies = []
    for step in range(1, 6):  # one key press moves w by one step of 0.01
        started = time.perf_counter()
        handle.press("ArrowRight")
        page.wait_for_function("([el, text]) => el.innerText.includes(text)",
                               arg=[readout.element_handle(), f"w = {1 + step / 100:.2f}"], timeout=10_000)
        latencies.append((time.perf_counter() - started) * 1000)
    w_shown = float(w_slider.locator(".widget-readout").inner_text())
    text = readout.inner_text()
    match = re.search(r"w = ([-\d.]+), b = ([-\d.]+) → MSE = ([\d.]+)", text)
    assert match, text
    w, b, shown = (float(g) for g in match.groups())
    assert w == pytest.approx(1.05) and w_shown == pytest.approx(1.05) and b == pytest.approx(0.5)
    x, y = data.make_linear_data(n=50, w=3.14, b=2.72, noise=1.0, seed=0)
    assert shown == pytest.approx(losses.mse(y, w * x + b), abs=5e-5)
    assert "lower than before" in text  # moving w from 1.00 towards 3.14 lowers the loss
    page.screenshot(path=str(ARTIFACTS / "browser-01.png"))
    latencies.sort()
    print(f"\nkey press → MSE readout updated: median {latencies[2]:.0f} ms (min {latencies[0]:.0f}, max {latencies[-1]:.0f})")


def saved_notebook(page, lab: str, name: str) -> dict:
    """Save the open notebook and read it back through the server's contents API."""
    page.keyboard.press("Control+s")
    page.wait_for_timeout(500)
    with urllib.request.urlopen(f"{lab}/api/contents/notebooks/student/{name}?content=1", timeout=10) as r:
        return json.load(r)["content"]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks" / "student").glob("*.ipynb")))
def test_every_student_notebook_runs_all_in_the_browser(browser, lab, name):
    page = open_notebook(browser, lab, name)
    run_all(page)
    deadline = time.monotonic() + 300
    while True:
        notebook = saved_notebook(page, lab, name)
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        waiting = [i for i, c in enumerate(code) if not c["execution_count"]]
        failed = [(i, o) for i, c in enumerate(code) for o in c["outputs"] if o["output_type"] == "error"]
        assert not failed, f"code cell {failed[0][0]} raised {failed[0][1]['ename']}: {failed[0][1]['evalue']}"
        if not waiting:
            break
        assert time.monotonic() < deadline, f"Run All did not finish: code cells {waiting} never ran"
        wait_idle(page)
        page.wait_for_timeout(500)
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == [], errors[0].get("evalue") if errors else ""
    # what tests/test_notebook_outputs.py would check by running the copy again outside the browser
    checks = ["".join("".join(o.get("text", "")) for o in c["outputs"] if o["output_type"] == "stream")
              for c in code if "checks.check_" in "".join(c["source"])]
    assert checks and all("not done yet" in text and "reference" in text for text in checks), checks
    assert page.get_by_text("Error displaying widget").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"browser-{name.removesuffix('.ipynb')}.png"))
    page.close()


IMAGE_DIGEST = """async (img) => {
    const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    let hash = 0;
    for (const b of bytes) hash = (hash * 31 + b) >>> 0;
    return `${bytes.length}:${hash}`;
}"""


def test_playground_train_button_redraws_the_boundary_and_the_loss(browser, lab):
    page = open_notebook(browser, lab, "07_neural_network.ipynb")
    run_all(page)
    button = page.locator(".jupyter-widgets.widget-button", has_text="train 200 steps")
    button.wait_for(state="attached", timeout=180_000)
    wait_idle(page, timeout=180_000)
    button.scroll_into_view_if_needed()
    readout = page.locator(".widget-html", has_text="train loss").first
    readout.wait_for(timeout=30_000)
    image = page.locator("img.moving-layer").first
    image.wait_for(timeout=30_000)
    assert page.get_by_text("Error displaying widget").count() == 0
    pattern = r"step (\d+) · train loss ([\d.]+) · test loss ([\d.]+)"
    before_text = wait_for_text_matching(page, readout, pattern)
    before_image = image.evaluate(IMAGE_DIGEST)
    step, train_loss, _ = re.search(pattern, before_text).groups()
    assert step == "0", before_text

    button.click()
    after_text = wait_for_text_matching(page, readout, pattern.replace(r"(\d+)", "(200)", 1), timeout=30_000)
    after_step, after_train_loss, _ = re.search(pattern, after_text).groups()
    assert after_step == "200" and float(after_train_loss) < float(train_loss), (before_text, after_text)
    page.wait_for_timeout(300)  # the last frame's PNG travels in its own message
    assert image.evaluate(IMAGE_DIGEST) != before_image, "the decision boundary was not redrawn"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-07-playground.png"))
    page.close()


def test_a_link_to_another_notebook_names_a_section_there(browser, lab):
    """01 sends the learner to notebook 06's section on L2 regularisation: the link opens 06, and its
    fragment is the id JupyterLab gives that heading. (JupyterLab 4.6 opens the notebook at the top
    here, so the link text names the section too.)"""
    page = open_notebook(browser, lab, NOTEBOOK)
    link = page.locator(".jp-RenderedMarkdown a", has_text="notebook 06, section 7").first
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.scroll_into_view_if_needed()
    link.click()
    notebook = page.locator(".jp-NotebookPanel", has=page.locator("h1", has_text="06 · Softmax"))
    notebook.wait_for(timeout=60_000)
    try:  # the cells render one after another
        notebook.locator(f'.jp-RenderedMarkdown h2[data-jupyter-id="{fragment}"]').wait_for(state="attached",
                                                                                          timeout=60_000)
    except Exception:
        ids = notebook.locator(".jp-RenderedMarkdown h2").evaluate_all("els => els.map(el => el.dataset.jupyterId)")
        raise AssertionError(f"no heading of notebook 06 has the id {fragment!r}: {ids}") from None
    page.close()
