"""One document's facts from a parsed spaCy ``Doc``: people, meetings, counterparts, positions.

The rules work on the dependency parse and on general gazetteers; they name no document's
people or sentences. Each step is a small function over plain data so it can be tested alone.
"""
from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from datetime import date

from spacy.tokens import Doc, Span, Token

from polgraph.extract import gazetteer as gz
from polgraph.extract.dates import explicit_dates, has_relative_today, relative_dates
from polgraph.extract.people import (
    NameMention,
    PersonCluster,
    cluster_people,
    find_name_mentions,
    find_roles,
    scan_name,
)
from polgraph.extract.stance import stance_for
from polgraph.extract.topics import TopicHit, TopicScheme
from polgraph.models import Extraction, Meeting, MeetingKind, Org, Person, Place, Position, Post, SourceDocument

logger = logging.getLogger(__name__)

_MEETING_NOUN = re.compile(
    r"\b(meetings?|session|summit|[Ss]ummit|conference|Conference|Council|council|video call|phone call|"
    r"telephone call|videoconference|video conference|video link|visit|talks|ceremony|event|forum|Forum|"
    r"telephone conversation|phone conversation|conversation|"
    r"discussion|reception|consultations|dinner)\b")
_LABEL_RE = re.compile(
    r"(?:(?:an?|the|this year's|this year’s)\s+)?"
    r"((?:(?:[A-Z][\w'’-]*|\d+\w*|informal|formal|extraordinary|regular|trilateral|bilateral|working|ministerial|"
    r"traditional|two-day|first|second|last|joint|high-level|annual|plenary|inaugural|official|video|phone|"
    r"telephone|EU|of|and|the|foreign|interior|defence|finance|justice|health|environment|agriculture|"
    r"economic|ministers|leaders|government|home|affairs|security|courtesy|ministerial|heads)\s+){0,8}"
    r"(?:meetings?|session|[Ss]ummit|[Cc]onference|Council|council|video call|phone call|telephone call|"
    r"videoconference|video conference|visit|talks|ceremony|event|[Ff]orum|reception|consultations)"
    r"(?:\s+(?:of|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*|EU|and|of|the|for)(?:\s+(?:[A-Z][\w'’-]*|EU|and|of|the|for|"
    r"\([A-Z]+\)|interior|foreign|home|affairs|justice|defence|finance|health|environment|agriculture|economic))*"
    r"(?:\s+(?:leaders|ministers|heads of state or government|member states|representatives))?)?)")
_NOT_A_MEETING = re.compile(r"^(?:President|Minister|Commissioner|Secretary|Chancellor)\b|\b(?:of|on)$|\bPresidency\b")
_ATTEND_LEMMAS = {"attend", "participate", "take", "meet", "hold", "host", "visit", "chair", "organise",
                  "organize", "gather", "join", "represent", "pay", "talk", "have", "convene"}
_DISCUSS_LEMMAS = {"discuss", "focus", "address", "exchange", "debate", "examine", "touch", "talk", "agree",
                   "consider", "review", "assess", "dedicate", "devote", "concern"}
_MEET_LEMMAS = {"meet", "talk", "hand", "pass", "receive", "welcome", "host", "visit", "call"}
_OTHER_TIME = re.compile(
    r"\b(ago|last (?:year|month|week|summer|autumn|spring|winter)|previous(?:ly)?|earlier this year|"
    r"at the end of (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"in (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"in (?:19|20)\d\d|in (?:summer|spring|autumn|winter))\b")
_MARGINS = re.compile(r"\b(?:[Ii]n|[Oo]n) the (?:margins|sidelines|fringes) of (?:the )?(\w+(?: \w+)?)")
_PLACE_PREP = re.compile(r"\b(?:in|at|on the island of|to)\s+(?:the\s+)?")
_VENUE = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+(?:Castle|Centre|Center|Palace|House|Hall|Square))")
_SPEECH_LEMMAS = {"say", "state", "stress", "emphasise", "emphasize", "underline", "underscore", "point", "note",
                  "highlight", "explain", "add", "conclude", "express", "mention", "affirm", "reiterate", "tell",
                  "remark", "observe", "announce", "declare", "put", "raise"}
_FIRST_PERSON = re.compile(r"^(?:I|we|We|my|My|our|Our)$")


@dataclass
class Context:
    """What the rules know about a document while reading it."""

    doc: Doc
    source: SourceDocument
    scheme: TopicScheme
    clusters: list[PersonCluster] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    home: str | None = None
    title_end: int = 0
    mention_person: dict[int, int] = field(default_factory=dict)  # mention start -> person index
    speakers: set[int] = field(default_factory=set)  # people the document quotes or reports
    protagonist: int | None = None  # index of the person the document is about
    signers: set[int] = field(default_factory=set)  # people who sign a paragraph (a quote box, a signature)

    text: str = ""  # the document's text (spaCy rebuilds Doc.text on every access)
    portfolio: str | None = None  # a minister's portfolio the document names without a name

    def __post_init__(self) -> None:
        self.text = self.doc.text


# ---------------------------------------------------------------- entry point

def extract_document(doc: Doc, source: SourceDocument, scheme: TopicScheme) -> Extraction:
    """All facts of one parsed document."""
    ctx = Context(doc, source, scheme)
    ctx.title_end = _title_end(ctx)
    ctx.clusters = _people(ctx)
    ctx.portfolio = _document_portfolio(ctx)
    ctx.home = home_country(ctx)
    ctx.persons = _persons_with_posts(ctx)
    main = _protagonist(ctx)
    ctx.protagonist = ctx.clusters.index(main) if main is not None else None
    for i, c in enumerate(ctx.clusters):
        for m in c.mentions:
            ctx.mention_person[m.start] = i
    attributions = attribute_sentences(ctx)
    ctx.speakers = {h for a in attributions for h in a.holders}
    _post_for_unposted_speaker(ctx, attributions)
    _affiliation_from_own_words(ctx, attributions)
    meetings, sentence_meeting = find_meetings(ctx)
    _signer_from_the_organising_side(ctx, meetings)
    meets = find_meets(ctx, meetings)
    if meetings:
        placed = {i for m in meetings for i in m.attendees}
        for a, b in meets:
            for i in (a, b):
                if i not in placed and ctx.persons[i].name:
                    meetings[0].attendees.append(i)
                    placed.add(i)
    positions = find_positions(ctx, attributions, sentence_meeting, meetings)
    return Extraction(document=source, persons=ctx.persons, meetings=meetings, meets=meets, positions=positions)


def _title_end(ctx: Context) -> int:
    title = ctx.source.title
    if title and title in ctx.text[: len(title) + 200]:
        return ctx.text.index(title) + len(title)
    return 0


