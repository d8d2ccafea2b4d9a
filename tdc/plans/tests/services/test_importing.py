"""The import services: draft, corrections, confirm (one transaction), duplicates, unit matching,
proposed organisations, collective units, the command-line import and the demo plans."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tdc.accounts.models import Organisation
from tdc.core.models import AuditEvent
from tdc.plans.demo import plans as demo
from tdc.plans.ingest import errors
from tdc.plans.models import (
    Assignment,
    Duty,
    Plan,
    PlanImportDraft,
    ReportingDeadline,
    Target,
    Task,
    TaskGroup,
    TaskUnit,
)
from tdc.plans.queries.importing import (
    CHOICE_COLLECTIVE,
    CHOICE_NEW,
    CHOICE_NONE,
    collective_kind,
    duty_unit_names,
    file_hash,
    guess_organisation_kind,
    is_national_body,
    organisation_choice,
    preview_of,
)
from tdc.plans.services.importing import (
    DraftCorrections,
    PlanAlreadyImported,
    TaskCorrection,
    UnitCorrection,
    apply_draft_corrections,
    confirm_import_draft,
    create_import_draft,
    import_plan_document,
)
from tdc.plans.tests.factories import SMALL_PLAN, read_draft, small_plan_bytes


@pytest.fixture
def draft(officer, agency, other_agency) -> PlanImportDraft:
    return read_draft(
        officer.organisation.province, data=small_plan_bytes(), filename="ke-hoach.txt", by=officer
    )


def _units(draft: PlanImportDraft) -> dict[str, tuple[str, str, int | None]]:
    return {
        u["text"]: (u["choice"], u["collective"], u["matched_id"])
        for u in preview_of(draft)["units"]
    }


def _corrections(draft: PlanImportDraft, **changes: object) -> DraftCorrections:
    """The draft's current content as corrections, with some parts replaced."""
    preview = preview_of(draft)
    values: dict[str, object] = {
        "header": preview["header"],
        "groups": preview["groups"],
        "tasks": [
            TaskCorrection(
                key=t["key"],
                group=t["group"],
                number=t["number"],
                content=t["content"],
                lead=t["lead"],
                partners=t["partners"],
                timeline=t["timeline"],
                funding=t["funding"],
            )
            for t in preview["tasks"]
        ],
        "units": [
            UnitCorrection(
                key=u["key"], choice=u["choice"], new_name=u["new_name"], new_kind=u["new_kind"]
            )
            for u in preview["units"]
        ],
        "targets": preview["targets"],
        "deadlines": preview["deadlines"],
    }
    values.update(changes)
    return DraftCorrections(**values)


# --- Draft and matching -------------------------------------------------------------------------


def test_create_import_draft_matches_each_distinct_unit_once(draft, dost, agency, other_agency):
    assert _units(draft) == {
        "Sở KH&CN": (organisation_choice(dost.pk), "", dost.pk),
        "Sở Tài chính": (organisation_choice(agency.pk), "", agency.pk),
        "UBND các xã, phường, đặc khu": (CHOICE_COLLECTIVE, "all_communes", None),
        "Sở Y tế": (organisation_choice(other_agency.pk), "", other_agency.pk),
        "Hiệp hội Nuôi trồng Yến sào": (CHOICE_NEW, "", None),
        "Công an tỉnh": (CHOICE_NEW, "", None),
        "Các sở, ban, ngành": (CHOICE_COLLECTIVE, "all_departments", None),
    }
    scores = {u["text"]: u["score"] for u in preview_of(draft)["units"]}
    assert scores["Sở Tài chính"] == 1.0
    assert scores["UBND các xã, phường, đặc khu"] == 1.0


def test_create_import_draft_proposes_unmatched_units_as_new_organisations(draft):
    proposed = {
        u["text"]: (u["new_name"], u["new_kind"])
        for u in preview_of(draft)["units"]
        if u["choice"] == CHOICE_NEW
    }
    assert proposed == {
        "Hiệp hội Nuôi trồng Yến sào": ("Hiệp hội Nuôi trồng Yến sào", Organisation.Kind.OTHER),
        "Công an tỉnh": ("Công an tỉnh", Organisation.Kind.DEPARTMENT),
    }


