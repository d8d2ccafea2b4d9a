"""Demo data: the demo business's declarations — one accepted (in the public register), one
waiting for the officer."""

from __future__ import annotations

from typing import Any

from tdc.accounts.models import User
from tdc.conformity import services
from tdc.conformity.models import Declaration
from tdc.standards.queries import standard_by_number

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _file(declaration: Declaration, user: User) -> None:
    for kind in ("certificate", "label"):
        services.add_document(declaration, kind=kind, data=PDF, filename=f"{kind}.pdf", by=user)
    services.submit_declaration(declaration, by=user)


def load(out: Any) -> None:
    user = User.objects.filter(username="doanhnghiep").select_related("organisation").first()
    officer = User.objects.filter(username="canbo.tdc").first()
    standard = standard_by_number("QCVN 4:2009/BKHCN")
    if user is None or user.organisation is None or officer is None or standard is None:
        return
    if Declaration.objects.filter(organisation=user.organisation).exists():
        return
    values = {
        "standard": standard,
        "basis": Declaration.Basis.CERTIFICATE,
        "certifying_body": "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3",
        "certificate_number": "HQ-2026-0412",
    }
    accepted = services.create_declaration(
        user.organisation,
        values={
            **values,
            "product_name": "Bình nước nóng Biển Xanh BX-30",
            "gtin": "8931234567897",
        },
        by=user,
    )
    _file(accepted, user)
    services.accept_declaration(accepted, by=officer)
    waiting = services.create_declaration(
        user.organisation,
        values={**values, "product_name": "Ấm đun siêu tốc Biển Xanh BX-17", "gtin": ""},
        by=user,
    )
    _file(waiting, user)
    out.write("conformity: 2 declarations (1 accepted, 1 waiting)\n")
