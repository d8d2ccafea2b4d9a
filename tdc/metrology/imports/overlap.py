"""Validating in a second process while this one writes to the database.

Reading and validating a file costs about as much as writing it, and both are mostly one core's
work each (Python here, the PostgreSQL backend there). `in_child` runs a generator in a forked
process and hands its items over a pipe, so the next chunk is validated while the database
writes this one; the pipe holds about one chunk, so the child never runs far ahead.

The child inherits what the parent loaded (the file, the look-up tables) and must not touch the
database: it shares the parent's connection. It ends with `os._exit`, as `multiprocessing`'s
fork start always does, so nothing of the parent's (connections, files) is closed from there.
"""

from __future__ import annotations

import multiprocessing
import signal
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from tdc.metrology.imports.reading import ImportFileError

T = TypeVar("T")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _child(
    sender: Connection,
    produce: Callable[..., Iterator[Any]],
    args: Any,
    kwargs: Any,
    receiver: Connection | None = None,
) -> None:
    # The parent's end of the pipe, inherited: closed, so that when the parent stops reading
    # the next send fails (BrokenPipeError) instead of waiting for a reader forever. And the
    # default SIGTERM, whatever handler the parent had installed (a worker's graceful stop).
    if receiver is not None:
        receiver.close()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        try:
            for item in produce(*args, **kwargs):
                sender.send(("item", item))
        except ImportFileError as error:
            sender.send(("file_error", str(error)))
        except OSError:
            raise  # the parent has gone
        except BaseException:  # noqa: BLE001 — anything else is the parent's to raise
            sender.send(("error", traceback.format_exc()))
        else:
            sender.send(("end", None))
    except OSError:
        pass  # nobody to tell
    finally:
        sender.close()


class ChildFailed(RuntimeError):
    """The validating process failed or died; the message has its traceback."""


def in_child(produce: Callable[..., Iterator[T]], *args: Any, **kwargs: Any) -> Iterator[T]:
    """`produce(*args, **kwargs)`'s items, produced in a forked process. Closing the iterator
    (or leaving a `for` over it) stops the process."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, produce, args, kwargs, receiver), daemon=True
    )
    process.start()
    sender.close()
    try:
        while True:
            try:
                kind, payload = receiver.recv()
            except EOFError:
                raise ChildFailed(f"the validating process ended ({process.exitcode})") from None
            if kind == "item":
                yield payload
            elif kind == "end":
                return
            elif kind == "file_error":
                raise ImportFileError(payload)
            else:
                raise ChildFailed(payload)
    finally:
        receiver.close()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
