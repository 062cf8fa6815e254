"""`Authorization: Token <token>` with hashed personal tokens (accounts.ApiToken)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from safeguarding.accounts.services import api_token_authenticate


class PersonalTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        user = api_token_authenticate(key)
        if user is None:
            raise exceptions.AuthenticationFailed(
                "The token is not valid: it may be mistyped or revoked. Create a new one on "
                "your account page."
            )
        return (user, key)


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Personal API token, sent as `Token <token>`.",
        }
