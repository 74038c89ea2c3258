"""The ``polgraph_mentions`` component on a blank English pipeline: offices and names from the text alone."""
from __future__ import annotations

import spacy

from polgraph.extract import mentions  # noqa: F401  (registers the component)


def test_offices_and_names_without_a_model() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("polgraph_mentions")
    doc = nlp("Trade Minister Jon Berg of Peru met Ambassador Ana Lima Santos and Secretary of State "
              "for Foreign Affairs of the Kingdom of Spain, Mr Rafael T. Moreno Jr.")
    names = {" ".join(m.tokens): m.role.title if m.role else None for m in doc._.polgraph_mentions}
    assert names == {"Jon Berg": "Minister of Trade", "Ana Lima Santos": "Ambassador",
                     "Rafael T. Moreno": "Secretary of State for Foreign Affairs"}
    states = {" ".join(m.tokens): m.role.org.country_code for m in doc._.polgraph_mentions if m.role and m.role.org}
    assert states == {"Jon Berg": "PE", "Rafael T. Moreno": "ES"}
    assert doc._.polgraph_encounters == ()  # no parser: no encounters, and nothing breaks


def test_a_pronoun_like_family_name_after_an_office() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("polgraph_mentions")
    doc = nlp("The Secretary met Vice Premier He Wenjun of China and Prime Minster Jon Berg in Oslo.")
    found = {" ".join(m.tokens): (m.role.title if m.role else None) for m in doc._.polgraph_mentions}
    assert found == {"He Wenjun": "Vice Premier", "Jon Berg": "Prime Minister"}  # "Minster": a common typo


def test_an_office_of_a_named_body() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("polgraph_mentions")
    doc = nlp("She met Jon Berg, President of the Governing Board of the Maritime Safety Agency.")
    berg = next(m for m in doc._.polgraph_mentions if m.tokens == ("Jon", "Berg"))
    assert berg.role is not None and berg.role.title == "President"
    assert berg.role.org is not None and "Maritime Safety Agency" in berg.role.org.label
