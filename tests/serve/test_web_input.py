"""What the summarize page takes in: one article size limit everywhere, .jsonl.gz, outlets per file, a batch
that tells several stories, and what it says when something is wrong (Arabic, with a code for programs)."""

from __future__ import annotations

import gzip
import json
import random
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.serve.messages import articles_ar, problem_ar, problem_code, stories_ar
from tests.data_paths import require_ant
from tests.serve.test_jobs import wait_for
from tests.stories.test_cluster import FOOTBALL, QUAKE, QUAKE_2, SUMMIT, SUMMIT_2

TWO_MB = "ا" * (1024 * 1024)  # two bytes a letter in UTF-8: 2 MB, over the 1 MB of one article
ARTICLE = "قال المسؤول إن القوات تقدمت في المدينة اليوم بشكل كبير. وأضاف أن الهجوم مستمر منذ الصباح."


def _arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def test_one_article_limit_for_paste_upload_and_api_in_arabic(client: TestClient) -> None:
    # The same 2 MB article, three ways in: each refused by the same rule and the same Arabic message,
    # never the form parser's «Part exceeded maximum size of 1024KB.» nor a CLI flag.
    pasted = client.post("/api/summarize/upload", data={"text": [TWO_MB, ARTICLE], "no_facts": "true"})
    uploaded = client.post("/api/summarize/upload", data={"text": [ARTICLE], "no_facts": "true"},
                           files=[("files", ("big.txt", TWO_MB.encode(), "text/plain"))])
    api = client.post("/api/summarize", json={"articles": [{"id": "big", "text": TWO_MB},
                                                           {"id": "ok", "text": ARTICLE}], "facts": False})
    for response in (pasted, uploaded, api):
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["articles"]) == 1
        [skipped] = body["errors"]
        assert "Part exceeded" not in response.text and "--max-article-bytes" not in problem_ar(skipped["problem"])
        assert problem_code(skipped["problem"]) == "article_too_large"
        assert "1 ميغابايت" in problem_ar(skipped["problem"])
    alone = client.post("/api/summarize", json={"articles": [{"id": "big", "text": TWO_MB}]}).json()
    assert alone["code"] == "no_articles" and alone["errors"][0]["code"] == "article_too_large"
    assert "1 ميغابايت" in alone["errors"][0]["problem"]
    page = client.post("/summarize", data={"text": [TWO_MB]})
    assert page.status_code == 422 and "1 ميغابايت" in page.text and "Part exceeded" not in page.text


def test_the_page_states_the_limits_in_arabic(client: TestClient) -> None:
    page = client.get("/").text
    assert "1 ميغابايت للمقال الواحد" in page and "32 ميغابايت للطلب كله" in page
    assert 'data-max-request="33554432"' in page


def test_errors_are_arabic_with_a_code(client: TestClient) -> None:
    missing = client.get("/api/jobs/" + "A" * 30)
    assert missing.status_code == 404 and missing.json()["code"] == "no_job" and _arabic(missing.json()["detail"])
    route = client.get("/api/nothing-here")
    assert route.status_code == 404 and route.json()["code"] == "not_found" and _arabic(route.json()["detail"])
    page = client.get("/nothing-here")
    assert page.status_code == 404 and "لا توجد هذه الصفحة" in page.text and 'dir="rtl"' in page.text
    invalid = client.post("/api/summarize", json={"articles": [{"id": 1, "text": "نص"}], "words": 3}).json()
    assert invalid["code"] == "invalid_request" and _arabic(invalid["detail"]) and "words" in invalid["detail"]


