"""Text is cleaned where it comes in: query strings, form posts, JSON bodies; never passwords."""

import json
import unicodedata

from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from tdc.core.clean_input import CleanTextParser, clean_querydict
from tdc.core.text import clean_text

ORGANISATIONS = "/tai-khoan/co-quan/"
LOGIN = "/tai-khoan/dang-nhap/"
VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " ,.;:-–()/%0123456789\n\t"),
    max_size=120,
)


def test_a_search_pasted_with_a_zero_width_space_and_a_nul_still_finds_the_organisation(
    client, reporter
):
    client.force_login(reporter)

    response = client.get(ORGANISATIONS, {"q": "Tài\u200b chính\x00"})

    assert response.status_code == 200
    body = response.content.decode()
    assert ">Sở Tài chính</a>" in body
    assert "Không tìm thấy cơ quan nào." not in body
    assert 'value="Tài chính"' in body  # the search box shows what was kept


def test_a_password_is_compared_exactly_as_typed_invisible_characters_included(client, reporter):
    reporter.set_password("mật\u200bkhẩu\u202e-2026")
    reporter.save()

    without = client.post(
        LOGIN, {"username": reporter.username, "password": "mậtkhẩu-2026"}, REMOTE_ADDR="10.0.0.9"
    )
    exact = client.post(
        LOGIN,
        {"username": reporter.username, "password": "mật\u200bkhẩu\u202e-2026"},
        REMOTE_ADDR="10.0.0.9",
    )

    assert without.status_code == 200
    assert exact.status_code == 302


def test_query_dicts_are_cleaned_keys_and_values_and_left_alone_when_clean():
    clean = QueryDict("q=S%E1%BB%9F+KH%26CN&page=2")
    assert clean_querydict(clean) is clean

    dirty = QueryDict(
        "q=Ca%CC%81c%0C+%E2%80%AEs%E1%BB%9F&tag=a%00&tag=b%0B&new_password1=x%E2%80%8By"
    )
    cleaned = clean_querydict(dirty)

    assert cleaned.getlist("q") == ["Các sở"]
    assert cleaned.getlist("tag") == ["a", "b"]
    assert cleaned["new_password1"] == "x\u200by"
    assert not cleaned._mutable


def test_the_api_parser_cleans_every_string_of_a_json_body_but_passwords():
    body = {
        "results": "Đã\x0c quán\x0b triệt\x00 \ud800xong\u202e",
        "figures": [{"label": "Số\u200b hội nghị", "value": "2\x1b"}],
        "percent": 50,
        "done": True,
        "note": None,
        "password": "bí\u200bmật",
    }
    request = RequestFactory().post(
        "/api/v1/x", data=json.dumps(body), content_type="application/json"
    )

    parsed = CleanTextParser().parse_body(request)

    assert parsed == {
        "results": "Đã quán triệt xong",
        "figures": [{"label": "Số hội nghị", "value": "2"}],
        "percent": 50,
        "done": True,
        "note": None,
        "password": "bí\u200bmật",
    }


def test_the_api_parser_cleans_query_and_form_fields():
    request = RequestFactory().get("/api/v1/x")
    data = QueryDict("q=Khoa%E2%80%8B+h%E1%BB%8Dc&ids=1%00&ids=2")

    parsed = CleanTextParser().parse_querydict(data, ["ids"], request)

    assert parsed == {"q": "Khoa học", "ids": ["1", "2"]}


@settings(max_examples=200, deadline=None)
@given(text=VIETNAMESE_TEXT)
def test_vietnamese_text_in_nfc_survives_cleaning_untouched(text):
    text = unicodedata.normalize("NFC", text)
    assert clean_text(text) == text


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(exclude_categories=())))
def test_cleaned_text_is_nfc_has_nothing_invisible_and_cleaning_twice_changes_nothing(text):
    cleaned = clean_text(text)

    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text(cleaned) == cleaned
    invisible = {"\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\ufffe", "\uffff"}
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n\r" for c in cleaned)
    assert not invisible & set(cleaned)


def test_a_mark_after_a_removed_character_joins_its_letter():
    assert clean_text("Ca\x00\u0301c") == "Các"
