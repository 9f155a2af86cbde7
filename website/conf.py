"""Sphinx configuration of the course website: `make site` (website/README.md).

The sources are written by website/prepare.py into build/website/src; this file is read
from here with `sphinx-build -c website`.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from website.links import repository_url  # noqa: E402

BUILD = ROOT / "build" / "website"

project = "How models learn: model + loss + optimizer"
author = "the course's authors"
copyright = "the course's authors; code MIT, course text CC BY 4.0"
language = "en"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# The instructor notebooks' stored outputs are shown as they are: never executed here.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no widget manager fetched by any page: explorers show a picture instead
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_dmath_double_inline = True  # $$...$$ inside a paragraph, as JupyterLab reads it
myst_heading_anchors = 4
# Headings get JupyterLab's anchors, so the links between notebooks work between the pages too.
myst_heading_slug_func = "website.links.jupyterlab_heading_id"

# Everything a page needs is served with the site: MathJax from website/node_modules (copied by
# prepare.py), the theme's own fonts and icons.
mathjax_path = "mathjax/tex-chtml.js"
html_static_path = ["static", str(BUILD / "mathjax")]
html_extra_path = [str(BUILD / "extra")]
templates_path = ["templates"]
html_css_files = ["course.css"]
html_js_files = ["launch.js"]
html_title = "How models learn"
html_last_updated_fmt = None
html_theme = "sphinx_book_theme"
html_context = {"default_mode": "light"}
html_theme_options = {
    "repository_url": repository_url(),
    "repository_branch": "main",
    "use_repository_button": True,
    "use_download_button": False,  # the launch bar of each notebook page offers the student copy
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
}
