"""`tdc plan parse FILE [--json]`, `tdc plan import FILE --province CODE`, `tdc plan evaluate DIR`.

`parse` and `evaluate` read files only (no database); `import` stores the plan without a preview:
matches the parser is sure of are accepted, the other units become new organisations, and the
command prints what it did.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tdc.core.text import shorten
from tdc.plans.ingest import ParsedPlan, ParsedTask, PlanParseError, parse_document


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(
            _("Không đọc được tệp %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from error


def _units(names: list[str]) -> str:
    return "; ".join(names) if names else "—"


def _task_lines(task: ParsedTask) -> list[str]:
    lines = [
        f"  {task.number or '-'}) {task.content}",
        _("     Chủ trì: %(lead)s | Phối hợp: %(partners)s")
        % {"lead": _units(task.lead), "partners": _units(task.partners)},
    ]
    if task.timeline or task.funding:
        lines.append(
            _("     Thời gian: %(timeline)s | Kinh phí: %(funding)s")
            % {"timeline": task.timeline or "—", "funding": task.funding or "—"}
        )
    return lines


def render_plan(plan: ParsedPlan) -> str:
    """The parsed plan as readable text."""
    lines = [
        _("Cơ quan ban hành: %s") % (plan.issuer or "—"),
        _("Địa phương: %s") % (plan.locality or "—"),
        _("Tên: %s") % (plan.title or "—"),
        _("Số, ký hiệu: %s") % (plan.doc_number or "—"),
        _("Ngày ban hành: %s") % (plan.doc_date or "—"),
        _("Văn bản căn cứ: %s") % ("; ".join(plan.references) or "—"),
        "",
        _("Nhóm nhiệm vụ (%(groups)d), nhiệm vụ (%(tasks)d):")
        % {"groups": len(plan.task_groups), "tasks": len(plan.tasks)},
    ]
    for group in plan.task_groups:
        lines.append(f"{group.number or '•'}. {group.title}")
        for task in plan.tasks:
            if task.group != group.number:
                continue
            lines += _task_lines(task)
    ungrouped = [t for t in plan.tasks if t.group not in {g.number for g in plan.task_groups}]
    for task in ungrouped:
        lines += _task_lines(task)
    lines += ["", _("Chỉ tiêu (%d):") % len(plan.targets)]
    for target in plan.targets:
        lines.append(
            f"  {target.comparator} {target.value} {target.unit} ({target.period or '—'}): "
            f"{target.text}"
        )
    lines += ["", _("Hạn báo cáo (%d):") % len(plan.reporting_deadlines)]
    for deadline in plan.reporting_deadlines:
        lines.append(
            _("  %(who)s → %(to)s: trước %(day_month)s (%(recurrence)s)")
            % {
                "who": deadline.who or "—",
                "to": deadline.to or "—",
                "day_month": deadline.day_month,
                "recurrence": deadline.recurrence,
            }
        )
    lines += ["", _("Tổ chức thực hiện (%d):") % len(plan.duties)]
    for duty in plan.duties:
        lines.append(_("  %(unit)s: %(count)d nhiệm vụ") % {"unit": duty.unit, "count": duty.count})
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Read, import and evaluate plan documents (parse, import, evaluate)."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        parse = subcommands.add_parser("parse", help="In kế hoạch đọc được từ một tệp.")
        parse.add_argument("file")
        parse.add_argument(
            "--json", action="store_true", help="In JSON theo định dạng tệp gold (*.gold.json)."
        )
        store = subcommands.add_parser("import", help="Nhập một tệp kế hoạch vào một tỉnh.")
        store.add_argument("file")
        store.add_argument("--province", required=True, type=int, help="Mã tỉnh, ví dụ 56.")
        store.add_argument("--user", help="Tên đăng nhập của người nhập (ghi vào nhật ký).")
        store.add_argument("--year", type=int, help="Năm của kế hoạch, nếu văn bản không ghi.")
        evaluate = subcommands.add_parser(
            "evaluate", help="So sánh kết quả đọc với các tệp X.gold.json trong một thư mục."
        )
        evaluate.add_argument("directory")

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "parse":
            self.parse(options["file"], as_json=options["json"])
        elif subcommand == "import":
            self.store(
                options["file"],
                province_code=options["province"],
                username=options["user"],
                year=options["year"],
            )
        else:
            self.evaluate(options["directory"])

    def parse(self, path: str, *, as_json: bool) -> None:
        try:
            plan = parse_document(_read(path), Path(path).name)
        except PlanParseError as error:
            raise CommandError(error.message) from error
        if as_json:
            self.stdout.write(json.dumps(plan.to_gold_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_plan(plan))

    def store(
        self, path: str, *, province_code: int, username: str | None, year: int | None
    ) -> None:
        from tdc.accounts.models import Province, User
        from tdc.plans.services.importing import PlanAlreadyImported, import_plan_document

        province = Province.objects.filter(code=province_code).first()
        if province is None:
            raise CommandError(
                _("Không có tỉnh mã %d. Chạy `manage.py syncunits` để nạp danh mục.")
                % province_code
            )
        user = None
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("Không có người dùng %s.") % username)
        try:
            result = import_plan_document(
                province, data=_read(path), filename=Path(path).name, by=user, year=year
            )
        except PlanAlreadyImported as error:
            raise CommandError(
                _("Tệp này đã được nhập: kế hoạch #%(pk)d “%(title)s”.")
                % {"pk": error.plan.pk, "title": shorten(error.plan.title, 100)}
            ) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        plan = result.plan
        write = self.stdout.write
        write(
            _("Đã nhập kế hoạch #%(pk)d vào %(province)s: %(title)s")
            % {"pk": plan.pk, "province": province.name, "title": plan.title}
        )
        write(
            _(
                "  %(groups)d nhóm, %(tasks)d nhiệm vụ, %(targets)d chỉ tiêu, "
                "%(deadlines)d hạn báo cáo, %(duties)d mục tổ chức thực hiện."
            )
            % {
                "groups": plan.groups.count(),
                "tasks": plan.tasks.filter(kind="task").count(),
                "targets": plan.targets.count(),
                "deadlines": plan.reporting_deadlines.count(),
                "duties": plan.duties.count(),
            }
        )
        for text, organisation, score in result.matched:
            write(
                _("  Khớp: %(text)s → %(name)s (độ tin cậy %(score)d%%)")
                % {"text": text, "name": organisation.name, "score": round(score * 100)}
            )
        for text, kind in result.collective:
            write(_("  Nhóm đơn vị: %(text)s → %(kind)s") % {"text": text, "kind": kind})
        for organisation in result.organisations_created:
            write(
                _("  Tạo cơ quan mới: %(name)s (%(kind)s)")
                % {"name": organisation.name, "kind": organisation.get_kind_display()}
            )
        for text in result.unlinked:
            write(_("  Không liên kết: %s") % text)

    def evaluate(self, directory: str) -> None:
        from tdc.plans.ingest.evaluate import evaluate_directory

        if not Path(directory).is_dir():
            raise CommandError(_("Không có thư mục %s.") % directory)
        self.stdout.write(evaluate_directory(Path(directory)).as_text())
