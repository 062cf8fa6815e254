"""The API keeps its OpenAPI contract: Schemathesis sends generated requests (reads and writes,
good and bad input) to every operation as the business unit, against the demo partnership, and
checks that nothing answers 500 and every response matches the document (status code, content
type and body).

Positive cases are requests the document allows (they must succeed, or be refused with a
documented 4xx); negative cases break the document on purpose (wrong types, ids out of range)
and must be refused with a documented 4xx, never a 500.

The suite runs a small, derandomised budget per operation; `make fuzz` runs a longer one
(``API_FUZZ_EXAMPLES``, and ``API_FUZZ_RANDOM=1`` for new examples on each run).

It lives beside the other tests that read the demo, which loads once for all of them."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from safeguarding.accounts.models import User
from safeguarding.accounts.services import api_token_create

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "3"))  # per operation, positive cases
NEGATIVE_EXAMPLES = max(2, EXAMPLES // 2)
DERANDOMIZE = os.environ.get("API_FUZZ_RANDOM", "") != "1"


def _run(operation, mode: GenerationMode, headers: dict) -> list[str]:
    failures: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES if mode == GenerationMode.POSITIVE else NEGATIVE_EXAMPLES,
        derandomize=DERANDOMIZE,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    def check(case):
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (AssertionError, BaseExceptionGroup) as error:  # report every operation's
            text = str(error).strip().splitlines()
            failures.append(f"{operation.label} ({mode.value}): {' / '.join(text[:14])}")

    try:
        check()
    except Unsatisfiable:  # nothing can break this operation's document (a slug in the path)
        assert mode == GenerationMode.NEGATIVE, operation.label
    return list(dict.fromkeys(failures))


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler that keeps the test's database connection open between requests,
    as Django's own test client does (each test runs inside one transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_keeps_its_contract_for_the_business_unit(wsgi_app):
    user = User.objects.get(email="business-unit@demo.example")
    _, raw = api_token_create(job="test", user=user, name="contract test")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {"Authorization": f"Token {raw}"}
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in GenerationMode:
            failures.extend(_run(operation, mode, headers))
    assert operations > 40
    assert not failures, f"{len(failures)} contract failures:\n" + "\n\n".join(failures)
