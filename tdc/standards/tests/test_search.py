"""Catalogue search on the engine's full-text index: accents, number forms, ICS, ranking."""

from __future__ import annotations

import pytest

from tdc.standards.models import Standard
from tdc.standards.queries import search_standards
from tdc.standards.tests.factories import StandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return {
        "coffee": StandardFactory(
            number="TCVN 4193:2014", title_vi="Cà phê nhân", ics=["67.140.20"]
        ),
        "roasted": StandardFactory(
            number="TCVN 5250:2015",
            title_vi="Cà phê rang",
            title_en="Roasted coffee",
            ics=["67.140.20"],
        ),
        "water": StandardFactory(
            number="QCVN 01-1:2018/BYT",
            title_vi="Chất lượng nước sạch sử dụng cho mục đích sinh hoạt",
            ics=["13.060.20"],
            kind=Standard.Kind.QCVN,
        ),
        "nest": StandardFactory(
            number="TCVN 13723:2023", title_vi="Tổ yến và sản phẩm tổ yến", ics=["67.120.99"]
        ),
        "old": StandardFactory(
            number="TCVN 4193:2005",
            title_vi="Cà phê nhân — Yêu cầu kỹ thuật",
            status=Standard.Status.REPLACED,
            replaced_by="TCVN 4193:2014",
        ),
    }


def numbers(text: str, **filters: str) -> list[str]:
    return [s.number for s in search_standards(text, **filters).standards]


@pytest.mark.parametrize(
    "query", ["TCVN 4193:2014", "tcvn4193:2014", "TCVN4193 2014", "tcvn 4193 2014"]
)
def test_a_number_written_any_way_finds_the_standard_first(catalogue, query):
    assert numbers(query)[0] == "TCVN 4193:2014"


def test_a_number_prefix_finds_every_edition_the_one_in_force_first(catalogue):
    assert numbers("tcvn4193") == ["TCVN 4193:2014", "TCVN 4193:2005"]
    assert numbers("4193") == ["TCVN 4193:2014", "TCVN 4193:2005"]


def test_the_exact_number_comes_first_even_when_replaced(catalogue):
    assert numbers("TCVN 4193:2005")[0] == "TCVN 4193:2005"


def test_title_words_match_without_accents(catalogue):
    assert numbers("nuoc sach") == ["QCVN 01-1:2018/BYT"]
    assert numbers("NƯỚC SẠCH") == ["QCVN 01-1:2018/BYT"]
    assert numbers("to yen") == ["TCVN 13723:2023"]


def test_english_title_words_match(catalogue):
    assert numbers("roasted") == ["TCVN 5250:2015"]


def test_an_ics_group_finds_the_codes_below_it(catalogue):
    # An ICS code alone lists its standards by number: every match is as good.
    assert numbers("67.140") == ["TCVN 4193:2005", "TCVN 4193:2014", "TCVN 5250:2015"]
    assert numbers("", ics="67.120") == ["TCVN 13723:2023"]
    assert set(numbers("ca phe", ics="67.140.20", status="in_force")) == {
        "TCVN 4193:2014",
        "TCVN 5250:2015",
    }


def test_status_filter(catalogue):
    assert numbers("ca phe", status="replaced") == ["TCVN 4193:2005"]
    assert numbers("", status="replaced") == ["TCVN 4193:2005"]


def test_ranking_puts_the_number_above_a_title_mention(catalogue):
    StandardFactory(number="TCVN 9999:2020", title_vi="Phương pháp thử theo TCVN 5250")
    assert numbers("5250") == ["TCVN 5250:2015", "TCVN 9999:2020"]


def test_ranking_puts_more_matching_words_first(catalogue):
    StandardFactory(number="TCVN 8000:2020", title_vi="Cà phê hòa tan")
    found = numbers("ca phe rang")
    assert found == ["TCVN 5250:2015"]


def test_punctuation_and_operators_in_the_query_are_harmless(catalogue):
    assert numbers('"cà phê" OR * NEAR(') == []
    assert numbers("cà-phê; nhân!") == ["TCVN 4193:2014", "TCVN 4193:2005"]


def test_an_edited_standard_is_found_by_its_new_title_only(catalogue):
    water = catalogue["water"]
    water.title_vi = "Nước uống đóng chai"
    water.refresh_search()
    water.save()
    assert numbers("nuoc sach") == []
    assert numbers("nuoc uong") == ["QCVN 01-1:2018/BYT"]
    water.delete()
    assert numbers("nuoc uong") == []


