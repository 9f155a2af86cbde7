"""Write the Sphinx sources of the course website into build/website/ (then `make site` runs Sphinx).

    python -m website.prepare

From the repository, nothing maintained twice:
- one page per instructor notebook, in course order (the notebooks folder, sorted by number),
  with its stored outputs (never executed here). Each solution region is folded under
  "Show solution": a code cell shows the student's stub, then the worked cell folded; a markdown
  region is folded in place. A bar under the title opens the *student* copy on Binder, on a
  JupyterHub (nbgitpuller, with a field for the hub's address) or in Colab, or downloads it.
  An explorer (ipywidgets) shows its stored picture and a note on how to run it live;
- the landing page from README.md (introduction, course map) and the learning-loop picture;
- the instructors' page from README.md ("For instructors") and docs/grading.md;
- the data card, data/README.md.
Links between these files become links between pages; any other file of the repository is
linked on the code host. Also copied: the student notebooks (for download) and MathJax (from
website/node_modules, so no page fetches anything from elsewhere).
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import sys
from pathlib import Path

import nbformat

from website import links

ROOT = Path(__file__).resolve().parent.parent


instructor_notebooks, solution_lines, strip_solutions = (
    links.course_build.instructor_notebooks, links.course_build.solution_lines, links.course_build.strip_solutions)
OUT = ROOT / "build" / "website"
SOURCE, EXTRA, MATHJAX = OUT / "src", OUT / "extra", OUT / "mathjax"
MATHJAX_DIST = ROOT / "website" / "node_modules" / "mathjax" / "es5"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Repository files that are pages of the site, and the page each becomes.
PAGES = {"README.md": "index.md", "docs/grading.md": "instructors.md", "data/README.md": "data.md"}
SHOW_SOLUTION = '<details class="solution">\n<summary>Show solution</summary>\n\n{body}\n\n</details>'
EXPLORER_NOTE = (
    '<div class="admonition note explorer-note">\n<p class="admonition-title">An interactive explorer</p>\n'
    "<p>Its sliders need a running Python kernel, which a web page does not have: the picture is the "
    "explorer as it starts. To move the sliders, open this notebook with a button at the top of the page "
    "(Binder, your JupyterHub or Colab) or on your own machine (<code>make lab</code>), run the cells "
    "from the top down to this one, then drag a slider.</p>\n</div>"
)


LOOP_ALT = ("The learning loop. Data x goes into the model f(x; θ), which predicts ŷ. The loss compares ŷ with "
            "the targets y and gives one number J(θ). The optimizer reads the gradient of J and changes θ; "
            "the model predicts again with the new θ.")


def page_for(repo_path: str) -> str | None:
    """The site page (relative to the site's root) that shows a repository file, or None."""
    match = re.fullmatch(r"notebooks/(?:student|instructor)/(\d\d_\w+\.ipynb)", repo_path)
    if match:
        return f"notebooks/{match.group(1)}"
    return PAGES.get(repo_path)


def rewrite_links(text: str, origin: str, page: str) -> str:
    """Markdown links of ``text`` (from the repository file ``origin``) as they must read on ``page``:
    to another page of the site when the target is one, else to the file on the code host. An image
    from another host (a badge) becomes its alt text: a page fetches nothing from elsewhere."""

    def new_target(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"[a-z][\w+.-]*:|#", target):  # an address with a scheme, or an anchor on this page
            return match.group(0)
        path, _, anchor = target.partition("#")
        repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(origin), path))
        site_page = page_for(repo_path)
        if site_page is None:
            new = links.repository_url(repo_path) + (f"#{anchor}" if anchor else "")
        else:
            new = posixpath.relpath(site_page, posixpath.dirname(page) or ".") + (f"#{anchor}" if anchor else "")
        return f"{match.group(1)}{new})"

    text = re.sub(r"!\[([^\]]*)\]\(https?://[^)\s]+\)", r"\1", text)  # a remote badge becomes its text
    return re.sub(r"(\]\()([^)\s]+)\)", new_target, text)


def section(markdown: str, heading: str) -> str:
    """The body of the section of ``markdown`` under the line ``heading`` (up to the next heading of that level)."""
    depth = len(heading.split(" ")[0])
    match = re.search(rf"^{re.escape(heading)}\n(.*?)(?=^#{{1,{depth}}} |\Z)", markdown, re.M | re.S)
    if match is None:
        raise ValueError(f"README.md has no section {heading!r}: the site's pages are made from it")
    return match.group(1).strip()


