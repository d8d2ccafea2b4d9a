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
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tdc.accounts.queries import cached_site_owner

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
    "report": _("Báo tem nghi giả"),
    "hotline": _("Đường dây nóng"),
    "login": _("Cán bộ đăng nhập"),
    "tagline": _("Tiêu chuẩn – Đo lường – Chất lượng"),
    "no_cycle": _("Không quy định chu kỳ"),
}

PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{stamp_label} {stamp} · TĐC</title>
<link rel="stylesheet" href="{bootstrap}">
<link rel="stylesheet" href="{site_css}">
<link rel="stylesheet" href="{css}">
</head>
<body>
<header class="tdc-public-header bg-primary text-white"><div class="container-xxl py-2 d-flex flex-wrap align-items-center gap-2"><a class="text-white text-decoration-none me-auto" href="/"><span class="fw-bold d-block">{department}</span><span class="small">{tagline}{hotline}</span></a><a class="btn btn-light btn-sm text-nowrap" href="{login}">{login_label}</a></div></header>
<main class="container stamp-page py-3" id="main">
<h1 class="h4">{stamp_label} <span class="text-nowrap">{stamp}</span></h1>
<div class="alert alert-{tone} stamp-verdict" role="status">{verdict}</div>
{body}
<p><a href="{lookup}">{another}</a></p>
</main>
<footer class="container stamp-page small text-secondary py-3 border-top"><address class="mb-1" data-testid="site-owner"><strong>{department}</strong>{address}{footer_hotline}</address></footer>
</body>
</html>
"""
ROW = '<dt class="col-5">{label}</dt><dd class="col-7"{id}>{value}</dd>'


@functools.cache
def _assets() -> tuple[str, str, str, str, str, str]:
    return (
        static("bootstrap/css/bootstrap.min.css"),
        static("css/tdc.css"),
        static("metrology/stamp.css"),
        reverse("metrology:stamp_lookup"),
        reverse("complaints:report"),
        reverse("accounts:login"),
    )


def report_link(stamp_number: str) -> str:
    """The report form, filled in for a stamp the register does not know."""
    _b, _s, _c, _l, report, _login = _assets()
    return f"{report}?{urlencode({'tem': stamp_number})}"


def _date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def render_stamp_page(stamp_number: str, found: dict[str, Any] | None, verdict: str) -> str:
    labels = {key: str(value) for key, value in LABELS.items()}
    tone, verdict_label = VERDICTS[verdict]
    if found is None:
        body = (
            f"<p>{escape(labels['not_found_help'])}</p>"
            f'<p><a class="btn btn-danger" href="{escape(report_link(stamp_number))}">'
            f"{escape(labels['report'])}</a></p>"
        )
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
    bootstrap, site_css, css, lookup, _report, login = _assets()
    owner = cached_site_owner()
    phone = escape(owner.phone)
    return PAGE.format(
        site_css=site_css,
        department=escape(owner.department),
        tagline=escape(labels["tagline"]),
        hotline=f" · {escape(labels['hotline'])} {phone}" if phone else "",
        login=login,
        login_label=escape(labels["login"]),
        address=f" · {escape(owner.address)}" if owner.address else "",
        footer_hotline=(
            f'<br>{escape(labels["hotline"])}: <a href="tel:{phone.replace(" ", "")}">{phone}</a>'
            if phone
            else ""
        ),
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
