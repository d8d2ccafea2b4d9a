"""GS1 keys: GTIN-8/12/13/14, GLN, SSCC (check digit, company prefix) and lot/serial values."""

from __future__ import annotations

import re

from biip import ParseError
from biip.checksums import gs1_standard_check_digit
from biip.gln import Gln
from biip.gs1_prefixes import GS1CompanyPrefix, GS1Prefix
from biip.gtin import Gtin
from biip.sscc import Sscc

VIETNAM_PREFIX = "893"
# GS1 General Specifications 7.11, "CSET 82": the characters of AI (10) lot and (21) serial.
_CSET82 = re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}")
DEFAULT_COMPANY_PREFIX_LENGTH = 7


class IdentifierError(ValueError):
    """An identifier that is not what it claims to be; the message is Vietnamese."""


def check_digit(body: str) -> int:
    """The GS1 check digit of `body` (all digits of a key but the last)."""
    if not body.isdigit():
        raise IdentifierError(f"“{body}” phải gồm các chữ số.")
    return gs1_standard_check_digit(body)


def normalise_gtin(value: str) -> str:
    """A GTIN-8, -12, -13 or -14 as its 14-digit form; wrong length or check digit refused."""
    digits = value.strip()
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        raise IdentifierError(f"Mã GTIN “{value}” phải gồm 8, 12, 13 hoặc 14 chữ số.")
    if int(digits[-1]) != check_digit(digits[:-1]):
        raise IdentifierError(f"Mã GTIN “{value}” sai số kiểm tra.")
    try:
        return Gtin.parse(digits).as_gtin_14()
    except ParseError as exc:  # pragma: no cover - the checks above come first
        raise IdentifierError(f"Mã GTIN “{value}” không hợp lệ.") from exc


def normalise_gln(value: str) -> str:
    """A 13-digit GLN with a correct check digit."""
    digits = value.strip()
    if not digits.isdigit() or len(digits) != 13:
        raise IdentifierError(f"Mã địa điểm GLN “{value}” phải gồm 13 chữ số.")
    try:
        return Gln.parse(digits).value
    except ParseError as exc:
        raise IdentifierError(f"Mã địa điểm GLN “{value}” sai số kiểm tra.") from exc


def normalise_sscc(value: str) -> str:
    """An 18-digit SSCC with a correct check digit."""
    digits = value.strip()
    if not digits.isdigit() or len(digits) != 18:
        raise IdentifierError(f"Mã SSCC “{value}” phải gồm 18 chữ số.")
    try:
        return Sscc.parse(digits).value
    except ParseError as exc:
        raise IdentifierError(f"Mã SSCC “{value}” sai số kiểm tra.") from exc


def _cset82(value: str, what: str) -> str:
    text = value.strip()
    if not _CSET82.fullmatch(text):
        raise IdentifierError(
            f"{what} “{value}” chỉ gồm tối đa 20 ký tự chữ không dấu, chữ số và dấu - . / _."
        )
    return text


def normalise_lot(value: str) -> str:
    """A batch/lot number (AI 10): up to 20 characters of GS1's CSET 82."""
    return _cset82(value, "Số lô")


def normalise_serial(value: str) -> str:
    """A serial number (AI 21): up to 20 characters of GS1's CSET 82."""
    return _cset82(value, "Số sê-ri")


def company_prefix(key: str) -> str:
    """The GS1 company prefix of a GTIN-13 body, GLN or SSCC body (GS1's length table).

    `key` starts at the company prefix (a GTIN-14 without its indicator digit, an SSCC without
    its extension digit). Prefixes missing from the table take GS1's common length of 7.
    """
    found = GS1CompanyPrefix.extract(key)
    if found is not None and found.value:
        return found.value
    return key[:DEFAULT_COMPANY_PREFIX_LENGTH]


def is_vietnamese(gtin14: str) -> bool:
    """Was the GTIN allocated through GS1 Vietnam (prefix 893)?"""
    prefix = GS1Prefix.extract(gtin14[1:])
    return prefix is not None and prefix.value == VIETNAM_PREFIX
