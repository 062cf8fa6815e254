"""A stand-in for GOV.UK Notify's API on a local port: it answers the email endpoint as
Notify does and keeps what it was sent, so a test sees the real HTTP request our backend
makes (no mock of the client)."""

from __future__ import annotations

import json
import threading
import uuid
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Notify's key shape: a name, the service id and the secret (both UUIDs).
API_KEY = (
    "test_key-"
    + "0" * 8
    + "-0000-0000-0000-"
    + "0" * 12
    + "-"
    + "1" * 8
    + "-1111-1111-1111-"
    + "1" * 12
)
TEMPLATE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


@contextmanager
def notify_api():
    """Yield (base_url, sent): ``sent`` fills with the JSON body of every email request."""
    sent: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server interface
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path != "/v2/notifications/email" or not self.headers.get(
                "Authorization", ""
            ).startswith("Bearer "):
                self.send_response(400)
                self.end_headers()
                return
            sent.append(body)
            answer = json.dumps(
                {
                    "id": str(uuid.uuid4()),
                    "reference": body.get("reference"),
                    "content": {"subject": "", "body": ""},
                    "uri": "",
                    "template": {"id": body["template_id"], "version": 1, "uri": ""},
                }
            ).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()
        server.server_close()
