"""Reads of the standards app: ranked full-text search of the catalogue, notifications and
their countdown, a business's alerts, enquiries and the FAQ.

Search runs on the engine's own full-text index — SQLite FTS5 (`standards_standard_fts`) or a
PostgreSQL tsvector with a GIN index (`standards_standard.search_tsv`), both created by migration
0002 — over accent-free plain words (`Standard.refresh_search`), ranked: an exact number first, then standards in force,
then BM25 / ts_rank with the number column weighted above the titles.
"""

# The search SQL is assembled from constants (table and column names); every value the user
# gives is a parameter.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from tdc.accounts.models import Organisation
from tdc.core.registry import TaskFact
from tdc.standards.ics import CODE as ICS_CODE
from tdc.standards.models import (
    Digest,
    Enquiry,
    Notification,
    Project,
    Standard,
    StandardChange,
    Subscription,
    number_key,
    words,
)

_ICS_TOKEN = re.compile(r"^ics\d+$")
_ICS_QUERY = re.compile(r"^(ics\s*)?\d{2}(\.\d{3}(\.\d{2})?)?$", re.IGNORECASE)
# The first word of a standard's number: "TCVN 4193:2014", "QCVN 01-1:2018/BYT", "ISO 22000".
NUMBER_PREFIXES = (
    "tcvn",
    "qcvn",
    "qcdp",
    "tccs",
    "iso",
    "iec",
    "en",
    "astm",
    "codex",
    "cac",
    "itu",
)
_NUMBER_QUERY = re.compile(r"^[a-z]{2,5}[\s\-.]*\d[\w\s:.\-/]*$")
MAX_TERMS = 12


@dataclass(frozen=True)
class SearchPage:
    standards: list[Standard]
    total: int  # counted up to RANK_AT_MOST + 1: more than that is "over RANK_AT_MOST"

    @property
    def is_capped(self) -> bool:
        return self.total > RANK_AT_MOST


# Beyond this many matches (a single common word, a whole ICS field) the list is by number:
# ranking hundreds of near-equal matches costs more than it tells, and the count stops there
# ("more than 500", 20 pages): counting every match would read them all; the user narrows
# instead.
RANK_AT_MOST = 500
CANDIDATES = (
    100  # SQLite: the best matches by bm25 that the boosts (exact number, in force) re-order
)
IN_FORCE = str(Standard.Status.IN_FORCE)


@dataclass(frozen=True)
class Terms:
    tokens: list[str]
    prefix_last: bool  # the last token may be a prefix (the word being typed, a number)
    ranked: bool  # False for an ICS code alone: every match is as good, list by number


def search_terms(text: str) -> list[str]:
    """The query as index tokens: accent-free words, an ICS code as its token, at most 12."""
    return parse_query(text).tokens


def parse_query(text: str) -> Terms:
    text = text.strip()
    if _ICS_QUERY.match(text):
        code = re.sub(r"(?i)^ics\s*", "", text)
        return Terms(["ics" + code.replace(".", "")], prefix_last=False, ranked=False)
    folded = words(text)
    if _NUMBER_QUERY.match(folded) and folded.split()[0].rstrip("0123456789") in NUMBER_PREFIXES:
        # A number, written any way ("TCVN 4193:2014", "tcvn4193"): one prefix of the compact
        # key, never "tcvn" alone (which every TCVN holds).
        return Terms([number_key(text)], prefix_last=True, ranked=True)
    return Terms(folded.split()[:MAX_TERMS], prefix_last=True, ranked=True)


def _fts_query(terms: Terms) -> str:
    last = len(terms.tokens) - 1
    if connection.vendor == "postgresql":
        return " & ".join(
            f"{t}:*" if terms.prefix_last and i == last else t for i, t in enumerate(terms.tokens)
        )
    return " AND ".join(
        f'"{t}"*' if terms.prefix_last and i == last else f'"{t}"'
        for i, t in enumerate(terms.tokens)
    )


def _browse(status: str, kind: str, limit: int, offset: int) -> SearchPage:
    base = Standard.objects.all()
    if status:
        base = base.filter(status=status)
    if kind:
        base = base.filter(kind=kind)
    return SearchPage(list(base.order_by("number_key")[offset : offset + limit]), base.count())


