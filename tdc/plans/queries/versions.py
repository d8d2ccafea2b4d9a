"""The difference between two versions of a plan, task by task: added, removed, reworded (the
same task in other words), and for tasks in both, leads and deadlines changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tdc.core.text import fold
from tdc.plans.models import Plan, Task, TaskUnit

SAME = "same"
REWORDED = "reworded"
ADDED = "added"
REMOVED = "removed"

# Tasks are paired by the mean of two similarities of their folded texts (0–100): a pair
# below REWORDED_SCORE is two different tasks. A pair is the same task (not reworded) when
# the texts themselves are at least SAME_SCORE alike (edit-distance ratio).
SAME_SCORE = 97
REWORDED_SCORE = 72


@dataclass
class TaskChange:
    kind: str
    old: Task | None
    new: Task | None
    score: int = 0
    leads_before: list[str] = field(default_factory=list)
    leads_after: list[str] = field(default_factory=list)
    timeline_before: str = ""
    timeline_after: str = ""

    @property
    def leads_changed(self) -> bool:
        return (
            self.old is not None
            and self.new is not None
            and (sorted(map(fold, self.leads_before)) != sorted(map(fold, self.leads_after)))
        )

    @property
    def timeline_changed(self) -> bool:
        return (
            self.old is not None
            and self.new is not None
            and fold(self.timeline_before) != fold(self.timeline_after)
        )


@dataclass
class PlanDiff:
    old: Plan
    new: Plan
    tasks: list[TaskChange]

    def of_kind(self, kind: str) -> list[TaskChange]:
        return [change for change in self.tasks if change.kind == kind]

    def counts(self) -> dict[str, int]:
        return {
            "same": len(self.of_kind(SAME)),
            "reworded": len(self.of_kind(REWORDED)),
            "added": len(self.of_kind(ADDED)),
            "removed": len(self.of_kind(REMOVED)),
            "leads_changed": sum(1 for c in self.tasks if c.leads_changed),
            "timelines_changed": sum(1 for c in self.tasks if c.timeline_changed),
        }


def _tasks(plan: Plan) -> list[Task]:
    return list(
        Task.objects.filter(plan=plan, is_active=True, kind=Task.Kind.TASK)
        .prefetch_related("units")
        .order_by("position", "pk")
    )


def _leads(task: Task) -> list[str]:
    return [unit.text for unit in task.units.all() if unit.role == TaskUnit.Role.LEAD]


def plan_diff(old: Plan, new: Plan) -> PlanDiff:
    """Pair each task of `new` with the most similar unpaired task of `old` (best pairs
    first); pairs below REWORDED_SCORE are an added and a removed task."""
    before, after = _tasks(old), _tasks(new)
    folded_before = [fold(t.content) for t in before]
    folded_after = [fold(t.content) for t in after]
    scored = sorted(
        (
            (-round(fuzz.token_set_ratio(a, b) * 0.5 + fuzz.ratio(a, b) * 0.5), j, i)
            for j, b in enumerate(folded_after)
            for i, a in enumerate(folded_before)
        ),
    )
    paired_old: dict[int, tuple[int, int]] = {}
    paired_new: set[int] = set()
    for negative, j, i in scored:
        score = -negative
        if score < REWORDED_SCORE:
            break
        if i in paired_old or j in paired_new:
            continue
        paired_old[i] = (j, score)
        paired_new.add(j)
    by_new = {j: (i, score) for i, (j, score) in paired_old.items()}
    changes: list[TaskChange] = []
    for j, task in enumerate(after):
        if j in by_new:
            i, score = by_new[j]
            old_task = before[i]
            same = fuzz.ratio(folded_before[i], folded_after[j]) >= SAME_SCORE
            changes.append(
                TaskChange(
                    kind=SAME if same else REWORDED,
                    old=old_task,
                    new=task,
                    score=score,
                    leads_before=_leads(old_task),
                    leads_after=_leads(task),
                    timeline_before=old_task.timeline,
                    timeline_after=task.timeline,
                )
            )
        else:
            changes.append(TaskChange(kind=ADDED, old=None, new=task, leads_after=_leads(task)))
    for i, task in enumerate(before):
        if i not in paired_old:
            changes.append(TaskChange(kind=REMOVED, old=task, new=None, leads_before=_leads(task)))
    return PlanDiff(old=old, new=new, tasks=changes)