# ---------------------------------------------------------------- home country

def _protagonist(ctx: Context) -> PersonCluster | None:
    """The person the document is about: named as a subject most often, then named most often."""
    subject_starts = {t.idx for t in ctx.doc if t.dep_ in {"nsubj", "nsubjpass"}}

    def weight(c: PersonCluster) -> tuple[int, int, int]:
        as_subject = sum(1 for m in c.mentions if any(m.start <= i < m.end for i in subject_starts))
        return as_subject, len(c.mentions), -c.first_offset

    return max(ctx.clusters, key=weight) if ctx.clusters else None


_MARKING = re.compile(r"\b(?:with|to|met|meets|received|welcomed|visited|his|her|their|hosted by|chaired by|"
                      r"convened by|invited by)\s+(?:the\s+)?(?:new\s+)?$")


def _other_side_spans(ctx: Context, protagonist: PersonCluster) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Text spans naming the other side (offices of people met, counterparts' states) and other people's offices."""
    marked: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    for cluster in ctx.clusters:
        for mention in cluster.mentions:
            if cluster is protagonist or mention.role is None:
                continue
            before = ctx.text[max(0, mention.role.start - 30):mention.role.start]
            span = (mention.role.start, mention.role.end)
            (marked if _MARKING.search(before) or mention.role.title == "counterpart" else others).append(span)
    for cm in _COUNTERPARTS_FROM.finditer(ctx.text):
        end = re.search(r"[.;(\n]", ctx.text[cm.end():])
        marked.append((cm.end(), cm.end() + (end.start() if end else 0)))
    return marked, others


def _naming_weight(ctx: Context, start: int, end: int) -> float:
    """How much one naming of a state says the text speaks for it (see home_country)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    tok = span.root if span is not None else None
    while tok is not None and tok.dep_ in {"conj", "appos"} and tok.head is not tok:
        tok = tok.head
    if tok is not None and tok.dep_ in {"nsubj", "nsubjpass"}:
        says = tok.head.lemma_ in gz.REPORTING_VERBS or any(c.lemma_ in gz.REPORTING_VERBS for c in tok.head.children)
        return 4.0 if says else 2.0
    if tok is not None and tok.dep_ == "poss" or ctx.text[end:end + 2] in {"'s", "’s"}:
        return 2.0
    if tok is not None and tok.dep_ == "pobj":
        return 0.25
    return 1.0


def home_country(ctx: Context) -> str | None:
    """The state the document speaks for, or None when the text gives no clear one.

    The protagonist's office gives it when it names a state. Otherwise each naming of a state
    counts: as the subject of a statement ("Slovenia supports") 4, as a possessor 2, as the
    object of a preposition ("the war in Ukraine") 0.25, otherwise 1; a nationality marking the
    office of someone met ("met with Serbian President X", "his Croatian colleague") counts -2,
    since releases mark the other side and leave their own unmarked. A city as subject ("Prague
    hosted") adds 2 for its state. (A dateline's city does not count: releases are datelined
    where the event is, at home or abroad.)
    The winner must lead the runner-up clearly.
    """
    protagonist = _protagonist(ctx)
    if protagonist is None:
        return None
    own = [m.role.org.country_code for m in protagonist.mentions if m.role and m.role.org and m.role.org.country_code]
    if own:
        return Counter(own).most_common(1)[0][0]
    marked, others = _other_side_spans(ctx, protagonist)
    counts: dict[str, float] = defaultdict(float)
    for naming in gz.country_regex().finditer(ctx.text):
        code = gz.country_code(naming.group(1))
        if not code or any(a <= naming.start(1) < b for a, b in others):
            continue
        if any(a <= naming.start(1) < b for a, b in marked):
            counts[code] -= 2
        else:
            counts[code] += _naming_weight(ctx, naming.start(1), naming.end(1))
    for cm in gz.city_regex().finditer(ctx.text):
        span = ctx.doc.char_span(cm.start(1), cm.end(1), alignment_mode="expand")
        if span is not None and span.root.dep_ == "nsubj":
            counts[gz.CITIES[cm.group(1)]] += 2  # "Prague hosted ..."
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    if not ranked or ranked[0][1] <= 0:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if ranked[0][1] - runner_up < min(1.0, 0.5 * ranked[0][1]):
        return None
    return ranked[0][0]


# ---------------------------------------------------------------- people

def _speaker_offsets(doc: Doc) -> set[int]:
    """Start offsets of proper names that are subjects of reporting verbs ("Landsbergis said")."""
    found = set()
    for tok in doc:
        if tok.lemma_ in gz.REPORTING_VERBS or tok.lemma_ in _ATTEND_LEMMAS:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ == "PROPN":
                    first = min(child.subtree, key=lambda t: t.i)
                    found.add(first.idx if first.pos_ == "PROPN" else child.idx)
    return found


def _people(ctx: Context) -> list[PersonCluster]:
    roles = find_roles(ctx.text)
    speakers = _speaker_offsets(ctx.doc)
    mentions = find_name_mentions(ctx.doc, roles)
    covered = {m.start for m in mentions}
    said = {t.idx for t in ctx.doc if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.head.lemma_ in _SPEECH_LEMMAS
            and t.ent_type_ in {"", "PERSON", "ORG"} and t.n_lefts == 0 and not t.text.isupper()
            and not gz.body_for(t.text)}
    for offset in sorted((speakers & said) - covered):  # "Weiss said": a surname the statistical NER missed
        found = scan_name(ctx.text, offset, max_tokens=3)
        if found and found[0] == offset:
            mentions.append(NameMention(found[0], found[1], found[2], None, False))
    mentions = [m for m in mentions if not _is_place_like(ctx, m)]
    return cluster_people(sorted(mentions, key=lambda m: m.start), speakers)


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


def _persons_with_posts(ctx: Context) -> list[Person]:
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
        specific = {p.posts[0].role_title for p in persons if p.posts and p.posts[0].role_title.startswith("Minister ")}
        if len(specific) == 1:
            for person in persons:
                person.posts = [Post(next(iter(specific)), p.org) if p.role_title == "Minister" else p for p in person.posts]
    # a counterpart holds the same office as the person they meet
    main_title = next((p.posts[0].role_title for p in persons if p.posts and p.posts[0].role_title != "counterpart"), None)
    for person in persons:
        person.posts = [Post(main_title, p.org) if p.role_title == "counterpart" and main_title else p
                        for p in person.posts]
        person.posts = [p for p in person.posts if p.role_title != "counterpart"]
    return persons


def _signer_from_the_organising_side(ctx: Context, meetings: list[Meeting]) -> None:
    """Whoever signs a release about a meeting, with no state of their own given, speaks for the state that organised it."""
    hosts = [o for o in (meetings[0].convener_orgs if meetings else []) if o.country_code]
    if len(hosts) != 1:
        return
    for idx in ctx.signers:
        if any(m.role and m.role.org for m in ctx.clusters[idx].mentions):
            continue
        person = ctx.persons[idx]
        person.posts = [Post(p.role_title, hosts[0]) for p in person.posts]


def _post_for_unposted_speaker(ctx: Context, attributions: list[Attribution]) -> None:
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


def _document_portfolio(ctx: Context) -> str | None:
    """A minister's portfolio stated without a name, in the title or for a group of ministers."""
    candidates = [r for r in find_roles(ctx.text[: max(ctx.title_end, 1)]) if r.title.startswith("Minister ")]
    if not candidates:
        candidates = [r for r in find_roles(ctx.text) if r.plural and r.title.startswith("Minister ")]
    return candidates[0].title if candidates else None


def _affiliation_from_own_words(ctx: Context, attributions: list[Attribution]) -> None:
    """A person whose office names no state speaks for the state that is the subject in their quoted words."""
    quotes = _quote_spans(ctx.text)
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


# ---------------------------------------------------------------- who says what

@dataclass
class Attribution:
    """A sentence (or the part of it a speaker says) attributed to people."""

    sent: Span
    holders: list[int]
    verb: Token | None
    subject_span: tuple[int, int] | None
    quoted: bool


def _persons_in(ctx: Context, start: int, end: int) -> list[int]:
    found = []
    for c_i, c in enumerate(ctx.clusters):
        if any(start <= m.start < end for m in c.mentions) and c_i not in found:
            found.append(c_i)
    return found


def _last_person_before(ctx: Context, offset: int, *, title_word: str | None = None, country: str | None = None) -> int | None:
    best: tuple[int, int] | None = None
    for c_i, c in enumerate(ctx.clusters):
        if title_word and not any(title_word.lower() in p.role_title.lower() for p in ctx.persons[c_i].posts):
            continue
        if country and not any(p.org and p.org.country_code == country for p in ctx.persons[c_i].posts):
            continue
        starts = [m.start for m in c.mentions if m.start < offset]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), c_i)
    if best is None and (title_word or country):
        # the subject may come before its first naming only in a title; take the first such person
        for c_i in range(len(ctx.clusters)):
            if title_word and any(title_word.lower() in p.role_title.lower() for p in ctx.persons[c_i].posts):
                return c_i
    return best[1] if best else None


