"""Each seed plan imported end to end sets every unit it names to work: the duties of "Tổ chức
thực hiện" become assignments, and each unit has an assignment and a reporting period.

The counts are per organisation: (task assignments, duty assignments). Duty counts are checked
by hand against the documents' "TỔ CHỨC THỰC HIỆN": a unit gets one assignment for its own
heading, one for a joint heading naming it, and one for "Các sở, ban, ngành" when it is a
department; "UBND các huyện/xã" gives each commune committee one; DoST is not a department.
"""

import datetime as dt
import io
from collections import Counter

import pytest

from tdc.accounts import demo as accounts_demo
from tdc.accounts.models import Organisation
from tdc.plans.demo import plans as plans_demo
from tdc.plans.models import Assignment, Plan, ProgressReport, ReportingPeriod, TaskUnit
from tdc.plans.tests.factories import HANOI

pytestmark = pytest.mark.django_db

EXPECTED = {
    # Khánh Hòa 2025 (prose: no task names a lead). 1. DoST; 2. Sở Tài chính; 3. "Các sở,
    # ban, ngành, UBND các huyện, thị xã, thành phố": every department and commune.
    "000_6e5e5aaf15dc4918.txt": {
        "Báo và Phát thanh, Truyền hình Khánh Hòa": (0, 1),
        "Chi cục Quản lý thị trường tỉnh Khánh Hòa": (0, 1),
        "Công an tỉnh Khánh Hòa": (0, 1),
        "Sở Công Thương": (0, 1),
        "Sở Giáo dục và Đào tạo": (0, 1),
        "Sở Khoa học và Công nghệ": (0, 1),
        "Sở Nông nghiệp và Môi trường": (0, 1),
        "Sở Nội vụ": (0, 1),
        "Sở Tài chính": (0, 2),
        "Sở Tư pháp": (0, 1),
        "Sở Văn hóa, Thể thao và Du lịch": (0, 1),
        "Sở Xây dựng": (0, 1),
        "Sở Y tế": (0, 1),
    },
    # Huế (prose). "Trách nhiệm chung" names no body; "Sở Kế hoạch và Đầu tư, Sở Tài chính" is
    # a joint heading; "Các Sở, ban, ngành; UBND các quận, huyện" reaches every department
    # (the military command and the police are departments too).
    "001_90f2a4a9d7f11c63.txt": {
        "Ban Thường vụ Đoàn TNCSHCM thành phố": (0, 1),
        "Bộ Chỉ huy quân sự Thành phố": (0, 2),
        "Công an Thành phố": (0, 2),
        "Sở Công Thương": (0, 2),
        "Sở Khoa học và Công nghệ": (0, 1),
        "Sở Kế hoạch và Đầu tư": (0, 2),
        "Sở Thông tin và Truyền thông": (0, 2),
        "Sở Tài chính": (0, 2),
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố": (0, 1),
    },
    # Khánh Hòa 2026 (appendix table with leads and partners, and the same three duties).
    "002_4c4b0f05aca448ef.txt": {
        "Báo và Phát thanh, Truyền hình Khánh Hòa": (16, 1),
        "Chi cục Quản lý thị trường tỉnh Khánh Hòa": (16, 1),
        "Công an tỉnh Khánh Hòa": (16, 1),
        "Sở Công Thương": (16, 1),
        "Sở Giáo dục và Đào tạo": (17, 1),
        "Sở Khoa học và Công nghệ": (22, 1),
        "Sở Nông nghiệp và Môi trường": (16, 1),
        "Sở Nội vụ": (16, 1),
        "Sở Tài chính": (16, 2),
        "Sở Tư pháp": (16, 1),
        "Sở Văn hóa, Thể thao và Du lịch": (16, 1),
        "Sở Xây dựng": (16, 1),
        "Sở Y tế": (17, 1),
    },
    # Trà Vinh, now Vĩnh Long (appendix table; six duties, the first to every department).
    "003_dd02426a61918d0f.txt": {
        "Báo Trà Vinh": (1, 0),
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh": (8, 1),
        "Bộ Chỉ huy Quân sự tỉnh": (8, 1),
        "Sở Công Thương": (9, 1),
        "Sở Khoa học và Công nghệ": (15, 1),
        "Sở Nông nghiệp và Môi trường": (10, 1),
        "Sở Nội vụ": (10, 2),
        "Sở Tài chính": (9, 2),
        "Sở Văn hóa, Thể thao và Du lịch": (8, 2),
        "Sở Xây dựng": (9, 1),
        "Sở Y tế": (9, 1),
        "Trường Cao đẳng nghề Trà Vinh": (1, 0),
        "Trường Đại học Trà Vinh": (1, 0),
        "Đài Phát thanh và Truyền hình Trà Vinh": (1, 0),
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": (0, 1),
    },
    # Hưng Yên (prose; duty numbering skips 5). "Sở Công Thương, Thanh tra tỉnh" is joint;
    # "các Hội cấp tỉnh" and "các tổ chức chính trị - xã hội" name no single body.
    "004_2b6347c027d75735.txt": {
        "Báo Hưng Yên": (0, 1),
        "Bộ Chỉ huy quân sự tỉnh": (0, 2),
        "Công an tỉnh": (0, 2),
        "Hiệp hội Doanh nghiệp tỉnh": (0, 1),
        "Sở Công Thương": (0, 2),
        "Sở Khoa học và Công nghệ": (0, 1),
        "Sở Tài chính": (0, 2),
        "Thanh tra tỉnh": (0, 2),
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": (0, 1),
    },
}
# Commune committees (the demo's four in Khánh Hòa): (task, duty) assignments each.
COMMUNES = {"000_6e5e5aaf15dc4918.txt": (0, 1), "002_4c4b0f05aca448ef.txt": (19, 1)}


