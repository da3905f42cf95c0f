"""Write docs/img/dashboard.png: the dashboard over the bundled sample articles, one incident open.

    python tools/dashboard_screenshot.py [OUT.png]

Codes the samples (``polemos demo``'s articles) into a temporary store, serves it on loopback
in this process, and photographs the page in headless Chromium (Debian's ``chromium`` and
``chromium-driver``, as the browser tests use: tests/web/browser.py).
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "web"))
import browser  # noqa: E402

import polemos  # noqa: E402
from polemos.serve import create_app  # noqa: E402


def main(out: Path) -> None:
    why = browser.missing()
    if why:
        raise SystemExit(f"dashboard_screenshot: {why}")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.duckdb"
        with polemos.open_store(db) as store:
            polemos.code_paths([polemos.sample_articles_path()], store=store)
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=0,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
        try:
            shoot(url, out)
        finally:
            server.should_exit = True
            thread.join()


def shoot(url: str, out: Path) -> None:
    """The deadliest incident open below the map, timeline and table."""
    from selenium.webdriver.support.ui import WebDriverWait

    incidents = httpx.get(f"{url}/incidents", params={"limit": 500}, timeout=30).json()["items"]
    deadliest = max(incidents, key=lambda i: (i["dead"] or 0, i["n_mentions"]))
    driver = browser.start(1280, 1500)
    try:
        driver.get(f"{url}/?incident={deadliest['id']}")
        WebDriverWait(driver, 30).until(
            lambda d: d.find_element("id", "detail").is_displayed()
            and d.find_elements("css selector", "#map circle.point"))
        driver.execute_script("window.scrollTo(0, 0)")
        out.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(out))
    finally:
        driver.quit()
    print(f"{out}: {len(incidents)} incidents, {deadliest['id']} open", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img" / "dashboard.png")
