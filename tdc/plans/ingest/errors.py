"""The one exception the ingest package raises for documents it cannot read or parse."""

from __future__ import annotations


class PlanParseError(Exception):
    """A document could not be turned into a plan.

    ``code`` is a stable machine-readable reason (``empty``, ``unsupported_format``,
    ``corrupt_docx``, ``corrupt_pdf``, ``pdf_no_text``, ``too_many_pages``, ``pdf_too_large``,
    ``encoding``, ``no_tasks``);
    ``message`` is the Vietnamese sentence shown to the user.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


EMPTY_FILE = "Tệp rỗng: tệp tải lên không có nội dung."
EMPTY_TEXT = "Tệp rỗng: không tìm thấy chữ nào trong tài liệu."
NO_TEXT_LAYER = (
    "Tệp PDF không có lớp văn bản, có thể là bản scan (ảnh chụp). "
    "Vui lòng tải lên bản PDF có chữ hoặc tệp Word (.docx)."
)
CORRUPT_DOCX = "Không đọc được tệp Word (.docx): tệp bị hỏng hoặc không đúng định dạng."
CORRUPT_PDF = "Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng định dạng."
LEGACY_DOC = (
    "Định dạng .doc (Word 97–2003) không được hỗ trợ. "
    "Vui lòng mở tệp bằng Word và lưu lại dưới dạng .docx."
)
BAD_ENCODING = "Không đọc được bảng mã của tệp văn bản. Vui lòng lưu tệp theo bảng mã UTF-8."
CANDIDATE_TASKS = (
    "Không tìm thấy mục “Nhiệm vụ và giải pháp” hay bảng phụ lục phân công: các mục được đánh "
    "số trong văn bản được đưa ra làm nhiệm vụ dự kiến. Hãy kiểm tra, xóa những mục không phải "
    "nhiệm vụ và sửa lại trước khi xác nhận."
)

NO_TASKS = (
    "Không tìm thấy phần nhiệm vụ (mục “Nhiệm vụ và giải pháp” hoặc bảng phụ lục phân công) "
    "trong tài liệu. Tài liệu này có thể không phải là một kế hoạch."
)


def unsupported_format(extension: str) -> str:
    """Vietnamese message for a file whose extension no reader handles."""
    shown = extension or "(không có phần mở rộng)"
    return (
        f"Định dạng tệp không được hỗ trợ: {shown}. Chỉ chấp nhận các tệp .docx, .pdf, .txt và .md."
    )


def too_many_pages(pages: int, limit: int) -> str:
    """Vietnamese message for a PDF longer than any plan."""
    return f"Tệp PDF có {pages} trang, quá dài để đọc. Tối đa {limit} trang."


def pdf_too_large(limit: int) -> str:
    """Vietnamese message for a PDF whose pages unpack to more than `limit` bytes."""
    return (
        f"Nội dung các trang của tệp PDF khi giải nén quá lớn. Tối đa {limit // (1024 * 1024)} MB."
    )
