"""Sending through GOV.UK Notify with a reference Notify hands back in its delivery receipts.

django-gov-notify's backend sends each message through Notify's API but drops every header,
so a delivery receipt (Notify's callback saying an email was delivered or bounced) could not
be matched to what we sent. This backend passes the value of the ``X-Delivery-Reference``
header on as Notify's ``reference``; a message without the header is sent as before.
``GOVUK_NOTIFY_BASE_URL`` points the client at another Notify API (a test double in the
suite; Notify's own address in production).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail.message import sanitize_address
from django_gov_notify.backends import NotifyEmailBackend
from django_gov_notify.utils import cast_to_notify_email_message
from notifications_python_client.notifications import NotificationsAPIClient

REFERENCE_HEADER = "X-Delivery-Reference"


class NotifyBackend(NotifyEmailBackend):
    client: NotificationsAPIClient | None

    def open(self):
        if self.client:
            return
        base_url = getattr(settings, "GOVUK_NOTIFY_BASE_URL", "")
        self.client = (
            NotificationsAPIClient(self.api_key, base_url=base_url)
            if base_url
            else NotificationsAPIClient(self.api_key)
        )

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        sent = 0
        with self._lock:
            self.open()
            for original in email_messages:
                reference = (getattr(original, "extra_headers", None) or {}).get(REFERENCE_HEADER)
                message = cast_to_notify_email_message(original, self.fail_silently)
                if self._send_with_reference(message, reference):
                    sent += 1
        return sent

    def _send_with_reference(self, email_message, reference: str | None) -> bool:
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        extra = {"reference": reference} if reference else {}
        try:
            payload = email_message.message()
            assert self.client is not None  # opened by send_messages
            for recipient in email_message.recipients():
                self.client.send_email_notification(
                    email_address=sanitize_address(recipient, encoding), **payload, **extra
                )
        except Exception:
            if not self.fail_silently:
                raise
            return False
        return True
