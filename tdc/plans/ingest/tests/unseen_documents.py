"""Unseen plans that are not plain text, composed when the tests run (see test_unseen.py).

``BUILDERS`` maps the ``file`` named by an ``unseen/<name>.expected.json`` to a function that
returns the document's bytes.
"""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable[[], bytes]] = {}
