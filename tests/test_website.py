"""The course website (`make site`, build/website/html) in headless Chromium.

Every page loads with no console error and fetches nothing from another host; math is typeset;
every figure loads; every internal link and anchor resolves; each notebook page's launch buttons
open that notebook's student copy; solutions are folded; each explorer shows a picture and a note;
axe-core (website/package-lock.json) finds no serious accessibility violation. Screenshots of two
pages land in test-artifacts/. `make matrix` runs it, after building the site (`make site`).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import pytest

from helpers.build import has_solution, instructor_notebooks

from .conftest import ROOT
from .test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, playwright

SITE = ROOT / "build" / "website" / "html"
AXE = ROOT / "website" / "node_modules" / "axe-core" / "axe.min.js"
NOTEBOOKS = [path.name for path in instructor_notebooks()]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# axe-core rules that fail the test whatever impact axe gives them (heading-order is "moderate").
ALWAYS_CHECKED = {"heading-order", "image-alt", "color-contrast", "page-has-heading-one"}

if not (SITE / "index.html").is_file() or not AXE.is_file():
    raise RuntimeError("the course website is not built: run `make site` (make test runs it first)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002 - the server's request log is not wanted
        pass


@pytest.fixture(scope="module")
def site():
    """The built site served on 127.0.0.1, as a web host would serve it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def page_paths() -> list[str]:
    return sorted(str(path.relative_to(SITE)) for path in SITE.rglob("*.html") if "_static" not in path.parts)


@pytest.fixture(scope="module")
def visits(site):
    """Every page opened once in Chromium: what it logged and fetched, its links, ids and figures."""
    found = {}
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for path in page_paths():
            page = context.new_page()
            record = {"errors": [], "elsewhere": [], "failed": []}
            page.on("console", lambda message, r=record: message.type == "error" and r["errors"].append(message.text))
            page.on("pageerror", lambda error, r=record: r["errors"].append(str(error)))
            page.on("requestfailed", lambda request, r=record: r["failed"].append(request.url))
            page.on("response", lambda response, r=record: response.status >= 400 and r["failed"].append(response.url))

            def only_here(route, r=record):
                if route.request.url.startswith(site):
                    route.continue_()
                else:  # nothing may come from another host: the page must work offline
                    r["elsewhere"].append(route.request.url)
                    route.abort()

            page.route("**/*", only_here)
            page.goto(f"{site}/{path}", wait_until="networkidle", timeout=120_000)
            page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
            record.update(page.evaluate("""() => {
                const main = document.querySelector("main") || document.body;
                const clone = main.cloneNode(true);
                clone.querySelectorAll("pre, code, mjx-container, script, style, .highlight").forEach(e => e.remove());
                return {
                    text: clone.textContent,
                    math: main.querySelectorAll("mjx-container").length,
                    ids: Array.from(document.querySelectorAll("[id]"), e => e.id),
                    links: Array.from(document.querySelectorAll("a[href]"), a => a.href),
                    images: Array.from(main.querySelectorAll("img"), i => ({src: i.src, alt: i.getAttribute("alt"),
                                                                         loaded: i.complete && i.naturalWidth > 0})),
                };
            }"""))
            page.add_script_tag(content=AXE.read_text())
            results = page.evaluate("""() => axe.run(document, {runOnly: {type: "tag",
                values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})""")
            record["violations"] = [
                f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                for v in results["violations"] if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS_CHECKED
            ]
            if path in ("index.html", "notebooks/07_neural_network.html"):
                ARTIFACTS.mkdir(exist_ok=True)
                shot = "website-home.png" if path == "index.html" else "website-07_neural_network.png"
                page.screenshot(path=str(ARTIFACTS / shot), full_page=False)
            found[path] = record
            page.close()
        browser.close()
    return found


def test_there_is_a_page_per_notebook_a_landing_page_the_instructors_page_and_the_data_card():
    pages = set(page_paths())
    assert {"index.html", "instructors.html", "data.html"} <= pages
    assert {f"notebooks/{name.removesuffix('.ipynb')}.html" for name in NOTEBOOKS} <= pages
    assert len(NOTEBOOKS) >= 8


def test_the_notebooks_come_in_course_order():
    index = (SITE / "index.html").read_text()
    order = [index.index(f'notebooks/{name.removesuffix(".ipynb")}.html') for name in NOTEBOOKS]
    assert order == sorted(order)


def test_every_page_loads_without_a_console_error_and_fetches_nothing_from_elsewhere(visits):
    for path, record in visits.items():
        assert record["errors"] == [], f"{path}: console errors {record['errors']}"
        assert record["elsewhere"] == [], f"{path} fetched from another host: {record['elsewhere']}"
        assert record["failed"] == [], f"{path}: requests that failed {record['failed']}"


def test_math_is_typeset_and_no_raw_tex_is_left(visits):
    for path, record in visits.items():
        raw = re.findall(r"\$[^$\n]{1,40}\$|\\\(|\\\[|\\frac|\\sum", record["text"])
        assert raw == [], f"{path} shows TeX that MathJax did not typeset: {raw[:5]}"
    for name in NOTEBOOKS:
        assert visits[f"notebooks/{name.removesuffix('.ipynb')}.html"]["math"] > 0, f"{name}: no typeset math"


