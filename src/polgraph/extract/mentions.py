"""The ``polgraph_mentions`` component: the offices and the people a text names.

Sets ``doc._.polgraph_roles`` (role titles such as "Minister of Trade of Peru"),
``doc._.polgraph_mentions`` (stretches naming a person: a name next to an office or a style of
address, a PERSON entity, a subject of a reporting verb, a full proper name on either side of
an encounter, and any of these full names written again elsewhere) and ``doc._.polgraph_speakers`` (start offsets of proper names that are subjects
of reporting or taking-part verbs). Grouping mentions into people is left to the rules after it.
Needs the parser, the NER and ``polgraph_encounters`` before it.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from polgraph.extract import encounters  # noqa: F401  (doc._.polgraph_encounters)
from polgraph.extract import gazetteer as gz
from polgraph.extract import lexicon as lx
from polgraph.extract.names import is_style
from polgraph.extract.people import (
    NameMention,
    RoleMention,
    find_name_mentions,
    find_roles,
    scan_name,
)


@Language.factory("polgraph_mentions", assigns=["doc._.polgraph_roles", "doc._.polgraph_mentions",
                                                "doc._.polgraph_speakers"],
                  requires=["doc._.polgraph_encounters"])
def make_mentions(nlp: Language, name: str) -> MentionFinder:
    """Finds offices and mentions of people."""
    return MentionFinder()


for _ext in ("polgraph_roles", "polgraph_mentions", "polgraph_speakers"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=())


class MentionFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        roles = find_roles(text)
        tokens = list(doc)
        speakers = speaker_offsets(tokens)
        mentions = find_name_mentions(doc, roles)
        covered = {m.start for m in mentions}
        said = {t.idx for t in tokens if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.head.lemma_ in lx.SPEECH_VERBS
                and t.ent_type_ in {"", "PERSON", "ORG"} and t.n_lefts == 0 and not t.text.isupper()
                and not gz.body_for(t.text)}
        for offset in sorted((speakers & said) - covered):  # "Okonkwo said": a surname the statistical NER missed
            found = scan_name(text, offset, max_tokens=3)
            if found and found[0] == offset:
                mentions.append(NameMention(found[0], found[1], found[2], None, False))
        mentions += names_met(doc, {i for m in mentions for i in range(m.start, m.end)}
                              | {i for r in roles for i in range(r.start, r.end)})
        mentions = [m for m in mentions if not _is_place_like(text, m)]
        mentions += names_repeated(text, mentions)
        mentions += family_names_alone(doc, mentions)
        mentions = _roles_in_apposition(doc, mentions, roles)
        doc._.polgraph_roles = tuple(roles)
        doc._.polgraph_mentions = tuple(sorted(mentions, key=lambda m: m.start))
        doc._.polgraph_speakers = tuple(sorted(speakers))
        return doc


def speaker_offsets(tokens: list[Token]) -> set[int]:
    """Start offsets of proper names that are subjects of reporting verbs ("Okonkwo said")."""
    found = set()
    for tok in tokens:
        if tok.lemma_ in lx.REPORTING_VERBS or tok.lemma_ in lx.TAKING_PART_VERBS:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ == "PROPN":
                    first = min(child.subtree, key=lambda t: t.i)
                    found.add(first.idx if first.pos_ == "PROPN" else child.idx)
    return found


def family_names_alone(doc: Doc, mentions: list[NameMention]) -> list[NameMention]:
    """A family name written alone where the NER missed it ("Minister Okafor", "Okafor and Lind agreed"):
    a mention of the one person of the document with that family name."""
    text = doc.text
    taken = [(m.start, m.end) for m in mentions]
    found: list[NameMention] = []
    fulls = list({m.tokens: m for m in mentions if len(m.tokens) >= 2 and m.strong}.values())
    families = [f.tokens[-1] for f in fulls]
    for full in fulls:
        family = full.tokens[-1]
        if len(family) < 3 or families.count(family) > 1 or not family[0].isupper():
            continue  # two people share it, or it is not a family name
        for hit in re.finditer(rf"(?<![\w-]){re.escape(family)}(?![\w-])", text):
            if any(a < hit.end() and hit.start() < b for a, b in taken) or not _alone(doc, text, hit.start()):
                continue
            found.append(NameMention(hit.start(), hit.end(), (family,), None, True))
            taken.append(hit.span())
    return found


def _alone(doc: Doc, text: str, start: int) -> bool:
    """A family name standing for its person: a proper name of no other kind, after a title, a style or no name."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    token = span[0] if span is not None and len(span) and span[0].idx == start else None
    if token is None or token.pos_ != "PROPN":
        return False
    if token.ent_type_ in _NOT_A_PERSON and not (
            token.ent_type_ in _PLACE_TYPES and not gz.country_code(token.text) and token.text not in gz.CITIES):
        return False  # a date, a number, a place; a family name the model took for a place it does not know is kept
    before = text[:start].split()[-1:]
    return not before or not before[0][0].isupper() or is_style(before[0]) or before[0][-1] in ".:;,\"“”'’"


