"""Reading an article file into a :class:`kb.model.Report`.

Supported inputs: ``.txt`` (and anything unknown treated as text), ``.html``/``.htm`` (main
text via trafilatura), ``.md`` (markup stripped) and ``.json`` (``{"text": ..., "title": ...}``).

Metadata is merged from, in increasing priority: the text itself (a "SOURCE: publisher,
authors" line, a news dateline, HTML metadata), a sidecar ``NAME.meta.json`` and explicit
overrides (CLI flags). The stored text is decoded, ``\\r\\n`` -> ``\\n``, NFC-normalised and
stripped of obvious boilerplate lines; every offset the extractor produces refers to exactly
that text (``Report.text``).
"""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kb.model import Report

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
META_FIELDS = ("title", "publisher", "authors", "published", "source_url")
MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".json": "application/json",
}


class DocumentError(Exception):
    """A document could not be read; ``str(err)`` is a one-line message naming the file."""

    def __init__(self, path: str | Path | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, origin: str | Path | None = None) -> str:
    """Decode bytes: BOMs, then strict UTF-8, then charset-normalizer's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", origin)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", origin)
    if b"\x00" in data:
        raise DocumentError(origin, "looks like a binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = _western_text(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DocumentError(origin, "cannot decode the text (not UTF-8, no other encoding fits)")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise DocumentError(origin, "looks like a binary file, not text")
    return text


#: punctuation that Windows-1252 puts in 0x80-0x9F (quotes, dashes, ellipsis, euro)
_CP1252_PUNCTUATION = frozenset("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u2022")


def _western_text(data: bytes) -> str | None:
    """Mostly-ASCII text whose few other bytes read as Latin letters in Windows-1252.

    Statistical detectors are unsure on short texts (a lone "\xe9" is as likely Big5 as
    Latin-1); English news with a few accented names is far more often Windows-1252 or
    Latin-1, so that reading wins when every non-ASCII byte is then a Latin letter, a
    Latin-1 sign or common typographic punctuation, and such bytes are rare (text in
    another script, like Cyrillic in cp1251, is mostly non-ASCII and goes to detection).
    """
    high = sum(1 for b in data if b >= 0x80)
    letters = sum(1 for b in data if (0x41 <= b <= 0x5A) or (0x61 <= b <= 0x7A)) + high
    if not high or not letters or high / letters > 0.3:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for ch in text:
        if ord(ch) < 0x80:
            continue
        if ch in _CP1252_PUNCTUATION or ch == "\xa0":
            continue
        if not (unicodedata.category(ch).startswith("L") or 0xA1 <= ord(ch) <= 0xBF):
            return None
    return text


def _strict(data: bytes, encoding: str, origin: str | Path | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DocumentError(origin, f"invalid {encoding} text at byte {err.start}") from None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / len(text)


def normalise_text(text: str) -> str:
    """Newlines to ``\\n``, NFC, no NUL/control characters, trailing spaces trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --------------------------------------------------------------------------- boilerplate