def search_standards(
    text: str = "",
    *,
    status: str = "",
    kind: str = "",
    ics: str = "",
    limit: int = 25,
    offset: int = 0,
) -> SearchPage:
    """The catalogue page for a query and filters, best match first: the exact number, then
    standards in force, then the engine's score (number above title words). An ICS code alone,
    or a query matching more than RANK_AT_MOST standards, lists the matches by number."""
    terms = parse_query(text)
    if ics and ICS_CODE.match(ics):
        terms = Terms(
            [*terms.tokens, "ics" + ics.replace(".", "")],
            False,
            terms.ranked and bool(terms.tokens),
        )
        if len(terms.tokens) > 1:
            terms = Terms(terms.tokens, prefix_last=False, ranked=True)
    if not terms.tokens:
        return _browse(status, kind, limit, offset)
    if (
        connection.vendor == "postgresql"
        and not terms.ranked
        and len(terms.tokens) == 1
        and _ICS_TOKEN.match(terms.tokens[0])
    ):
        return _ics_listing(terms.tokens[0], status, kind, limit, offset)
    query = _fts_query(terms)
    table = Standard._meta.db_table
    where = ""
    params: list[str | int] = []
    for column, value in (("status", status), ("kind", kind)):
        if value:
            where += f" AND s.{column} = %s"
            params.append(value)
    cap = RANK_AT_MOST + 1
    columns = ", ".join(f"s.{field.column}" for field in Standard._meta.concrete_fields)
    # One statement per page: the matches (at most `cap`, reading only what the order needs:
    # id, the engine's score, number key, status; their number is the count), the page's ids
    # in order, and only then the whole rows of the page.
    if connection.vendor == "postgresql":
        matched = f"FROM {table} s WHERE s.search_tsv @@ to_tsquery('simple', %s){where}"
        match_params: list[str | int] = [query, *params]
        scored = (
            "SELECT s.id, -ts_rank(s.search_tsv, to_tsquery('simple', %s)) AS r, "
            f"s.number_key AS k, s.status AS st {matched} LIMIT {cap}"
        )
        scored_params: list[str | int] = [query, *match_params]
        candidates = "m"
        listed_from = matched
    else:
        fts = f"{table}_fts"
        score = f"bm25({fts}, 10.0, 1.0)"
        if where:
            matched = f"FROM {fts} JOIN {table} s ON s.id = {fts}.rowid WHERE {fts} MATCH %s{where}"
            scored = f"SELECT s.id, {score} AS r, s.number_key AS k, s.status AS st {matched}"
            candidates = "m"
            listed_from = matched
        else:
            # Scored on the index alone; the table is read for the best candidates only.
            matched = f"FROM {fts} WHERE {fts} MATCH %s"
            scored = f"SELECT {fts}.rowid AS id, {score} AS r {matched}"
            candidates = (
                f"(SELECT b.id, b.r, s.number_key AS k, s.status AS st FROM "
                f"(SELECT id, r FROM m ORDER BY r LIMIT {max(CANDIDATES, offset + limit)}) b "
                f"JOIN {table} s ON s.id = b.id)"
            )
            listed_from = (
                f"FROM {table} s INDEXED BY standard_number_order "
                f"WHERE s.id IN (SELECT rowid {matched})"
            )
        scored = f"{scored} LIMIT {cap}"
        match_params = [query, *params]
        scored_params = match_params
    ranked_sql = (
        f"WITH m AS MATERIALIZED ({scored}), "
        "p AS (SELECT c.id, ROW_NUMBER() OVER (ORDER BY c.k <> %s, c.st <> %s, c.r, c.k) AS pos "
        f"FROM {candidates} c ORDER BY pos LIMIT %s OFFSET %s) "
        f"SELECT {columns}, (SELECT COUNT(*) FROM m) AS match_count "
        f"FROM p JOIN {table} s ON s.id = p.id ORDER BY p.pos"
    )
    count_sql = f"(SELECT COUNT(*) FROM (SELECT 1 {matched} LIMIT {cap}) c)"
    listed_sql = (
        f"SELECT {columns}, {count_sql} AS match_count {listed_from} "
        "ORDER BY s.number_key LIMIT %s OFFSET %s"
    )
    listed_params = [*match_params, *match_params, limit, offset]
    if terms.ranked:
        page = list(
            Standard.objects.raw(
                ranked_sql, [*scored_params, number_key(text), IN_FORCE, limit, offset]
            )
        )
        total = _total(page, count_sql, match_params)
        if total <= RANK_AT_MOST:
            return SearchPage(page, total)
        # Capped: listed by number, the count already known (not read a second time).
        listed_sql = f"SELECT {columns} {listed_from} ORDER BY s.number_key LIMIT %s OFFSET %s"
        page = list(Standard.objects.raw(listed_sql, [*match_params, limit, offset]))
        return SearchPage(page, total)
    page = list(Standard.objects.raw(listed_sql, listed_params))
    return SearchPage(page, _total(page, count_sql, match_params))


