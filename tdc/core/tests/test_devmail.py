"""Development e-mail lands as a readable text file, not MIME in the console."""

from __future__ import annotations

from django.core import mail

from tdc.core.devmail import EmailBackend


def test_each_message_is_a_readable_text_file(tmp_path, capsys):
    backend = EmailBackend(file_path=str(tmp_path / "mail"))
    message = mail.EmailMultiAlternatives(
        "Nhắc hạn báo cáo: còn 3 ngày",
        "Kính gửi Sở Tài chính,\nhạn gửi báo cáo là 10/11/2026.",
        "TĐC <no-reply@tdc.localhost>",
        ["baocao@taichinh.example"],
    )
    message.attach_alternative("<p>Kính gửi</p>", "text/html")

    assert backend.send_messages([message]) == 1

    [written] = list((tmp_path / "mail").iterdir())
    assert written.name.endswith("-nhac-han-bao-cao-con-3-ngay.txt")
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[:5] == [
        "Từ: TĐC <no-reply@tdc.localhost>",
        "Đến: baocao@taichinh.example",
        "Tiêu đề: Nhắc hạn báo cáo: còn 3 ngày",
        "",
        "Kính gửi Sở Tài chính,",
    ]
    assert "--- bản text/html ---" in text
    assert "Content-Transfer-Encoding" not in text
    assert (
        "E-mail → baocao@taichinh.example: Nhắc hạn báo cáo: còn 3 ngày" in capsys.readouterr().out
    )
