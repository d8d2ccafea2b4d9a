"""GTIN check with biip (GS1's rules, maintained upstream), never by hand."""

from __future__ import annotations

import re

from biip import ParseError
from biip.gtin import Gtin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_NOT_DIGITS = re.compile(r"[\s\-.]")


def gtin14(value: str) -> str:
    """The GTIN as 14 digits ("8934563138165" → "08934563138165"); a ValidationError in
    Vietnamese when it is not a GTIN-8/12/13/14 or its check digit is wrong."""
    digits = _NOT_DIGITS.sub("", value or "")
    if not digits.isdigit():
        raise ValidationError(
            _("Mã GTIN chỉ gồm chữ số (8, 12, 13 hoặc 14 chữ số)."), code="gtin_format"
        )
    try:
        parsed = Gtin.parse(digits)
    except ParseError as error:
        if "check digit" in str(error):
            raise ValidationError(
                _("Mã GTIN %(gtin)s sai số kiểm tra: hãy đọc lại mã vạch.") % {"gtin": digits},
                code="gtin_check_digit",
            ) from error
        raise ValidationError(
            _("Mã GTIN phải có 8, 12, 13 hoặc 14 chữ số."), code="gtin_format"
        ) from error
    return parsed.as_gtin_14()


def maybe_gtin14(value: str) -> str | None:
    """The GTIN-14 when `value` is a valid GTIN, else None (for a search box)."""
    try:
        return gtin14(value)
    except ValidationError:
        return None
