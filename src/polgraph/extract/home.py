"""The state a document speaks for."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from polgraph.extract import gazetteer as gz
from polgraph.extract import lexicon as lx
from polgraph.extract.context import COUNTERPARTS_FROM, Context
from polgraph.extract.people import (
    PersonCluster,
    find_roles,
)


def find_protagonist(ctx: Context) -> PersonCluster | None:
    """The person the document is about: the named subject of its lead (the first body sentences),
    else the one named as a subject most often, then named most often."""
    lead = _lead_subject(ctx)
    if lead is not None:
        return lead
    subject_starts = {t.idx for t in ctx.tokens if t.dep_ in {"nsubj", "nsubjpass"}}

    def weight(c: PersonCluster) -> tuple[int, int, int]:
        as_subject = sum(1 for m in c.mentions if any(m.start <= i < m.end for i in subject_starts))
        return as_subject, len(c.mentions), -c.first_offset

    return max(ctx.clusters, key=weight) if ctx.clusters else None

def _lead_subject(ctx: Context, sentences: int = 3) -> PersonCluster | None:
    """The first person named in the subject of a main verb in the first body sentences."""
    body = [s for s in ctx.sents if s.start_char >= ctx.title_end and len(s) > 5][:sentences]
    for sent in body:
        for verb in (t for t in sent if t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")):
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            for subj in subjects:
                start, end = min(t.idx for t in subj.subtree), max(t.idx + len(t) for t in subj.subtree)
                named = [c for c in ctx.clusters if c.tokens and any(start <= m.start < end for m in c.mentions)]
                if named:
                    return min(named, key=lambda c: min(m.start for m in c.mentions if start <= m.start < end))
    return None


# Offices held in international bodies rather than in a state's government.
_BODY_OFFICES = {"Secretary-General", "Secretary General", "High Representative", "Commissioner", "Regional Director",
                 "Special Representative", "High Commissioner"}

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
    for role in find_roles(ctx.text):  # "his Kenyan counterpart", named or not
        if role.title == "counterpart":
            marked.append((role.start, role.end))
    for cm in COUNTERPARTS_FROM.finditer(ctx.text):
        end = re.search(r"[.;(\n]", ctx.text[cm.end():])
        marked.append((cm.end(), cm.end() + (end.start() if end else 0)))
    return marked, others


def _naming_weight(ctx: Context, start: int, end: int) -> float:
    """How much one naming of a state says the text speaks for it (see home_country)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    tok = span.root if span is not None else None
    while tok is not None and tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    if tok is not None and tok.dep_ in {"nsubj", "nsubjpass"}:
        says = tok.head.lemma_ in lx.REPORTING_VERBS or any(c.lemma_ in lx.REPORTING_VERBS for c in tok.head.children) \
            or (tok.head.dep_ == "ccomp" and tok.head.head.lemma_ in lx.REPORTING_VERBS)  # "said the UK would ..."
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
    hosted") adds 2 for its state, and so does a capital that datelines the release ("Nairobi:
    3 March"): a release is datelined at home or where the event is, and an event abroad names
    its host state as the other side.
    The winner must lead the runner-up clearly.
    """
    protagonist = find_protagonist(ctx)
    if protagonist is None:
        return None
    own = [m.role.org.country_code for m in protagonist.mentions if m.role and m.role.org and m.role.org.country_code]
    if own:
        return Counter(own).most_common(1)[0][0]
    if any(m.role and (m.role.title in _BODY_OFFICES or (m.role.org and not m.role.org.country_code))
           for m in protagonist.mentions):
        return None  # a release of an international body speaks for no state
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
    for cm in gz.CITY_FINDER.finditer(ctx.text):
        span = ctx.doc.char_span(cm.start(1), cm.end(1), alignment_mode="expand")
        if span is not None and span.root.dep_ == "nsubj" and not _DATELINE.match(ctx.text, max(0, cm.start(1) - 1)):
            counts[gz.CITIES[cm.group(1)]] += 2  # "Prague hosted ..."
    # "Kazakh-Chinese relations", "NZ-China trade": of a bilateral pair, the state not marked as the other side
    other_states = {m.role.org.country_code for c in ctx.clusters if c is not protagonist for m in c.mentions
                    if m.role and m.role.org and m.role.org.country_code}
    for pair in _state_pairs(ctx.text):
        mine = [code for code in pair if code not in other_states]
        if len(mine) == 1 and len(other_states & set(pair)) == 1:
            counts[mine[0]] += 3
    dateline = _dateline_country(ctx)
    if dateline:
        counts[dateline] += 2  # "WASHINGTON: Secretary ... met": mostly the publisher's capital (else the venue)
    # The states of other people's public offices are the other side: a release leaves its own state
    # unmarked (not so a journalist's or a citizen's: "Australian journalist Mark Ellison, detained in ...").
    for cluster in ctx.clusters:
        if cluster is protagonist:
            continue
        for mention in cluster.mentions:
            if mention.role and mention.role.org and mention.role.org.country_code \
                    and gz.PUBLIC_OFFICE.search(mention.role.title):
                counts.pop(mention.role.org.country_code, None)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    if not ranked or ranked[0][1] <= 0:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if ranked[0][1] - runner_up < min(1.0, 0.5 * ranked[0][1]):
        return None
    return ranked[0][0]


_PAIR = re.compile(r"(?<![\w-])([A-Z][\w.]*)[-–]([A-Z][\w.]*)(?![\w-])")


def _state_pairs(text: str) -> list[tuple[str, str]]:
    """Two states joined by a hyphen: 'Kazakh-Chinese', 'NZ-China', 'Polish-Slovak' (ISO codes allowed)."""
    pairs = []
    for m in _PAIR.finditer(text):
        codes = tuple(gz.country_code(w) or (w if len(w) == 2 and w.isupper() and gz.country_label(w) != w else None)
                      for w in m.groups())
        if codes[0] and codes[1] and codes[0] != codes[1]:
            pairs.append((codes[0], codes[1]))
    return pairs


def _dateline_country(ctx: Context) -> str | None:
    """The state of a capital that datelines the release near its start
    ("WASHINGTON:", "Islamabad: August 17, 2021", "ABU DHABI, (WAM - 2 May 2021)")."""
    head = ctx.text[:ctx.title_end + 300]
    for m in _DATELINE.finditer(head):
        name = m.group(1).strip()
        name = name.title() if name.isupper() else name
        if gz.CITIES.is_capital(name):
            return gz.CITIES.get(name)
    return None


_DATELINE = re.compile(r"(?:^|\n|\s{2}|\d{4}\s|(?<=[A-Z]{2}\s))([A-Z][A-Za-z'’ .-]{2,30}?)\s*[:,]\s*(?:\(|\d{1,2}\b|[A-Z][a-z]+\.? \d)")
