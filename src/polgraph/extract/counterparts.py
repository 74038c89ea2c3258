"""Counterparts: who met whom, named or known only by post."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from polgraph.extract import gazetteer as gz
from polgraph.extract import lexicon as lx
from polgraph.extract.context import (
    COUNTERPARTS_FROM,
    Context,
    country_of,
    persons_in,
    persons_in_tokens,
    resolve_subject,
    subjects_of,
)
from polgraph.extract.context import (
    OTHER_TIME as _OTHER_TIME,
)
from polgraph.extract.encounters import subject_of
from polgraph.extract.lexicon import ENCOUNTER_VERBS
from polgraph.extract.people import (
    PersonCluster,
    find_roles,
)
from polgraph.extract.posts import has_stated_org, stated_state
from polgraph.models import (
    Meeting,
    Org,
    Person,
    Post,
)

_MEET_WITH = re.compile(r"\b(?:video call|phone call|telephone call|talks|meeting|visit|conversation)s?"
                        r"(?:\s+(?!with\b|to\b)[\w’'-]+){0,4}?\s+(?:with|to)\b")

def find_meets(ctx: Context, meetings: list[Meeting], sides: list[EncounterSides]) -> list[tuple[int, int]]:
    """Who met whom: named counterparts, and counterparts known only by their state."""
    pairs: list[tuple[int, int]] = []

    def add(a: int, b: int) -> None:
        if a == b or (a, b) in pairs or (b, a) in pairs:
            return
        same_state = country_of(ctx, a) is not None and country_of(ctx, a) == country_of(ctx, b)
        assumed = [stated_country(ctx, p) is None for p in (a, b)]
        if not same_state or assumed[0] != assumed[1]:  # one side's state only assumed: it may be wrong
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
        for verb in (t for t in sent if t.lemma_ in ENCOUNTER_VERBS and t.pos_ == "VERB"):
            subj = resolve_subject(ctx, subject_of(verb), {"speaker": None})
            objects = [p for p in persons_in_tokens(ctx, _own_clause(verb)) if p not in subj]
            for a in subj:
                for b in objects[:3]:
                    add(a, b)
        with_m = _MEET_WITH.search(text)
        if with_m and subjects:
            for b in persons_in(ctx, sent.start_char + with_m.end(), sent.end_char)[:3]:
                for a in subjects:
                    add(a, b)
        if len(subjects) > 1 and any(t.lemma_ in lx.DISCUSS_VERBS | {"commit", "express", "confirm", "endorse", "stress",
                                                                   "meet", "hold", "call", "agree"} for t in sent):
            for i, a in enumerate(subjects):
                for b in subjects[i + 1:]:
                    add(a, b)
    for side in sides:
        for a in side.actor:
            for b in side.other:
                add(a, b)
    _foreign_counterparts(ctx, pairs)
    # the title: "A and B discuss ...", "A meets B", "A holds talks with B"
    title_people = persons_in(ctx, 0, ctx.title_end)
    if len(title_people) == 2 and re.search(r"\band\b|\bwith\b|\bmeets?\b|\bto\b", ctx.text[:ctx.title_end]):
        add(*title_people)
    return pairs

def stated_country(ctx: Context, person: int) -> str | None:
    """The state the text itself gives a person's office (not one assumed from the release's home)."""
    return stated_state(ctx.persons[person])


def _foreign_counterparts(ctx: Context, pairs: list[tuple[int, int]]) -> None:
    """Someone met by a person of the release's state is not of that state unless the text says so:
    drop the state assumed for them when it is the state the text gives the one they meet."""
    for a, b in pairs:
        for one, other in ((a, b), (b, a)):
            theirs = stated_country(ctx, other)
            if theirs is None or stated_country(ctx, one) is not None:
                continue
            person = ctx.persons[one]
            person.posts = [p.with_org(None) if p.org_assumed and p.org and p.org.country_code == theirs else p
                            for p in person.posts]


def hosts_of_a_visit(ctx: Context, meets: list[tuple[int, int]]) -> None:
    """The people the protagonist meets on a visit to one state ("on an official visit to Ghana / to
    Accra, she met the Minister of Trade, X") are of that state when the text gives theirs nowhere;
    the visitor is not, though it was assumed for them."""
    me = ctx.protagonist
    if me is None:
        return
    visited = _visited_state(ctx)
    if visited is None or visited == stated_country(ctx, me):
        return
    org = Org(gz.country_label(visited), visited)
    visitor = ctx.persons[me]
    visitor.posts = [p.with_org(None) if p.org_assumed and p.org == org else p for p in visitor.posts]
    for idx in [b for a, b in meets if a == me] + [a for a, b in meets if b == me]:
        person = ctx.persons[idx]
        if person.name and not has_stated_org(person):
            person.posts = [p.with_org(org, assumed=True) for p in person.posts]


def _visited_state(ctx: Context) -> str | None:
    """The one state (named, or by its capital) the protagonist is said to visit ("paid a visit to",
    "on an official visit to", "visited"), leaving out visits at other times."""
    found: set[str] = set()
    for tok in ctx.tokens:
        if tok.lemma_ != "visit" or _OTHER_TIME.search(tok.sent.text):
            continue
        if tok.pos_ == "VERB":
            targets = [c for c in tok.children if c.dep_ == "dobj"]
            visitor = subject_of(tok)
        else:
            targets = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                       if g.dep_ == "pobj"]
            visitor = subject_of(tok.head) if tok.head is not tok else []
        if len(visitor) == 1 and visitor[0].lower_ in {"who", "that"} and visitor[0].head.dep_ == "relcl":
            clause = set(visitor[0].head.subtree)  # "X, who was on a visit to ...": X
            visitor = [t for t in visitor[0].head.head.subtree if t not in clause]
        if not targets or ctx.protagonist not in resolve_subject(ctx, visitor, {"speaker": None}, countries=False):
            continue
        target = targets[0]
        words = [t for t in target.subtree if t.i >= target.left_edge.i and t.dep_ != "det"]
        name = ctx.text[words[0].idx:target.idx + len(target)] if words else target.text
        code = gz.country_code(name) or (gz.CITIES.get(name) if gz.CITIES.is_capital(name) else None)
        if code:
            found.add(code)
    return next(iter(found)) if len(found) == 1 else None


@dataclass(frozen=True)
class EncounterSides:
    """The people on either side of one encounter, and the sentence that tells it."""

    actor: tuple[int, ...]
    other: tuple[int, ...]
    sent: Span


def encounter_sides(ctx: Context) -> list[EncounterSides]:
    """Both sides of each encounter the parse gives (``doc._.polgraph_encounters``), as people.

    A side is the people it names, else the person its title refers to ("the Minister"), else
    someone known only by post and state ("her Chilean counterpart", "the Emirati minister").
    Encounters in sentences about other times are left out.
    """
    sides = []
    writer_unnamed = _writer_unnamed(ctx)
    for enc in ctx.doc._.polgraph_encounters:
        verb = ctx.doc[enc.verb]
        if _OTHER_TIME.search(verb.sent.text):
            continue
        other = [ctx.doc[i] for i in enc.other]
        if enc.relation == "between":
            people = persons_in_tokens(ctx, other)
            sides += [EncounterSides((a,), tuple(people[k + 1:]), verb.sent) for k, a in enumerate(people)
                      if people[k + 1:]]
            continue
        actor_tokens = [ctx.doc[i] for i in enc.actor]
        actor = resolve_subject(ctx, actor_tokens, {"speaker": None})
        first_person = not actor and _first_person(actor_tokens)
        if first_person and ctx.protagonist is not None and not writer_unnamed:
            actor = [ctx.protagonist]  # remarks in the first person: the speaker the release is about
        named = [p for p in persons_in_tokens(ctx, other) if p not in actor]
        if not named and other:  # "met her counterpart, Mr X, Minister of ...": the name the parser left out
            after = other[-1].idx + len(other[-1])
            gap = re.match(r"[\s,]*(?:(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s+)?", ctx.text[after:after + 12])
            named = [p for p in persons_in(ctx, after, after + (gap.end() if gap else 0) + 1) if p not in actor]
        if not named and other:
            named = [p for p in resolve_subject(ctx, other, {"speaker": None}) if p not in actor]
        if not named and actor:
            unnamed = _known_by_post(ctx, other, actor[0])
            named = [unnamed] if unnamed is not None else []
        if named and (actor or first_person):  # "I met X" by a writer the text does not name: X's side only
            sides.append(EncounterSides(tuple(actor), tuple(named), verb.sent))
    return sides


def _first_person(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and tokens[0].lower_ in {"i", "we"}


def _writer_unnamed(ctx: Context) -> bool:
    """A report in the first person whose writer the text does not name: "I" meets the person the
    release seems to be about ("On 3 May I met Ms X"), so "I" is someone else, in every sentence."""
    if ctx.protagonist is None:
        return False
    for enc in ctx.doc._.polgraph_encounters:
        actor = [ctx.doc[i] for i in enc.actor]
        if _first_person(actor) and ctx.protagonist in persons_in_tokens(ctx, [ctx.doc[i] for i in enc.other]):
            return True
    return False


def _known_by_post(ctx: Context, phrase: list[Token], holder: int) -> int | None:
    """'her Chilean counterpart', 'the Emirati minister', 'the Foreign Minister of Peru': one person by post and state."""
    if not phrase:
        return None
    text = ctx.text[phrase[0].idx:phrase[-1].idx + len(phrase[-1])]
    code = next((c for t in phrase if t.ent_type_ in {"NORP", "GPE"} and (c := gz.country_code(t.text))), None)
    roles = find_roles(text)
    if not roles:  # "visited the US" meets no one
        return None
    code = code or next((r.org.country_code for r in roles if r.org and r.org.country_code), None)
    if code is None or code == country_of(ctx, holder):
        return None
    if roles and roles[0].title != "counterpart":
        title = roles[0].title
    elif ctx.persons[holder].posts:
        title = ctx.persons[holder].posts[0].role_title
    else:
        return None
    return _unnamed_person(ctx, title, code)


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
    """'met her counterparts from Chile, Peru and ...': one person per state, known by post."""
    stop = re.search(r"[.;(]|\b(?:discussing|regarding|on|about|to|where|which|who)\b", rest)
    rest = rest[: stop.start()] if stop else rest
    title = ctx.persons[holder].posts[0].role_title if ctx.persons[holder].posts else "Minister"
    for cm in gz.country_regex().finditer(rest):
        code = gz.country_code(cm.group(1))
        if code and code != country_of(ctx, holder):
            add(holder, _unnamed_person(ctx, title, code))

def _unnamed_person(ctx: Context, title: str, code: str) -> int:
    """The one person the text names for that state ("the Minister of Foreign Affairs of Peru, Ana Lima"), else
    a person known only by post."""
    named = [i for i, p in enumerate(ctx.persons) if p.name and any(
        q.org is not None and q.org.country_code == code and not q.org_assumed for q in p.posts)]
    if len(named) == 1:
        return named[0]
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
