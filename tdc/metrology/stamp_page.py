"""The public stamp page, rendered from a fixed HTML skeleton.

This is the busiest page of the platform (every scanned stamp) and its throughput is
benchmarked: filling a skeleton with escaped values costs a tenth of a template render. The
labels go through gettext like any template's; every value is escaped.
"""

from __future__ import annotations

import functools
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

VERDICTS = {
    "valid": ("success", _("CÒN HIỆU LỰC")),
    "expired": ("danger", _("HẾT HIỆU LỰC")),
    "replaced": ("warning", _("ĐÃ ĐƯỢC THAY BẰNG TEM MỚI")),
    "failed": ("danger", _("KHÔNG ĐẠT YÊU CẦU KIỂM ĐỊNH")),
    "withdrawn": ("secondary", _("PHƯƠNG TIỆN ĐO ĐÃ NGỪNG SỬ DỤNG")),
    "not_found": ("danger", _("KHÔNG TÌM THẤY TEM NÀY")),
}
LABELS = {
    "title": _("Tra cứu tem kiểm định"),
    "stamp": _("Tem kiểm định"),
    "instrument": _("Phương tiện đo"),
    "serial": _("Số sản xuất"),
    "place": _("Nơi sử dụng"),
    "verified_on": _("Ngày kiểm định"),
    "valid_until": _("Hiệu lực đến"),
    "verified_by": _("Kiểm định bởi"),
    "certificate": _("Giấy chứng nhận"),
    "current_stamp": _("Tem hiện hành"),
    "another": _("Tra cứu tem khác"),
    "not_found_help": _(
        "Số tem không có trong cơ sở dữ liệu. Hãy kiểm tra lại số in trên tem; nếu đúng, tem có "
        "thể là giả — hãy báo cho Sở Khoa học và Công nghệ."
    ),
    "no_cycle": _("Không quy định chu kỳ"),
}

PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{stamp_label} {stamp} · TĐC</title>
<link rel="stylesheet" href="{bootstrap}">
<link rel="stylesheet" href="{css}">
</head>
<body>
<header class="bg-primary text-white py-2"><div class="container stamp-page"><a class="link-light fw-bold text-decoration-none" href="{lookup}">TĐC</a> · {title}</div></header>
<main class="container stamp-page py-3">
<h1 class="h4">{stamp_label} <span class="text-nowrap">{stamp}</span></h1>
<div class="alert alert-{tone} stamp-verdict" role="status">{verdict}</div>
{body}
<p><a href="{lookup}">{another}</a></p>
</main>
</body>
</html>
"""
ROW = '<dt class="col-5">{label}</dt><dd class="col-7"{id}>{value}</dd>'


@functools.cache
def _assets() -> tuple[str, str, str]:
    return (
        static("bootstrap/css/bootstrap.min.css"),
        static("metrology/stamp.css"),
        reverse("metrology:stamp_lookup"),
    )


def _date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def render_stamp_page(stamp_number: str, found: dict[str, Any] | None, verdict: str) -> str:
    labels = {key: str(value) for key, value in LABELS.items()}
    tone, verdict_label = VERDICTS[verdict]
    if found is None:
        body = f"<p>{escape(labels['not_found_help'])}</p>"
    else:
        if found["result"] != "pass":
            valid_until = "—"
        elif found["next_due"] is None:
            valid_until = labels["no_cycle"]
        else:
            valid_until = _date(found["next_due"])
        rows = [
            (labels["instrument"], found["instrument__type__name"], ""),
            (labels["serial"], found["instrument__serial"], ""),
            (labels["place"], found["instrument__commune__name"], ""),
            (labels["verified_on"], _date(found["verified_on"]), ""),
            (labels["valid_until"], valid_until, ' id="valid-until"'),
            (labels["verified_by"], found["verifier_name"], ""),
        ]
        if found["certificate_number"]:
            rows.append((labels["certificate"], found["certificate_number"], ""))
        if verdict == "replaced":
            rows.append((labels["current_stamp"], found["instrument__last_stamp_number"], ""))
        body = (
            '<dl class="row">'
            + "".join(ROW.format(label=escape(a), value=escape(b), id=c) for a, b, c in rows)
            + "</dl>"
        )
    bootstrap, css, lookup = _assets()
    return PAGE.format(
        language=escape(get_language() or "vi"),
        stamp_label=escape(labels["stamp"]),
        stamp=escape(stamp_number),
        bootstrap=bootstrap,
        css=css,
        lookup=lookup,
        title=escape(labels["title"]),
        tone=tone,
        verdict=escape(str(verdict_label)),
        body=body,
        another=escape(labels["another"]),
    )
