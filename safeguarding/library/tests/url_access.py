"""URL arguments for the core URL sweep (safeguarding/core/tests/test_url_access.py)."""

from __future__ import annotations

from safeguarding.library.tests.factories import (
    CampaignFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    ResourceFactory,
    YouSaidWeDidFactory,
    YouthVoiceActivityFactory,
)


def resource(partnership, user) -> dict:
    return {"pk": ResourceFactory(partnership=partnership).pk}


def procedure(partnership, user) -> dict:
    found = ProcedureFactory(partnerships=[partnership])
    ProcedureVersionFactory(procedure=found)
    return {"pk": found.pk}


def campaign(partnership, user) -> dict:
    return {"pk": CampaignFactory(partnership=partnership).pk}


def you_said_we_did(partnership, user) -> dict:
    return {"pk": YouSaidWeDidFactory(partnership=partnership).pk}


def activity(partnership, user) -> dict:
    return {"pk": YouthVoiceActivityFactory(partnership=partnership).pk}
