"""What the rules know about a document while reading it, and who a phrase refers to."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from polgraph.extract import gazetteer as gz
from polgraph.extract.dates import explicit_dates
from polgraph.extract.encounters import subject_of
from polgraph.extract.people import (
    PersonCluster,
    find_roles,
)
from polgraph.extract.topics import TopicScheme
from polgraph.models import (
    Org,
    Person,
    Post,
    RuleTopic,
    SourceDocument,
)

logger = logging.getLogger(__name__)

# Words that put a sentence at another time than the meeting reported (background, earlier meetings).
OTHER_TIME = re.compile(
    r"\b(ago|last (?:year|month|week|summer|autumn|spring|winter)|previous(?:ly)?|earlier this year|"
    r"at the end of (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"in (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"in (?:19|20)\d\d|in (?:summer|spring|autumn|winter)|"
    r"forthcoming|upcoming|next (?:week|month|year|meeting)|will (?:be held|take place|meet|host|visit)|"
    r"to be (?:held|\w+ed)|scheduled (?:for|to)|due to (?:take place|meet|be held))\b")


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
    speakers: set[int] = field(default_factory=set)  # people the document quotes or reports
    protagonist: int | None = None  # index of the person the document is about
    signers: set[int] = field(default_factory=set)  # people who sign a paragraph (a quote box, a signature)

    text: str = ""  # the document's text (spaCy rebuilds Doc.text on every access)
    portfolio: str | None = None  # a minister's portfolio the document names without a name

    tokens: list[Token] = field(default_factory=list)  # the doc's tokens, made once (spaCy makes new ones per pass)
    sents: list[Span] = field(default_factory=list)  # the doc's sentences, found once (doc.sents walks every token)

    quotes: list[tuple[int, int]] = field(default_factory=list)  # quoted stretches of the text

    stated_date: date | None = None  # the first full date the text states (gives a year to "July 4th")
    rule_topics: dict[str, RuleTopic] = field(default_factory=dict)  # topics made by rule for this document

    def __post_init__(self) -> None:
        self.text = self.doc.text
        stated = explicit_dates(self.text[:2000])
        self.stated_date = stated[0].value if stated else None
        self.tokens = list(self.doc)
        self.sents = list(self.doc.sents)
        self.quotes = quote_spans(self.text)

@dataclass
class Attribution:
    """A sentence (or the part of it a speaker says) attributed to people."""

    sent: Span
    holders: list[int]
    verb: Token | None
    subject_span: tuple[int, int] | None
    quoted: bool

def persons_in(ctx: Context, start: int, end: int) -> list[int]:
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

def _complete_post(person: Person, title_word: str, org: Org) -> None:
    """'the President of the European Council' said of a 'President' of no known body: that body."""
    person.posts = [Post(p.role_title, org) if p.org is None and title_word.lower() in p.role_title.lower() else p
                    for p in person.posts]


def _holds_title(ctx: Context, person: int, word: str) -> bool:
    return any(word.lower() in p.role_title.lower() for p in ctx.persons[person].posts)

def resolve_subject(ctx: Context, subj: list[Token], state: dict[str, Any], *,
                     countries: bool = True) -> list[int]:
    """People named, referred to or (with ``countries``) spoken for by a subject phrase."""
    if not subj:
        return []
    start = min(t.idx for t in subj)
    end = max(t.idx + len(t) for t in subj)
    named = persons_in(ctx, start, end)
    commas = [i for i, t in enumerate(subj) if t.text == ","]
    if named and commas and subj[commas[-1] + 1:] and subj[commas[-1] + 1].lower_ == "the":
        # "In his talks with the Minister, Ana Ruiz, the President said": the parse took the fronted name in
        tail = resolve_subject(ctx, subj[commas[-1] + 1:], state, countries=countries)
        if tail and not set(tail) & set(named):
            return tail
    if named:
        return named
    conjuncts = _conjuncts(subj)
    if len(conjuncts) > 1:  # "the Secretary and the Foreign Minister": each side on its own
        found: list[int] = []
        for part in conjuncts:
            found.extend(p for p in resolve_subject(ctx, part, state, countries=countries) if p not in found)
        return found
    head = subj[0] if len(subj) == 1 else next((t for t in subj if t.dep_ in {"nsubj", "nsubjpass", "pobj"}), subj[-1])
    if head.lower_ in {"he", "she"}:
        last = state.get("speaker")
        if last is None:
            last = _last_person_before(ctx, start)
        return [last] if last is not None else []
    phrase = re.sub(r"\s+", " ", ctx.text[start:end])
    roles = find_roles(phrase)
    if not roles and re.match(r"[Tt]he\b", phrase) and _OFFICE_WORD.search(phrase):
        # "the president of the European Council", "The Portuguese minister"
        roles = find_roles(_OFFICE_WORD.sub(lambda m: m.group().capitalize(), phrase))
    if re.search(r"\bhead of \w+ diplomacy\b", phrase, re.IGNORECASE):
        cand = _last_person_before(ctx, start, title_word="Foreign")
        return [cand] if cand is not None else []
    if roles and not roles[0].plural and (re.match(r"(?:the|The)\b", phrase) or _POSSESSIVE_STATE.match(phrase)):
        title = roles[0].title
        office = title.split(" of ")[0]  # "President of the European Council": a President
        word = office.split()[-1] if office not in {"Minister"} else "Minister"
        country = roles[0].org.country_code if roles[0].org else None
        cand = _last_person_before(ctx, start, title_word=word, country=country)
        if cand is None and country:
            cand = _last_person_before(ctx, start, title_word=word)
        main = ctx.protagonist
        if country is None and main is not None and cand != main and _holds_title(ctx, main, word) \
                and any(m.start < start for m in ctx.clusters[main].mentions):
            cand = main  # "the Prime Minister" with two prime ministers named: the document's own
        if cand is not None and roles[0].org is not None:
            _complete_post(ctx.persons[cand], word, roles[0].org)
        return [cand] if cand is not None else []
    if bare := _BARE_TITLE.fullmatch(phrase):  # "the Secretary", "the Taoiseach": a title someone here holds
        exact = [i for i, p in enumerate(ctx.persons) if any(q.role_title == bare.group(1) for q in p.posts)]
        cand = exact[0] if len(exact) == 1 else _last_person_before(ctx, start, title_word=bare.group(1).split()[-1])
        if cand is not None:
            return [cand]
    unpossessed = phrase.replace("’s", "").replace("'s", "")
    side = _SIDE.fullmatch(unpossessed)  # "the Peruvian side"
    code = gz.country_code(side.group(1) if side else unpossessed) if len(subj) <= 4 and countries else None
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

# Words of an office written in lower case after "the" ("the foreign minister", "the president of ...")
_OFFICE_WORD = re.compile(r"\b(?:" + "|".join(sorted({w.lower() for title, _ in gz.OFFICES for w in re.split(r"[\s-]+", title)
                                                     if w[:1].isupper()})) + r")\b")
# "the Peruvian side", "the Kenyan delegation": a state speaking through its people here
_SIDE = re.compile(r"(?:[Tt]he )?(.+?)\s+(?:side|delegation|government|authorities|leadership)")
# "Norway's Foreign Minister": an office of a state named by its possessive
_POSSESSIVE_STATE = re.compile(r"(?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*)*['’]s [A-Z]")
_BARE_TITLE = re.compile(r"(?:[Tt]he) ((?:[A-Z][\w-]+ ){0,2}[A-Z][\w-]+)")


def _conjuncts(subj: list[Token]) -> list[list[Token]]:
    """The coordinated parts of a subject phrase, each without the others ("A and B" gives A, B)."""
    inside = {t.i for t in subj}
    roots = [t for t in subj if t.head.i not in inside or t.head.i == t.i]
    if len(roots) != 1 or not roots[0].conjuncts:
        return [subj]
    parts = []
    for head in (roots[0], *roots[0].conjuncts):
        nested = {t.i for c in head.children if c.dep_ in {"conj", "cc"} for t in c.subtree}
        part = [t for t in head.subtree if t.i not in nested and t.dep_ != "cc" and t.i in inside]
        if part:
            parts.append(part)
    return parts


def _last_two_people(ctx: Context, offset: int) -> list[int]:
    """The two people last named before ``offset`` within the preceding ~600 characters."""
    recent = sorted(((m.start, i) for i, c in enumerate(ctx.clusters) for m in c.mentions
                     if offset - 600 < m.start < offset), reverse=True)
    found: list[int] = []
    for _, i in recent:
        if i not in found:
            found.append(i)
    return sorted(found[:2]) if len(found) >= 2 else []

def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches: “...”, "...", and a quote left open until the end of its paragraph (or of its line,
    when the next line opens the quote again: one speaker's words over several paragraphs)."""
    spans = []
    for m in re.finditer(r"[“\"]([^“”\"]{3,}?)(?:[”\"]|(?=\n\n)|(?=\n[“\"])|$)", text):
        spans.append((m.start(), m.end()))
    return spans

