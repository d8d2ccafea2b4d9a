"""The event hash recognises the same event whatever its spelling, and only the same event."""

import pytest

from tdc.traceability.epcis import event_hash, meaning, pre_hash, read_context, same_meaning
from tdc.traceability.epcis.context import STANDARD_CONTEXT
from tdc.traceability.tests.epcis.documents import event

CONTEXT = read_context([STANDARD_CONTEXT, {"ex": "https://example.org/epcis/"}])
OTHER_PREFIX = read_context([STANDARD_CONTEXT, {"vd": "https://example.org/epcis/"}])


def test_the_pre_hash_string_follows_the_canonical_order():
    assert pre_hash(event(), CONTEXT) == (
        "eventType=ObjectEvent"
        "eventTime=2026-11-30T01:00:00.000Z"
        "eventTimeZoneOffset=+07:00"
        "epcListepc=https://id.gs1.org/01/08934588063060/21/1001"
        "epc=https://id.gs1.org/01/08934588063060/21/1002"
        "action=OBSERVE"
        "bizStep=https://ref.gs1.org/cbv/BizStep-shipping"
        "disposition=https://ref.gs1.org/cbv/Disp-in_transit"
        "readPointid=https://id.gs1.org/414/8934588000010"
    )
    assert event_hash(event(), CONTEXT).startswith("ni:///sha-256;")
    assert event_hash(event(), CONTEXT).endswith("?ver=CBV2.0")


@pytest.mark.parametrize(
    "same",
    [
        # Keys in another order, the list reversed, the time in UTC.
        dict(reversed(list(event(epcList=list(reversed(event()["epcList"]))).items()))),
        event(eventTime="2026-11-30T01:00:00Z"),
        # Digital Link instead of EPC URN, on another domain; old CBV URN spelling.
        event(
            epcList=[
                "https://truyxuat.example.vn/01/08934588063060/21/1001",
                "https://id.gs1.org/01/08934588063060/21/1002",
            ],
            bizStep="https://ref.gs1.org/cbv/BizStep-shipping",
        ),
        # eventID and recordTime are no part of what happened.
        event(
            eventID="urn:uuid:7b0e0b1c-4a0b-4e7c-9f7a-1b2c3d4e5f60",
            recordTime="2026-12-01T00:00:00Z",
        ),
    ],
)
def test_the_same_event_written_differently_has_the_same_hash(same):
    assert event_hash(same, CONTEXT) == event_hash(event(), CONTEXT)


@pytest.mark.parametrize(
    "different",
    [
        event(bizStep="receiving"),
        event(eventTime="2026-11-30T08:00:00.001+07:00"),
        event(epcList=["urn:epc:id:sgtin:8934588.006306.1001"]),
        event(**{"ex:temperature": 4}),
    ],
)
def test_a_different_event_has_a_different_hash(different):
    assert event_hash(different, CONTEXT) != event_hash(event(), CONTEXT)


def test_extensions_count_by_their_iri_not_their_prefix():
    first = event(**{"ex:farm": "Hộ ông Ba", "ex:quantity": 200})
    second = event(**{"vd:farm": "Hộ ông Ba", "vd:quantity": 200.0})

    assert event_hash(first, CONTEXT) == event_hash(second, OTHER_PREFIX)
    assert same_meaning(first, CONTEXT, second, OTHER_PREFIX)
    assert not same_meaning(first, CONTEXT, event(), CONTEXT)


def test_meaning_expands_cbv_words_and_times_but_keeps_identifiers_as_written():
    normal = meaning(event(), CONTEXT)

    assert normal["bizStep"] == "https://ref.gs1.org/cbv/BizStep-shipping"
    assert normal["eventTime"] == "2026-11-30T01:00:00.000Z"
    assert normal["epcList"][0] == "urn:epc:id:sgtin:8934588.006306.1001"


def test_persistent_dispositions_are_hashed_in_order():
    declared = event(
        persistentDisposition={"unset": ["completeness_inferred"], "set": ["conformant"]},
    )

    assert pre_hash(declared, CONTEXT).endswith(
        "persistentDispositionset=https://ref.gs1.org/cbv/Disp-conformant"
        "unset=https://ref.gs1.org/cbv/Disp-completeness_inferred"
        "readPointid=https://id.gs1.org/414/8934588000010"
    )


def test_an_error_declaration_keeps_the_hash_of_the_event_it_declares_in_error():
    declared = event(
        errorDeclaration={"declarationTime": "2026-12-01T10:00:00+07:00", "reason": "did_not_occur"}
    )

    assert event_hash(declared, CONTEXT) == event_hash(event(), CONTEXT)
