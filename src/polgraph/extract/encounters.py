"""The ``polgraph_encounters`` component: who met whom, read from the dependency parse.

Sets ``doc._.polgraph_encounters``: one :class:`Encounter` per match of the patterns in
:mod:`polgraph.extract.patterns` ("A met B", "A held talks with B", "A was received by B",
"a meeting between A and B"), with the token indices of both sides. Resolving the sides to
people is the business of the later rules; this component only reads the syntax.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from polgraph.extract.patterns import ENCOUNTER_PATTERNS

_CUT = {"relcl", "acl", "advcl", "punct", "prep"}  # what a side's phrase stops at (a prepositional tail but "of")


@dataclass(frozen=True)
class Encounter:
    """One side (``actor``) meeting another (``other``) at token ``verb``; sides as token indices."""

    relation: str  # the name of the pattern that matched
    verb: int
    actor: tuple[int, ...]
    other: tuple[int, ...]


def phrase(token: Token) -> list[Token]:
    """A noun phrase with its appositions and conjuncts ("her counterpart, Mr X, Minister of ...", "A and B"),
    without relative clauses and prepositional tails other than 'of'."""
    keep: list[Token] = []
    stack = [token]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        for child in tok.children:
            if child.dep_ in _CUT and not (child.dep_ == "prep" and child.lower_ == "of"):
                continue
            stack.append(child)
    return sorted(keep, key=lambda t: t.i)


def subject_of(verb: Token) -> list[Token]:
    """The subject phrase of a verb: its subject, a passive's agent, else the subject of the verb it depends on."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if agent is not None and (not subjects or subjects[0].dep_ == "nsubjpass"):
            return sorted(list(agent.subtree)[1:], key=lambda t: t.i)
        if subjects:
            return sorted({t for subj in subjects for t in subj.subtree}, key=lambda t: t.i)
        if tok.dep_ in {"conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "acl", "dobj"} and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return []


def _actor(relation: str, verb: Token) -> list[Token]:
    if relation == "between":
        return []
    if relation == "received_by":
        return sorted({t for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree}, key=lambda t: t.i)
    if relation == "noun_with":  # "his meeting with", "held talks with", "In a conversation with B, A said"
        owner = next((c for c in verb.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PROPN":
            return phrase(owner)
        if verb.dep_ == "pobj" and verb.head.head.pos_ in {"VERB", "AUX"} and verb.head.dep_ == "prep" \
                and verb.head.head.i > verb.i:  # a fronted "In a conversation with B, A ..."
            return subject_of(verb.head.head)
    return subject_of(verb)


if not Doc.has_extension("polgraph_encounters"):
    Doc.set_extension("polgraph_encounters", default=())


@Language.factory("polgraph_encounters", assigns=["doc._.polgraph_encounters"])
def make_encounters(nlp: Language, name: str) -> EncounterReader:
    """Reads encounters from the parse (needs a ``parser`` earlier in the pipeline)."""
    return EncounterReader(nlp)


class EncounterReader:
    def __init__(self, nlp: Language) -> None:
        self.matcher = DependencyMatcher(nlp.vocab)
        for relation, patterns in ENCOUNTER_PATTERNS.items():
            self.matcher.add(relation, patterns)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[tuple[int, tuple[int, ...]], Encounter] = {}
        for match_id, token_ids in self.matcher(doc):
            relation = doc.vocab.strings[match_id]
            names = [p["RIGHT_ID"] for p in ENCOUNTER_PATTERNS[relation][0]]
            verb = doc[token_ids[names.index("verb")]]
            other = doc[token_ids[names.index("other")]]
            actor = tuple(t.i for t in _actor(relation, verb))
            other_side = tuple(t.i for t in phrase(other) if t.i not in actor)
            key = (verb.i, other_side)
            if key not in found:
                found[key] = Encounter(relation, verb.i, actor, other_side)
        doc._.polgraph_encounters = tuple(sorted(found.values(), key=lambda e: (e.verb, e.other)))
        return doc