COUNTERPARTS_FROM = re.compile(
    r"\b(?:counterparts?|colleagues?|delegations?)\s+from\s+"
    r"(?:other\s+(?:EU\s+)?(?:member\s+states|countries)\s*[-–:,]\s*|the\s+)?")

def persons_in_tokens(ctx: Context, tokens: list[Token]) -> list[int]:
    found: list[int] = []
    for tok in tokens:
        for p in persons_in(ctx, tok.idx, tok.idx + len(tok)):
            if p not in found:
                found.append(p)
    return found

def subjects_of(ctx: Context, sent: Span) -> list[int]:
    """People in the subject of the sentence's main verb (with coordinated subjects)."""
    root = sent.root
    subj = subject_of(root)
    if not subj:
        for tok in sent:
            if tok.dep_ == "nsubj":
                subj = sorted(tok.subtree, key=lambda t: t.i)
                break
    if not subj:
        return []
    people = resolve_subject(ctx, subj, {"speaker": None})
    return people

def country_of(ctx: Context, person: int) -> str | None:
    for post in ctx.persons[person].posts:
        if post.org and post.org.country_code:
            return post.org.country_code
    return None


# A document that is one person's words: "Remarks by ...", "Statement by ...", "Address of ... by ...",
# or "X's remarks at ..."
_OWN_WORDS = re.compile(r"\b(?:[Rr]emarks|[Ss]peech|[Ss]tatement|[Aa]ddress|[Ii]nterview|[Oo]p-[Ee]d|[Aa]rticle|[Mm]essage|"
                        r"[Bb]riefing|[Aa]nswers|[Ll]ecture|[Tt]oast)\b[^\n]{0,160}?\b(?:by|of)\b")
_OWN_WORDS_OF = re.compile(r"['’]s\s+(?:(?:opening|closing|keynote|introductory|video|written)\s+)?"
                           r"(?:remarks|speech|statement|address|interview|message|op-ed|article|answers|briefing)\b",
                           re.IGNORECASE)


def document_speaker(ctx: Context) -> int | None:
    """The person whose words the whole document gives, when its title says so ("Remarks by Minister X ...")."""
    first_break = ctx.text.find("\n\n")
    head_end = ctx.title_end or (first_break if 0 < first_break < 400 else 0)
    owner = _OWN_WORDS_OF.search(ctx.text[:head_end])  # "Foreign Minister Petrov's remarks at ..."
    if owner is not None:
        named = persons_in(ctx, 0, owner.start() + 1)
        if named:
            return named[-1]
    genre = _OWN_WORDS.search(ctx.text[:head_end])
    if genre is None:
        return None
    named = persons_in(ctx, genre.end(), head_end)
    return named[0] if named else None
