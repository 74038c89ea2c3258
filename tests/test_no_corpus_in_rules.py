"""Guard: the extraction rules hold for any government's releases, not for the shared corpus.

No person's name from any annotated document (seeds, dev, dev2: derived from the gold files
at test time) appears in ``src/polgraph/extract/`` or its data files, and no stretch of six
words of a corpus document appears in the rules' source (a sentence or phrase copied into a
pattern or a comment) unless it is made of the general words of official titles. World data (cities, demonyms) may name places; it may not name the
corpus's people.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import shared_dir
from polgraph.extract import gazetteer as gz

EXTRACT = Path(__file__).resolve().parent.parent / "src" / "polgraph" / "extract"
SHINGLE = 6


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def gold_names() -> set[str]:
    root = shared_dir() / "gold"
    if not root.is_dir():
        pytest.skip(f"no gold annotations at {root}: put shared/ beside the repository or set POLGRAPH_SHARED")
    found: set[str] = set()
    for path in root.glob("*/*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        found.update(p["name"] for p in gold.get("persons", []))
        for m in gold.get("meetings", []):
            found.update(m.get("attendees", []) + (m.get("attendees_optional") or []))
        found.update(m["counterpart_name"] for m in gold.get("meets", []) if m.get("counterpart_name"))
        found.update(m["person"] for m in gold.get("meets", []))
        found.update(p["holder"] for p in gold.get("positions", []))
    return {n for n in found if n}


def title_words() -> set[str]:
    """Words of offices, portfolios, bodies and states: general vocabulary that official titles share
    ("Minister of Finance of the Republic of ..."), not a document's phrase."""
    words = {"of", "the", "and", "for", "s", "a", "an", "to", "in", "on", "republic", "kingdom", "state", "states"}
    texts = [t for t, _ in gz.OFFICES] + list(gz.PORTFOLIO_WORDS) + list(gz.PORTFOLIOS)
    texts += [a for v in gz.BODIES.values() for a in v] + list(gz.country_names())
    for text in texts:
        words.update(re.findall(r"[^\W\d_]+", fold(text)))
    return words


def rule_sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(EXTRACT.rglob("*")) if p.suffix in {".py", ".json"}}


def data_fields() -> set[str]:
    fields: set[str] = set()
    for path in EXTRACT.rglob("*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            fields.update(fold(f) for f in line.split("\t"))
    return fields


def test_no_corpus_person_in_the_rules(gold_names: set[str]) -> None:
    sources = {p: fold(text) for p, text in rule_sources().items()}
    surnames = {fold(n.split()[-1]) for n in gold_names if len(n.split()[-1]) >= 4}
    hits = []
    for path, text in sources.items():
        words = set(re.findall(r"[^\W\d_]+", text))
        hits += [f"{path.name}: {n}" for n in gold_names if len(n.split()) > 1 and fold(n) in text]
        hits += [f"{path.name}: surname {s}" for s in sorted(surnames & words)]
    fields = data_fields()
    hits += [f"data: {n}" for n in gold_names if len(n.split()) > 1 and fold(n) in fields]
    assert not hits, "names of the corpus's people in the extraction rules:\n  " + "\n  ".join(hits)


def test_no_corpus_sentence_in_the_rules() -> None:
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"no corpus at {corpus}")
    shingles: set[tuple[str, ...]] = set()
    for path in corpus.glob("*/*.txt"):
        words = re.findall(r"[^\W\d_]+", fold(path.read_text(encoding="utf-8", errors="replace")))
        shingles.update(tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    generic = title_words()
    hits = []
    for path, text in rule_sources().items():
        words = re.findall(r"[^\W\d_]+", fold(text))
        for i in range(len(words) - SHINGLE + 1):
            shingle = tuple(words[i:i + SHINGLE])
            if shingle in shingles and len(set(shingle) - generic) >= 2:
                hits.append(f"{path.name}: {' '.join(words[i:i + SHINGLE])}")
    assert not hits, "phrases of corpus documents in the extraction rules:\n  " + "\n  ".join(hits)
