"""Uploads: files and zip archives of them, with every entry checked (traversal, nesting, bombs, counts)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from akhbar.serve.uploads import RequestRejectedError, Upload, UploadLimits, expand_zips, read_uploads

LIMITS = UploadLimits(max_files=50, max_unzipped_bytes=8 * 1024 * 1024, max_ratio=200)
ARTICLE = "قال المسؤول إن القوات تقدمت في المدينة اليوم بشكل كبير. وأضاف أن الهجوم مستمر منذ الصباح."


def zip_of(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_entries_replace_the_archive() -> None:
    data = zip_of({"a.txt": ARTICLE.encode(), "sub/b.jsonl": json.dumps({"id": "b", "text": ARTICLE}).encode(),
                   "__MACOSX/._a.txt": b"junk", "folder/": b""})
    files, errors = expand_zips([Upload("batch.zip", data), Upload("c.txt", ARTICLE.encode())], limits=LIMITS)
    assert [f.name for f in files] == ["batch.zip/a.txt", "batch.zip/sub/b.jsonl", "c.txt"]
    assert errors == []


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/passwd.txt", "a/../../b.txt", "C:/x.txt", "..\\win.txt"])
def test_unsafe_entry_names_are_refused(name: str) -> None:
    files, errors = expand_zips([Upload("up.zip", zip_of({name: ARTICLE.encode(), "ok.txt": ARTICLE.encode()}))],
                                limits=LIMITS)
    assert [f.name for f in files] == ["up.zip/ok.txt"]
    assert len(errors) == 1 and "unsafe name" in errors[0].problem


def test_nested_and_broken_archives_are_reported() -> None:
    inner = zip_of({"a.txt": ARTICLE.encode()})
    files, errors = expand_zips([Upload("outer.zip", zip_of({"inner.zip": inner})), Upload("bad.zip", b"PK\x03\x04no")],
                                limits=LIMITS)
    assert files == []
    assert "zip inside a zip" in errors[0].problem
    assert errors[1].path == "bad.zip" and "not a valid zip" in errors[1].problem


def test_a_zip_bomb_is_refused() -> None:
    bomb = zip_of({"zeros.txt": b"0" * (4 * 1024 * 1024)})  # deflates about a thousand times
    with pytest.raises(RequestRejectedError, match="قنبلة zip"):
        expand_zips([Upload("bomb.zip", bomb)], limits=LIMITS)


def test_the_uncompressed_total_is_capped_even_without_compression() -> None:
    big = zip_of({f"{n}.txt": b"a" * (3 * 1024 * 1024) for n in range(3)}, compression=zipfile.ZIP_STORED)
    with pytest.raises(RequestRejectedError, match="بعد فكها"):
        expand_zips([Upload("big.zip", big)], limits=LIMITS)


def test_the_file_count_is_capped() -> None:
    many = zip_of({f"{n}.txt": ARTICLE.encode() for n in range(60)})
    with pytest.raises(RequestRejectedError, match="أكثر من 50 ملف"):
        expand_zips([Upload("many.zip", many)], limits=LIMITS)


def test_read_uploads_reads_each_kind_and_reports_progress() -> None:
    html = f"<html><head><title>عنوان</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    seen: list[tuple[str, int, int]] = []
    documents = read_uploads(
        [Upload("a.txt", ARTICLE.encode()), Upload("p.html", html.encode()), Upload("x.pdf", b"%PDF")],
        limits=LIMITS, progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    kinds = [type(d).__name__ for d in documents]
    assert kinds == ["RawDocument", "RawDocument", "BadInput"]
    assert "unsupported file type .pdf" in documents[2].problem  # type: ignore[union-attr]
    assert seen[0] == ("reading", 0, 3) and seen[-1] == ("reading", 3, 3)


def test_upload_of_a_zip_of_the_seeds(client: TestClient, seed_files: list[Path]) -> None:
    data = zip_of({f"seeds/{p.name}": p.read_bytes() for p in seed_files} | {"../evil.txt": ARTICLE.encode()})
    response = client.post("/api/summarize/upload", files=[("files", ("seeds.zip", data, "application/zip"))],
                           data={"no_facts": "true"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert sorted(a["id"] for a in body["articles"]) == sorted(p.stem for p in seed_files)
    assert any("unsafe name" in e["problem"] for e in body["errors"])
    assert "facts" not in body


def test_upload_of_a_zip_bomb_is_a_413(client: TestClient) -> None:
    bomb = zip_of({"zeros.txt": b"0" * (8 * 1024 * 1024)})
    response = client.post("/api/summarize/upload", files=[("files", ("bomb.zip", bomb, "application/zip"))])
    assert response.status_code == 413
    assert response.json()["code"] == "zip_bomb" and "قنبلة zip" in response.json()["detail"]


def test_upload_names_with_paths_are_cut_to_the_file_name(client: TestClient) -> None:
    files = [("files", ("../../etc/a.txt", ARTICLE.encode(), "text/plain")),
             ("files", ("b.txt", ARTICLE.encode() + " والمدنيون يغادرون.".encode(), "text/plain"))]
    body = client.post("/api/summarize/upload", files=files, data={"no_facts": "true"}).json()
    assert [a["path"] for a in body["articles"]] == ["a.txt", "b.txt"]


def test_an_upload_with_nothing_in_it_is_a_422(client: TestClient) -> None:
    response = client.post("/api/summarize/upload", data={"text": ["", "  "]})
    assert response.status_code == 422
    assert "لم يُعطَ أي مقال" in response.json()["detail"]
    bad = client.post("/api/summarize/upload", data={"articles": "[{"})
    assert bad.status_code == 422 and "JSON غير صالح" in bad.json()["detail"]
