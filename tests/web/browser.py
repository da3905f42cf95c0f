"""Headless Chromium for the dashboard's tests and its screenshot (Debian's ``chromium`` and
``chromium-driver``, driven by Selenium; nothing is downloaded at run time)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
INSTALL = "apt-get install -y chromium chromium-driver"


def missing() -> str | None:
    """Why a browser cannot start here, in one line; None when it can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} is missing: {INSTALL}"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[dev]'"
    return None


def start(width: int = 1280, height: int = 1000) -> Any:
    """A headless Chromium driven through Debian's chromedriver, given by path so that Selenium
    Manager never looks for (or downloads) a driver of its own."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 f"--window-size={width},{height}", "--disable-extensions", "--no-first-run"):
        options.add_argument(flag)  # no sandbox: CI runs the tests as root
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # the page's console, for tests
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver
