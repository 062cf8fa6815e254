"""The Content Security Policy: sent on every page, no inline script or style anywhere, and
a report-only mode for the first stage of a rollout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from safeguarding.config.env import ConfigurationError, load
from safeguarding.core.roles import Role

PROJECT = Path(__file__).resolve().parents[3]
# Rendered to PDF by WeasyPrint on the server, never served to a browser as a page.
# Documents rendered for WeasyPrint (and the yearly report's standalone copy), which carry their
# own styles; emails, whose clients need inline styles. None is a page of the site's shell.
PDF_TEMPLATES = {
    "certificate_pdf.html",
    "briefing_print.html",
    "document.html",
    "panel_pack_pdf.html",
}
EMAIL_TEMPLATE_FOLDER = "email"


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize("path", ["/", "/accounts/sign-in/", "/healthz"])
def test_every_response_carries_the_policy(client, db, partnership, path):
    policy = _policy(client.get(path))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in " ".join(policy.values())


def test_signed_in_pages_and_the_back_office_carry_it_too(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    assert _policy(client.get("/dashboard/"))["script-src"] == "'self'"
    assert _policy(client.get("/api/v1/docs/try/"))["script-src"] == "'self'"


def test_report_only_mode_reports_without_blocking(client, db, partnership, monkeypatch):
    policy = settings.CONTENT_SECURITY_POLICY
    monkeypatch.setattr(settings, "CONTENT_SECURITY_POLICY", None, raising=False)
    monkeypatch.setattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", policy, raising=False)
    response = client.get("/accounts/sign-in/")
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_report_only_mode_and_report_address_are_read_from_the_environment():
    assert load({}).csp_report_only is False
    env = load({"CSP_REPORT_ONLY": "true", "CSP_REPORT_URI": "https://reports.example.org/csp"})
    assert env.csp_report_only is True and env.csp_report_uri == "https://reports.example.org/csp"
    with pytest.raises(ConfigurationError, match="CSP_REPORT_ONLY must be true or false"):
        load({"CSP_REPORT_ONLY": "perhaps"})


def test_no_template_has_inline_script_handlers_or_styles():
    offenders = []
    for path in (PROJECT / "safeguarding").rglob("templates/**/*.html"):
        if path.name in PDF_TEMPLATES or path.parent.name == EMAIL_TEMPLATE_FOLDER:
            continue
        text = path.read_text()
        for pattern, what in [
            (r"<script(?![^>]*\bsrc=)[^>]*>", "inline <script>"),
            (r"\son[a-z]+\s*=", "on…= handler"),
            (r"\sstyle\s*=", "style= attribute"),
            (r"<style", "<style> element"),
        ]:
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append(f"{path.relative_to(PROJECT)}: {what}")
    assert offenders == []