def _holds_title(ctx: Context, person: int, word: str) -> bool:
    return any(word.lower() in p.role_title.lower() for p in ctx.persons[person].posts)


def _resolve_subject(ctx: Context, subj: list[Token], state: dict[str, Any], *,
                     countries: bool = True) -> list[int]:
    """People named, referred to or (with ``countries``) spoken for by a subject phrase."""
    if not subj:
        return []
    start = min(t.idx for t in subj)
    end = max(t.idx + len(t) for t in subj)
    named = _persons_in(ctx, start, end)
    if named:
        return named
    words = [t.text for t in subj]
    head = subj[0] if len(subj) == 1 else next((t for t in subj if t.dep_ in {"nsubj", "nsubjpass", "pobj"}), subj[-1])
    if head.lower_ in {"he", "she"}:
        last = state.get("speaker")
        if last is None:
            last = _last_person_before(ctx, start)
        return [last] if last is not None else []
    phrase = " ".join(words)
    roles = find_roles(phrase)
    if re.search(r"\bhead of \w+ diplomacy\b", phrase, re.IGNORECASE):
        cand = _last_person_before(ctx, start, title_word="Foreign")
        return [cand] if cand is not None else []
    if roles and not roles[0].plural and re.match(r"(?:the|The)\b", phrase):
        title = roles[0].title
        word = title.split()[-1] if title not in {"Minister"} else "Minister"
        country = roles[0].org.country_code if roles[0].org else None
        cand = _last_person_before(ctx, start, title_word=word, country=country)
        if cand is None and country:
            cand = _last_person_before(ctx, start, title_word=word)
        main = ctx.protagonist
        if country is None and main is not None and cand != main and _holds_title(ctx, main, word) \
                and any(m.start < start for m in ctx.clusters[main].mentions):
            cand = main  # "the Prime Minister" with two prime ministers named: the document's own
        return [cand] if cand is not None else []
    code = gz.country_code(phrase.replace("’s", "").replace("'s", "")) if len(subj) <= 4 and countries else None
    if code:
        cand = _last_person_before(ctx, start, country=code)
        if cand is None:
            cand = _last_person_before(ctx, end + 10_000, country=code)
        if cand is None and code == ctx.home:
            cand = _last_person_before(ctx, start)
        return [cand] if cand is not None else []
    if re.fullmatch(r"(?:[Tt]hey|[Bb]oth(?: \w+)?|[Tt]he two \w+(?: \w+)?|[Tt]he three \w+(?: \w+)?)", phrase):
        group = state.get("group")
        if isinstance(group, list) and len(group) > 1:
            return list(group)
        return _last_two_people(ctx, start)
    return []


def _last_two_people(ctx: Context, offset: int) -> list[int]:
    """The two people last named before ``offset`` within the preceding ~600 characters."""
    recent = sorted(((m.start, i) for i, c in enumerate(ctx.clusters) for m in c.mentions
                     if offset - 600 < m.start < offset), reverse=True)
    found: list[int] = []
    for _, i in recent:
        if i not in found:
            found.append(i)
    return sorted(found[:2]) if len(found) >= 2 else []


def _subject_tokens(verb: Token) -> list[Token]:
    """The subject phrase of a verb: its nsubj, the agent of a passive or participle, or its head's subject."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if agent is not None and (not subjects or subjects[0].dep_ == "nsubjpass"):
            return sorted(list(agent.subtree)[1:], key=lambda t: t.i)
        if subjects:  # "The host of the meeting, Minister X, said": the parser may give two
            return sorted({t for subj in subjects for t in subj.subtree}, key=lambda t: t.i)
        if tok.dep_ in {"conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "acl"} and tok.head is not tok:
            tok = tok.head
        else:
            break
    return []


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches: “...”, "...", and a quote left open until the end of its paragraph."""
    spans = []
    for m in re.finditer(r"[“\"]([^“”\"]{3,}?)(?:[”\"]|(?=\n\n)|$)", text):
        spans.append((m.start(), m.end()))
    return spans


