"""The verbs and nouns the rules read events by: one lexicon, by what a word does in a release.

Lemmas of general English, chosen by function; none comes from a particular document.
"""
from __future__ import annotations

# X <verb> Y: an encounter with the object ("met the Minister", "received the Ambassador").
MEET_DIRECT = frozenset({"meet", "receive", "welcome", "host", "visit", "greet", "brief", "entertain"})
# X <verb> with Y ("talked with", "spoke with", "conferred with", "met with", "sat down with").
MEET_WITH = frozenset({"meet", "talk", "speak", "confer", "consult", "converse", "sit", "negotiate", "dine",
                       "correspond", "exchange", "discuss", "hold", "have", "engage", "chat"})
# "called on the President", "paid a call on", "met up with": verb + particle/preposition + person.
MEET_PHRASAL = {"call": "on", "pay": "on"}
# Nouns naming an encounter with someone ("a meeting with", "talks with", "a telephone call with").
MEETING_NOUNS = frozenset({"meeting", "talk", "conversation", "call", "consultation", "discussion", "dialogue",
                           "exchange", "encounter", "audience", "session", "dinner", "lunch", "breakfast",
                           "interview", "videoconference", "conference", "bilateral", "summit", "visit",
                           "negotiation", "view"})
# Verbs by which one side hosts the other ("hosted", "received", "welcomed"): the subject is the host.
HOST_VERBS = frozenset({"host", "receive", "welcome", "greet", "entertain"})
# Verbs of taking part in an event ("attended the Council", "took part in", "participated in").
ATTEND_VERBS = frozenset({"attend", "participate", "join", "chair", "co-chair", "lead", "represent", "address",
                          "open", "convene", "organise", "organize", "preside"})
# Verbs that tell what a meeting was about ("discussed", "focused on", "reviewed").
DISCUSS_VERBS = frozenset({"discuss", "focus", "address", "exchange", "debate", "examine", "touch", "talk", "agree",
                           "consider", "review", "assess", "dedicate", "devote", "concern"})