_BOILERPLATE_LINE = re.compile(
    r"""^\s*(?:
        click\ here\b.*|read\ more(?:\.|:.*)?|continue\ reading\.?|leave\ a\ reply\.?|
        (?:most\ viewed|related|see\ also|more\ on\ this\ story)\s*:.*|
        (?:leave|post|add)\ a\ comment\.?|
        fill\ in\ your\ details\ below.*|you\ are\ commenting\ using\b.*|
        connecting\ to\ %s|notify\ me\ of\b.*|
        .*\b(?:logo|photo|picture)\s*$|
        (?:share|tweet|email|print)(?:\s+(?:this|on\ \w+|article|story))?\.?|
        share\ this:?|like\ this:?|related\.?|advertisement\.?|
        support\ .{1,60}!|contribute\ today\.?|donate\ (?:now|today)\.?|
        now\ is\ the\ time\ to\ support\b.*|
        subscribe\b.*|sign\ up\ for\b.*|
        .*\bneeds\ your\ help\b.*|
        .*\bmedia\ is\ under\ attack\.?|
        (?:photo|image|picture)\s*(?:credit)?\s*:.*|
        (?:©|\(c\)|copyright)\s.*|all\ rights\ reserved\.?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PHOTO_CREDIT = re.compile(r"\((?:photo|image|picture)\s*(?:credit)?\s*:[^)]*\)", re.I)
_SOURCE_LINE = re.compile(r"^\s*SOURCE\s*:\s*(?P<body>.+?)\s*$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]{1,40}),\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
    r"\s*(?:\((?P<agency>[A-Za-z .&]{2,40})\))?\s*[-\u2013\u2014]+\s"
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}


def clean_lines(text: str) -> tuple[str, dict[str, Any]]:
    """Drop boilerplate lines, photo credits, repeated captions and the SOURCE line.

    Returns the cleaned text and the metadata found in it (publisher/authors/published).
    """
    meta: dict[str, Any] = {}
    kept: list[str] = []
    seen_long: set[str] = set()
    for line in text.split("\n"):
        source = _SOURCE_LINE.match(line)
        if source and len(line) < 200:
            meta.update(parse_source_line(source.group("body")))
            continue
        if _PHOTO_CREDIT.search(line):
            # a caption line: it repeats the picture's description, not the report
            continue
        if _BOILERPLATE_LINE.match(line):
            continue
        key = line.strip()
        if len(key) > 60:
            if key in seen_long:
                continue
            seen_long.add(key)
        kept.append(line)
    cleaned = "\n".join(kept)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip()
    return cleaned, meta


def parse_source_line(body: str) -> dict[str, Any]:
    """``"NY Times, Michael R. Gordon and Eric Schmitt"`` -> publisher and authors."""
    parts = [p.strip() for p in body.split(",", 1)]
    meta: dict[str, Any] = {"publisher": parts[0]} if parts and parts[0] else {}
    if len(parts) > 1 and parts[1]:
        names = re.split(r"\s*(?:,|\band\b|&)\s*", parts[1])
        meta["authors"] = [n for n in (x.strip() for x in names) if n]
    return meta


def parse_dateline(text: str, year_hint: int | None = None) -> dict[str, Any]:
    """A leading news dateline ("MOSCOW, Sept. 17 (Reuters) -") -> publisher, published."""
    for line in text.split("\n")[:6]:
        m = _DATELINE.match(line)
        if not m:
            continue
        meta: dict[str, Any] = {"dateline_place": m.group("place").strip().title()}
        if m.group("agency"):
            meta["publisher"] = m.group("agency").strip()
        dm = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:,\s*(\d{4}))?", m.group("date"))
        if dm and dm.group(1).lower() in _MONTHS:
            year = int(dm.group(3)) if dm.group(3) else year_hint
            if year:
                with contextlib.suppress(ValueError):
                    meta["published"] = date(year, _MONTHS[dm.group(1).lower()], int(dm.group(2)))
        return meta
    return {}


# --------------------------------------------------------------------------- formats


def _markdown_to_text(md: str) -> str:
    text = re.sub(r"^```.*?^```", "", md, flags=re.S | re.M)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", r"\1", text, flags=re.M)
    text = re.sub(r"^[ \t]{0,3}>[ \t]?", "", text, flags=re.M)
    text = re.sub(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+", "", text, flags=re.M)
    text = re.sub(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"<[^>\n]+>", "", text)
    return text


def _html_to_text(html: str, origin: str | Path | None) -> tuple[str, dict[str, Any]]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
        favor_precision=True,
    )
    if doc is None:
        raise DocumentError(origin, "no article text found in the HTML")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    meta: dict[str, Any] = {}
    if get("title"):
        meta["title"] = get("title")
    if get("author"):
        meta["authors"] = [a.strip() for a in re.split(r";|\band\b", get("author")) if a.strip()]
    if get("sitename"):
        meta["publisher"] = get("sitename")
    if get("url"):
        meta["source_url"] = get("url")
    if get("date"):
        with contextlib.suppress(ValueError):
            meta["published"] = parse_published(get("date"))
    return text, meta


def _json_to_text(raw: str, origin: str | Path | None) -> tuple[str, dict[str, Any]]:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        raise DocumentError(origin, f"invalid JSON: {err.msg} (line {err.lineno})") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise DocumentError(origin, 'a JSON document must be an object with a "text" string')
    meta = {k: obj[k] for k in META_FIELDS if obj.get(k) is not None}
    for alias, key in (("url", "source_url"), ("date", "published"), ("author", "authors")):
        if obj.get(alias) is not None and key not in meta:
            meta[key] = obj[alias]
    return obj["text"], meta


# --------------------------------------------------------------------------- metadata


def parse_published(value: Any) -> date:
    """A strict date: ``YYYY-MM-DD`` or an ISO datetime; anything else raises ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"invalid published date {value!r} (expected YYYY-MM-DD)")
    s = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        try:
            return date.fromisoformat(s)
        except ValueError:
            raise ValueError(f"invalid published date {value!r}") from None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?", s):
        try:
            return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError:
            raise ValueError(f"invalid published date {value!r}") from None
    raise ValueError(f"invalid published date {value!r} (expected YYYY-MM-DD)")


