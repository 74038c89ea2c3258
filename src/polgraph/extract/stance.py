"""The stance of a statement towards a topic it names: support, oppose or neutral.

Rules, in order: an opposing cue governing the topic ("no new ... controls", "should be
prevented", "unjustified") makes it *oppose*, unless the topic is itself a problem to fight
(terrorism, smuggling: "combating smuggling" supports the fight); a reporting verb that
opposes ("regretted", "rejected") makes it *oppose*; a neutral verb with no evaluative
words ("explained", "informed") makes it *neutral*; otherwise *support*.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from polgraph.extract.lexicon import (
    ABOUT_PREPOSITIONS,
    AGAINST_VERBS,
    CONCERN_NOUNS,
    REPORTING_VERBS,
    STANCE_ADJECTIVES,
    WORRIED,
)
from polgraph.models import Stance

_OPPOSE_BEFORE = re.compile(
    r"\b(?:no new|no more|no|not|never|no longer|without|against|end(?:ing)? to|eliminat\w*|abolish\w*|"
    r"lift(?:ed|ing)?|reduc\w* (?:our )?dependence on|stop\w*|reject\w*|oppos\w*|prevent(?:ed|ing)? (?:any )?)\s+"
    r"(?:\w+\s+){0,4}$", re.IGNORECASE)
_OPPOSE_AFTER = re.compile(
    r"^[^.;:]{0,80}?\b(?:should not|must not|cannot|can not|should be prevented|must be prevented|"
    r"(?:is|are|was|were) (?:unjustified|unlawful|disproportionate|unacceptable)|jeopardis\w*|"
    r"should not be (?:\w+ )?(?:introduced|allowed|associated))", re.IGNORECASE)
# "must not neglect", "should not be overlooked": a negated neglect supports the topic
_DOUBLE_NEGATIVE = re.compile(
    r"\b(?:(?:not|never)\s+(?:be\s+)?(?:neglect|overlook|forget|ignor|underestimat|disregard)|"
    r"(?:oppos\w*|reject\w*|against|no|not|without)\s+(?:any\s+)?(?:further\s+|more\s+|new\s+)?"
    r"(?:delay|postpone|stall|block|obstruct|halt|slow)|"
    r"(?:regret\w*|deplor\w*|lament\w*)\s+(?:\w+\s+){0,3}(?:stalemate|deadlock|impasse|delay|lack|failure|absence|slow))\w*",
    re.IGNORECASE)
_EVALUATIVE = re.compile(r"\b(?:important|importance|crucial|essential|key|priority|need|must|should|support|"
                         r"welcome|necessary|paramount|vital)\b", re.IGNORECASE)


MAX_HEAD_STEPS = 6
# How a topic's phrase hangs from what governs it: as its object, through "of"/"about"/"against"...
_OBJECT_PATH = frozenset({"dobj", "pobj", "compound", "amod", "nmod", "poss", "conj", "appos", "prep", "attr",
                          "acomp", "npadvmod", "agent"})
_ABOUT = ABOUT_PREPOSITIONS | {"to"}  # and "an end to X"
_WORRIED_BY = frozenset({"by", "at", "with"})


def governed_stance(topic: Token, problem: bool) -> Stance | None:
    """The stance the words that govern a topic's phrase give it, read up the parse, or None when they say nothing.

    "condemned the attacks on X" and "voiced concern over X" oppose X. "An end to X" and "combating X"
    oppose X, unless X is a problem to counter (``problem``: in the scheme's collection of them, such as
    terrorism or smuggling): then the statement supports that topic, as "the fight against terrorism"
    supports counter-terrorism.
    """
    tok = topic
    for _ in range(MAX_HEAD_STEPS):
        if tok.head.i == tok.i or tok.dep_ not in _OBJECT_PATH:
            return None
        tok = tok.head
        lemma = tok.lemma_.lower()
        if tok.dep_ in {"prep", "agent"} and lemma in _WORRIED_BY and tok.head.lower_ in WORRIED:
            return "oppose"  # "alarmed by X", "dismayed at X", also as a passive verb
        if tok.dep_ == "prep" and lemma not in _ABOUT:
            return None  # "reduce pressure at the border": the border is where, not what
        if (lemma in CONCERN_NOUNS and tok.pos_ == "NOUN") or (lemma in WORRIED and tok.pos_ == "ADJ"):
            return "oppose"
        if tok.pos_ in {"ADJ", "VERB"} and tok.dep_ == "acomp" and tok.lower_ in STANCE_ADJECTIVES:
            adjective = STANCE_ADJECTIVES[tok.lower_]  # "critical of X", "supportive of X"
            return "support" if adjective == "support" or problem else "oppose"
        if lemma in AGAINST_VERBS or (lemma == "end" and tok.pos_ == "NOUN"):
            return "support" if problem else "oppose"
        if tok.pos_ in {"VERB", "AUX"}:  # the nearest verb decides; condemning a problem supports countering it
            return "oppose" if REPORTING_VERBS.get(lemma) == "oppose" and not problem else None
    return None


def stance_for(sentence: str, topic_start: int, topic_end: int, verb_lemma: str | None, problem: bool) -> Stance:
    """Stance of ``sentence`` towards the topic named at [topic_start, topic_end); ``problem``: the topic is a
    problem to counter."""
    before = sentence[max(0, topic_start - 60):topic_start]
    after = sentence[topic_end:]
    cue = bool(_OPPOSE_BEFORE.search(before) or _OPPOSE_AFTER.search(after)
               or re.search(r"\b(?:oppose|reject|condemn)\w*\b", before, re.IGNORECASE)) and not _DOUBLE_NEGATIVE.search(
        sentence[max(0, topic_start - 60):topic_end + 80])
    if cue and not problem:
        return "oppose"
    verb_stance = REPORTING_VERBS.get(verb_lemma or "", "support")
    if verb_stance == "oppose" and not problem and not _DOUBLE_NEGATIVE.search(sentence):
        return "oppose"
    if verb_stance == "neutral" and not _EVALUATIVE.search(sentence):
        return "neutral"
    return "support"
