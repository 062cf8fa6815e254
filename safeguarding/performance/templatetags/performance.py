"""Showing figures with their flags and RAG status, the same way on every page."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from safeguarding.performance.models import Flag, Rag
from safeguarding.performance.presenters import flag_tag_class

register = template.Library()

RAG_TAGS = {
    Rag.GREEN: ("govuk-tag--green", "On target"),
    Rag.AMBER: ("govuk-tag--yellow", "Close to target"),
    Rag.RED: ("govuk-tag--red", "Off target"),
}


@register.simple_tag
def figure(value, show_flag: bool = True) -> str:
    """A figure formatted for its unit, with its data-quality flag as a tag."""
    if value is None:
        return mark_safe(  # noqa: S308 - a constant string
            '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">No figure</span>'
        )
    if value.value is None:
        label = Flag(value.flag).label if value.flag else "No figure"
        symbol = f" ({value.source_symbol})" if value.source_symbol else ""
        return format_html(
            '<strong class="govuk-tag {}">{}{}</strong>', flag_tag_class(value.flag), label, symbol
        )
    text = value.indicator.format_value(value.value)
    if show_flag and value.flag:
        return format_html(
            '{} <strong class="govuk-tag {}">{}</strong>',
            text,
            flag_tag_class(value.flag),
            Flag(value.flag).label,
        )
    return text


@register.simple_tag
def rag_tag(rag) -> str:
    if not rag:
        return ""
    css, label = RAG_TAGS[rag]
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label)


@register.filter
def flag_label(flag: str) -> str:
    return Flag(flag).label if flag else ""


@register.filter
def in_unit(value, indicator) -> str:
    """A bare number formatted in an indicator's unit (1,124 or 83.1%)."""
    if value is None or value == "":
        return ""
    return indicator.format_value(value)
