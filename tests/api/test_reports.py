"""POST /reports: article text + metadata in, claims out, through the CLI's own pipeline."""

from __future__ import annotations

import json

import pytest


@pytest.fixture()
def client(inline_app):
    return inline_app.test_client()


def test_post_a_seed_article_as_json(client, h, seeds_dir) -> None:
    path = seeds_dir / "000_a2d0381e335529cf.txt"
    meta = json.loads(path.with_suffix(".meta.json").read_text("utf-8"))
    meta["text"] = path.read_text("utf-8")
    meta["id"] = path.stem
    resp = client.post("/reports", json=meta, headers=h.AUTH)
    assert resp.status_code == 201, resp.data[:500]
    body = json.loads(resp.data)
    assert body["status"] == "ingested"
    claims = body["report"]["deployments"]
    assert body["claims"] == len(claims) > 0
    assert resp.headers["Location"] == body["report_iri"]
    # the report is now queryable and the same text again is "unchanged"
    ask = client.get("/sparql", query_string={"query": f"ASK {{ <{body['report_iri']}> ?p ?o }}"})
    assert json.loads(ask.data)["boolean"] is True
    again = client.post("/reports", json=meta, headers=h.AUTH)
    assert again.status_code == 200 and json.loads(again.data)["status"] == "unchanged"


def test_post_text_plain_with_query_metadata(client, h) -> None:
    text = (
        "Officials said on Monday that Russia has deployed four Su-34 fighter jets "
        "to Hmeimim Air Base in Syria, according to a senior defence official."
    )
    resp = client.post(
        "/reports?title=Jets+arrive&publisher=Example+Wire&published=2016-01-11",
        data=text.encode(),
        content_type="text/plain; charset=utf-8",
        headers=h.AUTH,
    )
    assert resp.status_code == 201, resp.data[:500]
    assert json.loads(resp.data)["report"]["title"] == "Jets arrive"


@pytest.mark.parametrize(
    "kwargs,status",
    [
        ({"json": {"title": "no text"}}, 400),
        ({"json": ["not", "an", "object"]}, 400),
        ({"data": b"x", "content_type": "image/png"}, 415),
        # no publication date: the shapes require one, so the report is refused
        ({"json": {"text": "Russia deployed four Su-34 jets to Syria on Monday."}}, 422),
    ],
)
def test_bad_reports(client, h, kwargs, status) -> None:
    resp = client.post("/reports", headers=h.AUTH, **kwargs)
    assert resp.status_code == status, resp.data[:300]


def test_undecodable_or_odd_uploads_are_4xx(client, h) -> None:
    import io

    binary = client.post(
        "/reports",
        data={"file": (io.BytesIO(b"\x00\x01\x02binary"), "a.txt"), "published": "2016-01-01"},
        content_type="multipart/form-data",
        headers=h.AUTH,
    )
    bogus = client.post(
        "/reports", data=b"hello", content_type="text/plain; charset=bogus", headers=h.AUTH
    )
    odd = client.post(
        "/reports",
        json={"text": "x", "published": "2016-01-01", "media_type": "image/png"},
        headers=h.AUTH,
    )
    assert (binary.status_code, bogus.status_code, odd.status_code) == (400, 400, 415)


def test_upload_with_a_declared_charset_is_decoded_with_it(client, h) -> None:
    import io

    text = "Les forces françaises ont déployé quatre Rafale à Niamey, selon un responsable."
    part = (io.BytesIO(text.encode("latin-1")), "a.txt", "text/plain; charset=latin-1")
    resp = client.post(
        "/reports",
        data={"file": part, "published": "2016-01-01"},
        content_type="multipart/form-data",
        headers=h.AUTH,
    )
    assert resp.status_code in (200, 201), resp.data[:300]
    from kb.document import document_from_text

    expected = document_from_text(text, "a", {"published": "2016-01-01"}).content_sha256
    assert json.loads(resp.data)["report"]["content_sha256"] == expected
