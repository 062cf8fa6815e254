"""A small, real OpenID Connect provider for the tests, served over HTTP on 127.0.0.1.

It speaks the authorisation code flow as an organisation's sign-in service does: a discovery
document, an authorisation endpoint (which signs in whoever the test says, at once), a token
endpoint that checks the client's id and secret, the code and the redirect address, and
answers with an RS256-signed ID token, and the JWKS with its public key. The platform talks
to it exactly as it would to Microsoft Entra ID.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey


class OidcProvider:
    def __init__(self, *, client_id: str = "platform", client_secret: str = "s3cret-for-tests"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "provider-key"}, private=True)
        # A key the provider does not publish: tokens signed with it must be refused.
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "provider-key"}, private=True)
        self.sign_with_other_key = False
        self.claims: dict = {}  # who the next person to sign in is: email, email_verified…
        self.codes: dict[str, dict] = {}
        self.token_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.stopped = False

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def start(self) -> OidcProvider:
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.server.shutdown()
        self.server.server_close()

    def id_token(self, *, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": self.claims.get("email", "someone"),
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **self.claims,
        }
        key = self.other_key if self.sign_with_other_key else self.key
        return jwt.encode({"alg": "RS256", "kid": "provider-key"}, claims, key)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                if url.path == "/.well-known/openid-configuration":
                    return self._json(
                        200,
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": f"{provider.issuer}/authorize",
                            "token_endpoint": f"{provider.issuer}/token",
                            "jwks_uri": f"{provider.issuer}/jwks",
                            "response_types_supported": ["code"],
                            "subject_types_supported": ["public"],
                            "id_token_signing_alg_values_supported": ["RS256"],
                            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                        },
                    )
                if url.path == "/jwks":
                    return self._json(200, KeySet([provider.key]).as_dict(private=False))
                if url.path == "/authorize":
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    if query.get("client_id") != provider.client_id:
                        return self._json(400, {"error": "unauthorized_client"})
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {
                        "nonce": query.get("nonce", ""),
                        "redirect_uri": query["redirect_uri"],
                    }
                    answer = {"code": code, "state": query.get("state", "")}
                    self.send_response(302)
                    self.send_header("Location", f"{query['redirect_uri']}?{urlencode(answer)}")
                    self.end_headers()
                    return None
                return self._json(404, {"error": "not_found"})

            def do_POST(self):
                if urlparse(self.path).path != "/token":
                    return self._json(404, {"error": "not_found"})
                provider.token_requests += 1
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                auth = self.headers.get("Authorization", "")
                expected = base64.b64encode(
                    f"{provider.client_id}:{provider.client_secret}".encode()
                ).decode()
                if auth != f"Basic {expected}":
                    return self._json(401, {"error": "invalid_client"})
                grant = provider.codes.pop(form.get("code", ""), None)
                if (
                    form.get("grant_type") != "authorization_code"
                    or grant is None
                    or grant["redirect_uri"] != form.get("redirect_uri")
                ):
                    return self._json(400, {"error": "invalid_grant"})
                return self._json(
                    200,
                    {
                        "access_token": secrets.token_urlsafe(16),
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(nonce=grant["nonce"]),
                    },
                )

        return Handler