def test_known_problems_of_the_readers_are_said_in_arabic() -> None:
    cases = {
        "unsupported file type .pdf: use .txt, .html, .htm, .jsonl or .jsonl.gz": "unsupported_type",
        "invalid JSON: Expecting value at column 3": "invalid_json",
        "line is over the 1048576-byte limit for one article (raise it with --max-article-bytes)": "article_too_large",
        "3 byte sequence(s) not valid UTF-8 replaced by U+FFFD; 2 control character(s) removed": "repaired_encoding",
        "something nobody foresaw": "unreadable",
    }
    for problem, code in cases.items():
        assert problem_code(problem) == code
        assert _arabic(problem_ar(problem))
    assert "--max-article-bytes" not in problem_ar("line is over the 1048576-byte limit for one article "
                                                   "(raise it with --max-article-bytes)")


def test_arabic_counts_agree() -> None:
    assert [articles_ar(n) for n in (1, 2, 3, 10, 11, 99, 100, 103)] == [
        "مقال واحد", "مقالان", "3 مقالات", "10 مقالات", "11 مقالًا", "99 مقالًا", "100 مقال", "103 مقالات"]
    assert [stories_ar(n) for n in (1, 2, 5, 12)] == ["قصة واحدة", "قصتان", "5 قصص", "12 قصةً"]


def test_jsonl_gz_uploads_are_read_as_the_cli_reads_them(client: TestClient, seed_records: list[dict]) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seed_records) + "{broken\n"
    data = gzip.compress(lines.encode("utf-8"))
    body = client.post("/api/summarize/upload", files=[("files", ("seeds.jsonl.gz", data, "application/gzip"))],
                       data={"no_facts": "true"}).json()
    assert sorted(a["id"] for a in body["articles"]) == sorted(r["id"] for r in seed_records)
    assert [e["path"] for e in body["errors"]] == ["seeds.jsonl.gz:6"]
    broken = client.post("/api/summarize/upload", files=[("files", ("x.jsonl.gz", b"not gzip", "application/gzip"))])
    assert broken.status_code == 422 and broken.json()["errors"][0]["code"] == "bad_gzip"


def test_a_gzip_upload_is_bounded_by_the_servers_own_ratio() -> None:
    """The .jsonl.gz guard reads the server's max_zip_ratio (not a fixed copy): 2 MiB of blank lines
    (about 500 times smaller compressed) pass under a ratio of 10,000 and are refused under 20."""
    from akhbar.serve.uploads import RequestRejectedError, Upload, UploadLimits, expand_zips

    upload = Upload("blank.jsonl.gz", gzip.compress(b"\n" * (2 * 1024 * 1024)), None)
    files, errors = expand_zips([upload], limits=UploadLimits(10, 64 * 1024 * 1024, 10_000))
    assert not errors and len(files[0].data) == 2 * 1024 * 1024
    with pytest.raises(RequestRejectedError) as refused:
        expand_zips([upload], limits=UploadLimits(10, 64 * 1024 * 1024, 20))
    assert refused.value.code == "zip_bomb"


def test_a_gzip_bomb_is_refused(client: TestClient) -> None:
    bomb = gzip.compress(b"\n" * (64 * 1024 * 1024))
    response = client.post("/api/summarize/upload", files=[("files", ("bomb.jsonl.gz", bomb, "application/gzip"))])
    assert response.status_code == 413 and response.json()["code"] in {"zip_bomb", "too_large_unzipped"}


def test_uploaded_files_take_the_outlet_named_for_them(client: TestClient, seed_files: list[Path]) -> None:
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in seed_files[:3]]
    body = client.post("/api/summarize/upload", files=files,
                       data={"file_source": ["الجزيرة", "", "العربية"], "no_facts": "true"}).json()
    outlets = {a["id"]: a["outlet"] for a in body["articles"]}
    assert outlets[seed_files[0].stem] == "الجزيرة" and outlets[seed_files[2].stem] == "العربية"
    assert outlets[seed_files[1].stem] not in {"الجزيرة", "العربية"}


def _mixed() -> list[dict[str, str]]:
    texts = {"q1": QUAKE, "s1": SUMMIT, "q2": QUAKE_2, "s2": SUMMIT_2, "f1": FOOTBALL}
    return [{"id": key, "text": text, "source": f"منفذ {n}", "date": "2018-08-06"}
            for n, (key, text) in enumerate(texts.items())]