def test_create_import_draft_keeps_the_parsed_structure_and_audits(draft, officer):
    preview = preview_of(draft)
    assert preview["header"] == {
        "issuer": "UBND tỉnh Khánh Hòa",
        "locality": "Khánh Hòa",
        "title": "KẾ HOẠCH Thực hiện Chỉ thị số 38-CT/TW về đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng",
        "doc_number": "12/KH-UBND",
        "doc_date": "2025-03-15",
        "year": 2025,
        "references": ["Chỉ thị số 38-CT/TW", "Quyết định số 1703/QĐ-TTg"],
    }
    assert [(g["key"], g["number"]) for g in preview["groups"]] == [("g1", "I"), ("g2", "II")]
    assert [(t["group"], t["number"], t["lead"], t["partners"]) for t in preview["tasks"]] == [
        ("g1", "1", ["Sở KH&CN"], ["Sở Tài chính", "UBND các xã, phường, đặc khu"]),
        ("g1", "2", ["Sở Khoa học và Công nghệ"], ["Sở Y tế", "Hiệp hội Nuôi trồng Yến sào"]),
        ("g2", "1", ["Sở Y tế"], ["Sở KHCN", "Công an tỉnh"]),
    ]
    assert preview["targets"] == [
        {
            "text": "Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp về tiêu chuẩn, đo lường, chất lượng.",
            "value": "5",
            "unit": "diễn đàn",
            "comparator": ">=",
            "period": "đến năm 2030",
            "metric_key": "capacity.forums_held",
        },
        {
            "text": "100% các sở, ban, ngành quán triệt Chỉ thị số 38-CT/TW.",
            "value": "100",
            "unit": "%",
            "comparator": "=",
            "period": "đến năm 2030",
            "metric_key": "plans.dissemination_reporting_share",
        },
    ]
    assert [
        (d["who"], d["to"], d["day"], d["month"], d["recurrence"]) for d in preview["deadlines"]
    ] == [
        ("Sở Khoa học và Công nghệ", "UBND tỉnh", 20, 11, "annual"),
        (
            "Các sở, ban, ngành, UBND các xã, phường, đặc khu",
            "Sở Khoa học và Công nghệ",
            10,
            11,
            "annual",
        ),
    ]
    assert (draft.status, draft.source_hash, draft.uploaded_by) == (
        PlanImportDraft.Status.PENDING,
        file_hash(small_plan_bytes()),
        officer,
    )
    event = AuditEvent.objects.get(action="plan_import.draft_created")
    assert (event.actor, event.data["tasks"], event.data["units"]) == (officer, 3, 7)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "ke-hoach.docx", errors.EMPTY_FILE),
        (b"PK\x03\x04 not really a zip", "ke-hoach.docx", errors.CORRUPT_DOCX),
        (b"a,b\n1,2\n", "bang.xlsx", errors.unsupported_format(".xlsx")),
    ],
    ids=["empty", "corrupt", "unsupported"],
)
def test_create_import_draft_rejects_bad_input_and_writes_nothing(officer, data, filename, message):
    with pytest.raises(ValidationError) as caught:
        create_import_draft(officer.organisation.province, data=data, filename=filename, by=officer)

    assert caught.value.messages == [message]
    assert not PlanImportDraft.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_document_that_is_not_a_plan_fails_in_the_worker_with_the_reason(officer):
    text = "Biên bản họp giao ban tuần.\nNội dung: trao đổi công việc."

    draft = read_draft(
        officer.organisation.province, data=text.encode(), filename="bien-ban.txt", by=officer
    )

    assert (draft.status, draft.error, draft.parsed) == (
        PlanImportDraft.Status.FAILED,
        errors.NO_TASKS,
        {},
    )
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "plan_import.uploaded",
        "plan_import.parse_failed",
    ]
    assert not Plan.objects.exists()


def test_collective_units_of_former_districts_become_all_communes():
    assert collective_kind("UBND các huyện, thị xã, thành phố") == "all_communes"
    assert (
        collective_kind(
            "UBND huyện, thị xã, thành phố (hoặc UBND cấp dưới trực tiếp của UBND tỉnh)"
        )
        == "all_communes"
    )
    assert collective_kind("UBND các xã, phường, đặc khu") == "all_communes"
    assert collective_kind("Các sở, ban, ngành") == "all_departments"
    assert collective_kind("Sở Y tế") == ""


