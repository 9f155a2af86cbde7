"""Scratch Python environments for the tests that play a new machine, a hub or another Python version."""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from .conftest import ROOT


def find_python(version: str) -> str | None:
    """A working interpreter for ``version`` (e.g. "3.12"): on PATH, in pyenv, or in the usual places."""
    candidates = [shutil.which(f"python{version}"), *sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}"))),
                  f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"]
    for candidate in filter(None, candidates):
        try:
            out = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                 capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.returncode == 0 and out.stdout.strip() == version:
            return candidate
    return None


def dependencies_only_env(path: Path) -> Path:
    """A new venv that sees this environment's packages (pinned dependencies) but not the course package.

    The test environment's site-packages is added by a .pth line; .pth files inside it (the
    editable install of ``helpers``) are not processed from there, so ``import helpers``
    finds only what the new environment itself provides. Returns its python.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    python = path / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "course_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def install_wheel(python: Path, wheel: Path) -> None:
    """Install ``wheel`` into the environment of ``python`` with this environment's pip (no dependencies)."""
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--target", site, str(wheel)], check=True)


def cached_course_env(version: str, python: str) -> Path:
    """A venv for Python ``version`` with the course installed (editable) and its test extras at the locked
    versions (constraints.txt); reused while pyproject.toml and the lock are unchanged. Lives in .venvs/ (git-ignored). Returns its python."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + (ROOT / "constraints.txt").read_bytes()).hexdigest()[:12]
    env = ROOT / ".venvs" / f"py{version}"
    marker = env / f".installed-{digest}"
    if not marker.exists():
        shutil.rmtree(env, ignore_errors=True)
        subprocess.run([python, "-m", "venv", str(env)], check=True)
        subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-c", str(ROOT / "constraints.txt"), "-e", f"{ROOT}[lab,test]"], check=True)
        marker.touch()
    return env / "bin" / "python"
