"""The dashboard's and indicators' charts, the default period and the plan pickers' labels."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdc.plans.models import ReportingPeriod
from tdc.plans.services import periods
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import IndicatorFactory, IndicatorValueFactory, make_plan
from tdc.plans.views.monitoring import _default_period

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()  # noqa: DTZ011  (the views' own today)


@pytest.fixture
def plan(dost, agency, other_agency):
    plan = make_plan(
        dost,
        [
            {"number": "1.1", "content": "Tuyên truyền Chỉ thị 38", "leads": [agency]},
            {"number": "1.2", "content": "Tập huấn", "leads": [other_agency]},
        ],
        year=TODAY.year,
        deadline=(31, 12),
    )
    plan.doc_number = "95/KH-UBND"
    plan.doc_date = dt.date(TODAY.year, 3, 14)
    plan.save()
    assign_plan(plan)
    return plan


def test_the_dashboard_draws_completeness_by_agency_and_by_period(client, officer, plan):
    client.force_login(officer)
    page = client.get(reverse("plans:dashboard"))
    chart = page.context["organisation_chart"]
    assert chart.image.startswith("data:image/svg+xml;base64,")
    assert chart.rows == [["Sở Tài chính", "0 %", "0 %"], ["Sở Y tế", "0 %", "0 %"]]
    assert [s.name for s in chart.series] == ["Đã gửi", "Đúng hạn"]
    assert page.context["period_chart"].labels == [page.context["period"].title]
    html = page.content.decode()
    assert 'id="chart-by-organisation-table"' in html
    assert 'id="chart-by-period-table"' in html


def test_the_plan_picker_tells_plans_apart_by_number_date_and_province(client, officer, plan):
    client.force_login(officer)
    html = client.get(reverse("plans:dashboard")).content.decode()
    label = f"Kế hoạch số 95/KH-UBND ngày 14/03/{TODAY.year} · Khánh Hòa"
    assert f'<option value="{plan.pk}" selected>{label}</option>' in html


def test_the_dashboard_opens_on_this_years_regular_period_not_an_ad_hoc_one(
    client, officer, plan, agency
):
    annual = ReportingPeriod.objects.get(plan=plan)
    periods.open_period(
        plan,
        kind=ReportingPeriod.Kind.AD_HOC,
        year=TODAY.year,
        by=officer,
        title="Báo cáo đột xuất",
        deadline=TODAY + dt.timedelta(days=1),
        organisations=[agency],
    )
    client.force_login(officer)
    assert client.get(reverse("plans:dashboard")).context["period"] == annual


def test_the_default_period_falls_back_to_the_latest_due(plan):
    annual = ReportingPeriod.objects.get(plan=plan)
    assert _default_period([annual], annual.deadline + dt.timedelta(days=400)) == annual
    assert _default_period([], TODAY) is None


def test_the_indicator_list_draws_value_against_trajectory(client, officer, plan):
    indicator = IndicatorFactory(
        plan=plan,
        name="Số lớp tập huấn",
        target_value=30,
        baseline=0,
        baseline_date=dt.date(TODAY.year - 1, 1, 1),
        deadline=dt.date(TODAY.year + 3, 12, 31),
    )
    IndicatorValueFactory(indicator=indicator, value=12, period_end=TODAY - dt.timedelta(days=1))
    client.force_login(officer)
    chart = client.get(reverse("plans:indicator_list")).context["chart"]
    assert chart.labels == ["Số lớp tập huấn"]
    assert [s.name for s in chart.series] == ["Đạt được", "Theo lộ trình"]
    assert chart.rows[0][1] == "40 %"


def test_in_january_last_years_round_due_this_month_is_the_current_period():
    last_quarter = ReportingPeriod(
        kind=ReportingPeriod.Kind.QUARTERLY, year=2026, number=4, deadline=dt.date(2027, 1, 12)
    )
    this_year = ReportingPeriod(
        kind=ReportingPeriod.Kind.ANNUAL, year=2027, number=1, deadline=dt.date(2027, 11, 10)
    )
    assert _default_period([this_year, last_quarter], dt.date(2027, 1, 6)) == last_quarter
    # Once it is due, this year's period (still ahead) is the current one.
    assert _default_period([this_year, last_quarter], dt.date(2027, 1, 13)) == this_year
