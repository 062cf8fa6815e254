"""The interactive API documentation (Swagger UI from our own static files) passes axe in
each state a developer brings it to: opened, an operation expanded, a request tried, the
authorisation dialog, a write tried, the schemas shown."""

from safeguarding.core.roles import Role
from tests.system.axe import assert_accessible


def test_trying_requests_in_the_interactive_documentation_passes_axe(browse, make_user):
    browse.sign_in(make_user(Role.BUSINESS_UNIT))
    page = browse.page
    browse.goto("/api/v1/docs/try/", check=False)
    page.wait_for_selector(".opblock", timeout=20000)
    assert page.locator("script[src*='drf_spectacular_sidecar']").count() >= 1  # no CDN
    assert_accessible(page)

    page.locator(".opblock-get .opblock-summary-control").first.click()
    page.wait_for_selector(".try-out__btn", timeout=20000)
    assert_accessible(page)

    page.locator(".try-out__btn").first.click()
    page.locator(".execute").first.click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=20000)
    assert status.inner_text().strip() == "200"
    assert_accessible(page)

    page.locator(".btn.authorize").first.click()
    page.wait_for_selector(".modal-ux", timeout=20000)
    assert_accessible(page)
    page.locator("button.close-modal").first.click()

    page.locator(".opblock-post .opblock-summary-control").first.click()
    page.locator(".opblock-post .try-out__btn").first.click()
    page.wait_for_selector(".opblock-post textarea.body-param__text", timeout=20000)
    assert_accessible(page)

    page.locator("section.models h4").first.click()
    assert_accessible(page)
    browse.assert_no_csp_violations()
    assert page.evaluate("() => document.querySelectorAll('.opblock').length") > 0
