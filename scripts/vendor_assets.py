"""Copy the browser assets the UI needs from node_modules/ into api/static/vendor/.

Run after ``npm ci`` (package.json + package-lock.json pin the versions):

    npm ci && python scripts/vendor_assets.py

The UI never loads anything from a CDN; these copies are what it serves. Each package's
licence is copied next to its files, and vendor/VERSIONS.json records what was copied.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
VENDOR = REPO / "api" / "static" / "vendor"

#: package -> (target directory, files relative to the package root)
ASSETS: dict[str, tuple[str, list[str]]] = {
    "@zazuko/yasgui": ("yasgui", ["build/yasgui.min.js", "build/yasgui.min.css"]),
    "leaflet": (
        "leaflet",
        [
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
        ],
    ),
    "topojson-client": ("topojson-client", ["dist/topojson-client.min.js"]),
    "world-atlas": ("world-atlas", ["countries-110m.json"]),
}

#: the @zazuko/yasgui tarball ships no licence file; its package.json says MIT and the
#: upstream repository (github.com/rdfjs/Yasgui) carries the standard MIT text below.
MIT_TEXT = """The MIT License (MIT)

Copyright (c) Triply and Zazuko GmbH (contributors to github.com/rdfjs/Yasgui)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
"""

NATURAL_EARTH_NOTE = """countries-110m.json is derived from Natural Earth (naturalearthdata.com),
which is in the public domain. The world-atlas packaging is under the ISC licence in LICENSE.
"""


def _licence(package_dir: Path) -> str | None:
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license"):
        candidate = package_dir / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


def vendor(node_modules: Path = NODE_MODULES, target: Path = VENDOR) -> dict[str, str]:
    """Copy every asset; return {package: version}. Raises FileNotFoundError if one is missing."""
    versions: dict[str, str] = {}
    for package, (subdir, files) in ASSETS.items():
        package_dir = node_modules / package
        manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
        versions[package] = manifest["version"]
        out = target / subdir
        if out.exists():
            shutil.rmtree(out)
        for rel in files:
            src = package_dir / rel
            # images keep their folder (leaflet.css refers to images/…); the rest go flat
            folder = out / "images" if "/images/" in rel else out
            dest = folder / Path(rel).name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
        licence = _licence(package_dir)
        if licence is None:
            if manifest.get("license") != "MIT":
                raise FileNotFoundError(f"{package}: no licence file and licence is not MIT")
            licence = MIT_TEXT
        (out / "LICENSE").write_text(licence, encoding="utf-8")
        if package == "world-atlas":
            (out / "NOTICE").write_text(NATURAL_EARTH_NOTE, encoding="utf-8")
    (target / "VERSIONS.json").write_text(
        json.dumps(versions, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return versions


def main() -> int:
    if not NODE_MODULES.is_dir():
        print("node_modules/ not found: run `npm ci` first", file=sys.stderr)
        return 1
    try:
        versions = vendor()
    except FileNotFoundError as exc:
        print(f"missing asset: {exc}", file=sys.stderr)
        return 1
    for package, version in sorted(versions.items()):
        print(f"vendored {package}@{version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
