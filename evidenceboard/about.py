"""What the About box says: our version and the components we ship, with their licences.

Everything is read from the installed distributions' metadata (``importlib.metadata``),
never typed in by hand, so the list follows ``pyproject.toml`` and works the same in a
virtualenv, an installed wheel or a frozen bundle that carries the ``*.dist-info``
folders.  No Qt here: the command line can use it too.
"""

from __future__ import annotations

import importlib.metadata as md
import platform
import re
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .paths import resources_dir

APP_DIST = "evidenceboard"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
#: A licence field longer than this is the licence text itself, not its name.
_SHORT = 120


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str  # an SPDX expression or the licence's name; "unknown" if not stated
    licence_files: tuple[str, ...] = ()  # paths inside the distribution


def app_version() -> str:
    """Our version as installed (the package's own when run from a bare checkout)."""
    try:
        return md.version(APP_DIST)
    except md.PackageNotFoundError:
        return __version__


def app_licence() -> str:
    try:
        return licence_of(md.metadata(APP_DIST))
    except md.PackageNotFoundError:
        return "MIT"


def licence_of(meta: md.PackageMetadata) -> str:
    """The licence a distribution declares: License-Expression, else a short License
    field, else its "License ::" classifiers."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text.upper() == "UNKNOWN":  # setuptools' filler for "not given" (lemminflect)
        text = ""
    if text and len(text) <= _SHORT and "\n" not in text:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return "unknown"


def _runtime_requirements(dist: md.Distribution) -> list[str]:
    """Names of what ``dist`` needs at run time (not its optional extras)."""
    names = []
    for req in dist.requires or []:
        _, _, marker = req.partition(";")
        if re.search(r"\bextra\s*==", marker):
            continue
        m = _NAME.match(req)
        if m:
            names.append(m.group(1))
    return names


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bundled_components() -> list[Component]:
    """Every distribution EvidenceBoard runs on (its run-time requirements, and theirs),
    sorted by name.  Requirements not installed here (another Python's marker) are
    skipped."""
    try:
        root = md.distribution(APP_DIST)
    except md.PackageNotFoundError:
        return []
    seen: dict[str, Component] = {}
    todo = _runtime_requirements(root)
    while todo:
        name = todo.pop()
        if _key(name) in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        meta = dist.metadata
        files = tuple(meta.get_all("License-File") or ())
        seen[_key(name)] = Component(meta.get("Name") or name, dist.version,
                                     licence_of(meta), files)
        todo.extend(_runtime_requirements(dist))
    return sorted(seen.values(), key=lambda c: c.name.casefold())


_LICENCE_NAMES = ("LICEN", "COPYING", "NOTICE")


def _ours(name: str) -> list[Path]:
    """Licence texts we ship for a component whose metadata has none (the bundle adds
    Python's and the system libraries'): resources/licenses/<name>/."""
    folder = resources_dir() / "licenses" / name
    if folder.is_dir():
        return sorted(p for p in folder.glob("*") if p.is_file())
    if name == "Python":  # not frozen: the interpreter's own copy
        for p in (Path(sysconfig.get_path("stdlib")) / "LICENSE.txt",
                  Path(sys.base_prefix) / "LICENSE.txt"):
            if p.is_file():
                return [p]
    return []


def licence_text(component: Component) -> str | None:
    """The licence text of a component: the files its metadata names, else the licence
    files in its *.dist-info folder, else ours (resources/licenses/<Name>/)."""
    texts: list[str] = []
    try:
        dist: md.Distribution | None = md.distribution(component.name)
    except md.PackageNotFoundError:
        dist = None
    if dist is not None:
        for rel in component.licence_files:
            for candidate in (f"licenses/{rel}", rel):
                try:
                    text = dist.read_text(candidate)
                except (OSError, ValueError):
                    text = None
                if text:
                    texts.append(text)
                    break
        if not texts:
            for f in dist.files or []:
                if f.parts and f.parts[0].endswith(".dist-info") and \
                        f.name.upper().startswith(_LICENCE_NAMES):
                    try:
                        texts.append(f.read_text())
                    except (OSError, ValueError, UnicodeDecodeError):
                        continue
    if not texts:
        for path in _ours(component.name):
            try:
                texts.append(path.read_text("utf-8", "replace"))
            except OSError:
                continue
    return "\n\n".join(t.strip() for t in texts if t.strip()) or None


def shipped_components() -> list[Component]:
    """What a frozen bundle carries besides Python distributions: the interpreter and
    (Linux) the system libraries, whose licence texts the bundle build copies into
    resources/licenses/ (packaging/evidenceboard.spec)."""
    out = [Component("Python", platform.python_version(), "PSF-2.0")]
    system = resources_dir() / "licenses" / "system"
    if system.is_dir():
        out += [Component(f"system/{p.name}", "", "see its copyright file")
                for p in sorted(system.iterdir()) if p.is_dir()]
    return out


def runtime_summary(qt_version: str | None = None, binding_version: str | None = None) -> str:
    """One line per fact: our version, Python, Qt (given by the caller) and the OS."""
    lines = [f"EvidenceBoard {app_version()}",
             f"Python {platform.python_version()} ({platform.python_implementation()})"]
    if qt_version:
        lines.append(f"Qt {qt_version}" + (f", PySide6 {binding_version}"
                                           if binding_version else ""))
    lines.append(f"{platform.system()} {platform.release()} ({platform.machine()})")
    return "\n".join(lines)
