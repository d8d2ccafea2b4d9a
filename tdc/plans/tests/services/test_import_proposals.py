"""Before confirming: proposed leads for tasks the document gives none, the outlook of what
would be assigned, the explicit choice when nothing would be, the province guard, and the
first period to collect."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tdc.accounts.tests.factories import ProvinceFactory
from tdc.plans.models import Assignment, ReportingPeriod, TaskUnit
from tdc.plans.queries.importing import preview_of
from tdc.plans.queries.proposals import assignment_outlook
from tdc.plans.services.importing import (
    apply_draft_corrections,
    confirm_import_draft,
    import_plan_document,
)
from tdc.plans.services.importing.corrections import DraftCorrections, TaskCorrection
from tdc.plans.tests.factories import HANOI, read_draft

pytestmark = pytest.mark.django_db

PROSE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

KẾ HOẠCH
Thực hiện Chỉ thị số 38-CT/TW về công tác tiêu chuẩn, đo lường, chất lượng

I. NHIỆM VỤ VÀ GIẢI PHÁP

1. Công tác tuyên truyền

- Tổ chức hội nghị quán triệt Chỉ thị số 38-CT/TW cho cán bộ, công chức.
- Bố trí kinh phí thực hiện các nhiệm vụ về tiêu chuẩn trong dự toán ngân sách hằng năm.

II. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ

- Theo dõi, đôn đốc, tổng hợp, báo cáo UBND tỉnh trước ngày 20/11 hằng năm.

2. Sở Tài chính

- Tham mưu bố trí kinh phí thực hiện các nhiệm vụ về tiêu chuẩn trong dự toán ngân sách.
"""

NOBODY_PLAN = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

KẾ HOẠCH
Thực hiện Chỉ thị số 38-CT/TW

I. NHIỆM VỤ VÀ GIẢI PHÁP

1. Tuyên truyền