@pytest.fixture
def seeds(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, tzinfo=HANOI), tick=False)
    accounts_demo.load(io.StringIO())
    plans_demo.load(io.StringIO())
    return {plan.source_filename: plan for plan in Plan.objects.all()}


def _counts(plan: Plan, *, communes: bool) -> dict[str, tuple[int, int]]:
    rows = Assignment.objects.filter(task__plan=plan).values_list(
        "organisation__name", "organisation__kind", "task__kind"
    )
    counted = Counter(
        (name, task_kind)
        for name, kind, task_kind in rows
        if (kind == Organisation.Kind.COMMUNE_COMMITTEE) == communes
    )
    names = sorted({name for name, _kind in counted})
    return {name: (counted[(name, "task")], counted[(name, "duty")]) for name in names}


def test_each_seed_assigns_every_unit_what_the_plan_gives_it(seeds):
    assert set(seeds) == set(EXPECTED)
    for filename, expected in EXPECTED.items():
        assert _counts(seeds[filename], communes=False) == expected, filename
        commune_counts = set(_counts(seeds[filename], communes=True).values())
        assert commune_counts == ({COMMUNES[filename]} if filename in COMMUNES else set())


def test_every_unit_a_seed_names_has_an_assignment_and_a_period_to_report_in(seeds):
    for plan in seeds.values():
        named = set(
            TaskUnit.objects.filter(task__plan=plan, organisation__province=plan.province)
            .exclude(organisation__kind__in=["ministry", "business"])
            .values_list("organisation_id", flat=True)
        )
        assigned = set(
            Assignment.objects.filter(task__plan=plan).values_list("organisation_id", flat=True)
        )
        assert named, plan.source_filename
        assert named <= assigned, plan.source_filename
        [period] = ReportingPeriod.objects.filter(plan=plan)
        assert period.deadline >= dt.date(2026, 6, 1)
        reporting = set(
            ProgressReport.objects.filter(period=period).values_list("organisation_id", flat=True)
        )
        assert reporting == assigned


def test_a_plan_imported_after_its_first_deadline_starts_with_the_next_period(time_machine):
    # Imported on 01/12/2026: the 2026 reports (due 10/11/2026) are not created as overdue.
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=HANOI), tick=False)
    accounts_demo.load(io.StringIO())
    plans_demo.load(io.StringIO())
    plan = Plan.objects.get(source_filename="002_4c4b0f05aca448ef.txt")

    assert list(ReportingPeriod.objects.filter(plan=plan).values_list("year", "deadline")) == [
        (2027, dt.date(2027, 11, 10))
    ]
