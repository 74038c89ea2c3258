"""People of a document and their posts (offices and the states or bodies they belong to)."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from polgraph.extract import gazetteer as gz
from polgraph.extract import lexicon as lx
from polgraph.extract.context import Attribution, Context
from polgraph.extract.people import (
    NameMention,
    PersonCluster,
    cluster_people,
    find_name_mentions,
    find_roles,
    scan_name,
)
from polgraph.models import (
    Meeting,
    Org,
    Person,
    Post,
)

def _speaker_offsets(tokens: list[Token]) -> set[int]:
    """Start offsets of proper names that are subjects of reporting verbs ("Okonkwo said")."""
    found = set()
    for tok in tokens:
        if tok.lemma_ in lx.REPORTING_VERBS or tok.lemma_ in lx.TAKING_PART_VERBS:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ == "PROPN":
                    first = min(child.subtree, key=lambda t: t.i)
                    found.add(first.idx if first.pos_ == "PROPN" else child.idx)
    return found

def find_people(ctx: Context) -> list[PersonCluster]:
    roles = find_roles(ctx.text)
    speakers = _speaker_offsets(ctx.tokens)
    mentions = find_name_mentions(ctx.doc, roles)
    covered = {m.start for m in mentions}
    said = {t.idx for t in ctx.tokens if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.head.lemma_ in lx.SPEECH_VERBS
            and t.ent_type_ in {"", "PERSON", "ORG"} and t.n_lefts == 0 and not t.text.isupper()
            and not gz.body_for(t.text)}
    for offset in sorted((speakers & said) - covered):  # "Weiss said": a surname the statistical NER missed
        found = scan_name(ctx.text, offset, max_tokens=3)
        if found and found[0] == offset:
            mentions.append(NameMention(found[0], found[1], found[2], None, False))
    mentions += _names_met(ctx, {i for m in mentions for i in range(m.start, m.end)}
                           | {i for r in roles for i in range(r.start, r.end)})
    mentions = [m for m in mentions if not _is_place_like(ctx, m)]
    return cluster_people(sorted(mentions, key=lambda m: m.start), speakers)

# Head nouns of the names of buildings and places ("Lancaster House", "Palace of Nations").
_PLACE_HEADS = {"House", "Palace", "Hall", "Castle", "Centre", "Center", "Building", "Street", "Square", "Airport",
                "Park", "Tower", "Residence", "Mansion", "Villa", "Garden", "Gardens", "Chancellery", "Kremlin"}


def _names_met(ctx: Context, covered: set[int]) -> list[NameMention]:
    """Proper names on either side of an encounter ("received Amara Diallo", "Jon Berg welcomed ...")
    that no title or NER label has made a person yet: full names only."""
    found = []
    for enc in ctx.doc._.polgraph_encounters:
        for side in (enc.actor, enc.other):
            for i in side:
                tok = ctx.doc[i]
                if tok.pos_ != "PROPN" or tok.idx in covered or (i > 0 and ctx.doc[i - 1].pos_ == "PROPN"
                                                                 and ctx.doc[i - 1].i in side):
                    continue
                if tok.text in gz.PORTFOLIO_WORDS or tok.ent_type_ not in (
                        {"", "PERSON"} if side is enc.actor else {"", "PERSON", "FAC", "ORG", "NORP"}):
                    continue  # the other side of "received X": the small NER often takes a visitor for a place
                name = scan_name(ctx.text, tok.idx)
                if name and name[0] == tok.idx and len(name[2]) >= 2 and not gz.body_for(" ".join(name[2])) \
                        and name[2][-1] not in _PLACE_HEADS:
                    found.append(NameMention(name[0], name[1], name[2], None, True))
                    covered.update(range(name[0], name[1]))
    return found


def _is_place_like(ctx: Context, m: NameMention) -> bool:
    before = ctx.text[max(0, m.start - 20):m.start]
    after = ctx.text[m.end:m.end + 3]
    if m.role is not None:
        return False
    if re.search(r"\b(in|at|from|of)\s+$", before) or re.search(r"[A-Z][\w]+,\s+$", before) and after.startswith(" ("):
        return True
    return False

_GOVERNMENT = re.compile(r"Minister|State Secretary|Secretary of State|Ambassador|Permanent Representative|"
                         r"Director|Police|Chancellor|President|Prime")

def persons_with_posts(ctx: Context) -> list[Person]:
    """Posts for each person: the most specific title a mention gives, the state or body it belongs to."""
    doc_portfolio = ctx.portfolio
    persons = []
    for cluster in ctx.clusters:
        titled = [(m.role.title, m.role.org) for m in cluster.mentions if m.role]
        specific = [t for t in titled if t[0] not in {"Minister", "counterpart"}]
        chosen = specific or titled
        posts: list[Post] = []
        for title, org in chosen:
            if title == "Minister" and doc_portfolio:
                title = doc_portfolio
            if org is None:
                org = next((o for t, o in chosen if o is not None and t == title), None)
            if org is None:
                org = next((o for _, o in titled if o is not None and o.country_code), None)
            if org is None and ctx.home and _GOVERNMENT.search(title):
                org = Org(gz.country_label(ctx.home), ctx.home)
            post = Post(title, org)
            if post not in posts:
                posts.append(post)
        # "Minister" and "Minister of the Interior" of the same state are one post
        posts = [p for p in posts if not (p.role_title in {"Minister", "counterpart"}
                                          and any(q.role_title not in {"Minister", "counterpart"} for q in posts))]
        posts = [p for p in posts if not any(q is not p and q.org == p.org and q.role_title.startswith(p.role_title + " ")
                                             for q in posts)]
        persons.append(Person(cluster.name, posts))
    # a bare "Minister" who meets a counterpart holds the counterpart's office
    if "counterpart" in ctx.text:
        portfolios = {p.posts[0].role_title for p in persons if p.posts and p.posts[0].role_title.startswith("Minister ")}
        if len(portfolios) == 1:
            for person in persons:
                person.posts = [Post(next(iter(portfolios)), p.org) if p.role_title == "Minister" else p
                                for p in person.posts]
    # a counterpart holds the same office as the person they meet
    main_title = next((p.posts[0].role_title for p in persons if p.posts and p.posts[0].role_title != "counterpart"), None)
    for person in persons:
        person.posts = [Post(main_title, p.org) if p.role_title == "counterpart" and main_title else p
                        for p in person.posts]
        person.posts = [p for p in person.posts if p.role_title != "counterpart"]
    return persons

def signer_from_the_organising_side(ctx: Context, meetings: list[Meeting]) -> None:
    """Whoever signs a release about a meeting, with no state of their own given, speaks for the state that organised it."""
    hosts = [o for o in (meetings[0].convener_orgs if meetings else []) if o.country_code]
    if len(hosts) != 1:
        return
    for idx in ctx.signers:
        if any(m.role and m.role.org for m in ctx.clusters[idx].mentions):
            continue
        person = ctx.persons[idx]
        person.posts = [Post(p.role_title, hosts[0]) for p in person.posts]

def post_for_unposted_speaker(ctx: Context, attributions: list[Attribution]) -> None:
    """A minister's office named without a name ("Foreign Minister after the meeting: ...")
    belongs to the main speaker when that speaker has no office of their own."""
    portfolio = ctx.portfolio
    if not portfolio:
        return
    said = Counter(h for a in attributions for h in a.holders if not ctx.persons[h].posts)
    if not said:
        return
    speaker = said.most_common(1)[0][0]
    org = Org(gz.country_label(ctx.home), ctx.home) if ctx.home else None
    ctx.persons[speaker].posts = [Post(portfolio, org)]

def document_portfolio(ctx: Context) -> str | None:
    """A minister's portfolio stated without a name, in the title or for a group of ministers."""
    candidates = [r for r in find_roles(ctx.text[: max(ctx.title_end, 1)]) if r.title.startswith("Minister ")]
    if not candidates:
        candidates = [r for r in find_roles(ctx.text) if r.plural and r.title.startswith("Minister ")]
    return candidates[0].title if candidates else None

def affiliation_from_own_words(ctx: Context, attributions: list[Attribution]) -> None:
    """A person whose office names no state speaks for the state that is the subject in their quoted words."""
    quotes = ctx.quotes
    for a in attributions:
        for idx in a.holders:
            person = ctx.persons[idx]
            if not person.posts or any(m.role and m.role.org for m in ctx.clusters[idx].mentions):
                continue
            for tok in a.sent:
                if tok.dep_ != "nsubj" or not any(q[0] <= tok.idx < q[1] for q in quotes):
                    continue
                code = gz.country_code(tok.text)
                if code:
                    person.posts = [Post(p.role_title, Org(gz.country_label(code), code)) for p in person.posts]
                    break
