"""The receipt notice (Thông báo tiếp nhận hồ sơ công bố), as a Decree 30 DOCX, rebuilt from
the stored declaration each time (the same declaration gives the same text)."""

from __future__ import annotations

from tdc.conformity.models import Declaration
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature


def receipt_docx(declaration: Declaration) -> bytes:
    organisation = declaration.organisation
    province = organisation.province.name if organisation.province else ""
    kind = "hợp quy" if declaration.kind == Declaration.Kind.REGULATION else "hợp chuẩn"
    number, _, symbol = (declaration.receipt_number or "").partition("/")
    decided = declaration.decided_on
    if declaration.status != Declaration.Status.ACCEPTED or decided is None:
        raise ValueError("only an accepted declaration has a receipt notice")
    document = Nd30Document(
        Letterhead(
            parent_body=f"UBND TỈNH {province}".upper() if province else "",
            issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            number=number,
            symbol=symbol or "TNCB",
            place=province or "…",
            date=decided,
        ),
        doc_type="THÔNG BÁO",
        subject=f"Tiếp nhận hồ sơ công bố {kind}",
    )
    submitted = declaration.submitted_on.strftime("%d/%m/%Y") if declaration.submitted_on else "…"
    document.paragraph(
        f"Sở Khoa học và Công nghệ tỉnh {province} xác nhận đã nhận hồ sơ công bố {kind} "
        f"ngày {submitted} của {organisation.name}"
        + (f", địa chỉ: {organisation.address}" if organisation.address else "")
        + (f", mã số thuế: {organisation.tax_code}" if organisation.tax_code else "")
        + f", cho sản phẩm, hàng hóa: {declaration.product_name}"
        + (f" (mã GTIN {declaration.gtin})" if declaration.gtin else "")
        + f", phù hợp {declaration.standard.number} {declaration.standard.title_vi}."
    )
    if declaration.basis == Declaration.Basis.CERTIFICATE:
        basis = (
            f"Căn cứ công bố: giấy chứng nhận số {declaration.certificate_number} "
            f"của {declaration.certifying_body}."
        )
    else:
        basis = "Căn cứ công bố: kết quả tự đánh giá của tổ chức, cá nhân."
    document.paragraph(basis)
    if declaration.expires_on:
        document.paragraph(f"Thông báo này có giá trị đến ngày {declaration.expires_on:%d/%m/%Y}.")
    document.paragraph(
        "Thông báo này ghi nhận sự cam kết của tổ chức, cá nhân; không có giá trị chứng nhận cho "
        "sản phẩm, hàng hóa. Tổ chức, cá nhân phải hoàn toàn chịu trách nhiệm về tính phù hợp "
        f"của sản phẩm, hàng hóa do mình sản xuất, kinh doanh với {declaration.standard.number}."
    )
    document.finish(
        "Sở Khoa học và Công nghệ thông báo để tổ chức, cá nhân biết và thực hiện",
        Signature(
            authority=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            name="",
            recipients=[organisation.name, "Lưu: VT, TĐC"],
        ),
    )
    return document.to_bytes()
