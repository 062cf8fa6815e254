"""Template helpers for GOV.UK Frontend markup, available in every template."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from safeguarding.core import dashboard, formatting
from safeguarding.core.forms import WIDGET_CLASSES, widget_kind

register = template.Library()


@register.filter
def govuk_kind(bound_field: BoundField) -> str:
    return widget_kind(bound_field.field.widget)


@register.simple_tag
def govuk_widget(bound_field: BoundField, extra_classes: str = ""):
    """The field's input with GOV.UK classes, error state and aria-describedby."""
    kind = widget_kind(bound_field.field.widget)
    classes = [WIDGET_CLASSES.get(kind, ""), extra_classes]
    if bound_field.errors and kind in WIDGET_CLASSES and kind != "checkbox":
        classes.append(f"{WIDGET_CLASSES[kind]}--error")
    existing = bound_field.field.widget.attrs.get("class", "")
    attrs: dict[str, str | bool] = {"class": " ".join(c for c in [existing, *classes] if c)}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def uk_date(value) -> str:
    """3 March 2024."""
    return formatting.govuk_date(value)


@register.filter
def uk_datetime(value) -> str:
    """3 March 2024 at 2:15pm."""
    return formatting.govuk_datetime(value)


@register.filter
def govuk_date(value, arg: str = "") -> str:
    """3 March 2024; ``|govuk_date:"month"`` gives March 2024."""
    return formatting.govuk_date(value, month_only=arg == "month")


@register.filter
def govuk_time(value) -> str:
    """10am, 12:30pm, midday."""
    return formatting.govuk_time(value)


@register.simple_tag(takes_context=True)
def render_panel(context, item: dict) -> str:
    """Render a dashboard panel's template with the page context plus the panel's own.

    The page's context already holds what the context processors give (the request, the
    CSRF token, the navigation), so the panel is rendered without the request: passing it
    would run every context processor again for each panel of the dashboard.

    A panel kept for this person (``core.dashboard``, ADR 0038) comes as its HTML; one
    computed afresh is kept once rendered."""
    if "html" in item:
        return mark_safe(item["html"])  # noqa: S308 - rendered by the panel's own template
    values = context.flatten()
    values.update(item["context"])
    values["panel"] = item["panel"]
    html = render_to_string(item["panel"].template, values)
    dashboard.keep_rendered(item.get("cache_key"), html, item.get("read"))
    return html


@register.simple_tag(takes_context=True)
def querystring_with(context, **changes) -> str:
    """The current query string with some parameters changed (for pagination and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def audit_description(code: str) -> str:
    """What an audit event code means (today's or one written before ADR 0021)."""
    from safeguarding.core import audit_catalogue

    return audit_catalogue.describe(code)
