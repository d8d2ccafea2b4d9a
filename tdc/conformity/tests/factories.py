from __future__ import annotations

from typing import Any

from tdc.conformity import services
from tdc.conformity.models import Declaration
from tdc.standards.models import Standard
from tdc.standards.tests.factories import StandardFactory

PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def regulation(**kwargs: Any) -> Standard:
    values = {
        "number": "QCVN 4:2009/BKHCN",
        "title_vi": "An toàn thiết bị điện",
        "kind": Standard.Kind.QCVN,
    }
    values |= kwargs
    existing = Standard.objects.filter(number=values["number"]).first()
    return existing or StandardFactory.create(**values)


def draft(business_user: Any, standard: Standard | None = None, **values: Any) -> Declaration:
    base = {
        "product_name": "Bình nước nóng BX-30",
        "gtin": "8931234567897",
        "standard": standard or regulation(),
        "basis": Declaration.Basis.CERTIFICATE,
        "certifying_body": "QUATEST 3",
        "certificate_number": "HQ-1",
    }
    return services.create_declaration(
        business_user.organisation, values=base | values, by=business_user
    )


def filed(business_user: Any, **values: Any) -> Declaration:
    declaration = draft(business_user, **values)
    services.add_document(
        declaration, kind="certificate", data=PDF, filename="gcn.pdf", by=business_user
    )
    services.add_document(
        declaration, kind="label", data=PNG, filename="nhan.png", by=business_user
    )
    return services.submit_declaration(declaration, by=business_user)
