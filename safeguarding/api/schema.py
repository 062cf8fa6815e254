"""Making the OpenAPI document say what the API really answers.

drf-spectacular documents each operation's success response. This postprocessing hook adds
the error responses every operation can give, from the way the API works rather than endpoint
by endpoint:

- 400 with the fields named (``{"field": ["message"]}``) wherever the caller sends input: a
  request body or filters in the query (ids are checked by ``api.params``);
- 401 and 403 wherever a token or session is needed (the public endpoints need neither);
- 404 for an id or slug in the path that does not exist or that you may not see, and for a
  ``page`` past the last one.
"""

from __future__ import annotations

from safeguarding.core.api.params import id_message

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"

COMPONENTS = {
    ERROR: {
        "type": "object",
        "description": "Why the request was refused, in one sentence.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": (
            "What is wrong with the input, by field: each key is a field or query parameter "
            "(`non_field_errors` when the problem is the request as a whole, `detail` when the "
            "body could not be read) and its value the messages saying how to put it right."
        ),
        "additionalProperties": {
            "anyOf": [
                {"type": "array", "items": {}},
                {"type": "string"},
                {"type": "object"},
            ]
        },
        "example": {"body": [id_message("the body's id")]},
    },
}

DESCRIPTIONS = {
    "400": ("The input is not valid: each field named says what is wrong.", VALIDATION_ERROR),
    "401": ("No token or session was sent, or the token is not valid.", ERROR),
    "403": ("Your roles do not allow this.", ERROR),
    "404": ("There is no such record, or not one you may see (or no such page).", ERROR),
}

SUCCESS = {"200": "Success.", "201": "Created.", "204": "Done: nothing is returned."}

METHODS = ("get", "post", "put", "patch", "delete")


def _response(code: str) -> dict:
    description, component = DESCRIPTIONS[code]
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def _error_codes(operation: dict, path_item_parameters: list[dict]) -> list[str]:
    parameters = [*path_item_parameters, *operation.get("parameters", [])]
    codes = []
    filters = [p for p in parameters if p.get("in") == "query" and p.get("name") != "page"]
    if "requestBody" in operation or filters:
        codes.append("400")
    security = operation.get("security")
    if security and {} not in security:
        codes += ["401", "403"]
    if any(p.get("in") == "path" for p in parameters) or any(
        p.get("in") == "query" and p.get("name") == "page" for p in parameters
    ):
        codes.append("404")
    return codes


def add_error_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in COMPONENTS.items():
        schemas.setdefault(name, schema)
    for item in result.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                if not response.get("description"):
                    response["description"] = SUCCESS.get(code, "Success")
            for code in _error_codes(operation, item.get("parameters", [])):
                responses.setdefault(code, _response(code))
            operation["responses"] = dict(sorted(responses.items()))
    return result
