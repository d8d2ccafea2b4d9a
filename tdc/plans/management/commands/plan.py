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

from tdc.plans.ingest import ParsedPlan, PlanParseError, parse_document


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Không đọc được tệp {path}: {error.strerror}") from error


def _units(names: list[str]) -> str:
    return "; ".join(names) if names else "—"


def render_plan(plan: ParsedPlan) -> str:
    """The parsed plan as readable text."""
    lines = [
        f"Cơ quan ban hành: {plan.issuer or '—'}",
        f"Địa phương: {plan.locality or '—'}",
        f"Tên: {plan.title or '—'}",
        f"Số, ký hiệu: {plan.doc_number or '—'}",
        f"Ngày ban hành: {plan.doc_date or '—'}",
        "Văn bản căn cứ: " + ("; ".join(plan.references) or "—"),
        "",
        f"Nhóm nhiệm vụ ({len(plan.task_groups)}), nhiệm vụ ({len(plan.tasks)}):",
    ]
    for group in plan.task_groups:
        lines.append(f"{group.number or '•'}. {group.title}")
        for task in plan.tasks:
            if task.group != group.number:
                continue
            lines.append(f"  {task.number or '-'}) {task.content}")
            lines.append(f"     Chủ trì: {_units(task.lead)} | Phối hợp: {_units(task.partners)}")
            if task.timeline or task.funding:
                lines.append(
                    f"     Thời gian: {task.timeline or '—'} | Kinh phí: {task.funding or '—'}"
                )
    ungrouped = [t for t in plan.tasks if t.group not in {g.number for g in plan.task_groups}]
    for task in ungrouped:
        lines.append(f"  {task.number or '-'}) {task.content}")
        lines.append(f"     Chủ trì: {_units(task.lead)} | Phối hợp: {_units(task.partners)}")
    lines += ["", f"Chỉ tiêu ({len(plan.targets)}):"]
    for target in plan.targets:
        lines.append(
            f"  {target.comparator} {target.value} {target.unit} ({target.period or '—'}): "
            f"{target.text}"
        )
    lines += ["", f"Hạn báo cáo ({len(plan.reporting_deadlines)}):"]
    for deadline in plan.reporting_deadlines:
        lines.append(
            f"  {deadline.who or '—'} → {deadline.to or '—'}: trước {deadline.day_month} "
            f"({deadline.recurrence})"
        )
    lines += ["", f"Tổ chức thực hiện ({len(plan.duties)}):"]
    for duty in plan.duties:
        lines.append(f"  {duty.unit}: {duty.count} nhiệm vụ")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Đọc, nhập và đánh giá văn bản kế hoạch (parse, import, evaluate)."

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
        from tdc.plans.importing import PlanAlreadyImported, import_plan_document

        province = Province.objects.filter(code=province_code).first()
        if province is None:
            raise CommandError(
                f"Không có tỉnh mã {province_code}. Chạy `manage.py syncunits` để nạp danh mục."
            )
        user = None
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Không có người dùng {username}.")
        try:
            result = import_plan_document(
                province, data=_read(path), filename=Path(path).name, by=user, year=year
            )
        except PlanAlreadyImported as error:
            raise CommandError(
                f"Tệp này đã được nhập: kế hoạch #{error.plan.pk} “{error.plan.title[:100]}”."
            ) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        plan = result.plan
        write = self.stdout.write
        write(f"Đã nhập kế hoạch #{plan.pk} vào {province.name}: {plan.title}")
        write(
            f"  {plan.groups.count()} nhóm, {plan.tasks.count()} nhiệm vụ, "
            f"{plan.targets.count()} chỉ tiêu, {plan.reporting_deadlines.count()} hạn báo cáo, "
            f"{plan.duties.count()} mục tổ chức thực hiện."
        )
        for text, organisation, score in result.matched:
            write(f"  Khớp: {text} → {organisation.name} (độ tin cậy {score:.0%})")
        for text, kind in result.collective:
            write(f"  Nhóm đơn vị: {text} → {kind}")
        for organisation in result.organisations_created:
            write(f"  Tạo cơ quan mới: {organisation.name} ({organisation.get_kind_display()})")
        for text in result.unlinked:
            write(f"  Không liên kết: {text}")

    def evaluate(self, directory: str) -> None:
        from tdc.plans.ingest.evaluate import evaluate_directory

        if not Path(directory).is_dir():
            raise CommandError(f"Không có thư mục {directory}.")
        self.stdout.write(evaluate_directory(Path(directory)).as_text())
