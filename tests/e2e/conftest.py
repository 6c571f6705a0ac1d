"""Real Chromium (Debian's, never a Playwright download) driving the live server.

Every page a browser test opens is watched for Content-Security-Policy violations (Chromium's
console errors and the `securitypolicyviolation` event): any violation fails the test at teardown.
"""

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
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}

# Runs in every page before its own scripts: reports each violation on the console, where it is collected.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
    console.error("securitypolicyviolation: " + event.violatedDirective + " blocked " +
                  (event.blockedURI || "inline") + " at " + event.documentURI +
                  (event.lineNumber ? ":" + event.lineNumber : "") +
                  (event.sample ? " (" + event.sample + ")" : ""));
});
"""


def _is_csp_violation(text: str) -> bool:
    return text.startswith("securitypolicyviolation: ") or "Content Security Policy" in text


def _browser_runner(options: dict, violations: list[str]):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: install Debian's chromium (make chromium)")
    from playwright.sync_api import sync_playwright

    def watch(page):
        page.on("console", lambda message: violations.append(f"{page.url}: {message.text}")
                if message.type == "error" and _is_csp_violation(message.text) else None)

    def drive(script):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(**options)
                context.set_default_timeout(15_000)
                context.add_init_script(_REPORT_VIOLATIONS)
                context.on("page", watch)
                return script(context.new_page())
            finally:
                browser.close()

    def run(script):
        """Run `script(page)` in a fresh Chromium and return what it returns.

        Playwright runs in its own thread: its greenlets switch context variables, and Django's
        database connections in the test's thread must stay the ones the test database was set up on
        (the serialized data that `serialized_rollback` restores hangs on them).
        """
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium") as pool:
            return pool.submit(drive, script).result()

    return run


@pytest.fixture
def csp_violations():
    """The Content-Security-Policy violations Chromium reported in this test; any fails it at teardown."""
    violations: list[str] = []
    yield violations
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def in_phone_browser(csp_violations):
    """Run `script(page)` in a phone-sized Chromium page and return what it returns."""
    return _browser_runner(PHONE, csp_violations)


@pytest.fixture
def in_desktop_browser(csp_violations):
    """Run `script(page)` in a desktop-sized Chromium page (the admin screens) and return what it returns."""
    return _browser_runner(DESKTOP, csp_violations)
