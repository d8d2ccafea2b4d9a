"""Before an import is confirmed: units proposed as leads for tasks whose document names none
(from the duties of "Tổ chức thực hiện", else the plan's owner), and the outlook of the
assignments the plan would create (tasks without a lead, named units that would get nothing)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, Province
from tdc.core.text import fold, shorten
from tdc.plans.queries.importing import (
    CHOICE_COLLECTIVE,
    CHOICE_NEW,
    Preview,
    PreviewDuty,
    PreviewProposal,
    PreviewTask,
    chosen_organisation_id,
    collective_kind,
    duty_unit_names,
    is_national_body,
)

# --- Proposed leads for tasks the document gives none -----------------------------------------

_STOP_WORDS = frozenset(
    [
        "va",
        "cac",
        "cua",
        "cho",
        "trong",
        "tren",
        "voi",
        "de",
        "the",
        "nhung",
        "mot",
        "theo",
        "tai",
        "ve",
        "tu",
        "la",
        "co",
        "duoc",
        "nay",
        "do",
        "khi",
        "da",
        "se",
        "thuc",
        "hien",
        "trien",
        "khai",
        "tang",
        "cuong",
        "day",
        "manh",
        "cong",
        "tac",
        "to",
        "chuc",
        "linh",
        "vuc",
        "tinh",
        "thanh",
        "pho",
        "nam",
        "hang",
        "nghiep",
        "nhiem",
        "vu",
        "giai",
        "phap",
        "ke",
        "hoach",
        "tieu",
        "chuan",
        "do",
        "luong",
        "chat",
        "hoat",
        "dong",
        "nang",
        "cao",
        "hieu",
        "qua",
        "lien",
        "quan",
        "don",
        "vi",
        "co",
        "quan",
        "nganh",
        "so",
        "ban",
        "phoi",
        "hop",
        "chu",
        "tri",
    ]
)
# A duty item sharing at least this many word pairs with a task names the task's subject
# (lead); a partner needs more.
PROPOSAL_MIN_SHARED = 2
PARTNER_MIN_SHARED = 3


def _word_pairs(text: str) -> set[tuple[str, str]]:
    words = [w for w in re.findall(r"[a-z0-9đ]+", fold(text)) if w not in _STOP_WORDS]
    return set(zip(words, words[1:], strict=False))


def owner_name(province: Province) -> str:
    from tdc.accounts.queries import dost_of_province

    owner = dost_of_province(province.pk)
    return owner.name if owner is not None else "Sở Khoa học và Công nghệ"


def propose_units(
    task: PreviewTask, duties: Iterable[PreviewDuty], *, owner_name: str
) -> list[PreviewProposal]:
    """Leads (and partners) for a task whose document names no lead: the bodies whose duty
    under "Tổ chức thực hiện" names the task's subject, otherwise the plan's owner."""
    pairs = _word_pairs(task["content"])
    scored: list[tuple[int, int, str, str]] = []
    for position, duty in enumerate(duties):
        names = duty_unit_names(duty["unit"])
        if len(names) != 1 or collective_kind(names[0]):
            continue
        best, best_item = 0, ""
        for item in duty["items"]:
            shared = len(pairs & _word_pairs(item))
            if shared > best:
                best, best_item = shared, item
        if best >= PROPOSAL_MIN_SHARED:
            scored.append((-best, position, names[0], best_item))
    scored.sort()
    proposals: list[PreviewProposal] = []
    for index, (score, _position, name, item) in enumerate(scored[:3]):
        if index and -score < PARTNER_MIN_SHARED:
            continue
        proposals.append(
            PreviewProposal(
                text=name,
                role="lead" if index == 0 else "partner",
                reason=_("Theo trách nhiệm của đơn vị tại mục “Tổ chức thực hiện”: “%(duty)s”")
                % {"duty": shorten(item, 160)},
            )
        )
    if not proposals:
        proposals.append(
            PreviewProposal(
                text=owner_name,
                role="lead",
                reason=_("Văn bản không nêu đơn vị chủ trì: đề xuất cơ quan theo dõi kế hoạch."),
            )
        )
    return proposals


def add_proposals(preview: Preview, *, owner_name: str) -> None:
    """Fill `proposals` for every task without a lead (and clear them where a lead is set)."""
    for task in preview["tasks"]:
        if task["lead"]:
            task.pop("proposals", None)
        else:
            task["proposals"] = propose_units(task, preview["duties"], owner_name=owner_name)


def accept_proposals(preview: Preview, keys: Iterable[str] | None = None) -> int:
    """Make the proposals of the given tasks (all when None) their leads and partners; the
    reason of each stays with the task. Returns how many tasks were changed."""
    wanted = None if keys is None else set(keys)
    changed = 0
    for task in preview["tasks"]:
        proposals = task.get("proposals") or []
        if task["lead"] or not proposals or (wanted is not None and task["key"] not in wanted):
            continue
        reasons = task.setdefault("reasons", {})
        for proposal in proposals:
            target = task["lead"] if proposal["role"] == "lead" else task["partners"]
            if proposal["text"] not in target:
                target.append(proposal["text"])
            reasons[proposal["text"]] = proposal["reason"]
        task.pop("proposals", None)
        changed += 1
    return changed


# --- What the plan would assign ------------------------------------------------------------------

# Collectives that expand to bodies of the province when the plan is assigned.
EXPANDING_COLLECTIVES = frozenset(
    {"all_communes", "all_districts", "all_localities", "all_departments"}
)
NOT_REPORTING_KINDS = frozenset({Organisation.Kind.MINISTRY, Organisation.Kind.BUSINESS})


@dataclass(frozen=True)
class AssignmentOutlook:
    """What confirming the draft would set to work, shown before the officer confirms."""

    tasks: int
    tasks_without_lead: int
    duties: int
    receiving: int  # named units that would get at least one assignment
    receiving_nothing: list[str]  # named units that would get none (text as written)

    @property
    def assigns_nothing(self) -> bool:
        return self.receiving == 0


def _unit_receives(unit: dict[str, object], organisations: dict[int, Organisation]) -> bool:
    choice = str(unit["choice"])
    if choice == CHOICE_COLLECTIVE:
        return unit["collective"] in EXPANDING_COLLECTIVES
    if choice == CHOICE_NEW:
        return not is_national_body(str(unit["new_name"]))
    organisation = organisations.get(chosen_organisation_id(choice) or 0)
    return (
        organisation is not None
        and organisation.kind not in NOT_REPORTING_KINDS
        and (organisation.province_id is not None)
    )


def assignment_outlook(preview: Preview, province: Province) -> AssignmentOutlook:
    """Tasks without a lead, and which named units would receive nothing, if confirmed now."""
    from tdc.plans.ingest.units import canonical_unit_key

    ids = [chosen_organisation_id(str(u["choice"])) for u in preview["units"]]
    organisations = {
        o.pk: o for o in Organisation.objects.filter(pk__in=[i for i in ids if i], is_active=True)
    }
    units = {u["key"]: u for u in preview["units"]}
    named: dict[str, str] = {}
    for task in preview["tasks"]:
        for text in [*task["lead"], *task["partners"]]:
            named.setdefault(canonical_unit_key(text), text)
    duties = 0
    for duty in preview["duties"]:
        names = duty_unit_names(duty["unit"])
        duties += bool(names and duty["items"])
        for text in names:
            named.setdefault(canonical_unit_key(text), text)
    receiving, nothing = 0, []
    for key, text in named.items():
        unit = units.get(key)
        if unit is not None and _unit_receives(dict(unit), organisations):
            receiving += 1
        else:
            nothing.append(text)
    return AssignmentOutlook(
        tasks=len(preview["tasks"]),
        tasks_without_lead=sum(1 for t in preview["tasks"] if not t["lead"]),
        duties=duties,
        receiving=receiving,
        receiving_nothing=nothing,
    )
