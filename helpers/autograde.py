"""What nbgrader's autograded test cells run (``helpers.grading`` writes them, docs/grading.md).

A test cell follows each exercise's check cell: ``grade("mse", "check_mse", points=1)``. It
takes the learner's function by its name in the notebook and gives the points only when it
passes that same check, so the feedback a learner reads and the grade agree. It never raises:
the cell's value is the points earned (nbgrader's partial credit), so "Run All" reaches the end.

While autograding, nbgrader runs each test cell as
``runpy.run_path("<course code>/helpers/autograde.py")["grade"](..., trusted=True)``
(``helpers.grading_nbgrader``): this file and the checks are then read afresh from the course
code's read-only copy, never taken from the notebook's ``helpers``, which the learner's cells
could have changed. In that mode it also:

- scores 0 and flags a function that calls the course's own code (a reference implementation,
  a check) other than through the notebook names the checks bound to the reference;
- flags course objects the notebook replaced (a check, a helper, this scoring code), functions
  written in the notebook planted in any module, and calls into scipy or scikit-learn;
- stops the learner's function after ``checking.CASE_SECONDS`` on a case (the check says so).

A flag is a printed line starting with ``FLAG``; nbgrader's side marks the test cell "needs
manual grading" and tells the instructor. Only the standard library is imported at the top:
the course package is loaded by ``grade``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import os
import sys
import tempfile
import threading
import types
import warnings
from pathlib import Path
from typing import Any, Callable

PACKAGE = "helpers"
FLAG = "⚑ Flagged for the instructor's review:"
LIBRARIES = ("scipy", "sklearn")
"""Packages whose functions a learner's function may call but the instructor should see."""


def grade(name: str, check: str, points: int = 1, earlier: tuple[str, ...] = (), *, trusted: bool = False) -> int:
    """``points`` if the notebook's function ``name`` passes ``checks.<check>``, else 0 (saying why).

    ``earlier``: the exercises checked before this one in the notebook; those a check replaced by
    the reference are graded as that reference (a learner's function may call them by name).
    ``trusted``: load the checks afresh from the package this file belongs to and guard against
    tampering (autograding); else use the notebook's own ``helpers`` (a learner's Run All).
    """
    namespace = sys._getframe(1).f_globals  # the notebook's names: the test cell is called from there
    if trusted:
        grader = Grader(load_package(Path(__file__).resolve().parent))
    else:  # the notebook's own package (a learner's Run All), which imported this module
        grader = Grader({key: module for key, module in sys.modules.items() if _in_package(key)}, guard=False)
    verdict, earned = grader.grade(namespace, name, check, points, earlier)
    print(verdict)
    return earned


