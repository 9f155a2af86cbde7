"""Key press → screen in a real browser: notebook 01's explorer against the round-trip floor.

    python tests/benchmarks/explorer_latency.py [--presses 15] [--rounds 3]     (or: make benchmark)

JupyterLab in headless Chromium (Debian's chromium, driven by Playwright) opens one scratch
notebook holding
  1. the floor: a bare FloatSlider whose observer writes an HTML readout (one kernel round trip,
     nothing drawn);
  2. the course's explorer, as notebook 01 builds it: linear_explorer(x, y, loss=mse) with the
     learner's own mse, so every event calls the learner's function and redraws the figure.
Each round presses ArrowRight on the floor slider and on the explorer's w slider, alternately,
``presses`` times each, in one page load. For every press the page records, from the keydown
event's own time stamp: the readout showing the new value (the next animation frame after the
DOM change), and for the explorer the new picture decoded and on screen. It also counts the
websocket frames and bytes the kernel sends per press. Prints medians per round and overall.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.jupyterlab import CHROMIUM, CHROMIUM_ARGS, jupyterlab, open_notebook, run_all, wait_idle  # noqa: E402

CELLS = [
    """\
import ipywidgets as widgets
floor_slider = widgets.FloatSlider(value=1.0, min=-1.0, max=7.0, step=0.01, description="floor",
                                   continuous_update=True, readout_format=".2f")
floor_readout = widgets.HTML("<b>floor = 1.00</b>")
floor_slider.observe(lambda change: setattr(floor_readout, "value", f"<b>floor = {change['new']:.2f}</b>"), names="value")
widgets.VBox([floor_slider, floor_readout])""",
    """\
import numpy as np
from helpers import data
from helpers.widgets import linear_explorer
x, y = data.make_linear_data(n=50, w=3.14, b=2.72, noise=1.0, seed=0)

def mse(y, y_hat):
    return float(np.mean((y - y_hat) ** 2))

