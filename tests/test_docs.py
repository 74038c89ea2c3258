"""Drift tests for the documentation: the docs name what exists, and generated pages are current.

- every competency question of the spec (``shared/spec/competency/*.rq``) is in the cookbook;
- every command that ``polgraph --help`` lists is documented in the user guide;
- ``docs/ontology.md`` is what ``docs/make_ontology_doc.py`` makes of ``ontology/`` now;
- every recipe in ``docs/recipes/`` is in the cookbook and answers on a small toy graph;
- the relative links of the hand-written pages point to files that exist.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import REPO, invoke
from polgraph.query import run_query

DOCS = REPO / "docs"
COOKBOOK = DOCS / "cookbook.md"
GUIDE = DOCS / "guide.md"
ONTOLOGY_DOC = DOCS / "ontology.md"
GENERATOR = DOCS / "make_ontology_doc.py"
RECIPES = sorted((DOCS / "recipes").glob("*.rq"))
LINKED_PAGES = [REPO / "README.md", GUIDE, COOKBOOK, ONTOLOGY_DOC]


def cli_commands() -> list[str]:
    """The command names in the "Commands:" section of ``polgraph --help``."""
    result = invoke(["--help"])
    assert result.exit_code == 0, result.output
    section = result.output.split("Commands:", 1)[1]
    return re.findall(r"^  (\S+)", section, flags=re.MULTILINE)


def test_every_competency_question_is_in_the_cookbook(shared: Path) -> None:
    questions = sorted((shared / "spec" / "competency").glob("*.rq"))
    assert questions, "no competency questions found in the spec"
    text = COOKBOOK.read_text(encoding="utf-8")
    missing = [q.name for q in questions if q.name not in text]
    assert not missing, f"docs/cookbook.md does not show {missing}; add them (see the cookbook's other sections)"


def test_every_cli_command_is_in_the_guide() -> None:
    commands = cli_commands()
    assert {"build", "validate", "query", "view"} <= set(commands), commands
    text = GUIDE.read_text(encoding="utf-8")
    missing = [c for c in commands if f"polgraph {c}" not in text]
    assert not missing, f"docs/guide.md never shows `polgraph {missing[0]}`; document {missing}"


def test_ontology_reference_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "ontology.md"
    done = subprocess.run([sys.executable, str(GENERATOR), "-o", str(fresh)], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert fresh.read_text(encoding="utf-8") == ONTOLOGY_DOC.read_text(encoding="utf-8"), (
        "docs/ontology.md is out of date: run `python docs/make_ontology_doc.py`")


def test_ontology_reference_names_every_term() -> None:
    text = ONTOLOGY_DOC.read_text(encoding="utf-8")
    ontology = (REPO / "ontology" / "polgraph.ttl").read_text(encoding="utf-8")
    terms = sorted(set(re.findall(r"^(pg:\w+) a ", ontology, flags=re.MULTILINE)))
    assert terms
    missing = [t for t in terms if f"`{t}`" not in text]
    assert not missing, missing


# --------------------------------------------------------------------------- recipes

TOY = """
@prefix pg:   <https://w3id.org/polgraph/ontology#> .
@prefix document: <https://w3id.org/polgraph/id/document/> .
@prefix country: <https://w3id.org/polgraph/id/country/> .
@prefix post: <https://w3id.org/polgraph/id/post/> .
@prefix topic: <https://w3id.org/polgraph/id/topic/> .
@prefix place: <https://w3id.org/polgraph/id/place/> .
@prefix meeting: <https://w3id.org/polgraph/id/meeting/> .
@prefix person: <https://w3id.org/polgraph/id/person/> .
@prefix position: <https://w3id.org/polgraph/id/position/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

document:d1 a pg:Document ; pg:source "toy.txt" ; pg:datePublished "2019-03-12"^^xsd:date .
country:SI a pg:Country ; rdfs:label "Slovenia" ; pg:countryCode "SI" .
country:HR a pg:Country ; rdfs:label "Croatia" ; pg:countryCode "HR" .
post:SI-pm a pg:Post ; pg:roleTitle "Prime Minister" ; pg:postIn country:SI .
post:HR-interior a pg:Post ; pg:roleTitle "Minister of the Interior" ; pg:postIn country:HR .
topic:migration-and-asylum a pg:Topic ; skos:prefLabel "Migration and asylum"@en .
topic:migration-management a pg:Topic ; skos:prefLabel "Migration management"@en ;
    skos:broader topic:migration-and-asylum .
topic:schengen-area a pg:Topic ; skos:prefLabel "Schengen area"@en .
place:ljubljana a pg:Place ; rdfs:label "Ljubljana" ; pg:inCountry country:SI .
meeting:d1-1 a pg:Meeting ; rdfs:label "Bilateral meeting" ; pg:meetingKind pg:BilateralMeeting ;
    pg:date "2019-03-11"^^xsd:date ; pg:location place:ljubljana ; prov:wasDerivedFrom document:d1 .
person:miro-cerar a pg:Person ; rdfs:label "Miro Cerar" ; pg:holdsPost post:SI-pm ;
    pg:attends meeting:d1-1 ; pg:meets person:hr-interior ;
    pg:holdsPosition position:d1-1, position:d1-2 .
person:hr-interior a pg:Person ; rdfs:label "Minister of the Interior of Croatia" ;
    pg:holdsPost post:HR-interior ; pg:attends meeting:d1-1 ; pg:meets person:miro-cerar .
position:d1-1 a pg:Position ; pg:onTopic topic:migration-management ; pg:stance pg:Support ;
    pg:evidence "We must manage migration." ; pg:evidenceStart 10 ; pg:evidenceEnd 35 ;
    prov:wasDerivedFrom document:d1 .
position:d1-2 a pg:Position ; pg:onTopic topic:schengen-area ; pg:stance pg:Oppose ;
    pg:evidence "No new border controls." ; pg:evidenceStart 40 ; pg:evidenceEnd 63 ;
    prov:wasDerivedFrom document:d1 .
"""

EXPECTED_FIRST_ROW = {
    "counterparts_by_country.rq": {"code": "HR", "metBy": "Miro Cerar"},
    "meetings_in_date_range.rq": {"date": "2019-03-11", "kind": "BilateralMeeting", "place": "Ljubljana"},
    "positions_of_person_on_topic.rq": {"topic": "Migration management", "stance": "Support", "start": "10"},
    "who_opposes_what.rq": {"name": "Miro Cerar", "topic": "Schengen area", "source": "toy.txt"},
}


def test_there_are_recipes() -> None:
    assert {r.name for r in RECIPES} >= set(EXPECTED_FIRST_ROW), [r.name for r in RECIPES]


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda p: p.stem)
def test_recipe_is_in_the_cookbook_and_answers(recipe: Path) -> None:
    text = recipe.read_text(encoding="utf-8")
    assert text.startswith("# "), "a recipe starts with '# <the question>' (the cookbook shows it)"
    assert f"docs/recipes/{recipe.name}" in COOKBOOK.read_text(encoding="utf-8")
    answer = run_query(Graph().parse(data=TOY, format="turtle"), text)
    assert answer.rows, f"{recipe.name} answers nothing on the toy graph"
    expected = EXPECTED_FIRST_ROW.get(recipe.name, {})
    first = dict(zip(answer.columns, answer.rows[0]))
    assert {k: first.get(k) for k in expected} == expected


# --------------------------------------------------------------------------- links

LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", LINKED_PAGES, ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:", "#")):
            continue
        path = target.split("#", 1)[0]
        if not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.name} links to missing files: {broken}"
