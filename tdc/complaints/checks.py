"""Deployment checks (`manage.py check --deploy`): the identity key must be set up safely."""

from __future__ import annotations

import stat
from typing import Any

from django.core.checks import CheckMessage, Error, Warning, register

from tdc.complaints.crypto import IdentityKeyError, SealBroken, load_keyring


@register(deploy=True)
def identity_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        keyring = load_keyring()
    except (IdentityKeyError, SealBroken) as error:
        return [Error(str(error), id="complaints.E001")]
    messages: list[CheckMessage] = []
    if keyring.from_file:
        from pathlib import Path

        mode = Path(keyring.source).stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            messages.append(
                Warning(
                    f"The identity key file {keyring.source} is readable by others than its owner.",
                    hint="chmod 600 it.",
                    id="complaints.W001",
                )
            )
    return messages