@pytest.mark.parametrize(
    ("heading", "names"),
    [
        ("Sở Công Thương, Thanh tra tỉnh", ["Sở Công Thương", "Thanh tra tỉnh"]),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh"],
        ),
        ("Trách nhiệm chung", []),
    ],
)
def test_duty_unit_names(heading, names):
    assert duty_unit_names(heading) == names


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sở KH&CN", Organisation.Kind.DOST),
        ("Sở Khoa học và Công nghệ tỉnh Trà Vinh", Organisation.Kind.DOST),
        ("Sở Nội vụ", Organisation.Kind.DEPARTMENT),
        ("Công an tỉnh", Organisation.Kind.DEPARTMENT),
        ("UBND tỉnh", Organisation.Kind.PROVINCIAL_COMMITTEE),
        ("UBND phường Nha Trang", Organisation.Kind.COMMUNE_COMMITTEE),
        ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", Organisation.Kind.TESTING_BODY),
        ("Báo Trà Vinh", Organisation.Kind.OTHER),
    ],
)
def test_guess_organisation_kind(name, kind):
    assert guess_organisation_kind(name) == kind


# --- Duplicates ---------------------------------------------------------------------------------


def test_create_import_draft_refuses_a_file_already_imported_into_the_province(
    officer, other_province_officer, other_province_dost
):
    plan = import_plan_document(
        officer.organisation.province, data=small_plan_bytes(), filename="a.txt", by=officer
    ).plan

    with pytest.raises(PlanAlreadyImported) as caught:
        create_import_draft(
            officer.organisation.province, data=small_plan_bytes(), filename="b.txt", by=officer
        )

    assert caught.value.plan == plan
    assert not PlanImportDraft.objects.exists()
    # The same file is a new plan for another province.
    other = read_draft(
        other_province_dost.province,
        data=small_plan_bytes(),
        filename="b.txt",
        by=other_province_officer,
    )
    assert other.province == other_province_dost.province


def test_confirm_import_draft_refuses_a_second_draft_of_an_imported_file(officer, draft):
    second = read_draft(
        officer.organisation.province, data=small_plan_bytes(), filename="lan-2.txt", by=officer
    )
    plan = confirm_import_draft(draft, by=officer)

    with pytest.raises(PlanAlreadyImported) as caught:
        confirm_import_draft(second, by=officer)

    assert caught.value.plan == plan
    assert Plan.objects.count() == 1
    second.refresh_from_db()
    assert second.status == PlanImportDraft.Status.PENDING


# --- Confirm ------------------------------------------------------------------------------------


def test_confirm_import_draft_stores_the_whole_plan(officer, draft, dost, agency, other_agency):
    plan = confirm_import_draft(draft, by=officer)

    assert (plan.province, plan.owner, plan.doc_number, plan.doc_date.isoformat(), plan.year) == (
        dost.province,
        dost,
        "12/KH-UBND",
        "2025-03-15",
        2025,
    )
    assert (plan.source_filename, plan.source_hash, plan.created_by) == (
        "ke-hoach.txt",
        file_hash(small_plan_bytes()),
        officer,
    )
    with plan.source_file.open("rb") as stored:
        assert stored.read() == small_plan_bytes()
    assert list(plan.groups.values_list("number", "title")) == [
        ("I", "Tuyên truyền, nâng cao nhận thức"),
        ("II", "Thanh tra, kiểm tra"),
    ]
    assert list(
        plan.tasks.filter(kind="task").values_list("group__number", "number", "timeline", "funding")
    ) == [
        ("I", "1", "Hằng năm", "Ngân sách nhà nước"),
        ("I", "2", "2025-2030", "Ngân sách nhà nước"),
        ("II", "1", "Hằng năm", "Ngân sách nhà nước"),
    ]
    police = Organisation.objects.get(name="Công an tỉnh")
    bird_nest = Organisation.objects.get(name="Hiệp hội Nuôi trồng Yến sào")
    assert (police.province, police.kind, bird_nest.kind) == (
        dost.province,
        Organisation.Kind.DEPARTMENT,
        Organisation.Kind.OTHER,
    )
    units = TaskUnit.objects.filter(task__plan=plan, task__kind="task").order_by(
        "task__position", "role", "position"
    )
    assert [(u.task.position, u.role, u.text, u.organisation, u.collective) for u in units] == [
        (0, "lead", "Sở KH&CN", dost, ""),
        (0, "partner", "Sở Tài chính", agency, ""),
        (0, "partner", "UBND các xã, phường, đặc khu", None, "all_communes"),
        (1, "lead", "Sở Khoa học và Công nghệ", dost, ""),
        (1, "partner", "Sở Y tế", other_agency, ""),
        (1, "partner", "Hiệp hội Nuôi trồng Yến sào", bird_nest, ""),
        (2, "lead", "Sở Y tế", other_agency, ""),
        (2, "partner", "Sở KHCN", dost, ""),
        (2, "partner", "Công an tỉnh", police, ""),
    ]
    assert list(Duty.objects.filter(plan=plan).values_list("unit", "organisation", "count")) == [
        ("Sở Khoa học và Công nghệ", dost.pk, 2),
        ("Các sở, ban, ngành, UBND các xã, phường, đặc khu", None, 1),
    ]
    assert [(str(t.value), t.unit, t.comparator) for t in Target.objects.filter(plan=plan)] == [
        ("5.00", "diễn đàn", ">="),
        ("100.00", "%", "="),
    ]
    assert list(
        ReportingDeadline.objects.filter(plan=plan).values_list("who", "to", "day", "month")
    ) == [
        ("Sở Khoa học và Công nghệ", "UBND tỉnh", 20, 11),
        ("Các sở, ban, ngành, UBND các xã, phường, đặc khu", "Sở Khoa học và Công nghệ", 10, 11),
    ]
    draft.refresh_from_db()
    assert (draft.status, draft.plan) == (PlanImportDraft.Status.IMPORTED, plan)
    event = AuditEvent.objects.get(action="plan.imported")
    assert (event.actor, event.target_id, event.data["tasks"], event.data["task_units"]) == (
        officer,
        str(plan.pk),
        3,
        9,
    )
    assert sorted(event.data["organisations_created"]) == sorted([police.pk, bird_nest.pk])
    assert AuditEvent.objects.filter(action="organisation.created").count() == 2