_PLACE_TYPES = frozenset({"GPE", "LOC"})
_NOT_A_PERSON = frozenset({"DATE", "TIME", "GPE", "LOC", "NORP", "FAC", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})


def names_met(doc: Doc, covered: set[int]) -> list[NameMention]:
    """Proper names on either side of an encounter ("received Amara Diallo", "Jon Berg welcomed ...")
    that no title or NER label has made a person yet: full names only."""
    found = []
    for enc in doc._.polgraph_encounters:
        for side in (enc.actor, enc.other):
            for i in side:
                tok = doc[i]
                if tok.pos_ != "PROPN" or tok.idx in covered or (i > 0 and doc[i - 1].pos_ == "PROPN"
                                                                 and doc[i - 1].i in side):
                    continue
                if tok.text in gz.PORTFOLIO_WORDS or tok.ent_type_ not in (
                        {"", "PERSON"} if side is enc.actor else {"", "PERSON", "FAC", "ORG", "NORP"}):
                    continue  # the other side of "received X": the small NER often takes a visitor for a place
                name = scan_name(doc.text, tok.idx)
                if name and name[0] == tok.idx and len(name[2]) >= 2 and not gz.body_for(" ".join(name[2])) \
                        and name[2][-1] not in gz.PLACE_HEADS:
                    found.append(NameMention(name[0], name[1], name[2], None, True))
                    covered.update(range(name[0], name[1]))
    return found


def names_repeated(text: str, mentions: list[NameMention]) -> list[NameMention]:
    """A full name written again where no title, style or NER label marks it ("..., said Amara Diallo"):
    the same person, so that they are counted each time the text names them."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for tokens in sorted({m.tokens for m in mentions if len(m.tokens) >= 2 and (m.strong or m.role)}):
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, tokens)) + r"(?![\w-])")
        for m in pattern.finditer(text):
            if m.start() not in covered and m.end() - 1 not in covered:
                found.append(NameMention(m.start(), m.end(), tokens, None, False))
                covered.update(range(m.start(), m.end()))
    return found


def _roles_in_apposition(doc: Doc, mentions: list[NameMention], roles: list[RoleMention]) -> list[NameMention]:
    """'received Wang Jun, member of the State Council, Minister of Trade of Peru': the office in the
    apposition the parse gives to the one name on the other side of an encounter is that name's."""
    by_start = {m.start: m for m in mentions}
    for enc in doc._.polgraph_encounters:
        if not enc.other:
            continue
        start, end = doc[enc.other[0]].idx, doc[enc.other[-1]].idx + len(doc[enc.other[-1]])
        named = [m for m in mentions if start <= m.start < end]
        stated = [r for r in roles if start <= r.start < end and r.org is not None]
        if len(named) == 1 and len(stated) == 1 and (named[0].role is None or named[0].role.org is None) \
                and stated[0].start > named[0].end:
            m = named[0]
            by_start[m.start] = NameMention(m.start, m.end, m.tokens, stated[0], True)
    return [by_start.get(m.start, m) for m in mentions]


def _is_place_like(text: str, m: NameMention) -> bool:
    """'in Jon Berg', 'Lima, Peru (': a capitalised run after a preposition of place is a place, not a person."""
    before = text[max(0, m.start - 20):m.start]
    after = text[m.end:m.end + 3]
    if m.role is not None:
        return False
    return bool(re.search(r"\b(in|at|from|of)\s+$", before)
                or re.search(r"[A-Z][\w]+,\s+$", before) and after.startswith(" ("))
