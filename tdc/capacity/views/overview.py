"""The capacity overview: the figures the targets compute from, and their charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.capacity import access, queries, statements
from tdc.capacity.metrics import METRICS
from tdc.capacity.models import Audience
from tdc.capacity.views.common import scope_for_user
from tdc.core.charts import Series, render_chart, vietnamese_number
from tdc.core.metrics import MetricScope

HEADLINE = (
    "capacity.courses_held",
    "capacity.participants",
    "capacity.businesses_trained_share",
    "capacity.officials_trained_share",
    "capacity.forums_held",
    "capacity.events_held",
    "capacity.event_participants",
    "capacity.equipment_bought",
    "capacity.programmes_under_way",
    "capacity.iso_applied_agencies",
)


@capability_required(Capability.VIEW_CAPACITY)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = scope_for_user(request.user)
    metrics = {m.key: m for m in METRICS}
    # What the agencies' reports state besides, for DoST to weigh (never added by itself).
    reported = (
        statements.proposed_totals(statements.readings_for(request.user, scope))
        if access.can_manage(request.user)
        else {}
    )
    figures = [
        {
            "key": key,
            "label": metrics[key].label,
            "value": vietnamese_number(metrics[key].compute(scope), metrics[key].unit),
            "reported": (
                vietnamese_number(reported[key], metrics[key].unit) if key in reported else ""
            ),
        }
        for key in HEADLINE
    ]
    years = list(range(scope.start.year, scope.end.year + 1))
    per_year = [
        queries.courses_held(
            MetricScope(scope.province_id, dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
        for year in years
    ]
    courses_chart = render_chart(
        "bar",
        _("Số lớp đào tạo, tập huấn theo năm (lớp)"),
        [str(year) for year in years],
        [Series(_("Số lớp"), per_year)],
    )
    by_audience = queries.participants_by_audience(scope)
    at_events = queries.event_participants_by_audience(scope)
    audience_chart = render_chart(
        "horizontal_bar",
        _("Người tham gia theo đối tượng (lượt người)"),
        [str(label) for label in Audience.labels],
        [
            Series(_("Học viên các lớp"), [by_audience[value] for value in Audience.values]),
            Series(_("Tham dự sự kiện"), [at_events[value] for value in Audience.values]),
        ],
    )
    audiences = [
        {
            "label": label,
            "training": by_audience[value],
            "events": at_events[value],
            "total": by_audience[value] + at_events[value],
        }
        for value, label in Audience.choices
    ]
    audience_totals = {
        "training": sum(by_audience.values()),
        "events": sum(at_events.values()),
        "total": sum(by_audience.values()) + sum(at_events.values()),
    }
    return render(
        request,
        "capacity/overview.html",
        {
            "figures": figures,
            "scope": scope,
            "courses_chart": courses_chart,
            "audience_chart": audience_chart,
            "audiences": audiences,
            "audience_totals": audience_totals,
            "can_manage": access.can_manage(request.user),
            "can_record": access.can_record(request.user),
        },
    )


@capability_required(Capability.MANAGE_CAPACITY)
def reported_figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the agencies' reports state in words, per period and agency, beside the figures
    the registers compute: a proposal for the officer."""
    scope = scope_for_user(request.user)
    readings = statements.readings_for(request.user, scope)
    totals = statements.proposed_totals(readings)
    metrics = {m.key: m for m in METRICS}
    keys = [key for key, _noun in statements.FIGURE_NOUNS if key in totals]
    columns = [
        {
            "key": key,
            "label": metrics[key].label,
            "unit": metrics[key].unit,
            "computed": vietnamese_number(metrics[key].compute(scope), metrics[key].unit),
            "reported": vietnamese_number(totals[key], metrics[key].unit),
        }
        for key in keys
    ]
    periods = [
        {
            "title": period.period_title,
            "total": [_number(period.proposed.get(key)) for key in keys],
            "agencies": [
                {
                    "name": agency.organisation_name,
                    "values": [_number(agency.proposed.get(key)) for key in keys],
                    "readings": agency.readings,
                }
                for agency in period.agencies
            ],
        }
        for period in statements.by_period_and_agency(readings)
    ]
    return render(
        request,
        "capacity/reported_figures.html",
        {
            "scope": scope,
            "columns": columns,
            "periods": periods,
            "labels": {key: metric.label for key, metric in metrics.items()},
        },
    )


def _number(value: Decimal | None) -> str:
    return vietnamese_number(value) if value is not None else ""
