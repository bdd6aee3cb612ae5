"""Unit tests of the UI's pure helpers: negotiation, tables, timeline, competency parsing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from api.ui import claims, competency, conneg, terms
from api.ui.tables import BadFormat, Cell, Table, check_download_format, pick_table
from api.ui.timeline import Estimate, render_svg

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (BROWSER, conneg.HTML),
        (None, conneg.TURTLE),
        ("", conneg.TURTLE),
        ("*/*", conneg.TURTLE),
        ("text/turtle", conneg.TURTLE),
        ("application/ld+json", conneg.JSONLD),
        ("application/json", conneg.JSONLD),
        ("application/n-triples", conneg.NTRIPLES),
        ("text/turtle;q=0.2, application/n-triples;q=0.8", conneg.NTRIPLES),
        ("application/*", conneg.JSONLD),
        ("text/*", conneg.TURTLE),
        ("text/html;q=0, */*", conneg.TURTLE),
        ("text/turtle;q=nonsense", conneg.TURTLE),
    ],
)
def test_negotiate(accept, expected):
    assert conneg.negotiate(accept) is expected


@pytest.mark.parametrize(
    "accept", ["image/png", "application/sparql-results+json", "text/turtle;q=0"]
)
def test_negotiate_refuses(accept):
    with pytest.raises(conneg.NotAcceptable):
        conneg.negotiate(accept)


def test_parse_accept_orders_by_q_then_position():
    assert conneg.parse_accept("a/b;q=0.5, c/d, e/f;q=0.5") == [
        ("c/d", 1.0),
        ("a/b", 0.5),
        ("e/f", 0.5),
    ]


def _table() -> Table:
    t = Table("things", "Things", ["thing", "count"], link_columns=("thing",))
    t.add(thing=Cell("https://x/a", "A, with comma", "/id/a"), count=3)
    t.add(thing=Cell("https://x/b", 'B "quoted"', None), count=None)
    return t


def test_table_csv_quotes_and_labels():
    assert _table().to_csv().splitlines() == [
        "thing,thing_label,count",
        'https://x/a,"A, with comma",3',
        'https://x/b,"B ""quoted""",',
    ]


def test_table_json_keeps_types():
    doc = json.loads(_table().to_json())
    assert doc["columns"] == ["thing", "thing_label", "count"]
    assert doc["rows"][0] == {"thing": "https://x/a", "thing_label": "A, with comma", "count": 3}
    assert doc["rows"][1]["count"] is None


def test_download_format_and_table_choice():
    assert check_download_format("csv") == "csv"
    with pytest.raises(BadFormat):
        check_download_format("xlsx")
    t1, t2 = _table(), Table("other", "Other", ["x"])
    assert pick_table([t1, t2], None) is t1
    assert pick_table([t1, t2], "other") is t2
    assert pick_table([t1, t2], "missing") is None
    assert pick_table([], None) is None


