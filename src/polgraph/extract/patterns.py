"""Dependency patterns of the relations polgraph reads, kept as data (spaCy ``DependencyMatcher`` format).

Each relation names its patterns; every pattern has the anchor ``verb`` (the event word) and
``other`` (the head of the phrase naming the other side). Who acts is the verb's subject,
found by the component, not by the pattern.
"""
from __future__ import annotations

from typing import Any

from polgraph.extract import lexicon as lx

Pattern = list[dict[str, Any]]

_WITH = {"LOWER": {"IN": ["with", "alongside"]}}

ENCOUNTER_PATTERNS: dict[str, list[Pattern]] = {
    # "A met B", "A received B", "A welcomed B to the ministry"
    "meets_object": [[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(lx.MEET_DIRECT)}, "POS": {"IN": ["VERB", "AUX"]}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "other", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ]],
    # "A met with B", "A spoke with B on the phone", "A conferred with B"
    "meets_with": [[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(lx.MEET_WITH)}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"DEP": "prep", **_WITH}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "other", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]],
    # "A held talks with B", "A exchanged views with B", "A had a telephone conversation with B"
    "noun_with": [[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(lx.MEETING_NOUNS)}, "POS": {"IN": ["NOUN", "PROPN"]}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"DEP": "prep", **_WITH}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "other", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]],
    # "A called on B", "A paid a courtesy call on B"
    "calls_on": [[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(lx.MEET_ON)}}},
        {"LEFT_ID": "verb", "REL_OP": ">>", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"LOWER": "on", "DEP": {"IN": ["prep", "prt"]}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "other", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]],
    # "A was received by B", "A was welcomed by B": the agent is the other side (the host)
    "received_by": [[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(lx.MEET_DIRECT)}, "TAG": "VBN"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "agent", "RIGHT_ATTRS": {"DEP": "agent"}},
        {"LEFT_ID": "agent", "REL_OP": ">", "RIGHT_ID": "other", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]],
    # "a meeting between A and B"
    "between": [[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(lx.MEETING_NOUNS)}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"LOWER": "between"}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "other", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]],
}
