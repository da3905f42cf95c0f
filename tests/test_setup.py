"""The install a user runs is the one CI proves: the README's commands, a clean `pip check`, lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _readme_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert block, "the README opens with a bash block of set-up commands"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_setup_ci_runs_exactly_the_readme_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2 and commands[1] == "pytest"
    script = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    # set-up lines (strict mode, the folder, a fresh venv) then the README's two commands, verbatim
    assert script[-2:] == commands
    assert not any("pip install" in line for line in script[:-2])
    assert not any("upgrade" in line for line in script)


def test_setup_pip_check_is_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_setup_every_runtime_import_is_declared() -> None:
    # lxml_html_clean is only reached when an HTML file is read; look for it here so a missing
    # declaration fails on a fresh install, not on a user's first .html
    from importlib.util import find_spec

    missing = [name for name in ("lxml_html_clean", "trafilatura") if find_spec(name) is None]
    assert not missing, f"not installed: {missing}"


def test_setup_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is a dev dependency"
    done = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _installed(name: str) -> bool:
    from importlib import metadata

    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def test_setup_extras_of_our_dependency_tree_are_installed() -> None:
    # `pip check` on the pip a fresh venv ships matches extras by their spelling, so
    # justext's `lxml[html_clean]` (lxml spells it `html-clean`) passed while the module was
    # missing. Walk the tree ourselves with normalised extra names.
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    missing: list[str] = []
    seen: set[tuple[str, str]] = set()
    todo = [(canonicalize_name("polemos"), "dev")]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        for line in metadata.requires(name) or []:
            req = Requirement(line)
            env = {"extra": extra}
            if req.marker is not None and not req.marker.evaluate(env):
                continue
            dep = canonicalize_name(req.name)
            if not _installed(dep):
                missing.append(f"{name} needs {line}")
                continue
            todo.append((dep, ""))
            todo.extend((dep, canonicalize_name(e)) for e in req.extras)
    assert not missing, missing


def test_setup_mypy_is_clean() -> None:
    # we ship py.typed: the package's own types must hold (pyproject.toml [tool.mypy])
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