def test_confirm_import_draft_failing_midway_leaves_no_partial_plan(officer, draft):
    organisations_before = Organisation.objects.count()
    preview = preview_of(draft)
    preview["targets"][1]["value"] = "1" + "0" * 13  # more digits than a target holds
    draft.save(update_fields=["parsed"])

    with pytest.raises(ValidationError):
        confirm_import_draft(draft, by=officer)

    assert Plan.objects.count() == 0
    assert TaskGroup.objects.count() == 0
    assert Task.objects.count() == 0
    assert TaskUnit.objects.count() == 0
    assert Organisation.objects.count() == organisations_before  # new bodies rolled back too
    assert not AuditEvent.objects.filter(
        action__in=["plan.imported", "organisation.created"]
    ).exists()
    draft.refresh_from_db()
    assert draft.status == PlanImportDraft.Status.PENDING


def test_confirm_import_draft_needs_the_province_dost(officer, draft, dost):
    dost.kind = Organisation.Kind.DEPARTMENT
    dost.save(update_fields=["kind"])

    with pytest.raises(ValidationError) as caught:
        confirm_import_draft(draft, by=officer)

    assert caught.value.messages == [
        "Khánh Hòa chưa có Sở Khoa học và Công nghệ trong danh sách cơ quan: "
        "hãy thêm cơ quan này trước khi nhập kế hoạch."
    ]
    assert Plan.objects.count() == 0


# --- Corrections --------------------------------------------------------------------------------


def test_apply_draft_corrections_edits_deletes_adds_and_rematches(officer, draft, agency, dost):
    preview = preview_of(draft)
    tasks = _corrections(draft).tasks
    tasks[0].content = "Tuyên truyền Chỉ thị 38 trên báo, đài"
    del tasks[1]
    tasks.append(
        TaskCorrection(
            key="",
            group="g2",
            number="2",
            content="Kiểm tra đo lường xăng dầu",
            lead=["Sở Tài chính"],
            partners=["Chi cục Quản lý thị trường"],
            timeline="Quý IV",
            funding="",
        )
    )
    police = next(u for u in preview["units"] if u["text"] == "Công an tỉnh")
    units = [
        UnitCorrection(key=police["key"], choice=organisation_choice(agency.pk)),
    ]

    apply_draft_corrections(
        draft, corrections=_corrections(draft, tasks=tasks, units=units), by=officer
    )

    draft.refresh_from_db()
    preview = preview_of(draft)
    assert [
        (t["key"], t["group"], t["number"], t["content"], t["source"]) for t in preview["tasks"]
    ] == [
        ("t1", "g1", "1", "Tuyên truyền Chỉ thị 38 trên báo, đài", "table"),
        ("t3", "g2", "1", "Kiểm tra chất lượng hàng hóa lưu thông trên thị trường", "table"),
        ("t4", "g2", "2", "Kiểm tra đo lường xăng dầu", "manual"),
    ]
    # Units only task 2 named are gone; the added task's new unit is matched (here: proposed).
    assert _units(draft) == {
        "Sở KH&CN": (organisation_choice(dost.pk), "", dost.pk),
        "Sở Tài chính": (organisation_choice(agency.pk), "", agency.pk),
        "UBND các xã, phường, đặc khu": (CHOICE_COLLECTIVE, "all_communes", None),
        "Sở Y tế": _units(draft)["Sở Y tế"],
        "Công an tỉnh": (organisation_choice(agency.pk), "", None),
        "Chi cục Quản lý thị trường": (CHOICE_NEW, "", None),
        "Các sở, ban, ngành": (CHOICE_COLLECTIVE, "all_departments", None),
    }
    event = AuditEvent.objects.get(action="plan_import.draft_corrected")
    assert (event.data["tasks_added"], event.data["tasks_removed"]) == (1, ["t2"])

    plan = confirm_import_draft(draft, by=officer)

    police_unit = TaskUnit.objects.get(task__plan=plan, text="Công an tỉnh")
    assert (police_unit.organisation, police_unit.confidence) == (agency, 1.0)
    assert not Organisation.objects.filter(name="Công an tỉnh").exists()
    assert Organisation.objects.filter(
        name="Chi cục Quản lý thị trường", province=agency.province
    ).exists()


