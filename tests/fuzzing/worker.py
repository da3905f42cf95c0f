"""A long-lived process that loads Polemos once and runs fuzz cases one by one (issue 12).

Run as ``python tests/fuzzing/worker.py`` with Polemos importable. Requests arrive on stdin, one
JSON object a line; each answer goes back as one JSON line on the stdout the process started
with, while ``sys.stdout`` itself is swapped for a buffer per case so library code that prints
is caught. Routes:

- ``code_text``: ``polemos.code_text(text, date)``; only ``InputError`` may come out of it.
- ``stdin``: ``polemos code - --db DB`` through click's runner, so the CLI reads the case's bytes
  as its standard input without a model load per case.

The harness kills this process when a case runs past its time limit and starts another.
"""

from __future__ import annotations

import base64
import io
import json
import os
import resource
import sys
import time
import traceback
from typing import Any


def _code_text(request: dict[str, Any]) -> dict[str, Any]:
    import polemos

    try:
        mentions = polemos.code_text(request["text"], date=request.get("date"))
    except polemos.InputError as err:
        return {"outcome": "input-error", "message": str(err)[:300]}
    except polemos.PolemosError as err:
        return {"outcome": "polemos-error", "error": type(err).__name__, "message": str(err)[:300]}
    except BaseException as err:  # the harness's boundary: any escape is what it reports
        if isinstance(err, KeyboardInterrupt):
            raise
        return {"outcome": "exception", "error": type(err).__name__, "message": str(err)[:300],
                "traceback": "".join(traceback.format_exception(err))[-3000:]}
    return {"outcome": "ok", "mentions": len(mentions)}


def _stdin(request: dict[str, Any]) -> dict[str, Any]:
    from click.testing import CliRunner

    from polemos.cli import cli

    data = base64.b64decode(request["data"])
    result = CliRunner().invoke(cli, ["code", "-", "--db", request["db"], *request.get("args", [])],
                                input=data, prog_name="polemos", catch_exceptions=True)
    reply: dict[str, Any] = {"outcome": "exit", "exit": result.exit_code,
                             "stderr": result.stderr[-20000:]}
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        reply["error"] = type(result.exception).__name__
        reply["traceback"] = "".join(traceback.format_exception(*result.exc_info))[-3000:]  # type: ignore[misc]
    return reply


def main() -> None:
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    import polemos

    polemos.get_knowledge().load_all()
    answers.write(json.dumps({"ready": True}) + "\n")
    answers.flush()
    for line in sys.stdin:
        request = json.loads(line)
        caught = io.StringIO()
        real, sys.stdout = sys.stdout, caught
        started = time.perf_counter()
        try:
            reply = _code_text(request) if request["route"] == "code_text" else _stdin(request)
        finally:
            sys.stdout = real
        reply["seconds"] = round(time.perf_counter() - started, 3)
        reply["printed"] = caught.getvalue()[:200]
        reply["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        answers.write(json.dumps(reply) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
