"""Background jobs: a long request answers at once with a job id, and its progress is polled.

Job state lives in files under one folder (written whole, then renamed into place), so that with several
server processes a poll may reach any of them. Each process runs its own jobs on a small thread pool and
refuses new ones (503) once too many are waiting.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

from akhbar.serve.uploads import Progress

log = logging.getLogger("akhbar.serve")
JobState = Literal["queued", "running", "done", "failed"]
OutputKind = Literal["json", "html", "notes.json", "articles.jsonl"]
_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_WRITE_EVERY = 0.25  # seconds between two progress writes of one stage


@dataclass(frozen=True, slots=True)
class JobStatus:
    id: str
    state: JobState
    stage: str = "queued"
    done: int = 0
    total: int = 0
    error: str | None = None
    http_status: int | None = None  # of a failed job: what the same request would have answered
    code: str | None = None  # of a failed job: the machine-readable code of its error
    created: float = 0.0


@dataclass(frozen=True, slots=True)
class JobOutput:
    """What a finished job keeps: the JSON document and the HTML fragment of the page."""

    json_text: str
    html: str
    extra: tuple[tuple[str, str], ...] = ()  # (kind, text) kept beside them: the notes, the articles


class JobFailedError(Exception):
    """A job that ends with a message for the user and the HTTP status of that failure."""

    def __init__(self, message: str, http_status: int, code: str = "job_failed") -> None:
        super().__init__(message)
        self.http_status = http_status
        self.code = code


class BusyError(RuntimeError):
    """Too many jobs are waiting in this server process."""


Work = Callable[[Progress], JobOutput]


class JobStore:
    def __init__(self, root: Path, *, max_pending: int, ttl_seconds: float, threads: int = 1) -> None:
        self.root = root
        self.max_pending = max_pending
        self.ttl_seconds = ttl_seconds
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="akhbar-job")
        self._lock = threading.Lock()
        self._pending = 0

    def submit(self, work: Work) -> JobStatus:
        with self._lock:
            if self._pending >= self.max_pending:
                raise BusyError(f"{self._pending} مهمة تنتظر الآن في هذا الخادم: أعد المحاولة بعد دقيقة")
            self._pending += 1
        self.sweep()
        status = JobStatus(secrets.token_urlsafe(18), "queued", created=time.time())
        self.write(status)
        self._pool.submit(self._run, status, work)
        return status

    def status(self, job_id: str) -> JobStatus | None:
        path = self._path(job_id, "status.json")
        if path is None or not path.exists():
            return None
        return JobStatus(**json.loads(path.read_text(encoding="utf-8")))

    def output(self, job_id: str, kind: OutputKind) -> str | None:
        path = self._path(job_id, f"result.{kind}")
        return path.read_text(encoding="utf-8") if path is not None and path.exists() else None

    def sweep(self) -> None:
        """Forget jobs older than the time to live."""
        cutoff = time.time() - self.ttl_seconds
        for path in self.root.glob("*.status.json"):
            try:
                if path.stat().st_mtime < cutoff:
                    job_id = path.name.removesuffix(".status.json")
                    for kind in ("result.json", "result.html", "result.notes.json", "result.articles.jsonl",
                                 "status.json"):
                        (self.root / f"{job_id}.{kind}").unlink(missing_ok=True)
            except OSError:  # another process swept it first
                continue

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, status: JobStatus, work: Work) -> None:
        progress = _ProgressWriter(self, status)
        try:
            progress("starting", 0, 0)
            output = work(progress)
            self._write_text(status.id, "result.json", output.json_text)
            self._write_text(status.id, "result.html", output.html)
            for kind, text in output.extra:
                self._write_text(status.id, f"result.{kind}", text)
            final = replace(status, state="done", stage="done", done=1, total=1)
        except JobFailedError as failure:
            final = replace(status, state="failed", stage="failed", error=str(failure),
                            http_status=failure.http_status, code=failure.code)
        except Exception as error:  # a bug of ours: the job says so instead of hanging
            log.exception("job %s failed", status.id)
            final = replace(status, state="failed", stage="failed", http_status=500, code="internal_error",
                            error=f"خطأ داخلي في الخادم ({type(error).__name__}: {error})")
        with self._lock:  # free the slot first: a client told "done" may submit again at once
            self._pending -= 1
        self.write(final)

    def _path(self, job_id: str, kind: str) -> Path | None:
        return self.root / f"{job_id}.{kind}" if _ID.match(job_id) else None

    def write(self, status: JobStatus) -> None:
        self._write_text(status.id, "status.json", json.dumps(asdict(status)))

    def _write_text(self, job_id: str, kind: str, text: str) -> None:
        target = self.root / f"{job_id}.{kind}"
        partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)


class _ProgressWriter:
    """The progress callback of one job: writes its status when the stage changes, or now and then."""

    def __init__(self, store: JobStore, status: JobStatus) -> None:
        self.store = store
        self.status = status
        self.written = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        changed = stage != self.status.stage
        self.status = replace(self.status, state="running", stage=stage, done=done, total=total)
        now = time.monotonic()
        if changed or done == total or now - self.written >= _WRITE_EVERY:
            self.store.write(self.status)
            self.written = now
