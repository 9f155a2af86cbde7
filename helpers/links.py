"""The course's addresses on the web, built in one place: GitHub, Colab, Binder, nbgitpuller, pip.

The README's badges, the first cell of every student notebook (helpers/build.py) and the course
website use these, and tests/test_releases.py checks that every ref they name exists. ``ref`` is
a branch or a release tag: ``main`` (the newest) until a tag such as ``v0.3.0`` is published;
pass the tag to pin a workshop to a copy that does not move.
"""

from __future__ import annotations

import re
from urllib.parse import quote

REPOSITORY = "how-models-learn/course"
DEFAULT_REF = "main"
FIRST_NOTEBOOK = "01_linear_regression_and_mse.ipynb"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
_NAME = re.compile(r"\d\d_[a-z0-9_]+\.ipynb")
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def _check(notebook: str, ref: str) -> None:
    if not isinstance(notebook, str) or not _NAME.fullmatch(notebook):
        raise ValueError(f"notebook must be a notebook's file name such as {FIRST_NOTEBOOK!r}, got {notebook!r}")
    if not isinstance(ref, str) or not _REF.fullmatch(ref):
        raise ValueError(f"ref must be a branch or tag name such as 'main' or 'v0.3.0', got {ref!r}")


def colab_url(notebook: str, ref: str = DEFAULT_REF) -> str:
    """Colab opening the student copy ``notebook`` (a file name, e.g. "01_...ipynb") at ``ref``."""
    _check(notebook, ref)
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{ref}/notebooks/student/{notebook}"


def colab_badge(notebook: str, ref: str = DEFAULT_REF) -> str:
    """The Markdown "Open in Colab" badge for the student copy ``notebook``."""
    return f"[![Open in Colab]({COLAB_BADGE})]({colab_url(notebook, ref)})"


def binder_url(notebook: str = FIRST_NOTEBOOK, ref: str = DEFAULT_REF) -> str:
    """Binder building ``ref`` and opening JupyterLab on the student copy ``notebook``."""
    _check(notebook, ref)
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{ref}?urlpath=lab/tree/notebooks/student/{notebook}"


def nbgitpuller_url(hub: str, notebook: str = FIRST_NOTEBOOK, ref: str = DEFAULT_REF) -> str:
    """A JupyterHub link (``hub`` e.g. "https://hub.example.org") that pulls ``ref`` and opens ``notebook``."""
    _check(notebook, ref)
    if not isinstance(hub, str) or not hub.startswith(("https://", "http://")):
        raise ValueError(f"hub must be the hub's address starting with https://, got {hub!r}")
    repo = quote(f"https://github.com/{REPOSITORY}", safe="")
    path = quote(f"course/notebooks/student/{notebook}", safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={repo}&branch={ref}&urlpath=lab%2Ftree%2F{path}"


def pip_source(ref: str = DEFAULT_REF) -> str:
    """What ``pip install`` takes to install the course (package and data) from GitHub at ``ref``."""
    _check(FIRST_NOTEBOOK, ref)
    return f"how-models-learn @ git+https://github.com/{REPOSITORY}@{ref}"
