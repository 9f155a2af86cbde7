"""Where a learner opens a student notebook, for the site's launch bar: the course's own builders
(helpers/links.py: Binder, Colab, nbgitpuller) plus what only the site needs.

helpers/build.py and helpers/links.py need only nbformat and the standard library. In the site's
environment (.venv-site, without NumPy) the ``helpers`` package cannot run its __init__, so these
two modules are imported from a bare package object instead.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

try:
    importlib.import_module("helpers")
except ImportError:
    bare = types.ModuleType("helpers")
    bare.__path__ = [str(ROOT / "helpers")]
    sys.modules["helpers"] = bare

from helpers import build as course_build  # noqa: E402
from helpers.links import REPOSITORY, binder_url, colab_url, nbgitpuller_url  # noqa: E402

__all__ = ["binder_url", "colab_url", "course_build", "jupyterlab_heading_id", "nbgitpuller_path", "repository_url"]
HUB = "https://hub.invalid"


def nbgitpuller_path(name: str) -> str:
    """The part of the nbgitpuller link after the hub's address (the page's script puts the address
    a reader types in front of it): pull the course, open the student copy ``name``."""
    return nbgitpuller_url(HUB, name).removeprefix(HUB + "/")


def repository_url(path: str = "") -> str:
    """The repository on the code host, or one file of it (``path`` relative to the root)."""
    return f"https://github.com/{REPOSITORY}" + (f"/blob/main/{path}" if path else "")


def jupyterlab_heading_id(text: str) -> str:
    """A heading's anchor as JupyterLab makes it ("3. Training" -> "3.-Training")."""
    return text.strip().replace(" ", "-")
