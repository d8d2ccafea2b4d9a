"""The `tdc` command: `tdc plan parse FILE`, `tdc plan import …`, and every manage.py command.

`tdc plan …` is a shortcut for `manage.py plan …`.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdc.settings")
    if sys.argv[1:3] in (["plan", "parse"], ["plan", "evaluate"], ["epcis", "check"]):
        # Reading a document touches no secret: let it run outside a configured deployment.
        os.environ.setdefault("SECRET_KEY", "offline-parse-only")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tdc", *sys.argv[1:]])


if __name__ == "__main__":
    main()
