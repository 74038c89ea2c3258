"""The ``polgraph_encounters`` component on invented sentences: who met whom, from the parse."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from polgraph.extract import encounters  # noqa: F401  (registers the component)
from polgraph.extract.pipeline import load_pipeline


def sides(doc: Doc) -> list[tuple[str, str, str]]:
    return [(e.relation, " ".join(doc[i].text for i in e.actor), " ".join(doc[i].text for i in e.other))
            for e in doc._.polgraph_encounters]


def test_component_on_a_hand_built_parse() -> None:
    """No model: a blank pipeline and a parse given by hand."""
    nlp = spacy.blank("en")
    nlp.add_pipe("polgraph_encounters")
    words = ["Minister", "Lind", "met", "Premier", "Osei"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 4, 2], deps=["compound", "nsubj", "ROOT", "compound", "dobj"],
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN"], tags=["NNP", "NNP", "VBD", "NNP", "NNP"], lemmas=["Minister", "Lind", "meet", "Premier", "Osei"])
    doc = nlp.get_pipe("polgraph_encounters")(doc)
    assert sides(doc) == [("meets_object", "Minister Lind", "Premier Osei")]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "relation", "actor", "other"), [
    ("Foreign Minister Ana Silva met Prime Minister Pablo Rojas in Santiago on Monday.",
     "meets_object", "Foreign Minister Ana Silva", "Prime Minister Pablo Rojas"),
    ("The Secretary of State was received by President Amara Diallo at the presidential palace.",
     "received_by", "The Secretary of State", "President Amara Diallo"),
    ("Minister Lind held talks with Kenji Sato and Maria Costa on trade.",
     "meets_with", "Minister Lind", "Kenji Sato and Maria Costa"),
    ("The High Commissioner called on Prime Minister Tuilagi in Apia.",
     "calls_on", "The High Commissioner", "Prime Minister Tuilagi"),
    ("A meeting between Chancellor Weber and Premier Lin took place in Vienna.",
     "between", "", "Chancellor Weber and Premier Lin"),
    ("President Okafor spoke with President Ruiz on the phone.",
     "meets_with", "President Okafor", "President Ruiz"),
])
def test_encounters_read_from_the_parse(sentence: str, relation: str, actor: str, other: str) -> None:
    doc = load_pipeline()(sentence)
    assert (relation, actor, other) in sides(doc), sides(doc)


@pytest.mark.slow
def test_no_encounter_without_a_meeting_verb() -> None:
    doc = load_pipeline()("Minister Lind praised the work of Ambassador Costa.")
    assert sides(doc) == []
