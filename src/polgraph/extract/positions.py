"""Positions: a stance a person states on a topic, with its verbatim evidence."""
from __future__ import annotations

import re

from spacy.tokens import Span

from polgraph.extract import rule_topics as rt
from polgraph.extract.context import Attribution, Context
from polgraph.extract.rule_topics import topics_in
from polgraph.extract.stance import governed_stance, stance_for
from polgraph.extract.topics import TopicHit
from polgraph.models import Meeting, Position


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
FIELD_BREADTH = 4  # a concept with this many narrower concepts is a field of policy, not a subject

# "Regarding the forthcoming Eurogroup meeting, X said ...": the opening phrase frames, the rest states
_FRAMING = re.compile(r"(?:Regarding|As regards|With regard to|Concerning|In view of|Ahead of|During|At|After|Before|"
                      r"Following|Prior to|On the (?:margins|sidelines) of)\b[^,]{3,120},")

def _main_topics(topic_ids: list[str], hits: list[TopicHit]) -> list[str]:
    """At most three topics a statement is about: those named first (a list of many is a catalogue, not a stance)."""
    first_at = {t: min(h.start for h in hits if h.topic_id == t) for t in topic_ids if any(h.topic_id == t for h in hits)}
    return sorted(topic_ids, key=lambda t: first_at.get(t, 0))[:MAX_TOPICS_PER_STATEMENT]

def _side_clauses(sent: Span, offset: int) -> list[tuple[int, int]]:
    """Character spans (relative to ``offset``) of relative clauses: "..., which would lead to ..."; not an
    infinitive that says what the noun is for ("ways to strengthen defence cooperation")."""
    spans = []
    for tok in sent:
        if tok.dep_ == "relcl" and tok.head.i < tok.i and not any(c.tag_ == "TO" for c in tok.children):
            sub = list(tok.subtree)
            spans.append((sub[0].idx - offset, sub[-1].idx + len(sub[-1]) - offset))
    return spans

def _inside(hit: TopicHit, spans: list[tuple[int, int]]) -> bool:
    return any(a <= hit.start < b for a, b in spans)

def _own_states(ctx: Context, holders: list[int]) -> set[str]:
    """Lower-case codes of the states the holders speak for (and the release's own)."""
    own = {p.org.country_code.lower() for h in holders for p in ctx.persons[h].posts if p.org and p.org.country_code}
    return own | ({ctx.home.lower()} if ctx.home and not own else set())


def _is_field(ctx: Context, topic_id: str) -> bool:
    """A top concept, or one with several narrower concepts ("Migration and asylum"), not a leaf subject."""
    topic = ctx.scheme.topics.get(topic_id)
    if topic is None:
        return False
    return not topic.broader or ctx.scheme.narrower_count(topic_id) >= FIELD_BREADTH


def find_positions(ctx: Context, attributions: list[Attribution], sentence_meeting: dict[int, int],
                   meetings: list[Meeting]) -> list[Position]:
    """A position per person and topic stated in an attributed sentence (first statement kept); the
    rule-made topics they are on go to ``ctx.rule_topics``."""
    positions: list[Position] = []
    made = ctx.rule_topics
    seen: set[tuple[int, str]] = set()
    sents = ctx.sents
    sents_index = {s.start_char: i for i, s in enumerate(sents)}
    for a in attributions:
        sent = a.sent
        start, end = _trim(ctx.text, sent.start_char, sent.end_char)
        evidence = ctx.text[start:end]
        own = _own_states(ctx, a.holders)
        hits = topics_in(ctx.doc, ctx.scheme, sent, start, end, own, made)
        if a.subject_span:
            hits = [h for h in hits if not (a.subject_span[0] <= start + h.start < a.subject_span[1])]
        frame = _FRAMING.match(evidence)
        if frame and any(h.start >= frame.end() for h in hits):  # a place's crisis in the frame is the subject
            hits = [h for h in hits if h.start >= frame.end() or h.topic_id in made and made[h.topic_id].broader
                    in {rt.CONFLICTS, rt.RELATIONS, rt.TERRITORIAL_INTEGRITY}]
        side = _side_clauses(sent, start)
        if any(not _inside(h, side) for h in hits):
            hits = [h for h in hits if not _inside(h, side)]
        hits = [h for h in hits if h.topic_id not in _NOT_STANCE_TOPICS]
        anaphoric = False
        if not hits and (anaphor := _ANAPHORA.search(evidence)):
            antecedent = _antecedent(sents, sents_index.get(sent.start_char, 0), anaphor.group(1))
            if antecedent is not None:
                hits = [h for h in ctx.doc._.polgraph_topics if antecedent.start_char <= h.start
                        and h.end <= antecedent.end_char and h.topic_id not in _NOT_STANCE_TOPICS]
                anaphoric = True
        topic_ids = ctx.scheme.most_specific([h.topic_id for h in hits], made)
        topic_ids = [t for t in topic_ids if t not in ctx.scheme.top_concepts] or topic_ids[:1]
        if len(topic_ids) > 1:
            topic_ids = [t for t in topic_ids if t not in _CONTEXT_TOPICS] or topic_ids
        fields = [t for t in topic_ids if _is_field(ctx, t)]
        if len(fields) < len(topic_ids):  # a field beside a subject: the subject
            topic_ids = [t for t in topic_ids if t not in fields]
        if len(topic_ids) > MAX_TOPICS_PER_STATEMENT:  # a catalogue: its most specific subjects
            depth = {t: len(ctx.scheme.ancestors(t, made)) for t in topic_ids}
            keep = set(sorted(topic_ids, key=lambda t: -depth[t])[:MAX_TOPICS_PER_STATEMENT])
            topic_ids = [t for t in topic_ids if t in keep]
        topic_ids = _main_topics(topic_ids, hits)
        meeting = sentence_meeting.get(sent.start_char)
        if meeting is None and meetings:
            meeting = 0
        for topic_id in topic_ids:
            hit = next(h for h in hits if h.topic_id == topic_id)
            if anaphoric:
                hit = type(hit)(topic_id, 0, 0, "")
            problem = ctx.scheme.is_problem(topic_id, made)
            phrase = ctx.doc.char_span(start + hit.start, start + hit.end, alignment_mode="expand") \
                if hit.end > hit.start else None
            stance = (governed_stance(phrase.root, problem) if phrase is not None else None) \
                or stance_for(evidence, hit.start, hit.end, a.verb.lemma_ if a.verb is not None else None, problem)
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


def topics_stated_at_meetings(meetings: list[Meeting], positions: list[Position]) -> None:
    """A topic someone took a position on at a meeting is a topic of that meeting."""
    for position in positions:
        if position.meeting is not None and position.topic not in meetings[position.meeting].topics:
            meetings[position.meeting].topics.append(position.topic)