def _signed_paragraphs(ctx: Context) -> dict[tuple[int, int], int]:
    """Paragraphs signed by a line holding only a person's name and office (a quote box, a signature)."""
    text = ctx.text
    signed: dict[tuple[int, int], int] = {}
    for i, cluster in enumerate(ctx.clusters):
        for m in cluster.mentions:
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line_end = len(text) if line_end < 0 else line_end
            rest = text[line_start:m.start] + " " + text[m.end:line_end]
            if m.role is not None:
                rest = rest.replace(text[m.role.start:m.role.end], " ")
            if re.sub(r"[\s,;:–-]+", "", rest):
                continue
            if line_start < 2 or text[line_start - 2:line_start] != "\n\n" and not _is_role_line(text, line_end):
                continue
            para_end = text.rfind("\n\n", 0, line_start)
            para_start = text.rfind("\n\n", 0, max(para_end, 0)) + 2
            if para_end > para_start >= ctx.title_end:
                signed[(para_start, para_end)] = i
    return signed


def _is_role_line(text: str, line_end: int) -> bool:
    nxt = text[line_end + 1:text.find("\n", line_end + 1) if text.find("\n", line_end + 1) > 0 else len(text)]
    roles = find_roles(nxt)
    return bool(roles) and roles[0].start <= 4


_THESE_ARE = re.compile(r"^\s*(?:(?:These|This|They|It|Those)\s+(?:are|is|were|was|include|includes|included|would)|"
                        r"The (?:aim|goal|purpose|objective) (?:is|was))\b")


# "At the same time it is essential to ...": the same speaker goes on, in the same paragraph
_CONNECTIVE = re.compile(r"^\s*(?:At the same time|In addition|Furthermore|Moreover|Also|Likewise|Similarly|"
                         r"In this regard|In this context|To this end|Therefore)\b")
_EVALUATIVE = re.compile(r"\b(?:essential|important|crucial|necessary|vital|key|must|should|need to|needs to|priority)\b")


def _continuation(ctx: Context, sent: Span, last: Attribution, quotes: list[tuple[int, int]]) -> Attribution | None:
    """A sentence that goes on with what the last speaker said.

    "These are ..." right after a statement; or words inside a quotation nobody else is
    credited with, within two paragraphs of that speaker's last statement.
    """
    gap = ctx.text[last.sent.end_char:sent.start_char]
    if gap.count("\n\n") == 0 and _THESE_ARE.match(sent.text) and sent.start_char - last.sent.end_char < 5:
        return Attribution(sent, last.holders, last.verb, None, last.quoted)
    if (gap.count("\n\n") == 0 and sent.start_char - last.sent.end_char < 5 and _CONNECTIVE.match(sent.text)
            and _EVALUATIVE.search(sent.text) and not _persons_in(ctx, sent.start_char, sent.end_char)):
        return Attribution(sent, last.holders, last.verb, None, last.quoted)
    in_quote = any(q[0] <= sent.start_char + 2 < q[1] or sent.start_char <= q[0] < sent.end_char for q in quotes)
    if in_quote and gap.count("\n\n") <= 2 and len(last.holders) == 1:
        return Attribution(sent, last.holders, None, None, True)
    return None


def attribute_sentences(ctx: Context) -> list[Attribution]:
    """Each sentence that states someone's view, with the people who hold it."""
    doc = ctx.doc
    quotes = _quote_spans(ctx.text)
    state: dict[str, Any] = {"speaker": None, "group": None}
    out: list[Attribution] = []
    sents = list(doc.sents)
    quote_speaker: dict[tuple[int, int], list[int]] = {}
    # first pass: who speaks each quote
    for q in quotes:
        for sent in sents:
            if sent.end_char < q[0] or sent.start_char > q[1] + 1:
                continue
            for tok in sent:
                if q[0] <= tok.idx < q[1] or tok.lemma_ not in gz.REPORTING_VERBS:
                    continue
                holders = _resolve_subject(ctx, _subject_tokens(tok), state)
                if holders:
                    quote_speaker.setdefault(q, holders)
        if q not in quote_speaker:
            tail = ctx.text[q[1]:q[1] + 60]
            m = re.match(r"[,.]?\s*(?:the \w+ )?(?:said|stated|added|concluded|noted|stressed)\s+(?:the\s+)?", tail)
            if m:
                holders = _persons_in(ctx, q[1], q[1] + 60)
                if not holders:
                    after = [t for t in ctx.doc if q[1] + m.end() <= t.idx < q[1] + 60]
                    phrase: list[Token] = []
                    for t in after:
                        if t.is_punct:
                            break
                        phrase.append(t)
                    holders = _resolve_subject(ctx, phrase, state)
                if holders:
                    quote_speaker[q] = holders[:1]
    signed = _signed_paragraphs(ctx)
    ctx.signers = set(signed.values())
    for sent in sents:
        if sent.start_char < ctx.title_end:
            continue
        attributed: Attribution | None = None
        signer = next((who for (a, b), who in signed.items() if a <= sent.start_char < b), None)
        if signer is not None:
            out.append(Attribution(sent, [signer], None, None, True))
            state["speaker"] = signer
            continue
        for tok in sent:
            if tok.lemma_ not in gz.REPORTING_VERBS or tok.pos_ not in {"VERB", "AUX"}:
                continue
            if any(q[0] <= tok.idx < q[1] for q in quotes):
                continue
            if tok.dep_ == "acl" and tok.lemma_ not in _SPEECH_LEMMAS:
                continue  # "an initiative backed by X": not a statement X makes here
            subj = _subject_tokens(tok)
            holders = _resolve_subject(ctx, subj, state)
            if holders:
                span = (min(t.idx for t in subj), max(t.idx + len(t) for t in subj)) if subj else None
                attributed = Attribution(sent, holders, tok, span, False)
                break
        if attributed is None:
            m = re.search(r"\b(?:According to|In the opinion of|In the view of)\s+(?:the\s+)?", sent.text)
            if m:
                start = sent.start_char + m.end()
                holders = _persons_in(ctx, start, start + 60)
                if not holders:
                    subj = [t for t in sent if start <= t.idx < start + 40 and t.dep_ in {"pobj", "compound", "amod"}]
                    holders = _resolve_subject(ctx, subj, state)
                if holders:
                    attributed = Attribution(sent, holders[:1], None, None, False)
        if attributed is None:
            inside = [q for q in quotes if q[0] <= sent.start_char + 2 and sent.end_char - 2 <= q[1]
                      or (q[0] <= sent.start_char + 2 < q[1]) or (sent.start_char <= q[0] < sent.end_char)]
            for q in inside:
                if q in quote_speaker:
                    attributed = Attribution(sent, quote_speaker[q], None, None, True)
                    break
        if attributed is None and out:
            attributed = _continuation(ctx, sent, out[-1], quotes)
        if attributed is not None:
            state["speaker"] = attributed.holders[0]
            if len(attributed.holders) > 1:
                state["group"] = attributed.holders
            out.append(attributed)
        else:
            named = _persons_in(ctx, sent.start_char, sent.end_char)
            if named:
                state["speaker"] = named[0]
    return out


