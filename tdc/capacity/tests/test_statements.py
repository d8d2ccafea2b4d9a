"""Figures the agencies' reports state in words, recognised and summed per figure, per period
and per agency, beside the computed figure, never counting twice an event the report points
at."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tdc.capacity import statements
from tdc.capacity.models import Event
from tdc.capacity.services import link_event_to_report
from tdc.capacity.tests.factories import EventFactory
from tdc.core.metrics import MetricScope
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import ReportInput, save_report, submit_report
from tdc.plans.tests.factories import make_plan, report_of


def _read(text: str) -> list[tuple[str, Decimal]]:
    return [(s.key, s.value) for s in statements.read_text(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Số lớp tập huấn: 3 lớp", [("capacity.courses_held", Decimal(3))]),
        ("Đã tổ chức 02 hội nghị", [("capacity.events_held", Decimal(2))]),
        (
            "tập huấn cho 150 lượt doanh nghiệp",
            [("capacity.participants_businesses", Decimal(150))],
        ),
        (
            "Mở 2 lớp tập huấn cho 1.250 lượt người; tổ chức 01 diễn đàn đối thoại.",
            [
                ("capacity.participants", Decimal(1250)),
                ("capacity.forums_held", Decimal(1)),
                ("capacity.courses_held", Decimal(2)),
            ],
        ),
        ("ĐÃ TỔ CHỨC 4 HỘI THẢO", [("capacity.events_held", Decimal(4))]),  # upper case
        ("Tập huấn 40 lượt cán bộ cấp xã", [("capacity.participants_commune", Decimal(40))]),
        ("Mua 5 bộ kit thử nhanh", [("capacity.equipment_bought", Decimal(5))]),
        ("Năm 2026 đạt 85% kế hoạch", []),  # a year or a share counts nothing here
        ("Lớp 12A, phòng 3", []),
    ],
)
def test_a_free_text_line_states_its_figures(text, found):
    assert sorted(_read(text)) == sorted(found)


def test_a_figures_line_is_read_by_its_unit_or_its_label():
    by_unit = statements.read_figure("Số lớp tập huấn", "3", "lớp")
    by_label = statements.read_figure("Số hội nghị đã tổ chức", "2", "")
    nothing = statements.read_figure("Tỷ lệ hoàn thành", "80", "%")

    assert [(s.key, s.value, s.text) for s in by_unit] == [
        ("capacity.courses_held", Decimal(3), "Số lớp tập huấn: 3 lớp")
    ]
    assert [(s.key, s.value) for s in by_label] == [("capacity.events_held", Decimal(2))]
    assert nothing == []


def test_the_figures_lines_win_over_the_same_figure_in_the_results_text():
    found = statements.read_content(
        "Đã mở 3 lớp tập huấn và tổ chức 02 hội nghị.",
        [{"label": "Số lớp tập huấn", "value": "3", "unit": "lớp"}],
    )
    assert sorted((s.key, s.value, s.from_figures) for s in found) == [
        ("capacity.courses_held", Decimal(3), True),
        ("capacity.events_held", Decimal(2), False),
    ]


@pytest.fixture
def plan(dost, agency, other_agency):
    plan = make_plan(
        dost,
        [
            {"number": "1.1", "content": "Tập huấn", "leads": [agency]},
            {"number": "1.2", "content": "Hội nghị", "leads": [other_agency]},
        ],
    )
    assign_plan(plan, first_year=2026)
    return plan


def _send(report, user, results, figures=()):
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=50, results=results, figures=figures),
        version=report.version,
        by=user,
    )
    return submit_report(report, version=report.version, by=user)


SCOPE_YEARS = (dt.date(2025, 1, 1), dt.date(2026, 12, 31))


def test_reports_are_summed_per_agency_and_period_less_the_events_they_point_at(
    plan, agency, other_agency, reporter, other_reporter, officer, province
):
    mine = _send(
        report_of(plan, agency),
        reporter,
        "Đã tổ chức 02 hội nghị phổ biến Chỉ thị 38; tập huấn cho 150 lượt doanh nghiệp.",
        ({"label": "Số lớp tập huấn", "value": "3", "unit": "lớp"},),
    )
    _send(report_of(plan, other_agency), other_reporter, "Tổ chức 1 hội nghị, 2 lớp tập huấn.")
    draft = report_of(plan, agency)  # the same report: still one, sent
    # The agency's report points at one of its two conferences: it is counted already.
    held = EventFactory(organiser=agency, kind=Event.Kind.CONFERENCE, held_on=dt.date(2026, 5, 4))
    link_event_to_report(held, report_id=mine.pk, by=reporter)

    readings = statements.readings_for(officer, MetricScope(province.pk, *SCOPE_YEARS))
    periods = statements.by_period_and_agency(readings)

    assert draft.pk == mine.pk
    assert [(p.period_title, [a.organisation_name for a in p.agencies]) for p in periods] == [
        (mine.period.title, ["Sở Tài chính", "Sở Y tế"])
    ]
    tai_chinh, y_te = periods[0].agencies
    assert tai_chinh.stated == {
        "capacity.courses_held": Decimal(3),
        "capacity.events_held": Decimal(2),
        "capacity.participants_businesses": Decimal(150),
    }
    assert tai_chinh.proposed["capacity.events_held"] == Decimal(1)  # 2 stated, 1 linked
    assert y_te.proposed == {
        "capacity.courses_held": Decimal(2),
        "capacity.events_held": Decimal(1),
    }
    assert statements.proposed_totals(readings) == {
        "capacity.courses_held": Decimal(5),
        "capacity.events_held": Decimal(2),
        "capacity.participants_businesses": Decimal(150),
    }


def test_a_draft_is_not_read_and_another_province_is_not_reached(
    plan, agency, reporter, officer, other_province
):
    report = report_of(plan, agency)
    save_report(
        report,
        data=ReportInput(progress="in_progress", percent=10, results="Mở 9 lớp tập huấn"),
        version=report.version,
        by=reporter,
    )
    assert statements.readings_for(officer, MetricScope(None, *SCOPE_YEARS)) == []
    _send(report_of(plan, agency), reporter, "Mở 9 lớp tập huấn")
    assert statements.readings_for(officer, MetricScope(other_province.pk, *SCOPE_YEARS)) == []


def test_the_officer_sees_the_proposal_beside_the_computed_figure(
    client, plan, agency, reporter, officer, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
    _send(report_of(plan, agency), reporter, "Đã tổ chức 02 hội nghị; mở 3 lớp tập huấn.")
    client.force_login(officer)

    page = client.get("/nang-luc/so-lieu-bao-cao/").content.decode()
    overview = client.get("/nang-luc/").content.decode()

    assert "Sở Tài chính" in page
    assert "“Đã tổ chức 02 hội nghị” → Số sự kiện, hội nghị, hoạt động truyền thông" in page
    assert "Báo cáo của các cơ quan nêu thêm: 3 lớp (đề xuất)" in overview


def test_an_agency_does_not_open_the_proposals(client, reporter):
    client.force_login(reporter)
    assert client.get("/nang-luc/so-lieu-bao-cao/").status_code == 403
