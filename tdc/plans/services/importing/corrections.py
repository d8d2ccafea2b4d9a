"""Plan import, second step: the officer's corrections to a draft's preview."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.plans.models import (
    PlanImportDraft,
)
from tdc.plans.queries.importing import (
    CHOICE_COLLECTIVE,
    CHOICE_NEW,
    CHOICE_NONE,
    CHOICE_ORG_PREFIX,
    PreviewDeadline,
    PreviewGroup,
    PreviewHeader,
    PreviewTarget,
    PreviewTask,
    PreviewUnit,
    UnitRegistry,
    chosen_organisation_id,
    guess_organisation_kind,
    preview_of,
    unit_candidates,
)
from tdc.plans.queries.plans import matching_candidates
from tdc.plans.queries.proposals import accept_proposals, add_proposals, owner_name

# --- Corrections ----------------------------------------------------------------------------


@dataclass
class TaskCorrection:
    """A task as the officer left it; an empty key is a task the officer added."""

    key: str
    group: str | None
    number: str
    content: str
    lead: list[str]
    partners: list[str]
    timeline: str
    funding: str


@dataclass
class UnitCorrection:
    key: str
    choice: str
    new_name: str = ""
    new_kind: str = ""


@dataclass
class DraftCorrections:
    """Everything the preview page lets an officer change (shape checked by the forms)."""

    header: PreviewHeader
    groups: list[PreviewGroup]
    tasks: list[TaskCorrection]
    units: list[UnitCorrection] = field(default_factory=list)
    targets: list[PreviewTarget] = field(default_factory=list)
    deadlines: list[PreviewDeadline] = field(default_factory=list)
    # Tasks whose proposed units the officer accepted (empty list: every task; None: none).
    accept_proposals: list[str] | None = None


def check_unit_choice(unit: PreviewUnit, allowed_ids: set[int]) -> None:
    choice = unit["choice"]
    if choice == CHOICE_COLLECTIVE and not unit["collective"]:
        raise ValidationError(
            _("“%(unit)s” không phải là một nhóm đơn vị.") % {"unit": unit["text"]}
        )
    if choice == CHOICE_NEW and not unit["new_name"].strip():
        raise ValidationError(
            _("Hãy nhập tên cơ quan mới cho “%(unit)s”.") % {"unit": unit["text"]}
        )
    organisation_id = chosen_organisation_id(choice)
    if choice.startswith(CHOICE_ORG_PREFIX) and organisation_id not in allowed_ids:
        raise ValidationError(
            _("Cơ quan được chọn cho “%(unit)s” không thuộc tỉnh của kế hoạch.")
            % {"unit": unit["text"]}
        )
    if choice not in (CHOICE_NEW, CHOICE_NONE, CHOICE_COLLECTIVE) and organisation_id is None:
        raise ValidationError(_("Lựa chọn cơ quan không hợp lệ."))


@transaction.atomic
def apply_draft_corrections(
    draft: PlanImportDraft, *, corrections: DraftCorrections, by: User
) -> PlanImportDraft:
    """Write the officer's corrections into the draft; units named for the first time (in an
    edited or added task) are matched like the parser's."""
    if draft.status != PlanImportDraft.Status.PENDING:
        raise ValidationError(_("Bản nháp này đã được xử lý, không thể sửa nữa."))
    preview = preview_of(draft)
    known = {unit["key"]: unit for unit in preview["units"]}
    for unit_correction in corrections.units:
        unit = known.get(unit_correction.key)
        if unit is None:
            continue
        unit["choice"] = unit_correction.choice
        unit["new_name"] = unit_correction.new_name.strip()
        unit["new_kind"] = unit_correction.new_kind or guess_organisation_kind(
            unit_correction.new_name
        )

    group_keys = {group["key"] for group in corrections.groups}
    next_key = preview["next_key"]
    tasks: list[PreviewTask] = []
    sources = {task["key"]: task["source"] for task in preview["tasks"]}
    added = 0
    for correction in corrections.tasks:
        key = correction.key if correction.key in sources else ""
        if not key:
            key = f"t{next_key}"
            next_key += 1
            added += 1
        tasks.append(
            PreviewTask(
                key=key,
                group=correction.group if correction.group in group_keys else None,
                number=correction.number.strip(),
                content=correction.content.strip(),
                lead=[u.strip() for u in correction.lead if u.strip()],
                partners=[u.strip() for u in correction.partners if u.strip()],
                timeline=correction.timeline.strip(),
                funding=correction.funding.strip(),
                source=sources.get(key, "manual"),
            )
        )

    previous = {task["key"]: task for task in preview["tasks"]}
    for task in tasks:
        before = previous.get(task["key"])
        reasons: dict[str, str] = before.get("reasons", {}) if before is not None else {}
        named = {*task["lead"], *task["partners"]}
        kept = {text: reason for text, reason in reasons.items() if text in named}
        if kept:
            task["reasons"] = kept
    preview["tasks"] = tasks
    add_proposals(preview, owner_name=owner_name(draft.province))
    if corrections.accept_proposals is not None:
        accept_proposals(preview, corrections.accept_proposals or None)
    tasks = preview["tasks"]

    candidates = list(matching_candidates(draft.province))
    registry = UnitRegistry(unit_candidates(candidates), auto_accept=False)
    units = registry.collect(tasks, preview["duties"], known=known)
    allowed = {organisation.pk for organisation in candidates}
    for unit in units:
        check_unit_choice(unit, allowed)

    removed = sorted(set(sources) - {task["key"] for task in tasks})
    preview["header"] = corrections.header
    preview["groups"] = corrections.groups
    preview["tasks"] = tasks
    preview["units"] = units
    preview["targets"] = corrections.targets
    preview["deadlines"] = corrections.deadlines
    preview["next_key"] = next_key
    draft.parsed = preview
    draft.save(update_fields=["parsed", "updated_at"])
    record(
        actor=by,
        action="plan_import.draft_corrected",
        target=draft,
        data={"tasks": len(tasks), "tasks_added": added, "tasks_removed": removed},
    )
    return draft