def demote_headings(markdown: str) -> str:
    """Every heading one level deeper (outside fenced code), for a document shown inside a page."""
    lines, fenced = [], False
    for line in markdown.splitlines():
        fenced ^= line.startswith("```")
        lines.append("#" + line if not fenced and re.match(r"#+ ", line) else line)
    return "\n".join(lines)


def launch_bar(name: str) -> str:
    """The launch buttons of one notebook page (raw HTML; website/static/launch.js fills in the hub link)."""
    attr = html.escape
    return (
        f'<nav class="launch-bar" aria-label="Open this notebook" data-notebook="{attr(name)}">\n'
        f'<p class="launch-intro">Work through it yourself: open the <strong>student copy</strong> '
        f"(exercises to fill in, no outputs)</p>\n"
        f'<a class="launch-button launch-binder" href="{attr(links.binder_url(name))}">Open on Binder</a>\n'
        f'<a class="launch-button launch-colab" href="{attr(links.colab_url(name))}">Open in Colab</a>\n'
        f'<a class="launch-button launch-download" href="../student/{attr(name)}" download>'
        f"Download the student notebook</a>\n"
        f'<form class="launch-hub" data-git-pull="{attr(links.nbgitpuller_path(name))}">'
        f'<label for="hub-address">Your JupyterHub’s address</label>'
        f'<input id="hub-address" name="hub" type="url" placeholder="https://hub.example.org" autocomplete="url">'
        f'<a class="launch-button launch-hub-link" aria-disabled="true">Open on your JupyterHub</a></form>\n'
        f"</nav>\n\n"
        f'<p class="solution-intro">This page is the instructor copy, with its outputs. The worked solutions '
        f"are folded under <em>Show solution</em>: try each exercise first.</p>"
    )


def fold_solutions(cell: nbformat.NotebookNode, where: str) -> list[nbformat.NotebookNode]:
    """The cells that show one instructor cell on the site, its solution regions folded."""
    if not any(label == "begin" for label, _ in solution_lines(cell.source, cell.cell_type, where)):
        return [cell]
    if cell.cell_type == "markdown":
        out, region = [], []
        for label, line in solution_lines(cell.source, cell.cell_type, where):
            if label == "solution":
                region.append(line)
            elif label == "end":
                out.append(SHOW_SOLUTION.format(body="\n".join(region).strip()))
                region = []
            elif label == "kept":
                out.append(line)
        cell.source = "\n".join(out)
        return [cell]
    worked = "\n".join(line for label, line in solution_lines(cell.source, cell.cell_type, where)
                       if label in ("kept", "solution"))
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", worked)), default=0))
    folded = nbformat.v4.new_markdown_cell(SHOW_SOLUTION.format(body=f"{fence}python\n{worked}\n{fence}"))
    cell.source = strip_solutions(cell.source, cell.cell_type, where)
    return [cell, folded]


def describe_figures(cell: nbformat.NotebookNode, heading: str) -> None:
    """Alt text for a code cell's figures (MyST-NB reads it from the cell's metadata): what they are
    and where, since the picture itself is described by the text around it."""
    if any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", [])):
        alt = f"The explorer of section “{heading}” as it starts (its sliders need a running kernel)"
    elif any("image/png" in output.get("data", {}) for output in cell.get("outputs", [])):
        alt = f"Figure drawn by the code above, in section “{heading}”"
    else:
        return
    cell.metadata["mystnb"] = {"image": {"alt": alt}}


def show_explorer(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """An explorer's cell keeps only its stored picture (no widget, which needs a kernel), then a note;
    a quiz keeps its questions as HTML."""
    if not any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", [])):
        return [cell]
    pictures = 0
    for output in cell.outputs:
        data = output.get("data", {})
        if WIDGET_VIEW in data:  # an explorer's picture, or a quiz's questions as HTML
            kept = "image/png" if "image/png" in data else "text/html"
            pictures += kept == "image/png"
            output["data"] = {key: value for key, value in data.items() if key == kept}
    cell.outputs = [output for output in cell.outputs if output.get("data", True)]
    return [cell, nbformat.v4.new_markdown_cell(EXPLORER_NOTE)] if pictures else [cell]


def notebook_page(path: Path) -> nbformat.NotebookNode:
    """One instructor notebook as the site shows it."""
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("widgets", None)  # no widget state: the page would load the widget manager
    page = f"notebooks/{path.name}"
    cells, heading = [], notebook_title(path)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source, f"notebooks/instructor/{path.name}", page)
            headings = re.findall(r"^#{1,4} (.+)$", cell.source, re.M)
            heading = headings[-1].strip() if headings else heading
        else:
            describe_figures(cell, heading)
        for shown in fold_solutions(cell, f"{path.name}, cell {index}"):
            cells.extend(show_explorer(shown))
    title, _, rest = cells[0].source.partition("\n")
    if not title.startswith("# "):
        raise ValueError(f"{path.name}: the first cell must start with the notebook's title (# ...)")
    cells[0].source = f"{title}\n\n{launch_bar(path.name)}\n\n{rest.strip()}"
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number:03d}"
    notebook.cells = cells
    return notebook