def test_timeline_marks_the_superseded_estimate():
    svg = render_svg(
        [
            Estimate("troops", date(2015, 9, 20), 500, "as many as 500", False, "/id/claim/b"),
            Estimate("troops", date(2015, 9, 20), 200, "roughly 200", True, "/id/claim/a"),
            Estimate("Su-30SM", date(2015, 9, 20), 4, "Four", False),
        ]
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('class="series"') == 2
    troops = svg.split('data-series="troops"')[1].split("</g>")[0]
    assert troops.index('data-value="200"') < troops.index('data-value="500"')
    assert 'data-value="200" data-date="2015-09-20" data-state="superseded"' in troops
    assert 'data-value="500" data-date="2015-09-20" data-state="current"' in troops
    assert "roughly 200 (200) on 2015-09-20, superseded by a later estimate" in troops
    assert '<a href="/id/claim/a">' in troops


def test_timeline_spreads_points_in_time_order():
    svg = render_svg(
        [
            Estimate("tanks", date(2023, 1, 1), 10, "10", True),
            Estimate("tanks", date(2023, 6, 1), 30, "30", False),
            Estimate("tanks", date(2023, 1, 2), 20, "20", True),
        ]
    )
    xs = [float(part.split('"')[0]) for part in svg.split('<circle cx="')[1:4]]
    values = [part.split('data-value="')[1].split('"')[0] for part in svg.split("<circle")[1:4]]
    assert values == ["10", "20", "30"]
    assert xs[0] < xs[1] < xs[2]
    assert xs[1] - xs[0] >= 50  # one day apart, but still readable


def test_timeline_escapes_names():
    svg = render_svg([Estimate("<b>&", date(2020, 1, 1), 1, "one", False)])
    assert "<b>&" not in svg and "&lt;b&gt;&amp;" in svg
    assert render_svg([]) == ""


def test_competency_parse_title_and_description(tmp_path: Path):
    (tmp_path / "b-second.rq").write_text("# Second?\nSELECT * {}\n", encoding="utf-8")
    (tmp_path / "a-first.rq").write_text(
        "\n# First question?\n#   more words\n# and more\n\nPREFIX x: <y>\nSELECT * {}\n",
        encoding="utf-8",
    )
    (tmp_path / "no-header.rq").write_text("SELECT * {}\n", encoding="utf-8")
    (tmp_path / "bad name!.rq").write_text("# skipped\n", encoding="utf-8")
    queries = competency.load(list(tmp_path.iterdir()))
    assert [q.name for q in queries] == ["a-first", "b-second", "no-header"]
    assert queries[0].title == "First question?"
    assert queries[0].description == "more words and more"
    assert queries[2].title == "no header"
    assert competency.find(queries, "b-second").title == "Second?"
    assert competency.find(queries, "zzz") is None


@pytest.mark.parametrize(
    ("wkt", "expected"),
    [
        ("POINT(35.9486 35.4011)", (35.9486, 35.4011)),
        ("point ( -3.5 40 )", (-3.5, 40.0)),
        ("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT(1 2)", (1.0, 2.0)),
        ("POINT(200 10)", None),
        ("LINESTRING(0 0, 1 1)", None),
        ("POINT(a b)", None),
    ],
)
def test_parse_wkt_point(wkt, expected):
    assert terms.parse_wkt_point(wkt) == expected


def test_links_and_curies():
    assert terms.local_href("https://w3id.org/deploykb/id/place/x") == "/id/place/x"
    assert terms.local_href("https://w3id.org/deploykb/graph/report/abc") == "/id/report/abc"
    assert terms.local_href("https://w3id.org/deploykb/ontology#Deployed") == "/ontology#Deployed"
    assert terms.local_href("http://example.org/x") == "http://example.org/x"
    assert terms.curie("https://w3id.org/deploykb/id/equipment/su-27") == "eq:su-27"
    assert terms.curie("http://example.org/x") == "http://example.org/x"
    assert not terms.is_safe_iri("https://w3id.org/deploykb/id/a>b")
    assert not terms.is_safe_iri("https://w3id.org/deploykb/id/a b")


def test_only_web_iris_become_links():
    assert terms.resource_cell("javascript:alert(1)").href is None
    assert terms.resource_cell("urn:isbn:123").href is None
    assert terms.resource_cell("https://w3id.org/deploykb/graph/catalog").href is None
    assert terms.resource_cell("http://www.wikidata.org/entity/Q1").href == (
        "http://www.wikidata.org/entity/Q1"
    )


def test_quantity_text():
    assert claims.quantity_text({"qualifier": "x#AtMost", "max": 500}) == "≤ 500"
    assert claims.quantity_text({"qualifier": "x#Range", "min": 2, "max": 4}) == "2–4"
    assert claims.quantity_text({"qualifier": "x#Approximate", "value": 200}) == "≈ 200"
    assert claims.quantity_text({"qualifier": "x#Vague", "statedAs": "dozens"}) == "dozens"


def test_vendor_script_copies_assets_and_licences(tmp_path: Path, repo_root: Path):
    node_modules = repo_root / "node_modules"
    if not (node_modules / "@zazuko" / "yasgui").is_dir():
        pytest.skip("node_modules/ absent: run `npm ci` to test re-vendoring")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "vendor_assets", repo_root / "scripts" / "vendor_assets.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    versions = module.vendor(node_modules, tmp_path)
    lock = json.loads((repo_root / "package-lock.json").read_text())
    for package, version in versions.items():
        assert lock["packages"][f"node_modules/{package}"]["version"] == version
    committed = repo_root / "api" / "static" / "vendor"
    for rel in ("yasgui/yasgui.min.js", "leaflet/leaflet.js", "world-atlas/countries-110m.json"):
        assert (tmp_path / rel).read_bytes() == (committed / rel).read_bytes(), rel
    assert (tmp_path / "leaflet" / "images" / "marker-icon.png").is_file()


def test_script_json_cannot_close_its_script_element():
    from api.pages import _script_json

    text = _script_json({"q": "</script><!-- a < b > c"})
    assert "<" not in text and ">" not in text
    assert json.loads(str(text)) == {"q": "</script><!-- a < b > c"}