def _ics_listing(token: str, status: str, kind: str, limit: int, offset: int) -> SearchPage:
    """PostgreSQL, an ICS code alone: its standards by number from the btree of ICS tokens
    (`standards_standard_ics`, migration 0005, the same lexemes as `search_tsv`), the page an
    index range scan and the count up to RANK_AT_MOST + 1 an index-only scan."""
    table = Standard._meta.db_table
    where = "i.token = %s"
    params: list[str | int] = [token]
    for column, value in (("status", status), ("kind", kind)):
        if value:
            where += f" AND i.{column} = %s"
            params.append(value)
    matched = f"FROM {table}_ics i WHERE {where}"
    count_sql = f"(SELECT COUNT(*) FROM (SELECT 1 {matched} LIMIT {RANK_AT_MOST + 1}) c)"
    columns = ", ".join(f"s.{field.column}" for field in Standard._meta.concrete_fields)
    sql = (
        f"SELECT {columns}, {count_sql} AS match_count FROM "
        f"(SELECT i.standard_id, i.number_key {matched} ORDER BY i.number_key "
        "LIMIT %s OFFSET %s) p "
        f"JOIN {table} s ON s.id = p.standard_id ORDER BY p.number_key"
    )
    page = list(Standard.objects.raw(sql, [*params, *params, limit, offset]))
    return SearchPage(page, _total(page, count_sql, params))


def _total(page: list[Standard], count_sql: str, params: list[str | int]) -> int:
    """The count the page's rows carry; past the last page, counted on its own."""
    if page:
        return int(getattr(page[0], "match_count", 0))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {count_sql}", params)
        return int(cursor.fetchone()[0])


def standard_history(standard: Standard) -> QuerySet[StandardChange]:
    return standard.changes.select_related("catalogue_import")


def standard_by_number(number: str) -> Standard | None:
    return Standard.objects.filter(number_key=number_key(number)).first()


def standards_for_choice(text: str, *, limit: int = 20) -> list[Standard]:
    """Standards a business may declare conformity with: in force, best match first."""
    return search_standards(text, status=Standard.Status.IN_FORCE, limit=limit).standards


def standards_in_force() -> QuerySet[Standard]:
    return Standard.objects.filter(status=Standard.Status.IN_FORCE)


def replacement_of(standard: Standard) -> Standard | None:
    if not standard.replaced_by:
        return None
    return standard_by_number(standard.replaced_by)


# --- Notifications -----------------------------------------------------------------------------


def filter_notifications(
    *,
    text: str = "",
    member: str = "",
    hs: str = "",
    ics: str = "",
    open_only: bool = False,
    today: dt.date,
) -> QuerySet[Notification]:
    notifications = Notification.objects.all()
    for word in words(text).split()[:MAX_TERMS]:
        notifications = notifications.filter(search_key__contains=word)
    if member:
        notifications = notifications.filter(member=member.strip().upper())
    if open_only:
        notifications = notifications.filter(comment_deadline__gte=today)
    found = notifications
    if hs or ics:
        # JSON lists: narrow in Python over the (small) filtered set, by prefix.
        digits = "".join(ch for ch in hs if ch.isdigit())
        keep = [
            n.pk
            for n in found.only("pk", "hs", "ics")
            if (digits and any(code.startswith(digits) for code in n.hs))
            or (ics and any(code == ics or code.startswith(ics + ".") for code in n.ics))
        ]
        found = Notification.objects.filter(pk__in=keep)
    return found.order_by("-distributed_on", "-pk")


def days_to_comment(notification: Notification, today: dt.date) -> int | None:
    """Days left to comment (0 = today is the last day), negative once closed, None unknown."""
    if notification.comment_deadline is None:
        return None
    return (notification.comment_deadline - today).days