def notebook_title(path: Path) -> str:
    """The title of a notebook: its first heading, without the leading number ("01 · ")."""
    first = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
    return re.sub(r"^#\s*(\d\d\s*·\s*)?", "", first).strip()


def course_map(readme: str, notebooks: list[Path]) -> str:
    """The README's course-map table, its links to the notebook pages, plus a row for any
    notebook the README does not list yet."""
    table = [line for line in section(readme, "## Course map").splitlines() if line.startswith("|")]
    listed = set(re.findall(r"\((?:notebooks/student/)?(\d\d_\w+\.ipynb)\)", "\n".join(table)))
    for path in notebooks:
        if path.name not in listed:
            table.append(f"| {path.name[:2]} | [{notebook_title(path)}](notebooks/student/{path.name}) | | |")
    return "\n".join(table)


def landing_page(readme: str, notebooks: list[Path]) -> str:
    intro = readme.split("\n## ", 1)[0]
    intro = "\n".join(line for line in intro.splitlines() if not line.startswith("[![")).strip()
    exercises = section(readme, "### How the exercises work")
    toctree = "\n".join(f"notebooks/{path.stem}" for path in notebooks)
    first = notebooks[0].name
    return rewrite_links(f"""{intro}

```{{figure}} learning-loop.svg
:alt: {LOOP_ALT}
:width: 640px

The learning loop: the model predicts, the loss scores the prediction, the optimizer changes θ.
```

## Start

Read the notebooks here, with their outputs and folded solutions, or work through them live:
[open the first one on Binder]({links.binder_url(first)}) (nothing to install), or on your machine
with Python and `make`: `git clone {links.repository_url()}`, then `make lab` in the folder.

## Course map

Each notebook comes in two copies: the **student** copy with exercises to fill in, and the
**instructor** copy with worked solutions and outputs, which is what these pages show.

{course_map(readme, notebooks)}

### How the exercises work

{exercises}

```{{toctree}}
:hidden:
:caption: Notebooks

{toctree}
```

```{{toctree}}
:hidden:
:caption: Around the course

instructors
data
```
""", "README.md", "index.md")


def instructors_page(readme: str) -> str:
    grading = (ROOT / "docs" / "grading.md").read_text()
    return f"""# For instructors

{rewrite_links(section(readme, "## For instructors"), "README.md", "instructors.md")}

{demote_headings(rewrite_links(grading, "docs/grading.md", "instructors.md"))}
"""


def data_page() -> str:
    return rewrite_links((ROOT / "data" / "README.md").read_text(), "data/README.md", "data.md")


def copy_mathjax() -> None:
    """MathJax's browser build (fonts and extensions included) from website/node_modules."""
    if not (MATHJAX_DIST / "tex-chtml.js").is_file():
        sys.exit("MathJax is missing from website/node_modules: run `make site` (it runs npm ci in website/)")
    shutil.copytree(MATHJAX_DIST, MATHJAX / "mathjax",
                    ignore=lambda folder, names: [n for n in names if n.endswith(".js") and Path(folder) == MATHJAX_DIST
                                                  and n not in ("tex-chtml.js", "startup.js")])


def main() -> int:
    shutil.rmtree(OUT / "src", ignore_errors=True)
    shutil.rmtree(EXTRA, ignore_errors=True)
    shutil.rmtree(MATHJAX, ignore_errors=True)
    (SOURCE / "notebooks").mkdir(parents=True)
    notebooks = instructor_notebooks()
    for path in notebooks:
        nbformat.write(notebook_page(path), SOURCE / "notebooks" / path.name)
    readme = (ROOT / "README.md").read_text()
    (SOURCE / "index.md").write_text(landing_page(readme, notebooks))
    (SOURCE / "instructors.md").write_text(instructors_page(readme))
    (SOURCE / "data.md").write_text(data_page())
    (EXTRA / "student").mkdir(parents=True)
    for path in notebooks:
        shutil.copy2(ROOT / "notebooks" / "student" / path.name, EXTRA / "student" / path.name)
    shutil.copy2(ROOT / "website" / "learning-loop.svg", SOURCE)
    copy_mathjax()
    print(f"wrote {len(notebooks)} notebook pages and 3 more to {SOURCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