def test_every_figure_loads_and_has_alt_text(visits):
    figures = 0
    for path, record in visits.items():
        for image in record["images"]:
            assert image["loaded"], f"{path}: {image['src']} did not load"
            assert image["alt"] and "_images/" not in image["alt"], f"{path}: {image['src']} has no alt text"
            figures += 1
    assert figures >= 40  # the notebooks' stored figures, the explorers' pictures and the learning loop


def test_every_internal_link_and_anchor_resolves(visits, site):
    checked = 0
    for path, record in visits.items():
        for link in record["links"]:
            if not link.startswith(site):
                continue
            target, _, anchor = link[len(site) + 1:].partition("#")
            target = unquote(target) or "index.html"
            assert (SITE / target).is_file(), f"{path} links to {target}, which is not on the site"
            if anchor and target.endswith(".html"):
                assert anchor in visits[target]["ids"], f"{path} links to {target}#{anchor}: no such anchor"
            checked += 1
    assert checked > 100


def test_the_links_between_notebooks_reach_their_sections(visits):
    """01 and 05 link to sections of 06 and 07 (JupyterLab anchors in the sources)."""
    links = [link for link in visits["notebooks/05_loss_landscapes.html"]["links"] if "07_neural_network.html#" in link]
    assert len(links) >= 2


def expected_student(path: str) -> str:
    return Path(path).stem + ".ipynb"


def test_launch_links_open_the_student_copy_of_that_notebook(visits, site):
    for name in NOTEBOOKS:
        links = visits[f"notebooks/{name.removesuffix('.ipynb')}.html"]["links"]
        binder = [urlsplit(link) for link in links if "mybinder.org" in link]
        assert len(binder) == 1 and binder[0].path == "/v2/gh/how-models-learn/course/main"
        assert parse_qs(binder[0].query)["urlpath"] == [f"lab/tree/notebooks/student/{name}"]
        colab = [link for link in links if "colab.research.google.com" in link]
        assert colab == [f"https://colab.research.google.com/github/how-models-learn/course/blob/main/notebooks/student/{name}"]
        download = [link for link in links if link.startswith(site) and link.endswith(".ipynb")]
        assert download == [f"{site}/student/{name}"]
        assert (SITE / "student" / name).read_bytes() == (ROOT / "notebooks" / "student" / name).read_bytes()


def test_the_hub_field_makes_an_nbgitpuller_link(site):
    name = NOTEBOOKS[1]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{site}/notebooks/{name.removesuffix('.ipynb')}.html")
        link = page.locator("a.launch-hub-link")
        assert link.get_attribute("href") is None and link.get_attribute("aria-disabled") == "true"
        page.get_by_label("Your JupyterHub’s address").fill("hub.example.org/")
        href = urlsplit(link.get_attribute("href"))
        assert (href.scheme, href.netloc, href.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
        assert parse_qs(href.query) == {"repo": ["https://github.com/how-models-learn/course"], "branch": ["main"],
                                        "urlpath": [f"lab/tree/course/notebooks/student/{name}"]}
        page.goto(f"{site}/notebooks/{NOTEBOOKS[0].removesuffix('.ipynb')}.html")  # remembered on the next page
        assert page.get_by_label("Your JupyterHub’s address").input_value() == "hub.example.org/"
        assert NOTEBOOKS[0] in unquote(page.locator("a.launch-hub-link").get_attribute("href"))
        browser.close()


def solution_regions(name: str) -> int:
    notebook = nbformat.read(ROOT / "notebooks" / "instructor" / name, as_version=4)
    return sum(cell.source.count("### BEGIN SOLUTION") for cell in notebook.cells
               if has_solution(cell.source, cell.cell_type, name))


def test_solutions_are_folded_until_show_solution_is_clicked(site):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name in NOTEBOOKS:
            page.goto(f"{site}/notebooks/{name.removesuffix('.ipynb')}.html")
            folds = page.locator("details.solution")
            assert folds.count() == solution_regions(name) > 0, name
            for index in range(folds.count()):
                assert folds.nth(index).get_attribute("open") is None
                assert not folds.nth(index).locator("summary ~ *").first.is_visible()
            assert "NotImplementedError" in page.locator("main").inner_text()  # the exercise as a learner sees it
        first = page.locator("details.solution").first
        first.locator("summary").click()
        assert first.locator("summary ~ *").first.is_visible()
        browser.close()


def test_each_explorer_shows_its_picture_and_says_how_to_run_it_live():
    for name in NOTEBOOKS:
        notebook = nbformat.read(ROOT / "notebooks" / "instructor" / name, as_version=4)
        views = [output["data"] for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
                 if WIDGET_VIEW in output.get("data", {})]
        explorers = [data for data in views if "image/png" in data]
        for data in views:  # each explorer stores its picture, each quiz its questions
            assert "image/png" in data or "Check your understanding" in data.get("text/html", ""), \
                f"{name}: a widget's output has neither a picture nor its questions as HTML (run make outputs)"
        html = (SITE / "notebooks" / f"{name.removesuffix('.ipynb')}.html").read_text()
        assert html.count("explorer-note") == len(explorers), name
        assert WIDGET_VIEW not in html and "jupyter-widgets" not in html


def test_no_serious_accessibility_violation(visits):
    problems = {path: record["violations"] for path, record in visits.items() if record["violations"]}
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_two_screenshots_are_kept(visits):
    for shot in ("website-home.png", "website-07_neural_network.png"):
        assert (ARTIFACTS / shot).stat().st_size > 10_000
