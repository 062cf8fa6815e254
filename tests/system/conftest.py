"""Browser journeys: Playwright drives Debian's chromium against a live server.

Every page a journey visits is checked with axe-core against WCAG 2.2 AA: ``browse.goto``
checks the page it lands on, and ``browse.check()`` checks the page after a click or a form
submission. The same check fails on an error summary with no errors in it, and when the
browser has reported a Content Security Policy violation (a blocked inline script or style,
or a resource from elsewhere) on the pages visited so far.
"""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from conftest import restore_starting_themes
from safeguarding.accounts.tests.factories import TEST_PASSWORD
from tests.system.axe import assert_accessible

# Playwright's sync API runs an event loop in this thread; the test's own database calls
# are still synchronous, so Django's async-safety guard is lifted for browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/system" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def assert_no_empty_error_summary(page) -> None:
    """An error summary is an alert: one with no error in it is announced to screen reader
    users as "There is a problem" and then nothing."""
    empty = page.evaluate(
        """() => Array.from(document.querySelectorAll(".govuk-error-summary"))
            .filter((summary) => {
                const body = summary.querySelector(".govuk-error-summary__body");
                return !body || !body.textContent.trim();
            }).length"""
    )
    assert not empty, f"{page.url}: {empty} error summary with no errors in it"


def assert_status(response, path: str, expect: int | None = None) -> None:
    """Playwright's response for a navigation is the last one in any redirect chain."""
    assert response is not None, f"{path}: the browser received no response"
    if expect is None:
        assert 200 <= response.status < 300, (
            f"{path}: expected a successful page, got {response.status} at {response.url}"
        )
    else:
        assert response.status == expect, (
            f"{path}: expected status {expect}, got {response.status} at {response.url}"
        )


class Browse:
    """A signed-out browser tab on the live server, checking accessibility as it goes."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []
        self.csp_violations: list[str] = []
        self._axe_running = False
        page.on("console", self._note_csp_violation)

    def _note_csp_violation(self, message) -> None:
        # axe-core itself sets inline styles while it measures colour contrast; what it does
        # is the test tool's doing, not the page's, so it is not counted.
        if "Content Security Policy" in message.text and not self._axe_running:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def assert_no_csp_violations(self) -> None:
        assert not self.csp_violations, "Content Security Policy violations:\n" + "\n".join(
            self.csp_violations
        )

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def goto(self, path: str, *, check: bool = True, expect: int | None = None):
        """Visit ``path`` and fail unless the page it ends on (after any redirects) was
        served with a success status, or with ``expect`` when the test means to reach an
        error page: an error page passes the accessibility check, so without this a
        journey could "pass" on a 403, 404 or 500 page."""
        response = self.page.goto(self.url(path))
        assert_status(response, path, expect)
        if check:
            self.check()
        return response

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        self.visited.append(self.page.url)
        assert_no_empty_error_summary(self.page)
        self.page.evaluate("1")  # deliver the page's console messages so far
        self.assert_no_csp_violations()
        self._axe_running = True
        try:
            assert_accessible(self.page)
            self.page.evaluate("1")
        finally:
            self._axe_running = False

    def sign_in(self, user, password: str = TEST_PASSWORD) -> None:
        self.goto("/accounts/sign-in/")
        self.page.get_by_label("Email address").fill(user.email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/dashboard/")
        self.check()

    def choose(self, label: str, typed: str, option: str | None = None) -> None:
        """Type part of a name into a searchable choice (GOV.UK accessible autocomplete,
        enhancing the select) and pick the suggestion that contains ``option``."""
        field = self.page.get_by_label(label, exact=True)
        field.fill("")
        field.press_sequentially(typed)
        menu = self.page.locator(".autocomplete__menu--visible")
        menu.get_by_role("option", name=option or typed).first.click()

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()
        self.page.wait_for_load_state("load")


@pytest.fixture
def browse(chromium_browser, live_server, transactional_db):
    restore_starting_themes()  # browser tests flush the database between tests
    context = chromium_browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Browse(page, live_server.url)
    context.close()
