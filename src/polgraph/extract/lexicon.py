"""The verbs and nouns the rules read events by: one lexicon, by what a word does in a release.

Lemmas of general English, chosen by function; none comes from a particular document.
"""
from __future__ import annotations

# X <verb> Y: an encounter with the object ("met the Minister", "received the Ambassador").
MEET_DIRECT = frozenset({"meet", "receive", "welcome", "host", "visit", "greet", "brief", "entertain"})
# X <verb> with Y ("talked with", "spoke with", "conferred with", "met with", "sat down with").
MEET_WITH = frozenset({"meet", "talk", "speak", "confer", "consult", "converse", "sit", "negotiate", "dine",
                       "correspond", "exchange", "discuss", "hold", "have", "engage", "chat"})
# X <verb> ... on Y ("called on the President", "paid a courtesy call on the Minister").
MEET_ON = frozenset({"call", "pay"})
# Nouns naming an encounter with someone ("a meeting with", "talks with", "a telephone call with").
MEETING_NOUNS = frozenset({"meeting", "talk", "conversation", "call", "consultation", "discussion", "dialogue",
                           "exchange", "encounter", "audience", "session", "dinner", "lunch", "breakfast",
                           "interview", "videoconference", "conference", "bilateral", "summit", "visit",
                           "negotiation", "view"})
# Verbs that tell what a meeting was about ("discussed", "focused on", "reviewed").
DISCUSS_VERBS = frozenset({"discuss", "focus", "address", "exchange", "debate", "examine", "touch", "talk", "agree",
                           "consider", "review", "assess", "dedicate", "devote", "concern"})
# Verbs of saying ("said", "stressed", "pointed out"): a subject of one speaks in the release.
SPEECH_VERBS = frozenset({"say", "state", "stress", "emphasise", "emphasize", "underline", "underscore", "point", "note",
                          "highlight", "explain", "add", "conclude", "express", "mention", "affirm", "reiterate", "tell",
                          "remark", "observe", "announce", "declare", "put", "raise"})
# Verbs of taking part by which a named subject is an actor of the release ("attended", "hosted", "paid a visit").
TAKING_PART_VERBS = frozenset({"attend", "participate", "take", "meet", "hold", "host", "visit", "chair", "organise",
                               "organize", "gather", "join", "represent", "pay", "talk", "have", "convene"})
# Verbs whose subject and object met ("met", "handed over to", "received", "called").
ENCOUNTER_VERBS = frozenset({"meet", "talk", "hand", "pass", "receive", "welcome", "host", "visit", "call"})

# Reporting verbs: lemma -> default stance of what they introduce.
REPORTING_VERBS: dict[str, str] = {
    "say": "support", "state": "support", "stress": "support", "emphasise": "support", "emphasize": "support",
    "underline": "support", "underscore": "support", "point": "support", "note": "support", "highlight": "support",
    "explain": "neutral", "add": "support", "conclude": "support", "call": "support", "urge": "support",
    "advocate": "support", "support": "support", "welcome": "support", "believe": "support", "agree": "support",
    "insist": "support", "propose": "support", "suggest": "support", "affirm": "support", "reiterate": "support",
    "express": "support", "praise": "support", "endorse": "support", "commit": "support", "back": "support",
    "favour": "support", "favor": "support", "accept": "support", "assure": "support", "thank": "support",
    "raise": "support", "refer": "neutral", "inform": "neutral", "present": "neutral", "outline": "support",
    "put": "support", "recall": "support", "tell": "support", "confirm": "support", "consider": "support",
    "regret": "oppose", "oppose": "oppose", "reject": "oppose", "condemn": "oppose", "criticise": "oppose",
    "criticize": "oppose", "warn": "oppose", "deplore": "oppose", "denounce": "oppose", "argue": "support",
    "remain": "support", "want": "support", "hope": "support", "expect": "support", "announce": "support",
    "declare": "support", "pledge": "support", "promise": "support", "demand": "support", "ask": "support",
    "voice": "support", "share": "support", "see": "support", "wish": "support", "mention": "neutral",
    "describe": "neutral", "remark": "support", "observe": "support", "acknowledge": "support",
    "reaffirm": "support", "convey": "support", "appreciate": "support", "recognise": "support",
    "recognize": "support", "commend": "support", "applaud": "support", "encourage": "support", "hail": "support",
    "vow": "support", "renew": "support", "offer": "support", "appeal": "support", "request": "support",
    "recommit": "support", "lament": "oppose", "decry": "oppose", "caution": "oppose",
    "protest": "oppose", "laud": "support", "extol": "support", "salute": "support",
    "appraise": "support",
}
# Nouns of worry: "expressed concern over X", "raised concerns regarding X" oppose X.
CONCERN_NOUNS = frozenset({"concern", "alarm", "worry", "dismay", "outrage", "frustration", "disappointment",
                           "regret", "condemnation", "opposition", "objection"})
# Adjectives of worry: "concerned about X", "alarmed by X" oppose X.
WORRIED = frozenset({"concerned", "worried", "alarmed", "troubled", "dismayed", "appalled", "outraged"})
# Adjectives of a stance after "is"/"was": "critical of X", "opposed to X" oppose X; "supportive of X" supports it.
STANCE_ADJECTIVES = {"critical": "oppose", "opposed": "oppose", "hostile": "oppose", "supportive": "support",
                     "favourable": "support", "favorable": "support", "committed": "support"}
# Prepositions that introduce what something is about ("concern over X", "actions against X").
ABOUT_PREPOSITIONS = frozenset({"of", "about", "over", "regarding", "concerning", "against", "on", "for"})
# Nouns of a view that its owner states ("Norway's position is that ...").
VIEW_NOUNS = frozenset({"view", "position", "opinion", "conviction", "belief", "stance", "assessment"})
# Verbs whose object is what the speaker works against: "combating X", "an end to X".
AGAINST_VERBS = frozenset({"combat", "fight", "counter", "tackle", "prevent", "stop", "end", "curb", "halt",
                           "eliminate", "eradicate", "defeat", "deter"})
# Common nouns after a name that make it a place: "the Al Noor province", "Santa Rosa district".
AREA_WORDS = frozenset({"province", "region", "district", "county", "governorate", "prefecture", "oblast", "krai",
                        "municipality", "city", "town", "village", "valley", "island", "islands", "peninsula",
                        "department", "canton", "emirate", "state", "territory", "area", "border", "crossing"})