def test_articles_of_several_stories_are_noted_and_their_stories_offered(client: TestClient) -> None:
    direct = client.post("/api/summarize", json={"articles": _mixed(), "facts": False}).json()
    [note] = direct["notes"]
    assert note["code"] == "several_stories" and note["stories"] == 3 and _arabic(note["message"])
    assert [s["articles"] for s in note["largest"][:2]] == [2, 2]
    one_story = client.post("/api/summarize", json={"articles": _mixed()[:1] + _mixed()[2:3], "facts": False})
    assert "notes" not in one_story.json()
    job = client.post("/api/jobs", json={"articles": _mixed(), "facts": False}).json()
    assert wait_for(client, job["status_url"])["state"] == "done"
    page = client.get(job["page_url"]).text
    assert "تنبيه" in page and "قصص" in page and f'action="/jobs/{job["id"]}/stories"' in page
    assert page.index('id="blend"') < page.index('class="summary"')
    shown = client.post(f"/jobs/{job['id']}/stories", follow_redirects=False)
    assert shown.status_code == 303
    stories_job = client.post(f"/api/jobs/{job['id']}/stories").json()
    assert wait_for(client, stories_job["status_url"])["state"] == "done"
    result = client.get(stories_job["result_url"]).json()
    groups = sorted(sorted(s["articles"]) for s in result["stories"])
    assert groups == [["q1", "q2"], ["s1", "s2"]] and [s["articles"] for s in result["unreported"]] == [["f1"]]
    assert all(s["summary"] for s in result["stories"])
    stories_page = client.get(stories_job["page_url"]).text
    assert stories_page.count('<details class="story"') == 2 and "مقالات منفردة" in stories_page
    lone = client.post("/api/jobs", json={"articles": _mixed()[:1], "facts": False}).json()
    wait_for(client, lone["status_url"])
    assert client.post(f"/api/jobs/{lone['id']}/stories").json()["code"] == "no_stories"


def test_skipped_inputs_are_shown_at_the_top(client: TestClient, seed_records: list[dict]) -> None:
    data = {"text": [seed_records[0]["text"], seed_records[1]["text"]], "no_facts": "true"}
    files = [("files", ("x.pdf", b"%PDF-1.4", "application/pdf"))]
    page = client.post("/summarize", data=data, files=files).text
    assert page.index('id="skipped"') < page.index('class="summary"')
    assert "نوع ملف غير مدعوم (.pdf)" in page


def test_300_unrelated_ant_articles_are_noted_as_many_stories(client: TestClient) -> None:
    path = require_ant()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(6000), lines, strict=False)]
    chosen = random.Random(7).sample(records, 300)
    articles = [{k: r.get(k) for k in ("id", "text", "title", "source", "url")} | {"date": r.get("time")}
                for r in chosen]
    started = time.monotonic()
    body = client.post("/api/summarize", json={"articles": articles, "facts": False}).json()
    assert time.monotonic() - started < 300
    [note] = body["notes"]
    assert note["code"] == "several_stories" and note["stories"] > 100


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_problem_is_said_in_arabic_with_a_code(problem: str) -> None:
    said = problem_ar(problem)
    assert _arabic(said)
    assert problem_code(problem) and problem_code(problem).isascii()


def test_every_stage_a_job_reports_has_an_arabic_name_and_the_status_its_start(client: TestClient) -> None:
    from akhbar.serve.templating import STAGES_AR

    stages = {"queued", "starting", "reading", "grouping", "summarizing", "writing", "done", "failed",
              "duplicates", "boilerplate", "clustering", "reports"}  # the last four: the stories view's
    assert stages <= set(STAGES_AR) and all(_arabic(STAGES_AR[s]) for s in stages)
    job = client.post("/api/jobs", json={"articles": _mixed(), "facts": False}).json()
    status = wait_for(client, job["status_url"])
    assert status["created"] > 0 and status["created"] <= time.time()  # the page counts seconds from it
