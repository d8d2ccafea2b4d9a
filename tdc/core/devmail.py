"""E-mail for a developer's laptop: each message becomes a readable text file in a folder
(`EMAIL_FILE_PATH`, `var/mail/` under `make run`), headers decoded and the text body as it
reads, instead of MIME in the console. One line on the console says where it went."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from tdc.core.text import fold


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        folder = file_path or getattr(settings, "EMAIL_FILE_PATH", None) or "var/mail"
        self.folder = Path(folder)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
            slug = re.sub(r"[^a-z0-9]+", "-", fold(str(message.subject)))[:60].strip("-") or "thu"
            path = self.folder / f"{stamp}-{slug}.txt"
            path.write_text(render(message), encoding="utf-8")
            sys.stdout.write(f"E-mail → {', '.join(message.to)}: {message.subject} ({path})\n")
            sent += 1
        return sent


def render(message: EmailMessage) -> str:
    lines = [
        f"Từ: {message.from_email}",
        f"Đến: {', '.join(message.to)}",
    ]
    if message.cc:
        lines.append(f"Cc: {', '.join(message.cc)}")
    if message.bcc:
        lines.append(f"Bcc: {', '.join(message.bcc)}")
    lines += [f"Tiêu đề: {message.subject}", "", str(message.body)]
    for alternative in getattr(message, "alternatives", []) or []:
        lines += ["", f"--- bản {alternative[1]} ---", str(alternative[0])]
    for attachment in message.attachments:
        name = attachment[0] if isinstance(attachment, tuple) else attachment.get_filename()
        lines.append(f"[tệp đính kèm: {name}]")
    return "\n".join(lines) + "\n"
