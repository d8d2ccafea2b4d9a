"""Plan import, last step: `confirm_import_draft` (web) and `import_plan_document` (command
line, demo: no preview, the parser's matches accepted) create Plan, groups, tasks, units,
duties, targets, deadlines and the confirmed new organisations atomically, with an audit record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, Province, User
from tdc.accounts.queries import dost_of_province
from tdc.accounts.services import create_organisation
from tdc.core.audit import record
from tdc.plans.ingest.units import (
    canonical_unit_key,
)
from tdc.plans.models import (
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
    Preview,
    UnitRegistry,
    chosen_organisation_id,
    duty_unit_names,
    existing_plan,
    file_hash,
    foreign_province_message,
    guess_organisation_kind,
    is_national_body,
    preview_of,
    unit_candidates,
)
from tdc.plans.queries.plans import matching_candidates
from tdc.plans.queries.proposals import accept_proposals, assignment_outlook
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.importing.corrections import (
    DraftCorrections,
    apply_draft_corrections,
    check_unit_choice,
)
from tdc.plans.services.importing.drafts import (
    PlanAlreadyImported,
    read_plan_document,
    stored_name,
)

# --- Storing the plan -----------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import created, for the command line and the demo to report."""

    plan: Plan
    organisations_created: list[Organisation]
    matched: list[tuple[str, Organisation, float]]
    collective: list[tuple[str, str]]
    unlinked: list[str]


def _resolve_units(
    preview: Preview, *, province: Province, by: User | None
) -> tuple[dict[str, tuple[Organisation | None, str, float]], ImportResult]:
    """Organisation (or collective kind) and confidence per unit key; creates confirmed new
    organisations (one per name: two spellings proposing one name give one body)."""
    candidates = {o.pk: o for o in matching_candidates(province)}
    existing_by_name = {o.name: o for o in Organisation.objects.filter(province=province)}
    result = ImportResult(
        plan=Plan(), organisations_created=[], matched=[], collective=[], unlinked=[]
    )
    resolved: dict[str, tuple[Organisation | None, str, float]] = {}
    for unit in preview["units"]:
        check_unit_choice(unit, set(candidates))
        choice = unit["choice"]
        if choice == CHOICE_COLLECTIVE:
            resolved[unit["key"]] = (None, unit["collective"], 1.0)
            result.collective.append((unit["text"], unit["collective"]))
        elif choice == CHOICE_NONE:
            resolved[unit["key"]] = (None, "", 0.0)
            result.unlinked.append(unit["text"])
        elif choice == CHOICE_NEW:
            name = unit["new_name"].strip()
            national = is_national_body(name)
            organisation = existing_by_name.get(name)
            if organisation is None and national:
                organisation = Organisation.objects.filter(province=None, name=name).first()
            if organisation is None:
                aliases = [unit["text"]] if unit["text"] != name else []
                organisation = create_organisation(
                    name=name,
                    kind=unit["new_kind"] or guess_organisation_kind(name),
                    # Central bodies belong to no province: they take no provincial
                    # assignment and are shared by every province's plans.
                    province=None if national else province,
                    by=by,
                    aliases=aliases,
                )
                existing_by_name[name] = organisation
                result.organisations_created.append(organisation)
            resolved[unit["key"]] = (organisation, "", 1.0)
        else:
            organisation_id = chosen_organisation_id(choice)
            organisation = candidates[cast(int, organisation_id)]
            accepted = organisation_id == unit["matched_id"]
            confidence = unit["score"] if accepted else 1.0
            resolved[unit["key"]] = (organisation, "", confidence)
            result.matched.append((unit["text"], organisation, confidence))
    return resolved, result


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ValidationError(_("Ngày ban hành không hợp lệ.")) from error


def _duty_task(
    plan: Plan,
    duty: Duty,
    names: list[str],
    resolved: dict[str, tuple[Organisation | None, str, float]],
    position: int,
) -> list[TaskUnit]:
    """A unit's duties as a task of the plan, led by the bodies its heading names (a joint
    heading: each of them; a collective heading: every body of the group)."""
    task = Task(
        plan=plan,
        kind=Task.Kind.DUTY,
        duty=duty,
        content=duty.content,
        position=position,
    )
    task.full_clean()
    task.save()
    rows = []
    for unit_position, text in enumerate(names):
        organisation, collective, confidence = resolved.get(
            canonical_unit_key(text), (None, "", 0.0)
        )
        unit = TaskUnit(
            task=task,
            role=TaskUnit.Role.LEAD,
            text=text[:300],
            organisation=organisation,
            collective=collective,
            confidence=confidence,
            position=unit_position,
        )
        unit.full_clean()
        rows.append(unit)
    return rows


