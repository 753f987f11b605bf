"""Background jobs: an id at once, progress while it runs, then the same result as the direct call."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from akhbar.serve.jobs import BusyError, JobFailedError, JobOutput, JobStore


def wait_for(client: TestClient, status_url: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(status_url).json()
        if job["state"] in {"done", "failed"}:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job not finished after {timeout} s")


def test_a_job_gives_the_same_json_as_the_direct_call(client: TestClient, seed_records: list[dict]) -> None:
    body = {"articles": seed_records, "words": 80}
    started = client.post("/api/jobs", json=body)
    assert started.status_code == 202
    job = started.json()
    assert started.headers["location"] == job["status_url"]
    assert job["state"] in {"queued", "running", "done"}
    assert wait_for(client, job["status_url"])["state"] == "done"
    result = client.get(job["result_url"])
    assert result.status_code == 200
    direct = client.post("/api/summarize", json=body).json()
    assert result.json()["summary"] == direct["summary"]
    page = client.get(job["page_url"])
    assert page.status_code == 200 and "المنفذ أ" in page.text


def test_an_upload_job_reports_reading_progress(client: TestClient, seed_files: list[Path]) -> None:
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in seed_files]
    job = client.post("/api/jobs/upload", files=files, data={"no_facts": "true"}).json()
    stages = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = client.get(job["status_url"]).json()
        stages.add(status["stage"])
        if status["state"] == "done":
            break
        time.sleep(0.01)
    assert status["state"] == "done" and status["stage_ar"] == "انتهى"
    assert stages & {"queued", "starting", "reading", "summarizing", "writing", "done"}


def test_a_failed_job_says_why(client: TestClient) -> None:
    job = client.post("/api/jobs", json={"articles": [{"id": "a", "text": ""}]}).json()
    status = wait_for(client, job["status_url"])
    assert status["state"] == "failed" and "لم يُقرأ أي مقال" in status["error"] and status["code"] == "no_articles"
    result = client.get(job["result_url"])
    assert result.status_code == 422 and "articles[0]" in result.json()["detail"]
    assert result.json()["code"] == "no_articles"
    page = client.get(job["page_url"])
    assert page.status_code == 422 and "لم يُقرأ أي مقال" in page.text


def test_an_empty_upload_job_is_refused_at_once(client: TestClient) -> None:
    assert client.post("/api/jobs/upload", data={"text": [""]}).status_code == 422


def test_unknown_and_malformed_job_ids_are_404(client: TestClient) -> None:
    for job_id in ("nope", "A" * 30, "..%2F..%2Fetc"):
        assert client.get(f"/api/jobs/{job_id}").status_code == 404
        assert client.get(f"/api/jobs/{job_id}/result").status_code == 404
    page = client.get("/jobs/" + "A" * 30)
    assert page.status_code == 404 and 'dir="rtl"' in page.text


def test_job_store_runs_work_and_refuses_when_full(tmp_path: Path) -> None:
    store = JobStore(tmp_path, max_pending=1, ttl_seconds=60)
    gate = []

    def slow(progress) -> JobOutput:
        progress("reading", 1, 2)
        while not gate:
            time.sleep(0.01)
        return JobOutput('{"ok": true}', "<p>ok</p>")

    first = store.submit(slow)
    with pytest.raises(BusyError, match="تنتظر"):
        store.submit(slow)
    gate.append(True)
    deadline = time.monotonic() + 10
    while (status := store.status(first.id)) is not None and status.state != "done" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert store.output(first.id, "json") == '{"ok": true}'
    assert store.output(first.id, "html") == "<p>ok</p>"

    def failing(progress) -> JobOutput:
        raise JobFailedError("too big", 413)

    failed = store.submit(failing)
    deadline = time.monotonic() + 10
    while (status := store.status(failed.id)) is not None and status.state != "failed" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert status is not None and status.http_status == 413 and status.error == "too big"
    store.shutdown()


def test_old_jobs_are_swept(tmp_path: Path) -> None:
    store = JobStore(tmp_path, max_pending=2, ttl_seconds=0)
    job = store.submit(lambda progress: JobOutput("{}", ""))
    deadline = time.monotonic() + 10
    while store.output(job.id, "json") is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.01)
    store.sweep()
    assert store.status(job.id) is None and not list(tmp_path.glob(f"{job.id}.*"))
    store.shutdown()


def test_a_running_job_has_a_progress_page(client: TestClient) -> None:
    gate: list[bool] = []

    def slow(progress) -> JobOutput:
        progress("reading", 2, 5)
        while not gate:
            time.sleep(0.01)
        return JobOutput("{}", "<p>done</p>")

    job = client.app.state.jobs.submit(slow)  # type: ignore[attr-defined]
    try:
        deadline = time.monotonic() + 10
        while client.get(f"/api/jobs/{job.id}").json()["stage"] != "reading" and time.monotonic() < deadline:
            time.sleep(0.01)
        page = client.get(f"/jobs/{job.id}")
        assert page.status_code == 200
        assert "قراءة الملفات" in page.text and "2 من 5" in page.text
        assert '<meta http-equiv="refresh"' in page.text and f'data-status="/api/jobs/{job.id}"' in page.text
        assert client.get(f"/api/jobs/{job.id}/result").status_code == 409
    finally:
        gate.append(True)  # a failed assertion must not leave the worker waiting forever
