"""Where a learner opens a student notebook: Binder, a JupyterHub through nbgitpuller, Colab.

The site's launch buttons use these (website/prepare.py); the one place the addresses are built.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

REPOSITORY = "how-models-learn/course"
BRANCH = "main"
STUDENT_DIR = "notebooks/student"


def binder_url(name: str, branch: str = BRANCH) -> str:
    """JupyterLab on Binder, opened on the student copy ``name`` (e.g. "01_linear_regression_and_mse.ipynb")."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{branch}?urlpath=lab/tree/{STUDENT_DIR}/{name}"


def colab_url(name: str, branch: str = BRANCH) -> str:
    """The student copy ``name`` opened in Google Colab, straight from the repository."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{branch}/{STUDENT_DIR}/{name}"


def nbgitpuller_path(name: str, branch: str = BRANCH) -> str:
    """The part of an nbgitpuller link after the hub's address: clone (or update) the course into
    the learner's home folder as ``course/``, then open the student copy ``name`` in JupyterLab."""
    query = urlencode({"repo": f"https://github.com/{REPOSITORY}", "branch": branch,
                       "urlpath": f"lab/tree/course/{STUDENT_DIR}/{name}"}, quote_via=quote, safe="")
    return f"hub/user-redirect/git-pull?{query}"


def nbgitpuller_url(hub: str, name: str, branch: str = BRANCH) -> str:
    """The whole nbgitpuller link for the hub at ``hub`` (e.g. "https://hub.example.org")."""
    return f"{hub.rstrip('/')}/{nbgitpuller_path(name, branch)}"


def repository_url(path: str = "") -> str:
    """The repository on the code host, or one file of it (``path`` relative to the root)."""
    return f"https://github.com/{REPOSITORY}" + (f"/blob/{BRANCH}/{path}" if path else "")


def jupyterlab_heading_id(text: str) -> str:
    """A heading's anchor as JupyterLab makes it ("3. Training" -> "3.-Training")."""
    return text.strip().replace(" ", "-")
