"""Fuzz the JSON API with schemathesis: no server error, no status the document does not list.

Not collected by `make test` (the file name does not start with `test_`); `make fuzz` runs it:
every operation of the OpenAPI document, called through the WSGI application with the token
of the demo DoST officer and then of the demo business, on a test database holding the demo
province. Bounded by `FUZZ_EXAMPLES` examples per operation and user (default 40) so that a
run takes a few minutes.
"""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tdc.accounts.models import User
from tdc.accounts.services import issue_api_token
from tdc.api import api

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
PERSONAS = ["canbo.tdc", "doanhnghiep"]
# What the issue asks (no 5xx, no undocumented status) and that the answer is what the
# document says. Not schemathesis' opinions on unknown query parameters being ignored.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(scope="session")
def demo_province(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> None:
    """The demo province, loaded once into the test database."""
    from django.conf import settings as django_settings

    keys = tmp_path_factory.mktemp("keys") / "complaint-identity.keys"
    django_settings.COMPLAINTS_IDENTITY_KEYS = ""
    django_settings.COMPLAINTS_IDENTITY_KEY_FILE = str(keys)
    with django_db_blocker.unblock():
        call_command("loaddemo", stdout=io.StringIO())


@pytest.fixture(params=PERSONAS)
def demo_token(request: Any, demo_province: None, db: None) -> str:
    """A token of a demo user: the DoST officer, then the business (its own instruments)."""
    _token, key = issue_api_token(User.objects.get(username=request.param), name="fuzz")
    return key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_only_what_it_documents(case: Any, demo_token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {demo_token}"}, checks=CHECKS)