def _normalise_meta(meta: Mapping[str, Any], origin: str | Path | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in META_FIELDS:
        if key not in meta or meta[key] is None:
            continue
        value = meta[key]
        if key == "published":
            try:
                out[key] = parse_published(value)
            except ValueError as err:
                raise DocumentError(origin, str(err)) from None
        elif key == "authors":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
                raise DocumentError(origin, '"authors" must be a list of strings')
            out[key] = [a.strip() for a in value if a.strip()]
        else:
            if not isinstance(value, str):
                raise DocumentError(origin, f'"{key}" must be a string')
            if value.strip():
                out[key] = value.strip()
    return out


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``NAME.meta.json`` next to ``NAME.ext`` ({} when there is none)."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        obj = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DocumentError(sidecar, f"invalid sidecar JSON: {err}") from None
    if not isinstance(obj, dict):
        raise DocumentError(sidecar, "sidecar metadata must be a JSON object")
    return _normalise_meta(obj, sidecar)


# --------------------------------------------------------------------------- entry points


def document_from_text(
    text: str,
    id: str,
    meta: Mapping[str, Any] | None = None,
    media_type: str = "text/plain",
    origin: str | None = None,
) -> Report:
    """Build a Report from already-decoded content (used by files and HTTP bodies alike).

    ``text`` is the raw content in ``media_type`` (HTML/markdown/JSON are converted);
    ``meta`` has the highest priority over metadata found in the content.
    """
    found: dict[str, Any] = {}
    if media_type == "text/html":
        text, found = _html_to_text(text, origin)
    elif media_type == "text/markdown":
        text = _markdown_to_text(text)
    elif media_type == "application/json":
        text, found = _json_to_text(text, origin)
        found = _normalise_meta(found, origin)
    text = normalise_text(text)
    text, in_text = clean_lines(text)
    if not text.strip():
        raise DocumentError(origin, "the document has no text")
    given = _normalise_meta(meta or {}, origin)
    merged: dict[str, Any] = {}
    year_hint = (given.get("published") or found.get("published") or date.today()).year
    dateline = parse_dateline(text, year_hint if given.get("published") else None)
    for source in (dateline, in_text, found, given):
        merged.update({k: v for k, v in source.items() if k in META_FIELDS})
    title = merged.get("title") or _title_from_text(text)
    return Report(
        id=id,
        text=text,
        title=title,
        publisher=merged.get("publisher"),
        authors=list(merged.get("authors", [])),
        published=merged.get("published"),
        source_url=merged.get("source_url"),
        origin=origin,
        media_type=media_type,
    )


def _title_from_text(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if 0 < len(first) <= 200 and not first.endswith((".", '"', "\u201d")):
        return first
    return None


def read_document(
    path: str | Path,
    overrides: Mapping[str, Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Read one article file (+ sidecar) into a Report; raise DocumentError on bad input."""
    path = Path(path)
    if not path.exists():
        raise DocumentError(path, "no such file")
    if not path.is_file():
        raise DocumentError(path, "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(path, f"file too large ({size} bytes > limit {max_bytes})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(path, f"cannot read: {err.strerror}") from None
    if not data.strip():
        raise DocumentError(path, "the file is empty")
    raw = decode_bytes(data, path)
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "text/plain")
    meta = read_sidecar(path)
    meta_all: dict[str, Any] = dict(meta)
    for key, value in (overrides or {}).items():
        if value is not None:
            meta_all[key] = value
    return document_from_text(raw, path.stem, meta_all, media_type, origin=str(path))
