"""The one place that knows about threads: run core calls off the UI thread, deliver on it.

    tasks.run(lambda: service.refresh(), on_done=self._on_refresh_done, key="refresh")

Call sites say what to run and what to do with the result. A task started with the key of a
running task replaces it (the old one is asked to cancel and its result is dropped). Results
and errors arrive on the UI thread through a queued signal; workers never touch widgets.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("briefing.ui.tasks")


@dataclass
class Task:
    id: int
    key: str | None
    cancel: threading.Event = field(default_factory=threading.Event)
    future: Future[Any] | None = None


class Tasks(QObject):
    """A small pool of worker threads whose results come back on the UI thread."""

    _finished = Signal(int, object, object)  # task id, result, error
    progressed = Signal(str, object)  # key, payload: for progress reports from workers

    def __init__(self, parent: QObject | None = None, workers: int = 3) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="briefing")
        self._ids = itertools.count(1)
        self._running: dict[int, tuple[Task, Callable[[Any], None] | None,
                                       Callable[[BaseException], None] | None]] = {}
        self._closed = False
        # Held while a worker hands a result over, and by shutdown(): after shutdown, no
        # worker still running (a DNS lookup cannot be interrupted) signals an object that
        # Qt may already have deleted.
        self._handover = threading.Lock()
        self._finished.connect(self._on_finished)

    def run(
        self, fn: Callable[[Task], Any], *, on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None, key: str | None = None,
    ) -> Task | None:
        """Run fn(task) on a worker; on_done(result) or on_error(exc) run on the UI thread."""
        if self._closed:
            return None
        if key is not None:
            for task, _, _ in list(self._running.values()):
                if task.key == key:
                    self.cancel(task)
        task = Task(next(self._ids), key)
        self._running[task.id] = (task, on_done, on_error)

        def work() -> None:
            result, error = None, None
            try:
                result = fn(task)
            except BaseException as exc:  # delivered to on_error on the UI thread
                error = exc
            with self._handover:
                if not self._closed:
                    self._finished.emit(task.id, result, error)

        task.future = self._pool.submit(work)
        return task

    def report(self, key: str, payload: Any) -> None:
        """From a worker: progress for the UI thread (the `progressed` signal)."""
        with self._handover:
            if not self._closed:
                self.progressed.emit(key, payload)

    def cancel(self, task: Task) -> None:
        task.cancel.set()
        if task.future is not None:
            task.future.cancel()  # not started yet: it never takes a worker
        self._running.pop(task.id, None)

    def busy(self, key: str) -> bool:
        return any(t.key == key for t, _, _ in self._running.values())

    @Slot(int, object, object)
    def _on_finished(self, task_id: int, result: Any, error: Any) -> None:
        entry = self._running.pop(task_id, None)
        if entry is None or self._closed:
            return  # cancelled or replaced: its result is no longer wanted
        task, on_done, on_error = entry
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed: %r", error, exc_info=error)
        elif on_done is not None:
            on_done(result)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel everything and wait (bounded) for the workers to stop."""
        with self._handover:
            self._closed = True
        for task, _, _ in list(self._running.values()):
            task.cancel.set()
        self._running.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)
        deadline = threading.Event()
        waiter = threading.Thread(target=lambda: (self._pool.shutdown(wait=True), deadline.set()),
                                  daemon=True)
        waiter.start()
        deadline.wait(timeout)
