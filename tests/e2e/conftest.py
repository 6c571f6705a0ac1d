"""Real Chromium (Debian's, never a Playwright download) driving the live server."""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django refuses ORM calls near one unless told it is fine.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "vi-VN", "is_mobile": True, "has_touch": True}


@pytest.fixture
def in_phone_browser():
    """Run `script(page)` in a phone-sized Chromium page and return what it returns.

    Playwright runs in its own thread: its greenlets switch context variables, and Django's
    database connections in the test's thread must stay the ones the test database was set up on
    (the serialized data that `serialized_rollback` restores hangs on them).
    """
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: install Debian's chromium (make chromium)")
    from playwright.sync_api import sync_playwright

    def drive(script):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(**PHONE)
                context.set_default_timeout(15_000)
                return script(context.new_page())
            finally:
                browser.close()

    def run(script):
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium") as pool:
            return pool.submit(drive, script).result()

    return run
