"""An edition as a web page and as an email.

The email is rendered once per edition; each recipient's copy only swaps in their own
preferences and unsubscribe links and a fresh open-counting number, so sending 10,000
copies does not render 10,000 templates. Links in the email go through the edition's
signed click redirect; the web version links directly.
"""

from __future__ import annotations

import html
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from safeguarding.comms import tokens
from safeguarding.comms.models import BlockKind, Bulletin
from safeguarding.core.markdown import render_markdown
from safeguarding.core.notify import REFERENCE_HEADER

PREFERENCES = "%%PREFERENCES_URL%%"
UNSUBSCRIBE = "%%UNSUBSCRIBE_URL%%"
OPEN_PIXEL = "%%OPEN_PIXEL%%"


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def edition_blocks(bulletin: Bulletin) -> list[dict]:
    blocks: list[dict] = []
    for block in bulletin.blocks.all():
        if block.kind == BlockKind.TEXT:
            blocks.append(
                {"heading": block.heading, "html": render_markdown(block.body), "items": []}
            )
        else:
            items = [{**item, "url": _absolute(item["url"])} for item in block.items]
            blocks.append({"heading": block.heading, "html": "", "items": items})
    return blocks


def web_context(bulletin: Bulletin) -> dict:
    return {
        "bulletin": bulletin,
        "introduction_html": render_markdown(bulletin.introduction),
        "blocks": edition_blocks(bulletin),
    }


@dataclass(frozen=True)
class EmailTemplate:
    subject: str
    text: str
    html: str
    track_opens: bool
    bulletin_pk: int

    def for_subscriber(self, subscriber_pk: int, preferences_token: str) -> tuple[str, str, dict]:
        preferences = _absolute(reverse("comms:preferences", args=[preferences_token]))
        unsubscribe = _absolute(reverse("comms:unsubscribe", args=[preferences_token]))
        pixel = ""
        if self.track_opens:
            token = tokens.open_token(self.bulletin_pk, secrets.token_hex(8))
            src = _absolute(reverse("comms:bulletin-open", args=[token]))
            pixel = f'<img src="{html.escape(src)}" width="1" height="1" alt="">'
        text = self.text.replace(PREFERENCES, preferences).replace(UNSUBSCRIBE, unsubscribe)
        body = (
            self.html.replace(PREFERENCES, html.escape(preferences))
            .replace(UNSUBSCRIBE, html.escape(unsubscribe))
            .replace(OPEN_PIXEL, pixel)
        )
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        return text, body, headers


def email_template(bulletin: Bulletin, *, tracked_links: bool = True) -> EmailTemplate:
    context = web_context(bulletin)
    context.update(
        {
            "partnership": bulletin.partnership,
            "web_url": _absolute(reverse("comms:bulletin-detail", args=[bulletin.pk])),
            "preferences_url": PREFERENCES,
            "unsubscribe_url": UNSUBSCRIBE,
            "open_pixel": OPEN_PIXEL,
        }
    )
    text = render_to_string("comms/email/bulletin.txt", context)
    body: str = render_to_string("comms/email/bulletin.html", context)
    if tracked_links:
        for link in bulletin.links.all():
            redirect = _absolute(reverse("comms:bulletin-link", args=[tokens.link_token(link)]))
            body = body.replace(
                f'href="{html.escape(link.url)}"', f'href="{html.escape(redirect)}"'
            )
    return EmailTemplate(
        subject=bulletin.title,
        text=text,
        html=body,
        track_opens=bulletin.track_opens and tracked_links,
        bulletin_pk=bulletin.pk,
    )


def build_message(
    template: EmailTemplate,
    *,
    to: str,
    subscriber_pk: int,
    token: str,
    connection=None,
    reference: str = "",
) -> EmailMultiAlternatives:
    """One subscriber's copy. ``reference`` names the delivery it belongs to; GOV.UK Notify
    hands it back in its delivery receipt (core/notify.py), other services ignore it."""
    text, body, headers = template.for_subscriber(subscriber_pk, token)
    if reference:
        headers[REFERENCE_HEADER] = reference
    message = EmailMultiAlternatives(
        subject=template.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(body, "text/html")
    return message