# ---------------------------------------------------------------- positions

def _antecedent(sents: list[Span], i: int, noun: str) -> Span | None:
    """The sentence an anaphor in ``sents[i]`` ("this principle") points back to: the nearest of the
    three before that names the same noun, else the one just before."""
    before = sents[max(0, i - 3):i]
    stem = noun.lower().rstrip("s")
    for cand in reversed(before):
        if stem in cand.text.lower():
            return cand
    return before[-1] if before else None


_ANAPHORA = re.compile(r"\bth(?:is|ese|at) (dossiers?|issues?|topics?|areas?|principles?|proposals?|files?|matters?|"
                       r"mechanisms?|solutions?|initiatives?|measures?|regulations?|process|approach|questions?|"
                       r"polic(?:y|ies)|goals?|objectives?)\b", re.IGNORECASE)
# Topics a meeting can discuss but nobody takes a stance on: the presidency is who chairs, not a policy
_NOT_STANCE_TOPICS = {"council-presidency"}
# Topics that frame a statement rather than state its subject, dropped when a sentence names another.
_CONTEXT_TOPICS = {"council-presidency", "bilateral-relations"}


MAX_TOPICS_PER_STATEMENT = 3
# "Regarding the forthcoming Eurogroup meeting, X said ...": the opening phrase frames, the rest states
_FRAMING = re.compile(r"(?:Regarding|As regards|With regard to|Concerning|In view of|Ahead of|During|At|After|Before|"
                      r"Following|Prior to|On the (?:margins|sidelines) of)\b[^,]{3,120},")


def _main_topics(topic_ids: list[str], hits: list[TopicHit]) -> list[str]:
    """At most three topics a statement is about: those named first (a list of many is a catalogue, not a stance)."""
    first_at = {t: min(h.start for h in hits if h.topic_id == t) for t in topic_ids if any(h.topic_id == t for h in hits)}
    return sorted(topic_ids, key=lambda t: first_at.get(t, 0))[:MAX_TOPICS_PER_STATEMENT]


def _side_clauses(sent: Span, offset: int) -> list[tuple[int, int]]:
    """Character spans (relative to ``offset``) of relative clauses: "..., which would lead to ..."."""
    spans = []
    for tok in sent:
        if tok.dep_ == "relcl" and tok.head.i < tok.i:
            sub = list(tok.subtree)
            spans.append((sub[0].idx - offset, sub[-1].idx + len(sub[-1]) - offset))
    return spans


def _inside(hit: TopicHit, spans: list[tuple[int, int]]) -> bool:
    return any(a <= hit.start < b for a, b in spans)


def find_positions(ctx: Context, attributions: list[Attribution], sentence_meeting: dict[int, int],
                   meetings: list[Meeting]) -> list[Position]:
    """A position per person and topic stated in an attributed sentence (first statement kept)."""
    positions: list[Position] = []
    seen: set[tuple[int, str]] = set()
    sents = list(ctx.doc.sents)
    sents_index = {s.start_char: i for i, s in enumerate(sents)}
    for a in attributions:
        sent = a.sent
        start, end = _trim(ctx.text, sent.start_char, sent.end_char)
        evidence = ctx.text[start:end]
        hits = ctx.scheme.find(evidence)
        if a.subject_span:
            hits = [h for h in hits if not (a.subject_span[0] <= start + h.start < a.subject_span[1])]
        frame = _FRAMING.match(evidence)
        if frame and any(h.start >= frame.end() for h in hits):
            hits = [h for h in hits if h.start >= frame.end()]
        side = _side_clauses(sent, start)
        if any(not _inside(h, side) for h in hits):
            hits = [h for h in hits if not _inside(h, side)]
        hits = [h for h in hits if h.topic_id not in _NOT_STANCE_TOPICS]
        anaphoric = False
        if not hits and (anaphor := _ANAPHORA.search(evidence)):
            antecedent = _antecedent(sents, sents_index.get(sent.start_char, 0), anaphor.group(1))
            if antecedent is not None:
                hits = [h for h in ctx.scheme.find(antecedent.text) if h.topic_id not in _NOT_STANCE_TOPICS]
                anaphoric = True
        topic_ids = ctx.scheme.most_specific([h.topic_id for h in hits])
        topic_ids = [t for t in topic_ids if t not in ctx.scheme.top_concepts] or topic_ids[:1]
        if len(topic_ids) > 1:
            topic_ids = [t for t in topic_ids if t not in _CONTEXT_TOPICS] or topic_ids
        topic_ids = _main_topics(topic_ids, hits)
        meeting = sentence_meeting.get(sent.start_char)
        if meeting is None and meetings:
            meeting = 0
        for topic_id in topic_ids:
            hit = next(h for h in hits if h.topic_id == topic_id)
            if anaphoric:
                hit = type(hit)(topic_id, 0, 0, "")
            stance = stance_for(evidence, hit.start, hit.end, a.verb.lemma_ if a.verb is not None else None,
                                ctx.scheme.ancestors(topic_id) + (topic_id,))
            for holder in a.holders:
                if (holder, topic_id) in seen:
                    continue
                seen.add((holder, topic_id))
                positions.append(Position(holder, topic_id, stance, evidence, start, end, meeting))
    return positions


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\r":
        start += 1
    while end > start and text[end - 1] in " \t\n\r":
        end -= 1
    return start, end


# ---------------------------------------------------------------- meetings

def _meeting_label(sentence: str) -> str | None:
    for m in _LABEL_RE.finditer(sentence):
        label = " ".join(m.group(1).split())
        label = re.sub(r"\s+(?:of|on|and|the|for)$", "", label)
        label = re.sub(r"^(?:(?:of|and|the|The|for|on|a|A|an|An)\s+)+", "", label)
        if label.lower() in {"discussion", "dinner", "event", "talks"} and len(label.split()) == 1:
            continue
        if _NOT_A_MEETING.search(label):
            continue
        return label[0].upper() + label[1:]
    return None


# Meeting kinds by the words of a meeting's name, first match wins (PLOVER's consult modes where they fit).
_KIND_WORDS: tuple[tuple[tuple[str, ...], MeetingKind], ...] = (
    (("european council", "summit"), "summit"),
    (("council",), "council"),
    (("conference", "forum"), "conference"),
    (("call", "video", "conversation"), "phone"),
    (("visit",), "visit"),
    (("bilateral", "talks"), "bilateral"),
    (("ceremony", "event", "reception"), "event"),
    (("trilateral", "quadrilateral", "informal", "ministers", "leaders"), "multilateral"),
)


