"""The demo: the seed plans imported, then the Khánh Hòa 2026 plan executed; idempotent."""

import io
from collections import Counter

import pytest

from tdc.accounts import demo as accounts_demo
from tdc.core.models import AuditEvent
from tdc.plans import demo as plans_demo
from tdc.plans.demo import execution as execution_demo
from tdc.plans.exports.synthesis import synthesis_docx
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Indicator,
    IndicatorValue,
    Notification,
    ProgressReport,
    ReportingPeriod,
    Synthesis,
)

pytestmark = pytest.mark.django_db


def test_without_the_2026_plan_the_execution_demo_only_assigns_what_exists():
    accounts_demo.load(io.StringIO())
    out = io.StringIO()

    execution_demo.load(out)

    assert (
        out.getvalue()
        == "Execution demo: the Khánh Hòa 2026 plan is not imported yet; nothing more to do.\n"
    )
    assert not ProgressReport.objects.exists()


def test_the_demo_executes_the_khanh_hoa_2026_plan_and_runs_twice_without_change():
    accounts_demo.load(io.StringIO())
    plans_demo.load(io.StringIO())

    execution_demo.load(io.StringIO())

    plan = execution_demo.khanh_hoa_2026()
    assert plan is not None
    assert (
        Assignment.objects.filter(task__plan=plan).values("task").distinct().count()
        == plan.tasks.count()
    )
    states = Counter(
        ProgressReport.objects.filter(period__plan=plan).values_list("state", flat=True)
    )
    assert set(states) == {
        "draft",
        "pending_approval",
        "submitted",
        "resubmitted",
        "returned",
        "accepted",
    }
    assert states["accepted"] == 6
    period = ReportingPeriod.objects.get(plan=plan, kind="annual", year=2026)
    assert ReportingPeriod.objects.filter(plan=plan, kind="ad_hoc").count() == 1
    assert ExplanationRequest.objects.filter(period=period).count() == 2
    assert Indicator.objects.filter(plan=plan).count() == 5
    assert IndicatorValue.objects.filter(indicator__plan=plan).count() == 5
    assert Notification.objects.filter(kind="reminder").exists()
    synthesis = Synthesis.objects.get(period=period)
    # DoST's own three accepted reports count for their tasks, not among the agencies'.
    assert synthesis.snapshot["totals"]["accepted"] == 3
    assert synthesis_docx(synthesis).startswith(b"PK")

    counts = (
        ProgressReport.objects.count(),
        Notification.objects.count(),
        AuditEvent.objects.count(),
    )
    out = io.StringIO()
    execution_demo.load(out)
    assert (
        ProgressReport.objects.count(),
        Notification.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert out.getvalue() == ""
