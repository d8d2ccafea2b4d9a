"""Layout noise must not change what is extracted.

Re-wrapping the text lines of a seed at a random width (hard line breaks mid-sentence, as PDF
extraction produces), with or without blank lines between wrapped lines, NFD instead of NFC,
CRLF instead of LF, and a UTF-8 BOM: ``to_gold_dict()`` stays the same.
"""

from __future__ import annotations

import textwrap
import unicodedata
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdc.plans.ingest import parse_document, parse_text

from .seeds import SEED_GOLDS, load_seed

SEED_INDEXES = st.integers(min_value=0, max_value=len(SEED_GOLDS) - 1)


@cache
def _seed(index: int) -> tuple[str, str, dict[str, Any]]:
    seed = load_seed(SEED_GOLDS[index])
    return seed.name, seed.data.decode("utf-8"), seed.parsed


def rewrap(text: str, width: int, blank_lines: str) -> str:
    """Hard-wrap every text line at ``width``; table (TSV) lines are left alone.

    ``blank_lines``: "keep" the source's blank lines, "none" (drop them), or "after" (a blank
    line after every wrapped line, as some PDF extractions produce).
    """
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            out.append(line)
            continue
        if not line.strip():
            if blank_lines == "keep":
                out.append("")
            continue
        wrapped = textwrap.wrap(
            line, width=width, break_long_words=False, break_on_hyphens=False
        ) or [line]
        for piece in wrapped:
            out.append(piece)
            if blank_lines == "after":
                out.append("")
    return "\n".join(out)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(
    index=SEED_INDEXES,
    width=st.integers(min_value=45, max_value=140),
    blank_lines=st.sampled_from(["keep", "none", "after"]),
)
def test_rewrapping_does_not_change_the_parse(index: int, width: int, blank_lines: str) -> None:
    name, text, expected = _seed(index)
    plan = parse_document(rewrap(text, width, blank_lines).encode("utf-8"), name)
    assert plan.to_gold_dict() == expected


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    index=SEED_INDEXES,
    form=st.sampled_from(["NFC", "NFD"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_encoding_noise_does_not_change_the_parse(
    index: int, form: str, newline: str, bom: bool
) -> None:
    name, text, expected = _seed(index)
    noisy = unicodedata.normalize(form, text).replace("\n", newline)
    data = ("\ufeff" if bom else "").encode("utf-8") + noisy.encode("utf-8")
    assert parse_document(data, name).to_gold_dict() == expected
    from_text = parse_text(("\ufeff" if bom else "") + noisy).to_gold_dict()
    assert from_text == {k: v for k, v in expected.items() if k != "file"}


@settings(max_examples=30, deadline=None, derandomize=True)
@given(index=SEED_INDEXES, width=st.integers(min_value=50, max_value=120))
def test_rewrapped_nfd_crlf_bom_together(index: int, width: int) -> None:
    name, text, expected = _seed(index)
    noisy = unicodedata.normalize("NFD", rewrap(text, width, "after")).replace("\n", "\r\n")
    data = b"\xef\xbb\xbf" + noisy.encode("utf-8")
    assert parse_document(data, name).to_gold_dict() == expected