linear_explorer(x, y, loss=mse, w=1.0, b=0.5)""",
]

# Armed before each key press: resolves with [readout ms, picture ms or null] after the keydown.
PROBE = """([readout, image, expected]) => {
    window.__probe = new Promise(resolve => {
        let pressed = null, shown = null, pictured = image ? null : -1;
        const finish = () => { if (shown !== null && pictured !== null) resolve([shown - pressed, image ? pictured - pressed : null, pressed]); };
        document.addEventListener('keydown', event => { pressed = event.timeStamp; }, {capture: true, once: true});
        const text = new MutationObserver(() => {
            if (!readout.innerText.includes(expected)) return;
            text.disconnect();
            requestAnimationFrame(() => { shown = performance.now(); finish(); });
        });
        text.observe(readout, {subtree: true, childList: true, characterData: true});
        if (image) {
            const picture = new MutationObserver(() => {
                picture.disconnect();
                image.decode().catch(() => null).then(() => requestAnimationFrame(() => { pictured = performance.now(); finish(); }));
            });
            picture.observe(image, {attributes: true, attributeFilter: ['src']});
        }
    });
}"""


def notebook() -> dict:
    cells = [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}
             for source in CELLS]
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


# Before JupyterLab starts: every websocket message the page receives, with its arrival time and size.
RECORD_FRAMES = """(() => {
    window.__frames = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', event => {
                const data = event.data;
                const size = typeof data === 'string' ? data.length : (data.byteLength ?? data.size ?? 0);
                window.__frames.push([performance.now(), size]);
            });
        }
    };
})();"""

# The frames received since the last key press: [count, bytes, ms from keydown to the first and the last, each frame's [ms, bytes]].
FRAMES_SINCE = """(pressed) => {
    const frames = window.__frames.filter(([t]) => t >= pressed);
    window.__frames = [];
    if (!frames.length) return [0, 0, null, null, []];
    return [frames.length, frames.reduce((sum, [, size]) => sum + size, 0), frames[0][0] - pressed, frames.at(-1)[0] - pressed,
            frames.map(([t, size]) => [t - pressed, size])];
}"""


def press(page, handle, readout, image, expected: str) -> tuple:  # noqa: ANN001 - Playwright objects
    """One ArrowRight on ``handle``: (readout ms, picture ms or None, frames, bytes, first and last frame ms, [[ms, bytes] per frame])."""
    page.evaluate(PROBE, [readout.element_handle(), image.element_handle() if image else None, expected])
    handle.press("ArrowRight")
    shown, pictured, pressed = page.evaluate("window.__probe")
    page.wait_for_timeout(150)  # let the kernel go idle: the next press starts from rest
    return (shown, pictured, *page.evaluate(FRAMES_SINCE, pressed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=15, help="key presses per slider and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--frames", action="store_true", help="also print each press's frames: ms after the keydown, bytes")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"explorer latency: skipped, no Chromium at {CHROMIUM} (install Debian's chromium; make benchmark does, as root)")
        return
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="latency-"))
    try:
        for folder in ("helpers", "data"):
            (home / folder).symlink_to(ROOT / folder)
        (home / "latency.ipynb").write_text(json.dumps(notebook()))
        with jupyterlab(home) as lab, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = open_notebook(browser, lab, "latency.ipynb", init_script=RECORD_FRAMES)
            run_all(page)
            page.locator(".widget-html", has_text="MSE =").first.wait_for(timeout=120_000)
            wait_idle(page)
            floor = page.locator(".jupyter-widgets.widget-slider", has_text="floor").first
            explorer_w = page.locator(".jupyter-widgets.widget-slider", has_text="w").last
            floor_readout = page.locator(".widget-html", has_text="floor =").first
            readout = page.locator(".widget-html", has_text="MSE =").first
            image = page.locator("img.moving-layer").first  # the layer the explorer redraws per event
            if not image.count():  # an explorer drawn as one picture (the course before its two layers)
                image = page.locator("img.widget-image").first
            results: dict[str, list] = {"floor": [], "explorer": []}
            value = {"floor": 1.0, "explorer": 1.0}
            print(f"key press → screen in JupyterLab, headless Chromium: {args.rounds} rounds × {args.presses} presses per slider")
            for round_ in range(1, args.rounds + 1):
                rows: dict[str, list] = {"floor": [], "explorer": []}
                for _ in range(args.presses):
                    for name, slider, text, picture, label in (("floor", floor, floor_readout, None, "floor"),
                                                               ("explorer", explorer_w, readout, image, "w")):
                        value[name] = round(value[name] + 0.01, 2)
                        handle = slider.locator(".noUi-handle")
                        handle.scroll_into_view_if_needed()
                        handle.focus()
                        rows[name].append(press(page, handle, text, picture, f"{label} = {value[name]:.2f}"))
                        if args.frames:
                            print(f"    {name:8s} readout {rows[name][-1][0]:5.1f} ms, frames:",
                                  " ".join(f"{t:.1f}ms/{size}B" for t, size in rows[name][-1][6]))
                floor_ms = statistics.median(r[0] for r in rows["floor"])
                readout_ms = statistics.median(r[0] for r in rows["explorer"])
                picture_ms = statistics.median(r[1] for r in rows["explorer"])
                print(f"  round {round_}: floor {floor_ms:5.1f} ms · explorer readout {readout_ms:5.1f} ms "
                      f"({readout_ms - floor_ms:+.1f}) · explorer picture {picture_ms:5.1f} ms ({picture_ms - floor_ms:+.1f})")
                for name in rows:
                    results[name] += rows[name]
            browser.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    report(results)


def report(results: dict[str, list]) -> None:
    """Medians over every press: latency, and what the server sent (frames, bytes, first and last arrival)."""
    def median(name: str, column: int) -> float:
        return statistics.median(r[column] for r in results[name])

    floor = median("floor", 0)
    print(f"median of {len(results['floor'])} presses each, ms after the keydown:")
    print(f"  floor (bare slider + HTML readout):  readout {floor:5.1f}")
    print(f"  course explorer (learner's mse):     readout {median('explorer', 0):5.1f} ({median('explorer', 0) - floor:+.1f}),"
          f" picture on screen {median('explorer', 1):5.1f} ({median('explorer', 1) - floor:+.1f})")
    print("what arrives per press (websocket frames from the server):")
    for name in results:
        print(f"  {name:8s}: {median(name, 2):3.0f} frames, {median(name, 3) / 1024:6.1f} KiB,"
              f" first after {median(name, 4):5.1f} ms, last after {median(name, 5):5.1f} ms")

if __name__ == "__main__":
    main()