def related_notifications(notification: Notification) -> QuerySet[Notification]:
    """The notification's family: the original, its revisions, addenda and corrigenda."""
    return (
        Notification.objects.filter(base_symbol=notification.base_symbol)
        .exclude(pk=notification.pk)
        .order_by("symbol")
    )


def members_in_use() -> list[str]:
    return list(Notification.objects.values_list("member", flat=True).distinct().order_by("member"))


# --- Subscriptions and digests ----------------------------------------------------------------


def subscriptions_of(organisation: Organisation) -> QuerySet[Subscription]:
    return Subscription.objects.filter(organisation=organisation).order_by("-is_active", "name")


def digests_of(organisation: Organisation) -> QuerySet[Digest]:
    return (
        Digest.objects.filter(subscription__organisation=organisation)
        .select_related("subscription")
        .prefetch_related("notifications", "standard_changes__standard")
        .order_by("-day", "-pk")
    )


def organisations_reached(*, start: dt.date, end: dt.date, province_id: int | None) -> int:
    """Businesses that received at least one digest in the period (the alerts metric)."""
    digests = Digest.objects.filter(day__range=(start, end))
    if province_id is not None:
        digests = digests.filter(subscription__organisation__province_id=province_id)
    return digests.values("subscription__organisation").distinct().count()


# --- Enquiries ---------------------------------------------------------------------------------


def enquiries_of(organisation: Organisation) -> QuerySet[Enquiry]:
    return Enquiry.objects.filter(organisation=organisation)


def open_enquiries() -> QuerySet[Enquiry]:
    return Enquiry.objects.filter(status=Enquiry.Status.OPEN).order_by("due_on", "pk")


def faq(text: str = "") -> list[Enquiry]:
    """Published answers, anonymised: only the FAQ wording is ever shown from these."""
    published = (
        Enquiry.objects.filter(is_published=True)
        .only("pk", "faq_question", "faq_answer", "answered_on")
        .order_by("-answered_on", "-pk")
    )
    wanted = words(text).split()[:MAX_TERMS]
    return [
        e
        for e in published
        if all(f" {w}" in f" {words(e.faq_question + ' ' + e.faq_answer)}" for w in wanted)
    ]


STAGES = [stage for stage, _label in Project.Stage.choices]


def _project_fact(project: Project, comments: int, today: dt.date) -> str:
    """ "Dự án “QCĐP về nước sạch” (Sở KH&CN): giai đoạn Lấy ý kiến (bước 3/5), hạn góp ý
    15/12/2026, đã nhận 4 ý kiến." — the reports' wording, in Vietnamese whatever the page's
    language (a report to the People's Committee)."""
    step = STAGES.index(project.stage) + 1
    organisation = project.organisation.short_name or project.organisation.name
    head = f"Dự án “{project.title}” ({organisation})"
    if project.stage == Project.Stage.ISSUED:
        issued = f", số hiệu {project.issued_number}" if project.issued_number else ""
        return f"{head}: đã ban hành{issued} (bước {step}/{len(STAGES)})."
    parts = [f"giai đoạn {Project.Stage(project.stage).label} (bước {step}/{len(STAGES)})"]
    if project.stage == Project.Stage.COMMENTS:
        if project.comments_open_until:
            parts.append(f"hạn góp ý {project.comments_open_until:%d/%m/%Y}")
        parts.append(f"đã nhận {comments} ý kiến")
    elif project.stage_due_on:
        parts.append(f"hạn {project.stage_due_on:%d/%m/%Y}")
    if project.stage_due_on and project.stage_due_on < today:
        parts.append("đã quá hạn")
    return f"{head}: {', '.join(parts)}."


def project_task_facts(task_ids: list[int]) -> dict[int, list[TaskFact]]:
    """What the plan's reports say of the standards projects linked to these plan tasks
    (registered with `tdc.core.registry.register_task_facts`): stage, step, deadline."""
    from django.db.models import Count
    from django.utils import timezone, translation

    today = timezone.localdate()
    projects = (
        Project.objects.filter(plan_task_id__in=task_ids)
        .select_related("organisation")
        .annotate(comment_count=Count("comments"))
        .order_by("plan_task_id", "pk")
    )
    facts: dict[int, list[TaskFact]] = {}
    with translation.override("vi"):
        for project in projects:
            text = _project_fact(project, project.comment_count, today)
            fact = TaskFact(text, project.get_absolute_url())
            facts.setdefault(project.plan_task_id or 0, []).append(fact)
    return facts