def test_apply_draft_corrections_keeps_a_unit_the_officer_leaves_unlinked(officer, draft):
    police = next(u for u in preview_of(draft)["units"] if u["text"] == "Công an tỉnh")
    corrections = _corrections(draft, units=[UnitCorrection(key=police["key"], choice=CHOICE_NONE)])

    apply_draft_corrections(draft, corrections=corrections, by=officer)
    plan = confirm_import_draft(draft, by=officer)

    unit = TaskUnit.objects.get(task__plan=plan, text="Công an tỉnh")
    assert (unit.organisation, unit.collective, unit.confidence) == (None, "", 0.0)
    assert not Organisation.objects.filter(name="Công an tỉnh").exists()


def test_apply_draft_corrections_refuses_an_organisation_of_another_province(
    officer, draft, other_province_dost
):
    police = next(u for u in preview_of(draft)["units"] if u["text"] == "Công an tỉnh")
    corrections = _corrections(
        draft,
        units=[
            UnitCorrection(key=police["key"], choice=organisation_choice(other_province_dost.pk))
        ],
    )

    with pytest.raises(ValidationError) as caught:
        apply_draft_corrections(draft, corrections=corrections, by=officer)

    assert caught.value.messages == [
        "Cơ quan được chọn cho “Công an tỉnh” không thuộc tỉnh của kế hoạch."
    ]
    draft.refresh_from_db()
    assert (
        next(u for u in preview_of(draft)["units"] if u["text"] == "Công an tỉnh")["choice"]
        == CHOICE_NEW
    )


def test_apply_draft_corrections_two_spellings_proposing_one_name_create_one_body(officer, draft):
    preview = preview_of(draft)
    units = [
        UnitCorrection(
            key=u["key"],
            choice=CHOICE_NEW,
            new_name="Công an tỉnh Khánh Hòa",
            new_kind="department",
        )
        for u in preview["units"]
        if u["text"] in ("Công an tỉnh", "Hiệp hội Nuôi trồng Yến sào")
    ]

    apply_draft_corrections(draft, corrections=_corrections(draft, units=units), by=officer)
    plan = confirm_import_draft(draft, by=officer)

    created = Organisation.objects.get(name="Công an tỉnh Khánh Hòa")
    assert list(
        TaskUnit.objects.filter(task__plan=plan, organisation=created).values_list(
            "text", flat=True
        )
    ) == ["Hiệp hội Nuôi trồng Yến sào", "Công an tỉnh"]
    assert AuditEvent.objects.filter(action="organisation.created").count() == 1


# --- Without a preview (command line, demo) -----------------------------------------------------


def test_import_plan_document_accepts_sure_matches_and_creates_the_rest(officer, dost, agency):
    result = import_plan_document(
        dost.province, data=small_plan_bytes(), filename="ke-hoach.txt", by=None, year=2024
    )

    assert result.plan.year == 2024
    assert sorted(o.name for o in result.organisations_created) == [
        "Công an tỉnh",
        "Hiệp hội Nuôi trồng Yến sào",
        "Sở Y tế",
    ]
    assert [(text, organisation) for text, organisation, _score in result.matched] == [
        ("Sở KH&CN", dost),
        ("Sở Tài chính", agency),
    ]
    assert result.collective == [
        ("UBND các xã, phường, đặc khu", "all_communes"),
        ("Các sở, ban, ngành", "all_departments"),
    ]
    assert AuditEvent.objects.get(action="plan.imported").actor is None