def _kind(label: str) -> MeetingKind:
    low = label.lower()
    return next((kind for words, kind in _KIND_WORDS if any(w in low for w in words)), "meeting")


def _place_in(ctx: Context, start: int, end: int) -> Place | None:
    """A city or venue named after 'in'/'at' within [start, end)."""
    text = ctx.text
    for m in _PLACE_PREP.finditer(text, start, end):
        rest = text[m.end():min(end, m.end() + 60)]
        venue = _VENUE.match(rest)
        if venue:
            return Place(venue.group(1), _country_after(text, m.end() + venue.end()) or ctx.home)
        city = gz.city_regex().match(rest)
        if city:
            return Place(city.group(1), gz.CITIES[city.group(1)])
        ent = next((e for e in ctx.doc.ents if e.start_char == m.end() and e.label_ in {"GPE", "FAC", "LOC"}), None)
        if ent is not None and not gz.country_code(ent.text) and not gz.body_for(ent.text) \
                and ent.text not in {"EU", "Europe"} and ent.text[0].isupper():
            return Place(ent.text, _country_after(text, ent.end_char))
    return None


def _country_after(text: str, pos: int) -> str | None:
    m = re.match(r",\s+(?:the\s+)?([A-Z][\w ]+?)\b(?=[,.;)]|\s+[a-z–-])", text[pos:pos + 40])
    return gz.country_code(m.group(1)) if m else None


def _dateline_place(ctx: Context) -> Place | None:
    body = ctx.text[ctx.title_end:ctx.title_end + 300]
    m = re.search(r"(?m)^\s*([A-Z][\w'’ -]+?),\s+(?:[A-Z][\w ]+\s+[–-]|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d)", body)
    if m and m.group(1) in gz.CITIES:
        return Place(m.group(1), gz.CITIES[m.group(1)])
    return None


def _meeting_date(ctx: Context, start: int, end: int) -> date | None:
    """The date a sentence gives its meeting.

    An explicit date, unless it is a date of something else ("the Council of 9 February");
    a dateline opening the sentence ("Ljubljana, 12 March 2019 – ... met yesterday") is the
    publication date, against which its relative words are resolved; relative words
    elsewhere are resolved against the document's publication date, when one is known.
    """
    segment = ctx.text[start:end]
    base = ctx.source.published
    explicit = explicit_dates(segment, start)
    opening = re.match(r"\s*[A-Z][\w .'’-]{0,40},\s*$", ctx.text[start:explicit[0].start]) if explicit else None
    if opening and re.match(r"\s*[–—-]", ctx.text[explicit[0].end:]) and relative_dates(segment, explicit[0].value, start):
        base, explicit = explicit[0].value, explicit[1:]
    for d in explicit:
        if re.search(r"\b(?:of|since|until|from|before|after)\s+(?:the\s+)?$", ctx.text[max(0, d.start - 12):d.start]):
            continue
        return d.value
    rel = relative_dates(segment, base, start)
    return rel[0].value if rel else None


def find_meetings(ctx: Context) -> tuple[list[Meeting], dict[int, int]]:
    """The main meeting of the document, and side meetings held in its margins or beside it."""
    sents = [s for s in ctx.doc.sents if s.start_char >= ctx.title_end]
    title = ctx.text[:ctx.title_end]
    main_sent: Span | None = None
    for sent in sents:
        if _MEETING_NOUN.search(sent.text) or any(t.lemma_ in {"meet", "attend", "visit"} for t in sent):
            has_actor = _persons_in(ctx, sent.start_char, sent.end_char) or find_roles(sent.text) or any(
                t.lemma_ in {"attend", "participate", "meet", "hold", "host", "gather", "take", "visit"} for t in sent)
            if has_actor:
                main_sent = sent
                break
    if main_sent is None and not _MEETING_NOUN.search(title):
        return [], {}
    label = _meeting_label(title) or (_meeting_label(main_sent.text) if main_sent is not None else None) or "Meeting"
    if main_sent is not None and label == "Meeting" and any(t.lemma_ == "meet" for t in main_sent):
        label = "Bilateral meeting"
    lead = next((s for s in sents if not _is_dateline(s.text)), None)
    spans = [(s.start_char, s.end_char) for s in ([main_sent] if main_sent is not None else [])]
    place = None
    for a, b in spans:
        place = _place_in(ctx, a, b)
    if place is None and title:
        place = _place_in(ctx, 0, ctx.title_end)
    if place is None:
        place = _dateline_place(ctx)
    if place is None and lead is not None and lead is not main_sent:
        place = _place_in(ctx, lead.start_char, lead.end_char)
    if place is None:
        place = _hosting_city(ctx)
    if place is None:
        place = _first_city(ctx)
    if _kind(label) == "phone":
        place = None  # a call has no one place; the dateline is where the release was written
    when = None
    for a, b in spans:
        when = _meeting_date(ctx, a, b)
    if when is None and title:
        when = _meeting_date(ctx, 0, ctx.title_end)
    if when is None and lead is not None and lead is not main_sent:
        when = _meeting_date(ctx, lead.start_char, lead.end_char)
    if when is None and ctx.source.published and main_sent is not None and has_relative_today(main_sent.text):
        when = ctx.source.published
    main = Meeting(label=label, kind=_kind(label), date=when, place=place)
    meetings = [main]
    sentence_meeting: dict[int, int] = {}
    side_people: set[int] = set()
    for sent in sents:
        if sent is main_sent:
            continue
        margins = _MARGINS.search(sent.text)
        own = _own_meeting_phrase(sent, margins)
        people = _persons_in(ctx, sent.start_char, sent.end_char)
        if own and people:
            label_side = _meeting_label(own) or "Meeting"
            side = Meeting(label=label_side, kind=_kind(label_side), date=main.date, place=_place_in(
                ctx, sent.start_char, sent.end_char) or main.place, part_of=0 if margins else None)
            side.attendees = list(people)
            side_people.update(people)
            meetings.append(side)
            sentence_meeting[sent.start_char] = len(meetings) - 1
    _attendance(ctx, meetings, main_sent, side_people)
    _conveners(ctx, meetings, main_sent)
    _meeting_topics(ctx, meetings, main_sent, sentence_meeting)
    return meetings, sentence_meeting