def load_package(package_dir: Path) -> dict[str, types.ModuleType]:
    """A fresh import of the package in ``package_dir`` (every module, by name), left out of
    ``sys.modules`` so nothing the notebook does reaches it."""
    visible = {key: sys.modules.pop(key) for key in list(sys.modules) if _in_package(key)}
    try:
        spec = importlib.util.spec_from_file_location(PACKAGE, package_dir / "__init__.py",
                                                      submodule_search_locations=[str(package_dir)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = module
        spec.loader.exec_module(module)
        return {key: sys.modules[key] for key in list(sys.modules) if _in_package(key)}
    finally:
        for key in [key for key in sys.modules if _in_package(key)]:
            del sys.modules[key]
        sys.modules.update(visible)


def _in_package(module_name: str) -> bool:
    return module_name == PACKAGE or module_name.startswith(PACKAGE + ".")


def code_of(value: Any) -> types.CodeType | None:
    """The Python code behind a function, method or functools.partial; None for anything else."""
    for _ in range(5):  # no getattr on other objects: some compute attributes on demand
        if isinstance(value, types.FunctionType):
            return value.__code__
        if isinstance(value, types.MethodType):
            value = value.__func__
        elif isinstance(value, functools.partial):
            value = value.func
        else:
            return None
    return None


class Grader:
    """Grades one exercise against the course ``modules`` (by name, e.g. ``"helpers.checks"``)."""

    def __init__(self, modules: dict[str, types.ModuleType], guard: bool = True):
        self.modules, self.guard = modules, guard
        self.root = str(Path(modules[PACKAGE].__file__).resolve().parent)  # this copy's helpers/
        # every file of the package by its path inside it, e.g. "/helpers/checks/softmax.py": its module
        self.course_files = {}
        for path in Path(self.root).rglob("*.py"):
            parts = path.relative_to(Path(self.root).parent).with_suffix("").parts
            key = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            self.course_files[os.sep + str(path.relative_to(Path(self.root).parent))] = key
        self.suffixes = tuple(self.course_files)
        self.known: dict[str, bool] = {}  # written_in_notebook, by file name
        self.temporary = os.path.join(os.path.realpath(tempfile.gettempdir()), "")

    # --- what a piece of code is --------------------------------------------------------------
    def course_module(self, filename: str) -> str | None:
        """The course module a code file belongs to (any copy of the package), else None."""
        if filename.endswith(self.suffixes):
            return next(key for suffix, key in self.course_files.items() if filename.endswith(suffix))
        return None

    def visible_course_code(self, filename: str) -> str | None:
        """The course module of ``filename`` when it is the notebook's copy, not this grader's."""
        return None if filename.startswith(self.root) else self.course_module(filename)

    def written_in_notebook(self, filename: str) -> bool:
        """True for code from a notebook cell: the kernel compiles cells into files in the temporary
        folder (IPython alone names them <ipython-input-...>), the one place a fenced kernel can write."""
        known = self.known.get(filename)
        if known is None:
            known = filename.startswith("<ipython-input") or (
                not self.course_module(filename) and os.path.realpath(filename).startswith(self.temporary))
            self.known[filename] = known
        return known

    def twin(self, value: Any) -> Any:
        """This grader's copy of a function of the notebook's course package (same module and
        name), or None when ``value`` is not one."""
        code = code_of(value)
        module = self.visible_course_code(code.co_filename) if code else None
        twin = getattr(self.modules.get(module), code.co_name, None) if module else None
        return twin if code_of(twin) is not None else None

    # --- grading ------------------------------------------------------------------------------
    def grade(self, namespace: dict, name: str, check: str, points: int,
              earlier: tuple[str, ...] = ()) -> tuple[str, int]:
        """(the verdict to print, the points earned) for the notebook's function ``name``."""
        unit = "point" if points == 1 else "points"
        flags = self.tampering(namespace) if self.guard else []
        if flags:  # the grading itself cannot be trusted any more
            verdict = (f"✗ This notebook changed the course's code or a library's (below), so `{name}` cannot be "
                       f"graded automatically: 0 of {points} {unit}.")
            return self.report(verdict, flags), 0
        fn = namespace.get(name)
        code = code_of(fn)
        if name not in namespace:
            verdict = (f"✗ `{name}` is not defined: did you delete or rename the cell that defines it? "
                       f"0 of {points} {unit}.")
            return self.report(verdict, flags), 0
        if code is not None and self.course_module(code.co_filename):
            verdict = (f"✗ `{name}` has not passed its check yet (the check cell above says why), so the notebook "
                       f"uses the reference implementation: 0 of {points} {unit}.")
            return self.report(verdict, flags), 0
        if self.guard and (code is None or not self.written_in_notebook(code.co_filename)):
            where = getattr(fn, "__module__", None) or type(fn).__module__
            verdict = (f"✗ `{name}` is {_describe(fn)} from `{where}`, not a function written in this notebook: "
                       f"0 of {points} {unit}.")
            return self.report(verdict, flags + [f"`{name}` is not the learner's own function ({where})."]), 0
        check_fn = getattr(self.modules[PACKAGE + ".checks"], check)
        output, passed, calls = self.run(check_fn, fn, namespace, earlier)
        course_calls = [call for call in calls if not call.startswith(LIBRARIES)]
        library_calls = [call for call in calls if call.startswith(LIBRARIES)]
        if course_calls:
            called = ", ".join(f"`{call}`" for call in course_calls[:3])
            verdict = (f"✗ `{name}` calls the course's own code ({called}) instead of computing the answer "
                       f"itself: 0 of {points} {unit}.")
            return self.report(verdict, flags + [f"`{name}` calls {called}."]), 0
        if library_calls:
            flags.append(f"`{name}` calls {', '.join(f'`{call}`' for call in library_calls[:3])} "
                         "(the score stands; is that allowed in this exercise?).")
        if passed:
            return self.report(f"✓ `{name}` passes its check: {points} {unit}.", flags), points
        return self.report(f"✗ `{name}` does not pass its check: 0 of {points} {unit}.\n{output}", flags), 0

    def run(self, check: Callable, fn: Callable, namespace: dict,
            earlier: tuple[str, ...]) -> tuple[str, bool, list[str]]:
        """Run ``check(fn)`` quietly: (what it printed, passed?, the calls into course code or the
        LIBRARIES that ``fn`` made). Earlier exercises that fell back to the reference are this
        grader's copy of it meanwhile, so a learner's function may call them by name."""
        swapped = {}
        for other in earlier:
            twin = self.twin(namespace.get(other))
            if twin is not None:
                swapped[other] = namespace[other]
                namespace[other] = twin
        monitor = CallMonitor(self) if self.guard else None
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # nbgrader scores a test cell that writes to stderr as 0
                with monitor or contextlib.nullcontext():
                    used = check(fn)
        finally:
            namespace.update(swapped)
        calls = monitor.calls if monitor else []
        if monitor and monitor.switched_off:
            calls.append("sys.setprofile (it switched off the grader's watch on its calls)")
        return printed.getvalue().strip(), used is fn, calls

    def tampering(self, namespace: dict) -> list[str]:
        """What the notebook changed in the course's modules or planted in any module (other than
        the notebook's own: ``__main__``, and ``__mp_main__`` once multiprocessing is imported)."""
        found = []
        for key, module in list(sys.modules.items()):
            if not isinstance(module, types.ModuleType) or vars(module) is namespace or key == "__main__":
                continue
            for attr, value in _attributes(module, deep=_in_package(key)):
                code = code_of(value)
                if code is not None and self.written_in_notebook(code.co_filename):
                    found.append(f"`{key}.{attr}` was replaced by code written in the notebook.")
        for key, good in self.modules.items():
            visible = sys.modules.get(key)
            if visible is None:
                continue
            if not isinstance(visible, types.ModuleType) or not self.course_module(getattr(visible, "__file__", "") or ""):
                found.append(f"the module `{key}` was replaced.")
                continue
            for attr, value in vars(good).items():
                if attr.startswith("__") or not self.same(vars(visible).get(attr, _MISSING), value):
                    if not attr.startswith("__"):
                        found.append(f"`{key}.{attr}` is not the course's own any more.")
        return list(dict.fromkeys(found))

    def same(self, visible: Any, good: Any) -> bool:
        """Whether the notebook's ``visible`` still is the course's ``good`` (functions by their code,
        constants by value; other objects are not compared)."""
        good_code = code_of(good)
        if good_code is not None:
            code = code_of(visible)
            return (code is not None and code.co_name == good_code.co_name
                    and self.course_module(code.co_filename) == self.course_module(good_code.co_filename))
        if type(good) in (bool, int, float, str):
            return type(visible) is type(good) and visible == good
        return True

    def report(self, verdict: str, flags: list[str]) -> str:
        return "\n".join([verdict, *(f"{FLAG} {flag}" for flag in flags[:8])])


_MISSING = object()


def _attributes(module: types.ModuleType, deep: bool) -> list[tuple[str, Any]]:
    """A module's attributes; with ``deep``, also those of the classes it defines (``Class.attr``)."""
    try:
        items = list(vars(module).items())
    except TypeError:
        return []
    found = list(items)
    if deep:
        for name, value in items:
            if isinstance(value, type) and value.__module__ == module.__name__:
                found += [(f"{name}.{attr}", inner) for attr, inner in list(vars(value).items())]
    return found


def _describe(value: Any) -> str:
    return "not defined" if value is None else f"a {type(value).__name__}"


class CallMonitor:
    """Records, while active, every call into the notebook's course code and the LIBRARIES
    (``sys.setprofile``, in every thread); this grader's own copy of the course is not recorded."""

    def __init__(self, grader: Grader):
        self.grader, self.calls, self.switched_off = grader, [], False
        self.library_parts = tuple(f"{os.sep}{name}{os.sep}" for name in LIBRARIES)

    def __call__(self, frame: types.FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        code = frame.f_code
        module = self.grader.visible_course_code(code.co_filename)
        if module:  # the course's code runs here only when the learner's function calls it
            caller = frame.f_back.f_code.co_filename if frame.f_back else ""
            if self.grader.visible_course_code(caller):
                return  # called by the course code the learner's function called: that one is named
            call = f"{module}.{code.co_name}"
        elif any(part in code.co_filename for part in self.library_parts):
            caller = frame.f_back.f_code.co_filename if frame.f_back else ""
            if not self.grader.written_in_notebook(caller):
                return  # the checks' own use of the library, or the library calling itself
            library = next(name for name in LIBRARIES if f"{os.sep}{name}{os.sep}" in code.co_filename)
            call = f"{library} ({code.co_name})"
        else:
            return
        if call not in self.calls:
            self.calls.append(call)

    def __enter__(self) -> "CallMonitor":
        self.previous = sys.getprofile(), threading.getprofile()
        threading.setprofile(self)
        sys.setprofile(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.switched_off = sys.getprofile() is not self
        sys.setprofile(self.previous[0])
        threading.setprofile(self.previous[1])
