"""The JSON API's refusals of ill-formed input, in Vietnamese.

django-ninja checks a request against its schema with pydantic, whose messages are English
("Field required", "Input should be a valid integer"). A client's developer and the civil
servant reading the integration log both get them in Vietnamese, with the field's place (`loc`)
and pydantic's error `type` kept for programs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop


class SchemaProblem(TypedDict):
    loc: list[str | int]
    type: str
    msg: str


_INTEGER = gettext_noop("Phải là một số nguyên.")
_NUMBER = gettext_noop("Phải là một số.")
_DATE = gettext_noop("Ngày không đúng dạng yyyy-mm-dd.")
_MOMENT = gettext_noop("Thời điểm không đúng dạng ISO 8601 (yyyy-mm-ddThh:mm:ss).")
_OBJECT = gettext_noop("Phải là một đối tượng JSON.")
_CHOICE = gettext_noop("Giá trị không thuộc danh sách cho phép.")
# pydantic's error types → a message; %(name)s are the error's context values.
MESSAGES: dict[str, str] = {
    "missing": gettext_noop("Thiếu giá trị bắt buộc."),
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "finite_number": gettext_noop("Phải là một số hữu hạn."),
    "bool_type": gettext_noop("Phải là true hoặc false."),
    "bool_parsing": gettext_noop("Phải là true hoặc false."),
    "string_type": gettext_noop("Phải là một chuỗi ký tự."),
    "string_too_short": gettext_noop("Cần ít nhất %(min_length)s ký tự."),
    "string_too_long": gettext_noop("Dài quá %(max_length)s ký tự."),
    "string_pattern_mismatch": gettext_noop("Không đúng định dạng."),
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _MOMENT,
    "datetime_parsing": _MOMENT,
    "datetime_from_date_parsing": _MOMENT,
    "greater_than": gettext_noop("Phải lớn hơn %(gt)s."),
    "greater_than_equal": gettext_noop("Phải lớn hơn hoặc bằng %(ge)s."),
    "less_than": gettext_noop("Phải nhỏ hơn %(lt)s."),
    "less_than_equal": gettext_noop("Phải nhỏ hơn hoặc bằng %(le)s."),
    "enum": _CHOICE,
    "literal_error": _CHOICE,
    "list_type": gettext_noop("Phải là một danh sách."),
    "too_short": gettext_noop("Cần ít nhất %(min_length)s phần tử."),
    "too_long": gettext_noop("Nhiều nhất %(max_length)s phần tử."),
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "json_invalid": gettext_noop("Nội dung không phải JSON hợp lệ."),
    "json_type": gettext_noop("Nội dung không phải JSON hợp lệ."),
    "uuid_type": gettext_noop("Phải là một UUID."),
    "uuid_parsing": gettext_noop("Phải là một UUID."),
    "url_parsing": gettext_noop("Không phải một địa chỉ URL hợp lệ."),
    "url_type": gettext_noop("Không phải một địa chỉ URL hợp lệ."),
    "url_scheme": gettext_noop("Không phải một địa chỉ URL hợp lệ."),
    "extra_forbidden": gettext_noop("Trường này không được nhận."),
}
FALLBACK = gettext_noop("Giá trị không hợp lệ.")


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    template = MESSAGES.get(kind)
    if template is None:
        if kind == "value_error":  # our own validators raise ValueError("<Vietnamese>")
            text = str(error.get("msg", ""))
            return text.removeprefix("Value error, ") or _(FALLBACK)
        return _(FALLBACK)
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return _(template) % context if "%(" in template else _(template)
    except (KeyError, ValueError):
        return _(FALLBACK)


def schema_problems(errors: Iterable[Mapping[str, Any]]) -> list[SchemaProblem]:
    """Each of pydantic's errors as `{loc, type, msg}`, the message in the active language."""
    return [
        SchemaProblem(
            loc=[part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
            type=str(error.get("type", "")),
            msg=_message(error),
        )
        for error in errors
    ]
