"""What to tell a user whose installation lacks a part: the missing module and the pip command.

A fresh machine can miss a dependency (a pip too old to match an extra, a model package removed);
the CLI turns that ImportError into one line naming the fix instead of a traceback.
"""

from __future__ import annotations

import re
from importlib import metadata

_REINSTALL = 'pip install -e ".[dev]" in the checkout, or pip install polemos'


def _key(name: str) -> str:
    """A distribution or module name compared as pip compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_for(module: str) -> str | None:
    """Our declared requirement that installs ``module``, when its name says so ("duckdb>=1.3")."""
    try:
        requirements = metadata.requires("polemos") or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return None
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        spec = requirement.split(";")[0].strip()
        name = re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0]
        if _key(name) == _key(module):
            return spec
    return None


def missing_part_message(err: ImportError) -> str:
    """One line: what could not be imported and the command that installs it."""
    reason = " ".join(str(err).split())  # some packages raise a two-line ImportError
    module = (err.name or "").split(".")[0]
    requirement = _requirement_for(module) if module else None
    fix = f'pip install "{requirement}"' if requirement else _REINSTALL
    return f"setup: {reason} (a part Polemos needs is not installed; fix: {fix})"
