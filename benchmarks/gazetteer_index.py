"""Place-index cost: build time, peak memory, file size, open and lookup time, resident memory.

`python benchmarks/gazetteer_index.py` builds a fresh index in a temporary folder (no network),
then opens it in a new process and times lookups; prints one JSON object.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = """
import json, re, sys, time
from pathlib import Path
from polemos.gazetteer.lookup import Gazetteer
t = time.perf_counter(); g = Gazetteer.open(Path(sys.argv[1]), build=False)
opened = time.perf_counter() - t
names = ["Baghdad", "Qayyarah", "Gayara", "Mosul", "Kirkuk", "Springfield", "Paris", "Al Asad Air Base"]
t = time.perf_counter()
for _ in range(100):
    for n in names:
        g.lookup(n)
lookup = (time.perf_counter() - t) / (100 * len(names))
print(json.dumps({"open_ms": round(opened * 1000, 1), "lookup_ms": round(lookup * 1000, 3),
                  # VmRSS, not ru_maxrss: a child inherits its parent's peak across fork
                  "rss_in_use_mb": round(int(re.search(r"VmRSS:\\s+(\\d+)",
                                         open("/proc/self/status").read())[1]) / 1024)}))
"""


def main() -> None:
    from polemos.gazetteer.lookup import Gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        t = time.perf_counter()
        Gazetteer.build(path)
        built = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        probe = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                               text=True, check=True)
        print(json.dumps({"build_seconds": round(built, 1), "build_peak_mb": round(peak),
                          "file_mb": round(path.stat().st_size / 2**20), **json.loads(probe.stdout)}))


if __name__ == "__main__":
    main()
