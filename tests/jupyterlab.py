"""JupyterLab in headless Chromium: the server, the browser and the page steps that the browser test
(tests/test_browser.py) and the latency benchmark (tests/benchmarks/explorer_latency.py) share.

Debian's chromium, driven by Playwright's Python package; no browser is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"  # CHROMIUM: another Chromium build
# test_browser.py runs (else it is skipped, or fails in CI): it runs every student copy in JupyterLab
BROWSER_TESTS_RUN = Path(CHROMIUM).exists() and importlib.util.find_spec("playwright") is not None
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyterlab(home: Path) -> Iterator[str]:
    """JupyterLab serving ``home`` on 127.0.0.1 with no token and no user settings; yields its base URL."""
    (home / "settings").mkdir(exist_ok=True)  # no user settings: the course's own (binder/jupyterlab-overrides.json) apply
    port = free_port()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    log = home / "server.log"
    with open(log, "w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             "--ServerApp.token=", "--ServerApp.password=", "--allow-root", f"--ServerApp.root_dir={home}"],
            env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start:\n" + log.read_text()) from None
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def open_notebook(browser, lab: str, path: str, init_script: str | None = None):  # noqa: ANN001, ANN201 - Playwright
    """A new page with the notebook at ``path`` (relative to the server's root) open and its kernel idle.

    ``init_script``: JavaScript to run in the page before JupyterLab's own.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    if init_script:
        page.add_init_script(init_script)
    # A fresh workspace per page: otherwise JupyterLab restores the tabs of the previous page
    # and "Run All" may go to the wrong notebook.
    workspace = re.sub(r"\W", "-", Path(path).stem)
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/{path}?reset")
    wait_idle(page)
    return page


def run_all(page) -> None:  # noqa: ANN001 - a Playwright Page
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()


def wait_idle(page, timeout: float = 120_000) -> None:  # noqa: ANN001 - a Playwright Page
    page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(timeout=timeout)
