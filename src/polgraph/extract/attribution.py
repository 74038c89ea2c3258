"""Who says what: sentences attributed to the people who state them."""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from polgraph.extract import lexicon as lx
from polgraph.extract.context import (
    Attribution,
    Context,
    document_speaker,
    persons_in,
    resolve_subject,
)
from polgraph.extract.encounters import subject_of
from polgraph.extract.people import (
    find_roles,
)


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

# "It is also essential to ...": the same speaker goes on, in the same paragraph
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
            and _EVALUATIVE.search(sent.text) and not persons_in(ctx, sent.start_char, sent.end_char)):
        return Attribution(sent, last.holders, last.verb, None, last.quoted)
    in_quote = any(q[0] <= sent.start_char + 2 < q[1] or sent.start_char <= q[0] < sent.end_char for q in quotes)
    if in_quote and gap.count("\n\n") <= 2 and len(last.holders) == 1:
        return Attribution(sent, last.holders, None, None, True)
    return None

MAX_INTRODUCED_PARAGRAPHS = 3  # how far "X said:" carries on when no one else is credited

# What a speaker did rather than thinks: "we met", "we discussed", "I had talks"
_NARRATING = (lx.DISCUSS_VERBS - {"agree", "consider"}) | {"meet", "hold", "have", "visit", "attend", "participate",
                                                            "host", "receive", "travel", "sign"}


def _first_person(sent: Span) -> bool:
    """A sentence whose subject is "I" or "we" doing more than meeting or discussing, or that gives "my view"."""
    return any(t.lower_ in {"i", "we"} and t.dep_ in {"nsubj", "nsubjpass"} and t.head.lemma_ not in _NARRATING
               for t in sent) \
        or any(t.lower_ == "my" and t.head.lemma_ in lx.VIEW_NOUNS for t in sent)


def _narrated(ctx: Context, sent: Span) -> bool:
    """A sentence about someone in the third person ("The Minister also discussed ..."): narration resumes."""
    root = sent.root
    subj = subject_of(root) if root.pos_ in {"VERB", "AUX"} else []
    if not subj or any(t.lower_ in {"i", "we", "my", "our"} for t in subj):
        return False
    return any(t.lower_ in {"he", "she"} for t in subj) or bool(resolve_subject(ctx, subj, {"speaker": None}))


def _view_of(ctx: Context, sent: Span, state: dict[str, Any]) -> Attribution | None:
    """ "Japan's position is that ...", "The Minister's view was clear: ...": the owner of the view states it."""
    for tok in sent:
        if tok.lemma_ in lx.VIEW_NOUNS and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            owner = [t for c in tok.children if c.dep_ == "poss" for t in c.subtree if t.dep_ != "case"]
            holders = resolve_subject(ctx, owner, state) if owner else []
            if holders:
                return Attribution(sent, holders, None, None, False)
    return None


# Verbs that report words only when words follow ("concluded that ...", "added:")
_REPORT_ONLY_A_CLAUSE = frozenset({"conclude", "add"})
# Objects that make a verb of acceptance an act of protocol: "accepted the invitation to attend ..."
_PROTOCOL_OBJECTS = frozenset({"invitation", "invite", "credentials", "award", "honour", "honor"})