@pytest.mark.django_db
def test_demo_imports_the_five_seed_plans_into_their_provinces_idempotently(capsys):
    from tdc.accounts import demo as accounts_demo

    class Out:
        lines: list[str] = []

        def write(self, text: str) -> None:
            self.lines.append(text)

    accounts_demo.load(Out())
    demo.load(Out())
    counts = (Plan.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    demo.load(Out())

    assert (
        Plan.objects.count(),
        Organisation.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    plans = Plan.objects.order_by("province_id", "year")
    assert [
        (p.province_id, p.year, p.tasks.filter(kind="task").count(), p.owner.kind) for p in plans
    ] == [
        (33, 2025, 22, "dost"),
        (46, 2025, 21, "dost"),
        (56, 2025, 24, "dost"),
        (56, 2026, 25, "dost"),
        (86, 2025, 19, "dost"),
    ]
    # Trà Vinh's plan (now Vĩnh Long) brought Vĩnh Long the bodies it names.
    vinh_long = set(Organisation.objects.filter(province_id=86).values_list("name", flat=True))
    assert {"Sở Khoa học và Công nghệ", "Báo Trà Vinh", "Trường Đại học Trà Vinh"} <= vinh_long
    assert (
        TaskUnit.objects.filter(
            task__plan__province_id=86, text="UBND các huyện, thị xã, thành phố"
        )
        .values_list("collective", flat=True)
        .distinct()
        .get()
        == "all_communes"
    )


def test_import_plan_document_says_what_the_document_leaves_out(dost):
    # No "KẾ HOẠCH" title line, and a report whose recipient is not named.
    text = SMALL_PLAN.replace("KẾ HOẠCH\nThực hiện Chỉ thị", "Về việc thực hiện Chỉ thị").replace(
        "- Tổng hợp, báo cáo UBND tỉnh trước ngày 20/11 hằng năm.",
        "- Gửi báo cáo trước ngày 20/11 hằng năm.",
    )

    plan = import_plan_document(
        dost.province, data=text.encode(), filename="kh-tinh.txt", by=None
    ).plan

    assert plan.title == "kh-tinh"
    assert list(plan.reporting_deadlines.values_list("who", "to", "day", "month")) == [
        ("Sở Khoa học và Công nghệ", "(không nêu trong văn bản)", 20, 11),
        ("Các sở, ban, ngành, UBND các xã, phường, đặc khu", "Sở Khoa học và Công nghệ", 10, 11),
    ]


def test_an_imported_plan_is_assigned_to_its_lead_and_partner_organisations(officer, dost, agency):
    result = import_plan_document(
        dost.province, data=small_plan_bytes(), filename="ke-hoach.txt", by=officer
    )

    plan = result.plan
    assert Assignment.objects.filter(task__plan=plan).count() > 0
    first = plan.tasks.get(position=0)
    pairs = set(Assignment.objects.filter(task=first).values_list("organisation__name", "role"))
    assert ("Sở Khoa học và Công nghệ", "lead") in pairs
    assert ("Sở Tài chính", "partner") in pairs


@pytest.mark.parametrize(
    ("name", "national"),
    [
        ("Ủy ban TCĐLCL Quốc gia", True),
        ("Ủy ban TCDLCL Quốc gia", True),
        ("Bộ Khoa học và Công nghệ", True),
        ("Các cơ quan Trung ương", True),
        ("Sở Y tế", False),
        ("Công an tỉnh", False),
    ],
)
def test_central_bodies_are_recognised(name, national):
    assert is_national_body(name) is national


def test_a_central_body_named_by_a_plan_belongs_to_no_province_and_takes_no_task(officer, dost):
    text = SMALL_PLAN.replace("Hiệp hội Nuôi trồng Yến sào", "Ủy ban TCĐLCL Quốc gia")

    result = import_plan_document(dost.province, data=text.encode(), filename="kh.txt", by=officer)

    [body] = [o for o in result.organisations_created if "Quốc gia" in o.name]
    assert body.province_id is None
    assert not Assignment.objects.filter(task__plan=result.plan, organisation=body).exists()
