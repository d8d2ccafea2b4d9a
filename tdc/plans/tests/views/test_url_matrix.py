"""Every URL of `plans` × every persona: the status a GET answers.

The URLs come from the URL conf itself (`get_resolver`), not from a hand-made list, and each
must have a row in `EXPECTED`: a new page without a rule fails this test until someone writes
down who may open it. Path parameters are filled from real objects (factories and services). The machinery is
`tdc.core.testing.matrix.UrlMatrix`, shared with the other apps' matrices.
"""

from __future__ import annotations

import pytest

from tdc.accounts.permissions import requires_second_factor
from tdc.core.testing.matrix import UrlMatrix
from tdc.plans.tests.personas import (
    DRAFT,
    EVERYONE,
    IMPORTERS,
    MANAGERS,
    MONITORS,
    PERSONAS,
    PLAN_READERS,
    POST_ONLY,
    REPORT_READERS,
    SYNTHESIS_READERS,
    expect,
)

# url name: (the object behind <pk>, statuses)
EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    # Plan documents and the import
    "plan_list": (None, EVERYONE),
    "plan_detail": ("plan", PLAN_READERS),
    "plan_source": ("plan", PLAN_READERS),
    "plan_withdraw": ("plan", POST_ONLY),
    "plan_replace": ("plan", POST_ONLY),
    "plan_link_parent": ("plan", POST_ONLY),
    # The world's plan has no previous version: nothing to compare, for anyone.
    "plan_versions": ("plan", expect(404)),
    "task_detail": (
        "task",
        {**PLAN_READERS, "commune_officer": 404},  # 1.1 is not the commune's task
    ),
    "import_upload": (None, IMPORTERS),
    "import_preview": ("draft", DRAFT),
    "import_discard": ("draft", POST_ONLY),
    # The reading state the waiting page polls: the world's draft is read, so a plain GET
    # goes on to its preview.
    "import_state": ("draft", expect(403, officer=302, admin_user=302, other_province_officer=404)),
    "import_retry": ("draft", POST_ONLY),
    # My tasks, reports
    "my_tasks": (None, EVERYONE),
    "report_list": (None, EVERYONE),
    "report_detail": ("report", REPORT_READERS),
    "report_submit": ("report", POST_ONLY),
    "report_approve": ("report", POST_ONLY),
    "report_send_back": ("report", POST_ONLY),
    "report_accept": ("report", POST_ONLY),
    "report_return": ("report", POST_ONLY),
    "report_reopen": ("report", POST_ONLY),
    "evidence_download": ("report", REPORT_READERS),
    "evidence_remove": ("report", POST_ONLY),
    # An organisation's own report for the period: whoever writes reports expected of it
    # (the agency, its partner, the communes, and DoST's officer for task 1.2).
    "agency_export": (
        None,
        expect(
            404,
            officer=200,
            reporter=200,
            approver=200,
            other_reporter=200,
            commune_officer=200,
        ),
    ),
    # Explanations (asked of the agency), notifications (the reporter's)
    "explanation_list": (None, EVERYONE),
    "explanation_detail": ("explanation", REPORT_READERS),
    "notification_list": (None, EVERYONE),
    "notification_open": ("notification", expect(404, reporter=302)),
    # Monitoring, periods, tasks
    "dashboard": (None, {**MONITORS, "other_province_officer": 200}),
    "period_list": (None, MONITORS),
    "period_detail": ("period", MONITORS),
    "explanation_create": (None, MANAGERS),
    "assignment_list": (None, MONITORS),
    "task_create": (None, MANAGERS),
    "task_edit": ("task", MANAGERS),
    "task_reassign": ("task", MANAGERS),
    "task_split": ("task", MANAGERS),
    # Indicators
    "indicator_list": (None, EVERYONE),
    "indicator_detail": ("indicator", PLAN_READERS),
    "indicator_edit": (
        "indicator",
        expect(
            403,
            officer=200,
            business_user=404,
            custodian=404,
            other_province_officer=404,
        ),
    ),
    "indicator_value_add": ("indicator", POST_ONLY),
    "indicator_compute": ("indicator", POST_ONLY),
    "indicator_create": (None, MANAGERS),
    # The synthesis
    "synthesis_start": (None, POST_ONLY),
    "synthesis_detail": ("synthesis", SYNTHESIS_READERS),
    "synthesis_refresh": ("synthesis", POST_ONLY),
    "synthesis_finalise": ("synthesis", POST_ONLY),
    "synthesis_download": ("synthesis", SYNTHESIS_READERS),
    # The multi-year review: whoever reads the plan's syntheses.
    "plan_review": ("plan", SYNTHESIS_READERS),
}


MATRIX = UrlMatrix(
    namespace="plans",
    urlconf="tdc.plans.urls",
    rules=EXPECTED,
    personas=PERSONAS,
    fill={
        "plan_pk": lambda world: world["plan"].pk,
        "period_pk": lambda world: world["period"].pk,
        "evidence_pk": lambda world: world["evidence"].pk,
        "fmt": lambda world: "docx",
    },
    second_factor=requires_second_factor,
)


def test_every_url_of_plans_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_page(client, world, persona, request):
    # System administrators and custodians pass TOTP first.
    MATRIX.log_in(client, None if persona == "anonymous" else request.getfixturevalue(persona))

    assert MATRIX.wrong_statuses(client, world, persona) == {}, persona