def _store_plan(
    preview: Preview,
    *,
    province: Province,
    data: bytes,
    filename: str,
    digest: str,
    by: User | None,
) -> ImportResult:
    """Create the plan and everything in it; the caller holds the transaction."""
    existing = existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    foreign = preview.get("foreign_locality")
    if foreign:
        raise ValidationError(foreign_province_message(foreign, province), code="foreign_plan")
    if not preview["tasks"]:
        raise ValidationError(_("Kế hoạch phải có ít nhất một nhiệm vụ."))
    resolved, result = _resolve_units(preview, province=province, by=by)
    owner = dost_of_province(province.pk)
    if owner is None:
        raise ValidationError(
            _(
                "%(province)s chưa có Sở Khoa học và Công nghệ trong danh sách cơ quan: "
                "hãy thêm cơ quan này trước khi nhập kế hoạch."
            )
            % {"province": province.name}
        )
    header = preview["header"]
    plan = Plan(
        province=province,
        owner=owner,
        issuer=header["issuer"],
        locality=header["locality"],
        title=header["title"],
        doc_number=header["doc_number"],
        doc_date=_parse_date(header["doc_date"]),
        year=header["year"],
        references=list(header["references"]),
        source_filename=PurePath(filename).name[:255],
        source_hash=digest,
        created_by=by,
    )
    plan.full_clean(exclude=["source_file"])
    plan.source_file.save(stored_name(filename), ContentFile(data), save=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:  # the same file imported meanwhile by someone else
        raise PlanAlreadyImported(
            Plan.objects.get(province=province, source_hash=digest)
        ) from error

    groups: dict[str, TaskGroup] = {}
    for position, group_data in enumerate(preview["groups"]):
        group = TaskGroup(
            plan=plan, number=group_data["number"], title=group_data["title"], position=position
        )
        group.full_clean()
        group.save()
        groups[group_data["key"]] = group

    unit_rows: list[TaskUnit] = []
    for position, task_data in enumerate(preview["tasks"]):
        task = Task(
            plan=plan,
            group=groups.get(task_data["group"] or ""),
            number=task_data["number"],
            content=task_data["content"],
            timeline=task_data["timeline"],
            funding=task_data["funding"],
            position=position,
        )
        task.full_clean()
        task.save()
        for role, texts in (
            (TaskUnit.Role.LEAD, task_data["lead"]),
            (TaskUnit.Role.PARTNER, task_data["partners"]),
        ):
            for unit_position, text in enumerate(texts):
                organisation, collective, confidence = resolved.get(
                    canonical_unit_key(text), (None, "", 0.0)
                )
                unit = TaskUnit(
                    task=task,
                    role=role,
                    text=text,
                    organisation=organisation,
                    collective=collective,
                    confidence=confidence,
                    position=unit_position,
                    reason=task_data.get("reasons", {}).get(text, "")[:300],
                )
                unit.full_clean()
                unit_rows.append(unit)
    TaskUnit.objects.bulk_create(unit_rows)

    duty_tasks = 0
    for position, duty_data in enumerate(preview["duties"]):
        names = duty_unit_names(duty_data["unit"])
        single = resolved.get(canonical_unit_key(names[0])) if len(names) == 1 else None
        duty = Duty(
            plan=plan,
            unit=duty_data["unit"],
            organisation=single[0] if single else None,
            count=duty_data["count"],
            content="\n".join(duty_data["items"]),
            position=position,
        )
        duty.full_clean()
        duty.save()
        if names and duty.content.strip():
            TaskUnit.objects.bulk_create(
                _duty_task(plan, duty, names, resolved, len(preview["tasks"]) + position)
            )
            duty_tasks += 1

    for position, target_data in enumerate(preview["targets"]):
        target = Target(
            plan=plan,
            text=target_data["text"],
            value=Decimal(target_data["value"]),
            unit=target_data["unit"],
            comparator=target_data["comparator"],
            period=target_data["period"],
            metric_key=target_data.get("metric_key", ""),
            position=position,
        )
        target.full_clean()
        target.save()

    for position, deadline_data in enumerate(preview["deadlines"]):
        deadline = ReportingDeadline(
            plan=plan,
            who=deadline_data["who"],
            to=deadline_data["to"],
            day=deadline_data["day"],
            month=deadline_data["month"],
            recurrence=deadline_data["recurrence"],
            position=position,
        )
        deadline.full_clean()
        deadline.save()

    record(
        actor=by,
        action="plan.imported",
        target=plan,
        data={
            "source_filename": plan.source_filename,
            "source_hash": digest,
            "groups": len(groups),
            "tasks": len(preview["tasks"]),
            "task_units": len(unit_rows),
            "targets": len(preview["targets"]),
            "reporting_deadlines": len(preview["deadlines"]),
            "duties": len(preview["duties"]),
            "duty_tasks": duty_tasks,
            "organisations_created": [o.pk for o in result.organisations_created],
        },
        organisation_id=owner.pk,
    )
    assign_plan(plan, by=by, first_year=header.get("first_year"))
    result.plan = plan
    return result


@transaction.atomic
def confirm_import_draft(
    draft: PlanImportDraft,
    *,
    by: User,
    corrections: DraftCorrections | None = None,
    allow_no_assignments: bool = False,
) -> Plan:
    """Apply the last corrections (if any) and store the draft as a plan, all or nothing.

    A plan that would set nobody to work (no named unit would receive an assignment) is
    stored only when the officer says so (`allow_no_assignments`)."""
    draft = PlanImportDraft.objects.select_for_update().select_related("province").get(pk=draft.pk)
    if draft.status != PlanImportDraft.Status.PENDING:
        raise ValidationError(_("Bản nháp này đã được xử lý."))
    if corrections is not None:
        apply_draft_corrections(draft, corrections=corrections, by=by)
    if (
        not allow_no_assignments
        and assignment_outlook(preview_of(draft), draft.province).assigns_nothing
    ):
        raise ValidationError(
            _(
                "Kế hoạch này sẽ không giao nhiệm vụ cho cơ quan, đơn vị nào. Hãy chọn đơn vị "
                "chủ trì (hoặc chấp nhận các đơn vị được đề xuất), hoặc đánh dấu “Vẫn nhập khi "
                "không có phân công” nếu đó là ý bạn."
            ),
            code="no_assignments",
        )
    draft.source_file.open("rb")
    try:
        data = draft.source_file.read()
    finally:
        draft.source_file.close()
    result = _store_plan(
        preview_of(draft),
        province=draft.province,
        data=data,
        filename=draft.source_filename,
        digest=draft.source_hash,
        by=by,
    )
    draft.status = PlanImportDraft.Status.IMPORTED
    draft.plan = result.plan
    draft.save(update_fields=["status", "plan", "updated_at"])
    return result.plan


def import_plan_document(
    province: Province,
    *,
    data: bytes,
    filename: str,
    by: User | None,
    year: int | None = None,
    accept_proposed_units: bool = False,
) -> ImportResult:
    """Store a document as a plan without a preview (command line, demo): matches scoring at
    least AUTO_ACCEPT_SCORE are accepted, the other units become new organisations. The
    document is parsed before the transaction opens; the rest is all or nothing."""
    digest = file_hash(data)
    existing = existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    preview = read_plan_document(data, filename, province=province, auto_accept=True)
    if year is not None:
        preview["header"]["year"] = year
    if accept_proposed_units:
        accept_proposals(preview)
        preview["units"] = UnitRegistry(
            unit_candidates(matching_candidates(province)), auto_accept=True
        ).collect(
            preview["tasks"], preview["duties"], known={u["key"]: u for u in preview["units"]}
        )
    # Without an officer to fill them in, say plainly what the document leaves out.
    preview["header"]["title"] = preview["header"]["title"] or PurePath(filename).stem
    for deadline in preview["deadlines"]:
        deadline["who"] = deadline["who"] or _("(không nêu trong văn bản)")
        deadline["to"] = deadline["to"] or _("(không nêu trong văn bản)")
    with transaction.atomic():
        return _store_plan(
            preview, province=province, data=data, filename=filename, digest=digest, by=by
        )