def _reports(tok: Token) -> bool:
    """A verb that reports a view: "stressed", "voiced", and "made clear"."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    if tok.lemma_ in _REPORT_ONLY_A_CLAUSE and not (
            any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children)
            or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ":"):
        return False  # "concluded a visit", "added a stop in Lima": done, not said
    if any(c.dep_ == "dobj" and c.lemma_.lower() in _PROTOCOL_OBJECTS for c in tok.children):
        return False  # "gladly accepted the invitation to attend the forum": protocol, not a view
    if tok.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in lx.STANCE_ADJECTIVES for c in tok.children):
        return True  # "The Minister was critical of the new tariffs"
    return tok.lemma_ in lx.REPORTING_VERBS or (tok.lemma_ == "make" and any(c.lower_ == "clear" for c in tok.children))


def attribute_sentences(ctx: Context) -> list[Attribution]:
    """Each sentence that states someone's view, with the people who hold it."""
    quotes = ctx.quotes
    state: dict[str, Any] = {"speaker": None, "group": None}
    out: list[Attribution] = []
    sents = ctx.sents
    quote_speaker: dict[tuple[int, int], list[int]] = {}
    # first pass: who speaks each quote
    for q in quotes:
        for sent in sents:
            if sent.end_char < q[0] or sent.start_char > q[1] + 1:
                continue
            for tok in sent:
                if q[0] <= tok.idx < q[1] or tok.lemma_ not in lx.REPORTING_VERBS:
                    continue
                holders = resolve_subject(ctx, subject_of(tok), state)
                if holders:
                    quote_speaker.setdefault(q, holders)
        if q not in quote_speaker:
            tail = ctx.text[q[1]:q[1] + 60]
            m = re.match(r"[,.]?\s*(?:the \w+ )?(?:said|stated|added|concluded|noted|stressed)\s+(?:the\s+)?", tail)
            if m:
                holders = persons_in(ctx, q[1], q[1] + 60)
                if not holders:
                    after = [t for t in ctx.tokens if q[1] + m.end() <= t.idx < q[1] + 60]
                    phrase: list[Token] = []
                    for t in after:
                        if t.is_punct:
                            break
                        phrase.append(t)
                    holders = resolve_subject(ctx, phrase, state)
                if holders:
                    quote_speaker[q] = holders[:1]
        if q not in quote_speaker:  # 'Minister Alves: "We support ..."': a name and a colon before the quote
            line_start = ctx.text.rfind("\n", 0, q[0]) + 1
            lead = ctx.text[line_start:q[0]]
            if re.fullmatch(r"[^.!?:\n]{2,80}:\s*[“\"]?\s*", lead):
                named = persons_in(ctx, line_start, line_start + lead.rindex(":"))
                if len(named) == 1:
                    quote_speaker[q] = named
    signed = _signed_paragraphs(ctx)
    ctx.signers = set(signed.values())
    speaker = document_speaker(ctx)
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
            if not _reports(tok):
                continue
            if any(q[0] <= tok.idx < q[1] for q in quotes):
                continue
            if tok.dep_ == "acl" and tok.lemma_ not in lx.SPEECH_VERBS:
                continue  # "an initiative backed by X": not a statement X makes here
            subj = subject_of(tok)
            holders = resolve_subject(ctx, subj, state)
            if holders:
                span = (min(t.idx for t in subj), max(t.idx + len(t) for t in subj)) if subj else None
                attributed = Attribution(sent, holders, tok, span, False)
                break
        if attributed is None:
            m = re.search(r"\b(?:According to|In the opinion of|In the view of)\s+(?:the\s+)?", sent.text)
            if m:
                start = sent.start_char + m.end()
                holders = persons_in(ctx, start, start + 60)
                if not holders:
                    subj = [t for t in sent if start <= t.idx < start + 40 and t.dep_ in {"pobj", "compound", "amod"}]
                    holders = resolve_subject(ctx, subj, state)
                if holders:
                    attributed = Attribution(sent, holders[:1], None, None, False)
        if attributed is None:
            attributed = _view_of(ctx, sent, state)
        if attributed is None:
            inside = [q for q in quotes if q[0] <= sent.start_char + 2 and sent.end_char - 2 <= q[1]
                      or (q[0] <= sent.start_char + 2 < q[1]) or (sent.start_char <= q[0] < sent.end_char)]
            for q in inside:
                if q in quote_speaker:
                    attributed = Attribution(sent, quote_speaker[q], None, None, True)
                    break
        if attributed is not None and attributed.verb is not None and sent.text.rstrip().endswith(":"):
            state["introduced"] = (attributed.holders, sent.end_char)  # "The Minister said:" and then her words
        elif attributed is not None:
            state["introduced"] = None
        if attributed is None and state.get("introduced"):
            holders, since = state["introduced"]
            if _narrated(ctx, sent):
                state["introduced"] = None
            elif ctx.text[since:sent.start_char].count("\n\n") <= MAX_INTRODUCED_PARAGRAPHS:
                attributed = Attribution(sent, holders, None, None, True)
        if attributed is None and speaker is not None and _first_person(sent) \
                and not any(q[0] <= sent.start_char + 2 < q[1] for q in quote_speaker):
            attributed = Attribution(sent, [speaker], None, None, False)
        if attributed is None and out:
            attributed = _continuation(ctx, sent, out[-1], quotes)
        if attributed is not None:
            state["speaker"] = attributed.holders[0]
            if len(attributed.holders) > 1:
                state["group"] = attributed.holders
            out.append(attributed)
        else:
            named = persons_in(ctx, sent.start_char, sent.end_char)
            if named:
                state["speaker"] = named[0]
    return out
