"""An accessible API reference page built from the OpenAPI document.

Swagger UI (``/api/v1/docs/try/``) is there for trying requests; this page gives the same
facts as plain GOV.UK markup that works without JavaScript.
"""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

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


def operations() -> list[dict]:
    document = _schema()
    found = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            ok = next(
                (r for code, r in operation.get("responses", {}).items() if code.startswith("2")),
                {},
            )
            response_schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
            body = operation.get("requestBody", {}).get("content", {})
            request_schema = next(iter(body.values()), {}).get("schema", {}) if body else {}
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
            "operations": operations(),
        },
    )
