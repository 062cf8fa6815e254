"""An accessible API reference page built from the OpenAPI document.

Swagger UI (``/api/v1/docs/try/``) is there for trying requests; this page gives the same
facts as plain GOV.UK markup that works without JavaScript.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

from safeguarding.api.authentication import PersonalTokenAuthentication
from safeguarding.core.access import public

METHODS = ["get", "post", "put", "patch", "delete"]


@lru_cache(maxsize=1)
def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(schema: dict, document: dict) -> dict:
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        return document["components"]["schemas"].get(name, {})
    return schema


# Examples -------------------------------------------------------------------------------
# Every example on the page is made from the OpenAPI document, so it cannot drift from what
# the API accepts and returns.

_STRING_EXAMPLES = {
    "date": "2026-04-01",
    "date-time": "2026-04-01T09:30:00Z",
    "email": "name@example.org",
    "uri": "https://example.org/",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "decimal": "0.00",
}


def example(schema: dict, document: dict, *, writing: bool = False, depth: int = 0) -> object:
    """A value that matches ``schema``: its own example, its first choice, or one by type.
    ``writing`` leaves out read-only fields (a request body)."""
    schema = _resolve(schema, document)
    if "example" in schema:
        return schema["example"]
    for combined in ("allOf", "oneOf", "anyOf"):
        if schema.get(combined):
            return example(schema[combined][0], document, writing=writing, depth=depth)
    if schema.get("enum"):
        return next((c for c in schema["enum"] if c not in ("", None)), schema["enum"][0])
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 3:
            return {}
        return {
            name: example(spec, document, writing=writing, depth=depth + 1)
            for name, spec in schema.get("properties", {}).items()
            if not (writing and _resolve(spec, document).get("readOnly"))
        }
    if kind == "array":
        return [example(schema.get("items", {}), document, writing=writing, depth=depth + 1)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1.5, schema.get("minimum", 1.5))
    if kind == "boolean":
        return True
    if kind == "string":
        return _STRING_EXAMPLES.get(schema.get("format", ""), "string")
    return None


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _auth(document: dict) -> dict:
    """How to send a token, from the document's security scheme."""
    scheme = document.get("components", {}).get("securitySchemes", {}).get("tokenAuth", {})
    header = scheme.get("name", "Authorization")
    return {"header": header, "value": f"{PersonalTokenAuthentication.keyword} <token>"}


def _pagination(document: dict) -> dict:
    """The fields of a paginated list and the page parameter, from a list operation."""
    for item in document.get("paths", {}).values():
        operation = item.get("get", {})
        page = next((p for p in operation.get("parameters", []) if p["name"] == "page"), None)
        if page is None:
            continue
        ok = operation.get("responses", {}).get("200", {})
        schema = _resolve(ok["content"]["application/json"]["schema"], document)
        fields = ", ".join(f'"{name}"' for name in schema.get("properties", {}))
        return {"shape": "{" + fields + "}", "parameter": page["name"]}
    return {"shape": "", "parameter": "page"}


def _fields(schema: dict, document: dict) -> list[dict]:
    schema = _resolve(schema, document)
    if "results" in schema.get("properties", {}):  # a paginated list: describe one item
        schema = _resolve(schema["properties"]["results"].get("items", {}), document)
    required = set(schema.get("required", []))
    fields = []
    for name, spec in schema.get("properties", {}).items():
        spec = _resolve(spec, document)
        kind = spec.get("type") or ("choice" if "enum" in spec else "object")
        if spec.get("format"):
            kind = f"{kind} ({spec['format']})"
        fields.append(
            {
                "name": name,
                "type": kind,
                "required": name in required,
                "read_only": spec.get("readOnly", False),
                "description": spec.get("description", ""),
                "choices": ", ".join(str(c) for c in spec.get("enum", []) if c),
            }
        )
    return fields


def _quoted(text: str) -> str:
    """``text`` in single quotes for a POSIX shell."""
    return "'" + text.replace("'", "'\\''") + "'"


def _curl(method: str, url: str, operation: dict, document: dict, body: object) -> str:
    auth = _auth(document)
    lines = [f"curl -X {method.upper()} {_quoted(url)}"]
    if operation.get("security") and {} not in operation["security"]:
        lines.append(f"  -H '{auth['header']}: {auth['value']}'")
    if body is not None:
        lines.append("  -H 'Content-Type: application/json'")
        lines.append(f"  -d {_quoted(json.dumps(body, ensure_ascii=False))}")
    return " \\\n".join(lines)


def _responses(operation: dict) -> list[dict]:
    return [
        {"code": code, "description": response.get("description", "")}
        for code, response in operation.get("responses", {}).items()
    ]


def _errors(document: dict) -> list[dict]:
    """The shapes of the error responses, with an example of each, from the document."""
    schemas = document.get("components", {}).get("schemas", {})
    return [
        {
            "description": schemas[name].get("description", ""),
            "example": _json(example(schemas[name], document)),
        }
        for name in ("ValidationError", "Error")
        if name in schemas
    ]


def operations(base_url: str = "") -> list[dict]:
    """Each operation of the document; ``base_url`` (like https://host) starts the examples."""
    document = _schema()
    found = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            ok: dict = next(
                (r for code, r in operation.get("responses", {}).items() if code.startswith("2")),
                {},
            )
            response_schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
            body: dict[str, dict] = operation.get("requestBody", {}).get("content", {})
            request_schema = (
                (body.get("application/json") or next(iter(body.values()), {})).get("schema", {})
                if body
                else {}
            )
            request_example = (
                example(request_schema, document, writing=True) if request_schema else None
            )
            found.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary") or operation.get("description", ""),
                    "tag": (operation.get("tags") or ["api"])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "request_fields": _fields(request_schema, document) if request_schema else [],
                    "response_fields": _fields(response_schema, document),
                    "request_example": _json(request_example) if request_schema else "",
                    "response_example": _json(example(response_schema, document))
                    if response_schema
                    else "",
                    "curl": _curl(method, base_url + path, operation, document, request_example),
                    "responses": _responses(operation),
                }
            )
    return found


@public
@require_GET
def api_reference(request: HttpRequest) -> HttpResponse:
    document = _schema()
    return render(
        request,
        "api/reference.html",
        {
            "info": document.get("info", {}),
            "auth": _auth(document),
            "pagination": _pagination(document),
            "errors": _errors(document),
            "operations": operations(request.build_absolute_uri("/").rstrip("/")),
        },
    )