- Tổ chức hội nghị quán triệt Chỉ thị số 38-CT/TW.
"""


@pytest.fixture
def prose_draft(officer, dost, agency):
    return read_draft(dost.province, data=PROSE_PLAN.encode(), filename="kh.txt", by=officer)


def _corrections(draft, **changes):
    preview = preview_of(draft)
    return DraftCorrections(
        header=changes.pop("header", preview["header"]),
        groups=preview["groups"],
        tasks=[
            TaskCorrection(
                key=t["key"],
                group=t["group"],
                number=t["number"],
                content=t["content"],
                lead=list(t["lead"]),
                partners=list(t["partners"]),
                timeline=t["timeline"],
                funding=t["funding"],
            )
            for t in preview["tasks"]
        ],
        targets=preview["targets"],
        deadlines=preview["deadlines"],
        **changes,
    )


def test_tasks_without_a_lead_get_proposals_with_their_reason(prose_draft):
    first, second = preview_of(prose_draft)["tasks"]

    assert (first["lead"], second["lead"]) == ([], [])
    assert [(p["text"], p["role"]) for p in first["proposals"]] == [
        ("Sở Khoa học và Công nghệ", "lead")
    ]
    assert first["proposals"][0]["reason"] == (
        "Văn bản không nêu đơn vị chủ trì: đề xuất cơ quan theo dõi kế hoạch."
    )
    # The finance department's duty names the subject of the second task.
    assert [(p["text"], p["role"]) for p in second["proposals"]] == [("Sở Tài chính", "lead")]
    assert second["proposals"][0]["reason"].startswith(
        "Theo trách nhiệm của đơn vị tại mục “Tổ chức thực hiện”: “- Tham mưu bố trí kinh phí"
    )


def test_the_outlook_counts_tasks_without_a_lead_and_units_that_would_get_nothing(
    prose_draft, ministry
):
    outlook = assignment_outlook(preview_of(prose_draft), prose_draft.province)

    assert (outlook.tasks, outlook.tasks_without_lead, outlook.duties, outlook.receiving) == (
        2,
        2,
        2,
        2,
    )
    assert outlook.receiving_nothing == []
    assert not outlook.assigns_nothing


def test_accepted_proposals_become_leads_and_keep_their_reason(prose_draft, officer, dost, agency):
    apply_draft_corrections(
        prose_draft, corrections=_corrections(prose_draft, accept_proposals=[]), by=officer
    )
    prose_draft.refresh_from_db()
    tasks = preview_of(prose_draft)["tasks"]
    assert [t["lead"] for t in tasks] == [["Sở Khoa học và Công nghệ"], ["Sở Tài chính"]]
    assert "proposals" not in tasks[0]

    plan = confirm_import_draft(prose_draft, by=officer)

    unit = TaskUnit.objects.get(task__plan=plan, task__kind="task", text="Sở Tài chính")
    assert (unit.organisation, unit.role) == (agency, "lead")
    assert unit.reason.startswith("Theo trách nhiệm của đơn vị")
    assert set(
        Assignment.objects.filter(task__plan=plan).values_list(
            "organisation__name", "task__kind", "role"
        )
    ) == {
        ("Sở Khoa học và Công nghệ", "task", "lead"),
        ("Sở Tài chính", "task", "lead"),
        ("Sở Khoa học và Công nghệ", "duty", "lead"),
        ("Sở Tài chính", "duty", "lead"),
    }


def test_accepting_one_tasks_proposals_leaves_the_others(prose_draft, officer):
    key = preview_of(prose_draft)["tasks"][1]["key"]
    apply_draft_corrections(
        prose_draft, corrections=_corrections(prose_draft, accept_proposals=[key]), by=officer
    )
    prose_draft.refresh_from_db()

    assert [t["lead"] for t in preview_of(prose_draft)["tasks"]] == [[], ["Sở Tài chính"]]


def test_a_plan_that_would_assign_nothing_needs_an_explicit_choice(officer, dost):
    draft = read_draft(dost.province, data=NOBODY_PLAN.encode(), filename="kh.txt", by=officer)
    assert assignment_outlook(preview_of(draft), draft.province).assigns_nothing

    with pytest.raises(ValidationError) as error:
        confirm_import_draft(draft, by=officer)
    assert "không giao nhiệm vụ cho cơ quan, đơn vị nào" in error.value.messages[0]

    plan = confirm_import_draft(draft, by=officer, allow_no_assignments=True)
    assert not Assignment.objects.filter(task__plan=plan).exists()


def test_another_provinces_plan_is_not_matched_nor_imported_here(officer, dost, agency):
    ProvinceFactory(code=52, name="Gia Lai")
    text = PROSE_PLAN.replace("TỈNH KHÁNH HÒA", "TỈNH GIA LAI").replace(
        "Thực hiện Chỉ thị", "Thực hiện Chỉ thị trên địa bàn tỉnh Gia Lai,"
    )
    draft = read_draft(dost.province, data=text.encode(), filename="gia-lai.txt", by=officer)
    preview = preview_of(draft)

    assert preview["foreign_locality"] == "Gia Lai"
    assert preview["notes"][0].startswith(
        "Văn bản này là kế hoạch của Gia Lai, không phải của Khánh Hòa: không thể nhập vào Khánh Hòa."
    )
    # Gia Lai's "Sở Tài chính" is not Khánh Hòa's.
    assert all(unit["matched_id"] is None for unit in preview["units"])
    with pytest.raises(ValidationError) as error:
        confirm_import_draft(draft, by=officer, allow_no_assignments=True)
    assert error.value.messages[0].startswith("Văn bản này là kế hoạch của Gia Lai")
    with pytest.raises(ValidationError):
        import_plan_document(dost.province, data=text.encode(), filename="gia-lai.txt", by=None)


def test_a_former_provinces_plan_belongs_to_its_successor(officer, dost):
    # Ninh Thuận merged into Khánh Hòa in 2025.
    text = PROSE_PLAN.replace("TỈNH KHÁNH HÒA", "TỈNH NINH THUẬN")
    draft = read_draft(dost.province, data=text.encode(), filename="nt.txt", by=officer)

    assert "foreign_locality" not in preview_of(draft)


def test_the_officer_chooses_the_first_period_and_past_ones_are_not_created(
    prose_draft, officer, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=HANOI), tick=False)
    header = dict(preview_of(prose_draft)["header"], first_year=2028)

    plan = confirm_import_draft(
        prose_draft, by=officer, corrections=_corrections(prose_draft, header=header)
    )

    assert list(ReportingPeriod.objects.filter(plan=plan).values_list("year", flat=True)) == [2028]


def test_targets_whose_wording_names_a_platform_figure_are_linked_to_it(officer, other_province):
    from pathlib import Path

    from tdc.accounts.tests.factories import OrganisationFactory
    from tdc.plans.models import Indicator, Target

    OrganisationFactory(name="Sở Khoa học và Công nghệ", kind="dost", province=other_province)
    seed = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "001_90f2a4a9d7f11c63.txt"
    result = import_plan_document(
        other_province, data=seed.read_bytes(), filename=seed.name, by=None
    )

    linked = {
        t.text[:40]: t.metric_key for t in Target.objects.filter(plan=result.plan) if t.metric_key
    }
    assert linked == {
        "100% các sở, ban, ngành, UBND các quận, ": "plans.dissemination_reporting_share",
        "100% thông tin phản ánh dưới mọi hình th": "complaints.handled_share",
        "100% thông tin, cảnh báo về hàng hoá lưu": "surveillance.warnings_handled_share",
        "Phấn đấu 30% các cơ quan, tổ chức, doanh": "capacity.businesses_trained_share",
        "Phấn đấu 50% cán bộ, công chức, viên chứ": "capacity.officials_trained_share",
        "Phấn đấu 50% đội ngũ cán bộ, công chức, ": "capacity.officials_trained_share",
        "Tổ chức ít nhất 05 diễn đàn đối thoại vớ": "capacity.forums_held",
        "Đầu tư ít nhất 06 trang thiết bị, công c": "capacity.equipment_bought",
    }
    indicator = Indicator.objects.get(target__text__startswith="100% thông tin phản ánh")
    assert indicator.metric_key == "complaints.handled_share"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Công an tỉnh phát hiện", "Công an tỉnh"),
        (
            "Sở Khoa học và Công nghệ định hướng các cơ quan báo chí tuyên truyền",
            "Sở Khoa học và Công nghệ",
        ),
        ("Chi cục Quản lý thị trường tỉnh", "Chi cục Quản lý thị trường tỉnh"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ],
)
def test_a_unit_followed_by_a_verb_is_proposed_without_the_verb(text, name):
    from tdc.plans.queries.importing import unit_without_verb

    assert unit_without_verb(text) == name


def test_a_sentence_fragment_is_matched_as_the_body_it_starts_with(officer, dost, agency):
    text = PROSE_PLAN.replace(
        "- Bố trí kinh phí thực hiện các nhiệm vụ về tiêu chuẩn trong dự toán ngân sách hằng năm.",
        "- Bố trí kinh phí hằng năm (phối hợp: Sở Tài chính phát hiện sai sót; Công an tỉnh "
        "phát hiện vi phạm).",
    )
    draft = read_draft(dost.province, data=text.encode(), filename="kh.txt", by=officer)

    proposed = {u["text"]: (u["matched_id"], u["new_name"]) for u in preview_of(draft)["units"]}

    assert all("phát hiện" not in new_name for _id, new_name in proposed.values())


def test_target_periods_read_as_words_in_the_preview(officer, dost):
    from tdc.plans.queries.importing import period_words

    assert [period_words(c) for c in ("by 2030", "annual", "by 2035", "2026–2030")] == [
        "đến năm 2030",
        "hằng năm",
        "đến năm 2035",
        "2026–2030",
    ]


def test_a_duty_reads_on_one_line_in_notifications(prose_draft, officer, agency):
    from tdc.plans.models import ProgressReport
    from tdc.plans.services.notifications import report_label

    plan = confirm_import_draft(prose_draft, by=officer)
    report = ProgressReport.objects.get(
        period__plan=plan, assignment__task__kind="duty", organisation=agency
    )

    assert "\n" not in report_label(report)
