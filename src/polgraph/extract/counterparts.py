"""Counterparts: who met whom, named or known only by post."""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from polgraph.extract import gazetteer as gz
from polgraph.extract.context import (
    COUNTERPARTS_FROM,
    DISCUSS_LEMMAS,
    Context,
    country_of,
    persons_in,
    persons_in_tokens,
    resolve_subject,
    subject_tokens,
    subjects_of,
)
from polgraph.extract.people import (
    PersonCluster,
)
from polgraph.models import (
    Meeting,
    Org,
    Person,
    Post,
)

_MEET_LEMMAS = {"meet", "talk", "hand", "pass", "receive", "welcome", "host", "visit", "call"}

_MEET_WITH = re.compile(r"\b(?:video call|phone call|telephone call|talks|meeting|visit|conversation)s?"
                        r"(?:\s+(?!with\b|to\b)[\w’'-]+){0,4}?\s+(?:with|to)\b")

def find_meets(ctx: Context, meetings: list[Meeting]) -> list[tuple[int, int]]:
    """Who met whom: named counterparts, and counterparts known only by their state."""
    pairs: list[tuple[int, int]] = []

    def add(a: int, b: int) -> None:
        if a != b and (a, b) not in pairs and (b, a) not in pairs and (
                country_of(ctx, a) is None or country_of(ctx, a) != country_of(ctx, b)):
            pairs.append((a, b))

    for sent in ctx.sents:
        text = sent.text
        subjects = subjects_of(ctx, sent)
        m = COUNTERPARTS_FROM.search(text)
        if m and subjects:
            _unnamed_counterparts(ctx, subjects[0], text[m.end():], add)
            continue
        people = persons_in(ctx, sent.start_char, sent.end_char)
        if len(people) < 2:
            continue
        between = re.search(r"\b(?:meeting|talks)\s+(?:was\s+|were\s+)?(?:held\s+)?between\b", text)
        if between:
            listed = persons_in(ctx, sent.start_char + between.end(), sent.end_char)
            for i, a in enumerate(listed):
                for b in listed[i + 1:]:
                    add(a, b)
            continue
        for verb in (t for t in sent if t.lemma_ in _MEET_LEMMAS and t.pos_ == "VERB"):
            subj = resolve_subject(ctx, subject_tokens(verb), {"speaker": None})
            objects = [p for p in persons_in_tokens(ctx, _own_clause(verb)) if p not in subj]
            for a in subj:
                for b in objects[:3]:
                    add(a, b)
        with_m = _MEET_WITH.search(text)
        if with_m and subjects:
            for b in persons_in(ctx, sent.start_char + with_m.end(), sent.end_char)[:3]:
                for a in subjects:
                    add(a, b)
        if len(subjects) > 1 and any(t.lemma_ in DISCUSS_LEMMAS | {"commit", "express", "confirm", "endorse", "stress",
                                                                   "meet", "hold", "call", "agree"} for t in sent):
            for i, a in enumerate(subjects):
                for b in subjects[i + 1:]:
                    add(a, b)
    # the title: "A and B discuss ...", "A meets B", "A holds talks with B"
    title_people = persons_in(ctx, 0, ctx.title_end)
    if len(title_people) == 2 and re.search(r"\band\b|\bwith\b|\bmeets?\b|\bto\b", ctx.text[:ctx.title_end]):
        add(*title_people)
    return pairs

def _own_clause(verb: Token) -> list[Token]:
    """The verb's subtree without its relative and adverbial clauses (other events, other times)."""
    skip: set[int] = set()
    for child in verb.children:
        if child.dep_ in {"advcl"}:
            skip.update(t.i for t in child.subtree)
    for tok in verb.subtree:
        if tok.dep_ == "relcl":
            skip.update(t.i for t in tok.subtree)
    return [t for t in verb.subtree if t.i not in skip and t.i > verb.i]

def _unnamed_counterparts(ctx: Context, holder: int, rest: str, add: Callable[[int, int], None]) -> None:
    """'met with his counterparts from Croatia, Austria and ...': one person per state, known by post."""
    stop = re.search(r"[.;(]|\b(?:discussing|regarding|on|about|to|where|which|who)\b", rest)
    rest = rest[: stop.start()] if stop else rest
    title = ctx.persons[holder].posts[0].role_title if ctx.persons[holder].posts else "Minister"
    for cm in gz.country_regex().finditer(rest):
        code = gz.country_code(cm.group(1))
        if code and code != country_of(ctx, holder):
            add(holder, _unnamed_person(ctx, title, code))

def _unnamed_person(ctx: Context, title: str, code: str) -> int:
    post = Post(title, Org(gz.country_label(code), code))
    for i, p in enumerate(ctx.persons):
        if p.name is None and p.posts == [post]:
            return i
    ctx.persons.append(Person(None, [post]))
    ctx.clusters.append(PersonCluster(()))
    return len(ctx.persons) - 1


def add_counterparts_to_meeting(ctx: Context, meetings: list[Meeting], meets: list[tuple[int, int]]) -> None:
    """Named people who met someone, and whom no meeting holds yet, were at the main meeting."""
    if not meetings:
        return
    placed = {i for m in meetings for i in m.attendees}
    for a, b in meets:
        for i in (a, b):
            if i not in placed and ctx.persons[i].name:
                meetings[0].attendees.append(i)
                placed.add(i)
