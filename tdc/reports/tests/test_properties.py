"""Arbitrary Unicode into every writer: the file always opens again and the text comes back.

The oracle is written from the XML 1.0 definition of a character, not from the writers' code:
what comes back is the text minus the characters XML cannot hold (and the C0/C1 controls), in
the writer's own normal form.
"""

import csv
import datetime as dt
import io
import unicodedata

from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tdc.core.text import clean_text
from tdc.reports.cells import FORMULA_TRIGGERS, unescape_csv_cell
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature
from tdc.reports.tables import csv_bytes, xlsx_table
from tdc.reports.xlsx import Sheet, workbook_bytes

NASTY = [
    *(chr(code) for code in range(0x20)),
    "\x7f",
    "\x85",
    "\x9f",
    "\ud800",  # lone surrogates: a JSON body can carry them
    "\udfff",
    "\ufffe",
    "\uffff",
    "\u202e",  # right-to-left override
    "\u200b",
    "\ufeff",
    "=",
    "'",
    "+",
    "-",
    "@",
    "Ơ",
    "ờ",
    "o",
    "\u031b",  # combining horn and grave: ờ decomposed
    "\u0300",
    "𠀀",
]
# Every code point, surrogates included, plus the characters above more often than chance.
TEXT = st.text(
    alphabet=st.one_of(st.characters(exclude_categories=()), st.sampled_from(NASTY)), max_size=80
)
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LONG = "Kết quả thực hiện\x0c " * 3000


def xml_char(character: str) -> bool:
    """XML 1.0 `Char`, without the C1 controls and DEL (which no one means to type)."""
    code = ord(character)
    if 0x7F <= code <= 0x9F:
        return False
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def kept(text: str) -> str:
    return "".join(character for character in text if xml_char(character))


@PROPERTY
@given(name=TEXT, header=TEXT, first=TEXT, second=TEXT)
@example(name="", header="=cmd|' /C calc'!A0", first=LONG, second="-1")
def test_a_plain_xlsx_table_opens_and_gives_back_the_text(name, header, first, second):
    sheet = load_workbook(io.BytesIO(xlsx_table(name, [header], [[first, second]]))).active

    def value(coordinate):
        return sheet[coordinate].value or ""

    long = len(kept(first)) > 32767
    assert [value("A1"), value("A2"), value("B2")] == [
        kept(header),
        kept(first)[:32766] + "…" if long else kept(first),
        kept(second),
    ]
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value)


@PROPERTY
@given(texts=st.lists(TEXT, min_size=7, max_size=7))
def test_an_annex_opens_and_gives_back_the_text(texts):
    name, caption, title, reference, header, first, second = texts
    data = workbook_bytes(
        [
            Sheet(
                name=name,
                caption=caption,
                title=title,
                reference=reference,
                headers=[header, "Số"],
                widths=[30, 10],
                rows=[[first, -7], [second, 3.5]],
            )
        ]
    )
    sheet = load_workbook(io.BytesIO(data)).active

    def value(coordinate):
        return sheet[coordinate].value or ""

    assert [value("A1"), value("A2"), value("A3"), value("A5")] == [
        kept(caption),
        kept(title),
        kept(reference),
        kept(header),
    ]
    assert [value("A6"), sheet["B6"].value, value("A7"), sheet["B7"].value] == [
        kept(first),
        -7,
        kept(second),
        3.5,
    ]


@PROPERTY
@given(first=TEXT, second=TEXT)
@example(first=LONG, second="\r\n")
def test_a_csv_table_reads_back_with_formulas_escaped(first, second):
    data = csv_bytes(["Cột", first], [[first, second, -12]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))

    def expected(text):
        text = kept(text)
        return "'" + text if text.lstrip("'").startswith(FORMULA_TRIGGERS) else text

    assert rows == [["Cột", expected(first)], [expected(first), expected(second), "-12"]]


@PROPERTY
@given(texts=st.lists(TEXT, min_size=8, max_size=8))
@example(texts=[LONG, "\r\n", "\r", "\n\n", "\t", " ", "=1", "\x00"])
def test_a_decree_30_document_opens_and_gives_back_the_text(texts):
    body, subject, addressee, place, symbol, authority, name, closing = texts
    document = Nd30Document(
        Letterhead(
            issuing_body=subject,
            parent_body=addressee,
            date=dt.date(2026, 11, 20),
            place=place,
            symbol=symbol,
            number=name,
        ),
        subject=subject,
        addressees=[addressee, body],
    )
    document.heading(body)
    document.paragraph("BEGIN")
    document.paragraph(body)
    document.points([body, closing])
    document.bullets([name])
    document.finish(closing, Signature(authority=[authority], name=name, recipients=[body]))

    opened = Document(io.BytesIO(document.to_bytes()))

    texts_back = [p.text for p in opened.paragraphs]
    expected = unicodedata.normalize("NFC", kept(body).replace("\r\n", "\n").replace("\r", "\n"))
    assert texts_back[texts_back.index("BEGIN") + 1] == expected


@PROPERTY
@given(text=TEXT)
@example(text=LONG)
def test_text_cleaned_on_input_passes_through_every_writer_unchanged(text):
    """What the input layer lets in is what the writers put out (no second, silent edit)."""
    cleaned = clean_text(text).replace("\r", "")
    sheet = load_workbook(io.BytesIO(xlsx_table("T", ["a"], [[cleaned]]))).active
    if len(cleaned) <= 32767:
        assert (sheet["A2"].value or "") == cleaned
    rows = list(csv.reader(io.StringIO(csv_bytes(["a"], [[cleaned]]).decode("utf-8-sig"))))
    assert unescape_csv_cell(rows[1][0]) == cleaned
