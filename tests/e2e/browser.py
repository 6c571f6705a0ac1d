"""What a person does in the browser that several tests share (run inside the Chromium thread)."""

from urllib.parse import urlsplit

from tests.factories import PASSWORD


def sign_in(page, *, base_url: str, username: str, next_path: str) -> None:
    """Sign in on the shop's login page with the factories' password and wait to land on ``next_path``."""
    page.goto(f"{base_url}/shop/accounts/login/?next={next_path}")
    page.fill('input[name="login-username"]', username)
    page.fill('input[name="login-password"]', PASSWORD)
    page.locator('button[name="login_submit"]').click()
    page.wait_for_url(lambda address: urlsplit(address).path == next_path)