def _is_dateline(line: str) -> bool:
    """'Ljubljana, 14 March 2024' or '30.06.2008': a line that only says where and when."""
    text = line.strip()
    dates = explicit_dates(text)
    if not dates or "\n" in text:
        return False
    rest = "".join(ch for i, ch in enumerate(text) if not any(d.start <= i < d.end for d in dates))
    return len(rest.strip(" ,–-")) <= 30


def _first_city(ctx: Context) -> Place | None:
    """The first known city the body places someone 'in' (not in sentences about other times)."""
    for sent in ctx.doc.sents:
        if sent.start_char < ctx.title_end or _OTHER_TIME.search(sent.text):
            continue
        m = next((c for c in gz.city_regex().finditer(sent.text) if sent.text[:c.start()].endswith("in ")), None)
        if m:
            return Place(m.group(1), gz.CITIES[m.group(1)])
    return None


def _hosting_city(ctx: Context) -> Place | None:
    m = re.search(r"\b([A-Z][\w]+) hosted\b", ctx.text)
    if m and m.group(1) in gz.CITIES:
        return Place(m.group(1), gz.CITIES[m.group(1)])
    return None


def _own_meeting_phrase(sent: Span, margins: re.Match[str] | None) -> str | None:
    """A meeting this sentence introduces besides the main one ('a trilateral meeting was held ...')."""
    text = sent.text
    if margins:
        rest = text[:margins.start()] + " " + text[margins.end():]
    else:
        rest = text
    if re.search(r"\bhad (?:already |previously )?(?:held|met)\b", rest) or _OTHER_TIME.search(rest):
        return None
    if not margins and not re.search(r"\b(?:held|attend|attended|participated in|took part in)\s+(?:an?|the)\s+"
                                     r"(?:[\w-]+\s+){0,4}meeting\b(?!s)", rest):
        return None
    m = re.search(r"\b(?:an?|the)\s+((?:[\w-]+\s+){0,3}meeting\b(?!s)(?:\s+of\s+(?:the\s+)?[A-Z0-9][\w-]*(?:\s+[a-zA-Z][\w-]*){0,3})?)",
                  rest)
    if not m:
        return None
    if margins is None and re.match(r"\s*with\b", rest[m.end():]) and re.search(r"\bfirst\b", m.group(1)):
        return None
    return m.group(1)


_PARTICIPATION = re.compile(r"\b(?:participat\w*|attend\w*|present|took part|take part|joined|join|"
                            r"represent\w*|headed by|hosted|host|moderat\w*|chaired)\b")


def _attendance(ctx: Context, meetings: list[Meeting], main_sent: Span | None, side_people: set[int]) -> None:
    """People the document places at the main meeting.

    Named in the meeting's sentence, acting in the document (a subject, a speaker) or listed
    among the participants; not people only mentioned about other times or side meetings.
    """
    main = meetings[0]
    main_people = set(_persons_in(ctx, main_sent.start_char, main_sent.end_char)) if main_sent is not None else set()
    actors = _actors(ctx) | ctx.speakers
    for i, cluster in enumerate(ctx.clusters):
        if i in side_people and i not in main_people:
            continue
        sents = [span.sent for m in cluster.mentions
                 if (span := ctx.doc.char_span(m.start, m.end, alignment_mode="expand")) is not None]
        if i in main_people:
            main.attendees.append(i)
        elif sents and all(_OTHER_TIME.search(s.text) for s in sents):
            continue
        elif i in actors or any(_PARTICIPATION.search(s.text) for s in sents):
            main.attendees.append(i)


def _actors(ctx: Context) -> set[int]:
    """People who are the subject of some verb in the document."""
    found: set[int] = set()
    for tok in ctx.doc:
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "acl":
            found.update(_resolve_subject(ctx, _subject_tokens(tok), {"speaker": None}, countries=False))
    return found


_PRESIDENCY = re.compile(r"\b[Tt]he (" + "|".join(map(re.escape, gz.DEMONYMS)) + r") [Pp]residency\b")


def _conveners(ctx: Context, meetings: list[Meeting], main_sent: Span | None) -> None:
    text = ctx.text
    main = meetings[0]
    for m in re.finditer(r"\b(?:convened|chaired|hosted|organi[sz]ed|presided over)\s+by\s+(?:the\s+)?", text):
        _add_convener(ctx, main, m.end(), text[m.end():m.end() + 100])
    for m in re.finditer(r"\b[Tt]he host of the \w+(?:,| was)\s+(?:the\s+)?", text):
        _add_convener(ctx, main, m.end(), text[m.end():m.end() + 140])
    for m in re.finditer(r"\bat the initiative of\s+", text):
        _add_convener(ctx, main, m.end(), text[m.end():m.end() + 80])
    for m in re.finditer(r"\bvisit(?: by [^.]{0,80}?)? to\s+", text[: ctx.title_end + 400]):
        persons = _persons_in(ctx, m.end(), m.end() + 60)
        if persons:
            _add_person_convener(main, persons[0])
    for m in re.finditer(r"\bunder the auspices of the (\w+) [Pp]residency", text):
        code = gz.DEMONYMS.get(m.group(1))
        if code:
            _add_org_convener(main, Org(gz.country_label(code), code))
    for m in _PRESIDENCY.finditer(text):
        span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        head = span[-1]
        if head.dep_ in {"nsubj", "nsubjpass"} or (head.head.dep_ in {"nsubj"} and head.dep_ == "prep"):
            code = gz.DEMONYMS[m.group(1)]
            _add_org_convener(main, Org(gz.country_label(code), code))
    for m in re.finditer(r"\b(?:[Tt]he\s+)?(Ministry of [A-Z][\w ]+?|Ministry of the [A-Z]\w+) organi[sz]ed\b", text):
        _add_org_convener(main, Org(m.group(1)))


def _add_convener(ctx: Context, meeting: Meeting, start: int, window: str) -> None:
    persons = _persons_in(ctx, start, start + len(window))
    first_person_at = min((m.start for c in persons for m in ctx.clusters[c].mentions if m.start >= start), default=None)
    stop = re.search(r"[.;]|\bwhere\b|\bwhich\b|\bwas\b", window)
    limit = start + (stop.start() if stop else len(window))
    orgs: list[Org] = []
    chunk = ctx.text[start:limit]
    for part in re.split(r",\s+|\s+and\s+(?:the\s+)?", chunk):
        part = part.strip()
        part = re.sub(r"^the\s+", "", part)
        body = gz.body_for(part)
        code = gz.country_code(part)
        if body:
            orgs.append(Org(body))
        elif code:
            orgs.append(Org(gz.country_label(code), code))
        elif re.match(r"(?:[A-Z]\w+\s+)*(?:Ministry|Institute|Bank|Office|Government|Agency|Centre|Foundation)\b", part):
            orgs.append(Org(re.sub(r"^(?:" + "|".join(gz.DEMONYMS) + r")\s+", "", part) if part.split()[0] in gz.DEMONYMS else part))
        elif re.match(r"(\w+) [Pp]residency", part) and gz.DEMONYMS.get(part.split()[0]):
            code = gz.DEMONYMS[part.split()[0]]
            orgs.append(Org(gz.country_label(code), code))
    if first_person_at is not None and first_person_at < limit + 60 and (not orgs or first_person_at - start < 60):
        _add_person_convener(meeting, persons[0])
        return
    for org in orgs:
        _add_org_convener(meeting, org)