def test_a_query_matching_very_many_is_listed_by_number_and_counted_up_to_the_cap(
    catalogue, monkeypatch
):
    monkeypatch.setattr("tdc.standards.queries.RANK_AT_MOST", 2)
    page = search_standards("ca phe")
    assert [s.number for s in page.standards] == [
        "TCVN 4193:2005",
        "TCVN 4193:2014",
        "TCVN 5250:2015",
    ]
    assert (page.total, page.is_capped) == (3, True)
    monkeypatch.setattr("tdc.standards.queries.RANK_AT_MOST", 1)
    assert search_standards("ca phe").total == 2


def test_paging_counts_every_match(catalogue):
    for n in range(30):
        StandardFactory(number=f"TCVN {20000 + n}:2021", title_vi="Thang máy")
    page = search_standards("thang may", limit=25, offset=25)
    assert (len(page.standards), page.total) == (5, 30)


def test_an_ics_listing_follows_every_edit_filter_and_page(catalogue):
    # On PostgreSQL an ICS code alone is read from the btree of ICS tokens (migration 0005),
    # kept in step by triggers: a new code, a changed status, kind or number, a deletion.
    water, nest = catalogue["water"], catalogue["nest"]
    water.ics = ["67.140.10"]
    water.refresh_search()
    water.save()
    assert numbers("67.140") == [
        "QCVN 01-1:2018/BYT",
        "TCVN 4193:2005",
        "TCVN 4193:2014",
        "TCVN 5250:2015",
    ]
    assert numbers("13.060") == []
    assert numbers("67.140.10") == ["QCVN 01-1:2018/BYT"]
    assert numbers("67") == [
        "QCVN 01-1:2018/BYT",
        "TCVN 13723:2023",
        "TCVN 4193:2005",
        "TCVN 4193:2014",
        "TCVN 5250:2015",
    ]
    assert numbers("67.140", status="in_force", kind="tcvn") == [
        "TCVN 4193:2014",
        "TCVN 5250:2015",
    ]
    assert numbers("", ics="67.140", kind="qcvn") == ["QCVN 01-1:2018/BYT"]
    Standard.objects.filter(pk=water.pk).update(status=Standard.Status.WITHDRAWN)
    assert numbers("67.140", status="in_force") == ["TCVN 4193:2014", "TCVN 5250:2015"]
    nest.number = "TCVN 1000:2023"
    nest.refresh_search()
    nest.save()
    assert numbers("67.120") == ["TCVN 1000:2023"]
    catalogue["roasted"].delete()
    page = search_standards("67.140", limit=2, offset=2)
    assert ([s.number for s in page.standards], page.total) == (["TCVN 4193:2014"], 3)
    page = search_standards("67.140", limit=2, offset=10)
    assert (page.standards, page.total) == ([], 3)


def test_an_ics_listing_is_counted_up_to_the_cap(catalogue, monkeypatch):
    monkeypatch.setattr("tdc.standards.queries.RANK_AT_MOST", 2)
    page = search_standards("67.140", limit=1)
    assert ([s.number for s in page.standards], page.total) == (["TCVN 4193:2005"], 3)
    assert page.is_capped


def test_the_ics_table_holds_exactly_the_ics_lexemes_of_the_full_text_index(catalogue):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the btree of ICS tokens is PostgreSQL's")
    StandardFactory(number="TCVN 9999:2020", title_vi="Mã ICS67 trong tên", ics=[])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.lexeme, s.number_key, s.id, s.status, s.kind FROM standards_standard s, "
            "unnest(s.search_tsv) t WHERE t.lexeme ~ '^ics[0-9]+$' ORDER BY 1, 2"
        )
        expected = cursor.fetchall()
        cursor.execute(
            "SELECT token, number_key, standard_id, status, kind FROM standards_standard_ics "
            "ORDER BY 1, 2"
        )
        assert cursor.fetchall() == expected
        assert ("ics67", "tcvn99992020") in {(row[0], row[1]) for row in expected}
        cursor.execute("TRUNCATE standards_standard CASCADE")
        cursor.execute("SELECT COUNT(*) FROM standards_standard_ics")
        assert cursor.fetchone()[0] == 0
