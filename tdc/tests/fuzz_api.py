"""Fuzz the JSON API with schemathesis: no server error, no status the document does not list.

Not collected by `make test` (the file name does not start with `test_`); `make fuzz` runs it:
every operation of the OpenAPI document, called through the WSGI application with the token
of the demo DoST officer, of the demo business and of the administrator, on a test database
holding the demo province. Path parameters are drawn half of the time from the demo's real
records (`REAL_IDS`), so write routes run on records their user may change, not only on missing
ones. Bounded by `FUZZ_EXAMPLES` examples per operation and user (default 40) so that a run
takes a few minutes.
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
from hypothesis import strategies as st
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
PERSONAS = ["canbo.tdc", "doanhnghiep", "quantri"]
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

# The resource a path parameter names (the path segment before it) → ids of real demo records,
# filled once the demo is loaded. Resources of modules not listed keep generated ids.
REAL_IDS: dict[str, list[Any]] = {}
RESOURCES = {
    ("plans", "pk"): "plans.Plan",
    ("reports", "pk"): "plans.ProgressReport",
    ("evidence", "evidence_pk"): "plans.Evidence",
    ("tasks", "pk"): "plans.Task",
    ("periods", "pk"): "plans.ReportingPeriod",
    ("indicators", "pk"): "plans.Indicator",
    ("explanations", "pk"): "plans.ExplanationRequest",
    ("syntheses", "pk"): "plans.Synthesis",
    ("complaints", "pk"): "complaints.Complaint",
    ("attachments", "attachment_pk"): "complaints.Attachment",
    ("routing-rules", "pk"): "complaints.RoutingRule",
    ("instruments", "pk"): "metrology.Instrument",
    ("provinces", "province_id"): "accounts.Province",
    ("tasks", "task_id"): "plans.Task",
    ("organisations", "pk"): "accounts.Organisation",
    ("products", "pk"): "traceability.Product",  # the surveillance products' ids are drawn too
    ("places", "pk"): "traceability.Place",
    ("lots", "pk"): "traceability.Lot",
    ("lot-imports", "pk"): "traceability.LotImport",
    ("inspection-plans", "pk"): "surveillance.InspectionPlan",
    ("items", "item_pk"): "surveillance.PlanItem",
    ("assessments", "pk"): "surveillance.RiskAssessment",
    # capacity
    ("courses", "pk"): "capacity.Course",
    ("participants", "pk"): "capacity.Participant",
    ("attendance-imports", "pk"): "capacity.AttendanceImport",
    ("events", "pk"): "capacity.Event",
    ("report-links", "pk"): "capacity.EventReportLink",
    ("equipment", "pk"): "capacity.Equipment",
    ("measurement-standards", "pk"): "capacity.MeasurementStandard",
    ("awards", "pk"): "capacity.Award",
    ("applications", "pk"): "capacity.SupportApplication",
    ("declarations", "pk"): "conformity.Declaration",
}


def _resource(path: str, name: str) -> str | None:
    segments = path.strip("/").split("/")
    for i, segment in enumerate(segments):
        if segment == "{" + name + "}" and i > 0:
            return RESOURCES.get((segments[i - 1], name))
    return None


@schema.hook
def flatmap_path_parameters(ctx: Any, path_parameters: dict[str, Any]) -> Any:
    """Half of the examples address real demo records (the others stay as generated)."""
    if not path_parameters or ctx.operation is None:
        return st.just(path_parameters)
    real = {}
    for name in path_parameters:
        ids = REAL_IDS.get(_resource(ctx.operation.path, name) or "")
        if ids:
            real[name] = st.sampled_from(ids)
    if not real:
        return st.just(path_parameters)
    chosen = st.fixed_dictionaries({**{k: st.just(v) for k, v in path_parameters.items()}, **real})
    return st.one_of(chosen, st.just(path_parameters))


@pytest.fixture(scope="session")
def demo_province(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> None:
    """The demo province, loaded once into the test database."""
    from django.conf import settings as django_settings

    keys = tmp_path_factory.mktemp("keys") / "complaint-identity.keys"
    django_settings.COMPLAINTS_IDENTITY_KEYS = ""
    django_settings.COMPLAINTS_IDENTITY_KEY_FILE = str(keys)
    with django_db_blocker.unblock():
        call_command("loaddemo", stdout=io.StringIO())
        from django.apps import apps

        for label in set(RESOURCES.values()):
            model = apps.get_model(label)
            REAL_IDS[label] = list(model.objects.order_by("pk").values_list("pk", flat=True)[:50])


@pytest.fixture(params=PERSONAS)
def demo_token(request: Any, demo_province: None, db: None) -> str:
    """A token of a demo user: the DoST officer (most writes), the business (its own
    instruments, its declarations), the administrator (open data, every province)."""
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
