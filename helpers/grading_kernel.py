"""The Python kernel nbgrader autogrades in, fenced in before any learner's cell runs.

nbgrader starts it from the kernel spec ``helpers.grading`` writes into the course directory
(``python -P <course>/course-code/helpers/grading_kernel.py -f <connection file>``). It starts
an ordinary IPython kernel, then, before the first cell, uses Linux's Landlock (kernel 5.13
or later; unprivileged, irreversible, inherited by child processes) so that the kernel:

- writes only in its own temporary folder (HOME, TMPDIR, IPython's and matplotlib's files):
  not the course code, the gradebook, the submissions or anything else;
- reads only Python, its libraries, the course code, the system's files and the notebook's
  own folder: not the course directory's source/ (solutions), other learners' work or the
  gradebook, which it could otherwise print into its feedback.

The folder the notebook runs in stays its working directory but leaves ``sys.path``, so files
handed in next to the notebook (a fake ``helpers/``) are never imported. Without Landlock the
kernel runs unfenced and says so on stderr, which nbgrader shows: then grade in a container
or as a separate user (docs/grading.md). Only the standard library and ipykernel are used.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

# Landlock access rights for files and folders (linux/landlock.h), by ABI version
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
CHANGES = sum(1 << bit for bit in range(4, 13))  # remove and make files, folders, links, sockets, pipes, devices
REFER, TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE
CREATE_RULESET, ADD_RULE, RESTRICT_SELF = 444, 445, 446  # the same syscall numbers on every architecture
PR_SET_NO_NEW_PRIVS = 38


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def landlock_version() -> int:
    """Landlock's ABI version, or 0 where it is not available (not Linux, kernel too old, disabled)."""
    if not sys.platform.startswith("linux"):
        return 0
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.syscall.restype = ctypes.c_long
    version = libc.syscall(CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(int(version), 0)


def fence(readable: list[str], writable: list[str]) -> int:
    """Allow this process and its children to read only beneath ``readable`` and write only beneath
    ``writable`` (paths that do not exist are skipped); returns the Landlock version, 0 if none."""
    version = landlock_version()
    if not version:
        return 0
    write = WRITE_FILE | CHANGES | (REFER if version >= 2 else 0) | (TRUNCATE if version >= 3 else 0)
    read = READ_FILE | READ_DIR
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.syscall.restype = ctypes.c_long
    attr = _RulesetAttr(write | read)
    ruleset = libc.syscall(CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    rights = {}
    for path in readable:
        rights[path] = rights.get(path, 0) | read
    for path in writable:
        rights[path] = rights.get(path, 0) | read | write
    for path, allowed in rights.items():
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            continue
        if not os.path.isdir(path):
            allowed &= FILE_RIGHTS
        rule = _PathBeneath(allowed, fd)
        done = libc.syscall(ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(1), ctypes.byref(rule), ctypes.c_uint32(0))
        os.close(fd)
        if done < 0:
            raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {path}")
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) or libc.syscall(RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)):
        raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    os.close(ruleset)
    return version


def readable_paths(notebook_dir: str, course_code: str) -> list[str]:
    """What the graded notebook may read: Python and its libraries, the course package the
    notebook imports and its data, the course code copy, system files, the notebook's folder."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, course_code, notebook_dir,
             "/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc", "/proc", "/sys", "/dev", "/opt"}
    paths.update(p for p in sys.path if p and os.path.isabs(p))  # site-packages, editable installs
    spec = importlib.util.find_spec("helpers")
    if spec and spec.submodule_search_locations:
        package = Path(next(iter(spec.submodule_search_locations)))
        paths.update({str(package), str(package.parent / "data")})  # a clone keeps data/ beside helpers/
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    paths.add(os.path.join(cache, "matplotlib"))  # its font list: read, not rebuilt
    paths.add(os.environ.get("MPLCONFIGDIR") or os.path.expanduser("~/.config/matplotlib"))
    return sorted(os.path.realpath(p) for p in paths)


def main(argv: list[str]) -> None:
    course_code = str(Path(__file__).resolve().parent.parent)
    notebook_dir = os.getcwd()
    sandbox = tempfile.mkdtemp(prefix="autograde-kernel-")
    readable = readable_paths(notebook_dir, course_code)
    os.environ.update(HOME=sandbox, TMPDIR=sandbox, IPYTHONDIR=os.path.join(sandbox, "ipython"))
    tempfile.tempdir = sandbox

    from ipykernel.kernelapp import IPKernelApp
    app = IPKernelApp.instance()
    app.initialize(argv)
    sys.path[:] = [p for p in sys.path if p not in ("", ".", notebook_dir)]
    try:
        version = fence(readable, [sandbox, "/dev"])
    except OSError as error:
        version = 0
        print(f"grading kernel: Landlock failed ({error})", file=sys.stderr)
    if not version:
        print("grading kernel: no Landlock here, so the graded notebook can write to the course code, the "
              "gradebook and your files: grade in a container or as a separate user (docs/grading.md)",
              file=sys.stderr)
    app.start()


if __name__ == "__main__":
    main(sys.argv[1:])
