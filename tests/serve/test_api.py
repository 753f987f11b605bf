"""The JSON API on the seed articles: the same document as the CLI, bad items reported, limits as 413."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.serve.conftest import OUTLETS


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_summarize_returns_the_cli_json(client: TestClient, seed_dir: Path, seed_files: list[Path]) -> None:
    files = [("files", (path.name, path.read_bytes(), "text/plain")) for path in seed_files]
    response = client.post("/api/summarize/upload", files=files, data={"words": "80"})
    assert response.status_code == 200, response.text
    served = response.json()
    cli = subprocess.run([sys.executable, "-m", "akhbar", "summarize", str(seed_dir), "--format", "json",
                          "--words", "80"], capture_output=True, text=True, check=True)
    expected = json.loads(cli.stdout)
    assert served.keys() == expected.keys()
    for key in ("summary", "groups", "facts", "normalization", "config"):
        assert served[key] == expected[key], key
    assert [a["id"] for a in served["articles"]] == [a["id"] for a in expected["articles"]]
    assert [a["body"] for a in served["articles"]] == [a["body"] for a in expected["articles"]]


def test_summarize_names_the_outlets_and_cites_by_id(client: TestClient, seed_records: list[dict]) -> None:
    response = client.post("/api/summarize", json={"articles": seed_records})
    assert response.status_code == 200, response.text
    data = response.json()
    assert [a["outlet"] for a in data["articles"]] == list(OUTLETS)
    ids = {r["id"] for r in seed_records}
    assert data["summary"] and all(set(item["sources"]) <= ids for item in data["summary"])
    assert len({s for item in data["summary"] for s in item["sources"]}) >= 3  # several outlets cited


def test_a_bad_article_is_reported_and_the_rest_summarized(client: TestClient, seed_records: list[dict]) -> None:
    articles = [*seed_records[:2], {"id": "x"}, "not an object", {"id": "y", "text": "   "}]
    data = client.post("/api/summarize", json={"articles": articles, "facts": False}).json()
    assert [a["id"] for a in data["articles"]] == [r["id"] for r in seed_records[:2]]
    problems = {e["path"]: e["problem"] for e in data["errors"]}
    assert "'text' must be a string" in problems["articles[2]"]
    assert "JSON object" in problems["articles[3]"]
    assert "no article text" in problems["articles[4]"]
    assert "facts" not in data


def test_nothing_readable_is_a_422_with_the_reasons(client: TestClient) -> None:
    response = client.post("/api/summarize", json={"articles": [{"id": 1, "text": ""}]})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "no_articles" and body["detail"].startswith("لم يُقرأ أي مقال")
    assert body["errors"] == [{"path": "articles[0]", "code": "empty_article", "action": "skipped",
                               "problem": "لا نص في المقال (فارغ، أو كله أسطر زائدة)"}]


def test_invalid_requests_are_422_with_a_message(client: TestClient) -> None:
    cases = [
        ({"articles": []}, "articles"),
        ({"articles": [{"id": 1, "text": "نص"}], "words": 3}, "words"),
        ({"articles": [{"id": 1, "text": "نص"}], "colour": "red"}, "colour"),
        ({"texts": []}, "articles"),
    ]
    for body, field in cases:
        response = client.post("/api/summarize", json=body)
        assert response.status_code == 422, body
        assert field in response.json()["detail"]
    broken = client.post("/api/summarize", content=b'{"articles": [', headers={"content-type": "application/json"})
    assert broken.status_code == 422 and "JSON" in broken.json()["detail"]
    assert broken.json()["code"] == "invalid_json"
    assert client.post("/api/summarize", content=b"x" * 10).status_code == 422


def test_a_body_over_the_limit_is_a_413_with_the_limit(make_client) -> None:
    client = make_client(max_request_mb=1)
    big = {"articles": [{"id": 1, "text": "ا" * (1024 * 1024)}]}
    response = client.post("/api/summarize", json=big)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large" and "1 ميغابايت" in response.json()["detail"]


def test_a_chunked_body_over_the_limit_is_a_413(make_client) -> None:
    client = make_client(max_request_mb=1)

    def chunks():
        for _ in range(40):
            yield b"0" * 65536

    response = client.post("/api/summarize", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_too_many_articles_is_a_413(make_client, seed_records: list[dict]) -> None:
    client = make_client(max_articles=3)
    response = client.post("/api/summarize", json={"articles": seed_records})
    assert response.status_code == 413
    assert response.json()["code"] == "too_many_articles" and "(3)" in response.json()["detail"]


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/healthz", "/api/jobs/nope", "/docs"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff"


def test_openapi_docs_are_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "http" not in page.text  # every asset is the app's own
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/summarize", "/api/summarize/upload", "/api/jobs", "/api/jobs/{job_id}", "/healthz"} <= set(paths)


# The client must be able to send the body: JSON has no NaN or Infinity.
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=30),
                    st.just("قال المسؤول إن القوات تقدمت في المدينة اليوم بشكل كبير. وأضاف أن الهجوم مستمر."))
_ARTICLES = st.lists(st.one_of(_VALUES, st.dictionaries(st.sampled_from(["id", "text", "title", "source", "date",
                                                                          "url", "x"]), _VALUES)), max_size=4)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=_ARTICLES, words=st.one_of(st.none(), st.integers(-5, 300)))
def test_any_json_articles_give_a_summary_or_a_4xx(client: TestClient, articles: list, words: int | None) -> None:
    body = {"articles": articles, "facts": False} | ({"words": words} if words is not None else {})
    response = client.post("/api/summarize", json=body)
    assert response.status_code in {200, 422}, response.text
    assert response.json().get("detail") or response.json()["summary"] is not None


def test_summarize_takes_a_multipart_form_too(client: TestClient, seed_files: list[Path]) -> None:
    files = [("file" if n % 2 else "files", (p.name, p.read_bytes(), "text/plain")) for n, p in enumerate(seed_files)]
    response = client.post("/api/summarize", files=files, data={"no_facts": "true", "words": "60"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["articles"]) == 5 and "facts" not in body
    assert body["config"]["summary"]["words"] == 60
    bad = client.post("/api/summarize", files=files, data={"words": "many"})
    assert bad.status_code == 422 and "words" in bad.json()["detail"]
    job = client.post("/api/jobs", files=files, data={"no_facts": "true"})
    assert job.status_code == 202 and job.json()["status_url"].startswith("/api/jobs/")
    schema = client.get("/openapi.json").json()["paths"]["/api/summarize"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(schema)
