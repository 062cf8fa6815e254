"""Safe Markdown: key message bodies are written in Markdown, rendered with ``markdown`` and
sanitised with ``nh3`` so that only a small set of tags (with GOV.UK classes) survives."""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
GOVUK_CLASSES = {
    "a": {"class": "govuk-link"},
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "h3": {"class": "govuk-heading-s"},
    "h4": {"class": "govuk-heading-s"},
    "blockquote": {"class": "govuk-inset-text"},
}
_TOP_HEADINGS = re.compile(r"<(/?)h[1-6]\b", re.IGNORECASE)


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML. Headings become level 3 (the page owns levels 1 and 2)."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = _TOP_HEADINGS.sub(r"<\1h3", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        set_tag_attribute_values=GOVUK_CLASSES,
    )
