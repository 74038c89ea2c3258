"""Personal names in any government's style (no model needed): styles, initials, particles, suffixes."""
from __future__ import annotations

import pytest

from polgraph.extract.people import scan_name


@pytest.mark.parametrize(("text", "name"), [
    ("Secretary Amara J. Okonkwo met", "Amara J. Okonkwo"),  # a middle initial is kept
    ("Mr Lars P Lindqvist said", "Lars P Lindqvist"),  # without its period too
    ("Gen. Rafael T. Moreno Jr. said", "Rafael T. Moreno"),  # styles and suffixes left out
    ("Senator the Hon Clara Whitfield stressed", "Clara Whitfield"),
    ("H.E. Mr K. Adeyemi arrived", "K. Adeyemi"),
    ("Shri Rakesh Kumar Verma said", "Rakesh Kumar Verma"),
    ("Sheikh Hamad bin Khalid Al Mansouri received", "Hamad bin Khalid Al Mansouri"),
    ("President Omar al-Rashid spoke", "Omar al-Rashid"),
    ("Dame Helen Ashby MP welcomed", "Helen Ashby"),
    ("Conor Walsh TD said", "Conor Walsh"),
    ("Edward Fairbanks III said", "Edward Fairbanks"),
])
def test_names_of_any_style(text: str, name: str) -> None:
    found = scan_name(text, 0)
    assert found is not None, text
    start, end, tokens = found
    assert " ".join(tokens) == name
    assert text[start:end] == name  # the span is the name as written, without styles or suffixes


@pytest.mark.parametrize("text", [
    "Reuters News Agency reports",  # an organisation's name
    "the Ministers' Deputies agreed",  # a plural possessive
    "NATO said",  # an acronym
    "Defence Secretary Jane Roe",  # a portfolio word before an office is no name
    "May 2021 saw",  # a month with a number
])
def test_what_is_not_a_name(text: str) -> None:
    assert scan_name(text, 0) is None


def test_month_and_pronoun_words_inside_names() -> None:
    assert scan_name("Prime Minister Nora May met", len("Prime Minister "))[2] == ("Nora", "May")
    # a pronoun-like family name only where the statistical NER starts a person
    assert scan_name("He Wenjun met", 0) is None
    assert scan_name("He Wenjun met", 0, entity_start=True)[2] == ("He", "Wenjun")
