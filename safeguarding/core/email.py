"""Sending email: always as a background task, queued when the change commits."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_email_task(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()


_suppressed: ContextVar[bool] = ContextVar("emails_suppressed", default=False)


@contextmanager
def emails_suppressed():
    """Within this block no email is queued: for loading demo data, whose people are
    fictional and must never be written to."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def email_send(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render ``<template>.txt`` (and ``.html`` when it exists) and send after commit."""
    if _suppressed.get():
        return
    context = {"site_url": settings.SITE_URL, **context}
    text = render_to_string(f"{template}.txt", context)
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:  # the HTML part is optional
        html = None
    recipients = list(to)
    transaction.on_commit(
        lambda: send_email_task.enqueue(
            to=recipients, subject=subject, text=text, html=html, attachments=attachments
        )
    )
