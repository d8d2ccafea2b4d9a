"""The constrained canonical Digital Link the event hash writes (CBV 2.0, 8.9.2)."""

import pytest

from tdc.traceability.gs1.canonical import constrained_digital_link

D = "https://id.gs1.org"


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("urn:epc:id:sgtin:0614141.107346.2017", f"{D}/01/10614141073464/21/2017"),
        ("urn:epc:id:sgtin:4012345.011111.98(*)", f"{D}/01/04012345111118/21/98%28%2A%29"),
        ("urn:epc:class:lgtin:4012345.012345.998877", f"{D}/01/04012345123456/10/998877"),
        ("urn:epc:idpat:sgtin:4012345.098765.*", f"{D}/01/04012345987652"),
        ("urn:epc:id:sscc:4012345.0000000333", f"{D}/00/040123450000003338"),
        ("urn:epc:id:sgln:4012345.00005.0", f"{D}/414/4012345000054"),
        ("urn:epc:id:sgln:4012345.00005.122", f"{D}/414/4012345000054/254/122"),
        ("urn:epc:id:pgln:4000001.00000", f"{D}/417/4000001000005"),
        ("urn:epc:id:grai:4012345.66666.87", f"{D}/8003/0401234566666387"),
        ("urn:epc:idpat:grai:4012345.66666.*", f"{D}/8003/04012345666663"),
        ("urn:epc:id:giai:4012345.AAbb", f"{D}/8004/4012345AAbb"),
        ("urn:epc:id:gsrn:4012345.9876540000", f"{D}/8018/401234598765400000"),
        ("urn:epc:id:gsrnp:4012345.0000098765", f"{D}/8017/401234500000987658"),
        ("urn:epc:id:gdti:4012345.55555.98", f"{D}/253/401234555555498"),
        ("urn:epc:idpat:gdti:4012345.55555.*", f"{D}/253/4012345555554"),
        ("urn:epc:id:sgcn:4012345.99999.44", f"{D}/255/401234599999044"),
        ("urn:epc:idpat:sgcn:4012345.99999.*", f"{D}/255/4012345999990"),
        ("urn:epc:id:ginc:4012345.333", f"{D}/401/4012345333"),
        ("urn:epc:id:gsin:4012345.999987654", f"{D}/402/40123459999876541"),
        ("urn:epc:id:cpi:4012345.ABC.123", f"{D}/8010/4012345ABC/8011/123"),
        ("urn:epc:idpat:cpi:4012345.ABC.*", f"{D}/8010/4012345ABC"),
        ("urn:epc:id:itip:4012345.012345.01.02.999", f"{D}/8006/040123451234560102/21/999"),
        ("urn:epc:idpat:itip:4012345.012345.01.02.*", f"{D}/8006/040123451234560102"),
        ("urn:epc:id:upui:4012345.012345.AB12", f"{D}/01/04012345123456/235/AB12"),
        ("urn:epc:idpat:upui:4012345.012345.*", f"{D}/01/04012345123456"),
        # Digital Links: the canonical domain, no query string, AIs, 14 digits, finest level.
        ("https://example.com/01/4012345123456/21/7?linkType=all", f"{D}/01/04012345123456/21/7"),
        ("http://id.gs1.org/gtin/04012345123456/lot/L1", f"{D}/01/04012345123456/10/L1"),
        ("https://shop.example.vn/p/01/04012345123456/10/L1/21/S9", f"{D}/01/04012345123456/21/S9"),
        ("https://example.com/01/04012345123456/22/2A/10/L1", f"{D}/01/04012345123456/10/L1"),
        ("https://example.com/01/04012345123456/22/2A", f"{D}/01/04012345123456"),
        ("https://example.com/01/12345670", f"{D}/01/00000012345670"),
        ("https://id.example.com/414/4012345000054", f"{D}/414/4012345000054"),
    ],
)
def test_gs1_identifiers_become_their_constrained_canonical_digital_link(value, canonical):
    assert constrained_digital_link(value) == canonical


@pytest.mark.parametrize(
    "value",
    [
        "urn:epc:id:sgtin:0614141.10734.2017",  # 12 digits: not a GTIN
        "urn:epc:id:private:hoptac-xa.san-phoi",
        "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        "http://transaction.acme.com/po/12345678",
        "https://example.com/01/04012345123456/21/a%20b",  # not a plain character
        "shipping",
        "12.5",
    ],
)
def test_anything_else_has_no_canonical_digital_link(value):
    assert constrained_digital_link(value) is None
