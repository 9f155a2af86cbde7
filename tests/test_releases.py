"""Releases: a version that changes with each release, and links that name only refs that exist.

The version lives in helpers/__init__.py (pyproject.toml reads it); each release raises it, adds
a CHANGELOG.md entry and publishes the tag vX.Y.Z. Binder, nbgitpuller, Colab, GitHub and pip
links in the README, the CHANGELOG, docs/ and the student notebooks' first cell name a branch or
a tag: each must exist in this repository (CI checks out every branch and tag: fetch-depth 0).
"""

import re
import subprocess

import pytest

import helpers
from helpers import links
from helpers.hosted import setup_cell_source

from .conftest import ROOT

REPO = re.escape(links.REPOSITORY)
REF = r"([A-Za-z0-9][A-Za-z0-9._-]*)"
# Every way a link can name a ref of the course repository.
REF_PATTERNS = [
    rf"mybinder\.org/v2/gh/{REPO}/{REF}",
    rf"colab\.research\.google\.com/github/{REPO}/blob/{REF}/",
    rf"github\.com/{REPO}/(?:blob|tree|releases/tag)/{REF}",
    rf"git\+https://github\.com/{REPO}@{REF}",
    r"git-pull\?[^\s`)]*?branch=" + REF,
]
DOCUMENTS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]


def named_refs(text: str) -> set[str]:
    return {ref for pattern in REF_PATTERNS for ref in re.findall(pattern, text)}


def repository_refs() -> set[str]:
    """Branch and tag names this clone knows: local and remote-tracking branches, tags."""
    out = subprocess.run(["git", "for-each-ref", "--format=%(refname)"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    refs = set()
    for name in out.split():
        for prefix in ("refs/heads/", "refs/tags/"):
            if name.startswith(prefix):
                refs.add(name.removeprefix(prefix))
        if name.startswith("refs/remotes/"):
            refs.add(name.split("/", 3)[3])
    return refs - {"HEAD"}


def changelog_releases() -> list[str]:
    return re.findall(r"^## \[(\d+\.\d+\.\d+)\] — \d{4}-\d\d-\d\d$", (ROOT / "CHANGELOG.md").read_text(), re.M)


def test_the_version_is_the_newest_changelog_release():
    releases = changelog_releases()
    assert releases and releases[0] == helpers.__version__, "raise helpers.__version__ with a CHANGELOG.md entry"
    numbers = [tuple(map(int, r.split("."))) for r in releases]
    assert numbers == sorted(set(numbers), reverse=True), "CHANGELOG.md releases must be distinct, newest first"


def test_the_installed_metadata_carries_the_same_version():
    import importlib.metadata
    assert importlib.metadata.version("how-models-learn") == helpers.__version__, "run `make install` after a release"


def test_every_link_names_a_ref_the_repository_has():
    existing = repository_refs()
    assert "main" in existing, "no `main` branch in this clone (CI must check out all refs: fetch-depth 0)"
    texts = {path.relative_to(ROOT).as_posix(): path.read_text() for path in DOCUMENTS}
    texts["the hosted-setup cell"] = setup_cell_source()
    named = {where: named_refs(text) for where, text in texts.items()}
    assert "main" in named["README.md"], "the README's links should name main (or a published tag)"
    missing = {where: sorted(refs - existing) for where, refs in named.items() if refs - existing}
    assert not missing, f"links name refs this repository does not have (publish the tag or use main): {missing}"


@pytest.mark.parametrize("link", [
    links.binder_url(ref="v9.9.9"), links.colab_url("01_linear_regression_and_mse.ipynb", "v9.9.9"),
    links.nbgitpuller_url("https://hub.example.org", ref="v9.9.9"), links.pip_source("v9.9.9"),
    "https://github.com/how-models-learn/course/tree/v9.9.9/notebooks",
])
def test_a_link_to_a_missing_tag_is_caught(link):
    assert named_refs(f"see ({link}) here") == {"v9.9.9"}
    assert "v9.9.9" not in repository_refs()
