from __future__ import annotations

import json
from datetime import date

import pytest

from kb.document import DocumentError, document_from_text, read_document


def test_txt_with_sidecar_and_boilerplate(tmp_path):
    body = (
        "Warships gather off Crete\r\n\r\nSupport Our Newsroom!\r\n"
        "Three frigates anchored in the bay on Tuesday.\r\n"
        "A harbour view. (Photo credit: Jane Doe/Agency)\r\n"
        "Click here to read more.\r\nSOURCE: Harbour Gazette, Ann Lee and Bo Kim\r\n"
        "Leave a Reply\r\n"
    )
    (tmp_path / "a.txt").write_bytes(body.encode("utf-8"))
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2019-05-02", "title": "T"}))
    r = read_document(tmp_path / "a.txt")
    assert r.id == "a"
    assert r.text == "Warships gather off Crete\n\nThree frigates anchored in the bay on Tuesday."
    assert r.published == date(2019, 5, 2)
    assert r.title == "T"
    assert (r.publisher, r.authors) == ("Harbour Gazette", ["Ann Lee", "Bo Kim"])


def test_overrides_win_over_sidecar(tmp_path):
    (tmp_path / "b.txt").write_text("Some text about tanks.")
    (tmp_path / "b.meta.json").write_text(json.dumps({"publisher": "X"}))
    r = read_document(tmp_path / "b.txt", {"publisher": "Y", "published": "2020-02-29"})
    assert (r.publisher, r.published) == ("Y", date(2020, 2, 29))


def test_dateline_gives_agency_and_date():
    r = document_from_text(
        "KYIV, March 3 (Reuters) - Troops moved north.", "d", {"published": "2022-03-04"}
    )
    assert r.publisher == "Reuters"
    assert r.published == date(2022, 3, 4)  # explicit metadata wins over the dateline
    r2 = document_from_text("OSLO, Feb. 9, 2018 (AP) - Ships sailed.", "d")
    assert r2.published == date(2018, 2, 9)


def test_html_main_text_without_boilerplate(tmp_path):
    para = (
        "The destroyer sailed into the northern port late on Sunday evening, officials said. " * 3
    )
    html = f"""<html><head><title>Ships</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Destroyer arrives</h1><p>{para}</p><p>{para}</p></article>
    <div class="share">Share on Facebook Share on Twitter</div>
    <div id="comments"><h3>Leave a comment</h3><form><textarea></textarea></form></div>
    <footer>Subscribe to our newsletter. Copyright 2020</footer></body></html>"""
    (tmp_path / "s.html").write_text(html)
    r = read_document(tmp_path / "s.html")
    assert "destroyer sailed into the northern port" in r.text
    assert "Share on Facebook" not in r.text
    assert "Leave a comment" not in r.text
    assert r.media_type == "text/html"


def test_json_and_markdown(tmp_path):
    (tmp_path / "j.json").write_text(
        json.dumps({"text": "Tanks rolled in.", "title": "J", "published": "2017-01-01"})
    )
    r = read_document(tmp_path / "j.json")
    assert (r.text, r.title, r.published) == ("Tanks rolled in.", "J", date(2017, 1, 1))
    (tmp_path / "m.md").write_text("# Head\n\nSome **bold** [link](http://x) text.\n")
    assert read_document(tmp_path / "m.md").text == "Head\n\nSome bold link text."


@pytest.mark.parametrize(
    "data",
    [
        "Caf\u00e9 troops in Z\u00fcrich.".encode("latin-1"),
        b"\xef\xbb\xbf" + "Caf\u00e9 troops in Z\u00fcrich.".encode("utf-8"),
        "Caf\u00e9 troops in Z\u00fcrich.".encode("utf-16"),
        "Cafe\u0301 troops in Zu\u0308rich.".encode("utf-8"),  # decomposed -> NFC
    ],
)
def test_encodings_normalise_to_nfc(tmp_path, data):
    (tmp_path / "e.txt").write_bytes(data)
    assert read_document(tmp_path / "e.txt").text == "Caf\u00e9 troops in Z\u00fcrich."


@pytest.mark.parametrize(
    "text",
    [
        "Le g\u00e9n\u00e9ral a dit.",  # a short line: detectors guess Big5 here
        "Der Panzer f\u00e4hrt nach K\u00f6ln \u2013 sagt man.",  # cp1252 dash
        "Gendarmes left Besan\u00e7on for Orl\u00e9ans on Tuesday, the pr\u00e9fet said.",
    ],
)
def test_short_western_text_reads_as_cp1252(tmp_path, text):
    (tmp_path / "w.txt").write_bytes(text.encode("cp1252"))
    assert read_document(tmp_path / "w.txt").text == text


def test_cyrillic_single_byte_text_still_goes_to_detection(tmp_path):
    text = (
        "\u0420\u043e\u0441\u0441\u0438\u044f \u043f\u0435\u0440\u0435\u0431\u0440\u043e\u0441\u0438\u043b\u0430 \u0432\u043e\u0439\u0441\u043a\u0430 "
        * 4
    )
    (tmp_path / "c.txt").write_bytes(text.encode("cp1251"))
    assert "\u0420\u043e\u0441\u0441\u0438\u044f" in read_document(tmp_path / "c.txt").text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"  \n", "empty"),
        ("bin.txt", b"\x00\x01\x02\x03binary", "binary"),
        ("bad.json", b"{not json", "invalid JSON"),
        ("nokey.json", b'{"title": "x"}', '"text"'),
    ],
)
def test_bad_inputs(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(DocumentError) as err:
        read_document(tmp_path / name)
    assert message in str(err.value)
    assert name in str(err.value)


def test_bad_sidecar_date_size_and_missing(tmp_path):
    (tmp_path / "x.txt").write_text("Text.")
    (tmp_path / "x.meta.json").write_text("{oops")
    with pytest.raises(DocumentError, match="sidecar"):
        read_document(tmp_path / "x.txt")
    (tmp_path / "x.meta.json").write_text(json.dumps({"published": "2015-02-30"}))
    with pytest.raises(DocumentError, match="invalid published date"):
        read_document(tmp_path / "x.txt")
    (tmp_path / "x.meta.json").unlink()
    with pytest.raises(DocumentError, match="too large"):
        read_document(tmp_path / "x.txt", max_bytes=3)
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")