def _add_person_convener(meeting: Meeting, person: int) -> None:
    if person not in meeting.convener_persons:
        meeting.convener_persons.append(person)


def _add_org_convener(meeting: Meeting, org: Org) -> None:
    if org not in meeting.convener_orgs:
        meeting.convener_orgs.append(org)


def _meeting_topics(ctx: Context, meetings: list[Meeting], main_sent: Span | None, sentence_meeting: dict[int, int]) -> None:
    """Topics of the title, the meeting's sentence and sentences saying what was discussed."""
    def add(meeting: Meeting, text: str) -> None:
        ids = ctx.scheme.most_specific([h.topic_id for h in ctx.scheme.find(text)])
        for t in ids:
            if t not in meeting.topics:
                meeting.topics.append(t)

    add(meetings[0], ctx.text[:ctx.title_end])
    for sent in ctx.doc.sents:
        idx = sentence_meeting.get(sent.start_char)
        if idx is not None:
            add(meetings[idx], sent.text)
        elif sent is main_sent or any(t.lemma_ in _DISCUSS_LEMMAS for t in sent) or re.search(
                r"\b(?:topics?|agenda|focus(?:ed)?)\b", sent.text):
            add(meetings[0], sent.text)


# ---------------------------------------------------------------- counterparts

_COUNTERPARTS_FROM = re.compile(
    r"\b(?:counterparts?|colleagues?|delegations?)\s+from\s+"
    r"(?:other\s+(?:EU\s+)?(?:member\s+states|countries)\s*[-–:,]\s*|the\s+)?")
_MEET_WITH = re.compile(r"\b(?:video call|phone call|telephone call|talks|meeting|visit|conversation)s?"
                        r"(?:\s+(?!with\b|to\b)[\w’'-]+){0,4}?\s+(?:with|to)\b")


def find_meets(ctx: Context, meetings: list[Meeting]) -> list[tuple[int, int]]:
    """Who met whom: named counterparts, and counterparts known only by their state."""
    pairs: list[tuple[int, int]] = []

    def add(a: int, b: int) -> None:
        if a != b and (a, b) not in pairs and (b, a) not in pairs and (
                _country_of(ctx, a) is None or _country_of(ctx, a) != _country_of(ctx, b)):
            pairs.append((a, b))

    for sent in ctx.doc.sents:
        text = sent.text
        subjects = _subjects_of(ctx, sent)
        m = _COUNTERPARTS_FROM.search(text)
        if m and subjects:
            _unnamed_counterparts(ctx, subjects[0], text[m.end():], add)
            continue
        people = _persons_in(ctx, sent.start_char, sent.end_char)
        if len(people) < 2:
            continue
        between = re.search(r"\b(?:meeting|talks)\s+(?:was\s+|were\s+)?(?:held\s+)?between\b", text)
        if between:
            listed = _persons_in(ctx, sent.start_char + between.end(), sent.end_char)
            for i, a in enumerate(listed):
                for b in listed[i + 1:]:
                    add(a, b)
            continue
        for verb in (t for t in sent if t.lemma_ in _MEET_LEMMAS and t.pos_ == "VERB"):
            subj = _resolve_subject(ctx, _subject_tokens(verb), {"speaker": None})
            objects = [p for p in _persons_in_tokens(ctx, _own_clause(verb)) if p not in subj]
            for a in subj:
                for b in objects[:3]:
                    add(a, b)
        with_m = _MEET_WITH.search(text)
        if with_m and subjects:
            for b in _persons_in(ctx, sent.start_char + with_m.end(), sent.end_char)[:3]:
                for a in subjects:
                    add(a, b)
        if len(subjects) > 1 and any(t.lemma_ in _DISCUSS_LEMMAS | {"commit", "express", "confirm", "endorse", "stress",
                                                                   "meet", "hold", "call", "agree"} for t in sent):
            for i, a in enumerate(subjects):
                for b in subjects[i + 1:]:
                    add(a, b)
    # the title: "A and B discuss ...", "A meets B", "A holds talks with B"
    title_people = _persons_in(ctx, 0, ctx.title_end)
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


def _persons_in_tokens(ctx: Context, tokens: list[Token]) -> list[int]:
    found: list[int] = []
    for tok in tokens:
        for p in _persons_in(ctx, tok.idx, tok.idx + len(tok)):
            if p not in found:
                found.append(p)
    return found


def _unnamed_counterparts(ctx: Context, holder: int, rest: str, add: Callable[[int, int], None]) -> None:
    """'met with his counterparts from Croatia, Austria and ...': one person per state, known by post."""
    stop = re.search(r"[.;(]|\b(?:discussing|regarding|on|about|to|where|which|who)\b", rest)
    rest = rest[: stop.start()] if stop else rest
    title = ctx.persons[holder].posts[0].role_title if ctx.persons[holder].posts else "Minister"
    for cm in gz.country_regex().finditer(rest):
        code = gz.country_code(cm.group(1))
        if code and code != _country_of(ctx, holder):
            add(holder, _unnamed_person(ctx, title, code))


def _subjects_of(ctx: Context, sent: Span) -> list[int]:
    """People in the subject of the sentence's main verb (with coordinated subjects)."""
    root = sent.root
    subj = _subject_tokens(root)
    if not subj:
        for tok in sent:
            if tok.dep_ == "nsubj":
                subj = sorted(tok.subtree, key=lambda t: t.i)
                break
    if not subj:
        return []
    people = _resolve_subject(ctx, subj, {"speaker": None})
    return people


def _country_of(ctx: Context, person: int) -> str | None:
    for post in ctx.persons[person].posts:
        if post.org and post.org.country_code:
            return post.org.country_code
    return None


def _unnamed_person(ctx: Context, title: str, code: str) -> int:
    post = Post(title, Org(gz.country_label(code), code))
    for i, p in enumerate(ctx.persons):
        if p.name is None and p.posts == [post]:
            return i
    ctx.persons.append(Person(None, [post]))
    ctx.clusters.append(PersonCluster(()))
    return len(ctx.persons) - 1
