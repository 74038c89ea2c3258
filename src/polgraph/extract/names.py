"""What a personal name looks like in any government's English: styles, initials, particles, post-nominals.

The word lists are nameparser's (titles, suffixes and name particles of many languages),
with the styles of address that official releases add and nameparser lacks.
"""
from __future__ import annotations

import re

from nameparser.config import CONSTANTS

# Styles of address that releases put before names and nameparser does not list.
_MORE_STYLES = {"shri", "smt", "shrimati", "sheikha", "h.e", "h.h", "h.r.h", "hrh", "amb", "atty", "engr", "eng",
                "honourable", "honorable", "excellency", "excellencies", "mag", "mme", "pm", "fm", "dpm"}
STYLES = frozenset(CONSTANTS.titles) | _MORE_STYLES
PARTICLES = frozenset(p for p in CONSTANTS.prefixes if not p.endswith("-")) - {"st", "ste", "san", "santa"}
HYPHEN_PARTICLES = tuple(sorted((p for p in CONSTANTS.prefixes if p.endswith("-")), key=len, reverse=True))
_GENERATIONAL = frozenset(CONSTANTS.suffix_not_acronyms)
_POST_NOMINALS = frozenset(CONSTANTS.suffix_acronyms) | {"mp", "td", "mep", "msp", "mla", "mna", "mhk", "qc", "kc"}
_INITIAL = re.compile(r"[A-Z]\.?(?:-?[A-Z]\.?)?")


def key(word: str) -> str:
    """A word as the lists hold it: lower case, no trailing period or comma."""
    return word.rstrip(".,").casefold()


def is_style(word: str) -> bool:
    """'Mr', 'Dr.', 'H.E.', 'Shri', 'Sheikh', 'Hon', 'Senator' ..."""
    return key(word) in STYLES


def is_initial(word: str) -> bool:
    """'J.', 'J', 'J.-P.': an initial of a given name."""
    return bool(_INITIAL.fullmatch(word.rstrip(",")))


def is_suffix(word: str) -> bool:
    """A generational suffix or a post-nominal that ends a name: 'Jr.', 'III', 'MP', 'TD', 'OBE'."""
    k = key(word)
    if k in _GENERATIONAL and (k not in {"i", "v"} or word.isupper()):
        return True
    return word.rstrip(".,").isupper() and len(k) >= 2 and k in _POST_NOMINALS


def is_particle(word: str) -> bool:
    """'bin', 'al', 'van', 'de', 'von' ...: lower-case links inside a name."""
    return word in PARTICLES


# Particles meaning "son/daughter of": the word after one is a parent's name, never the person's own
PATRONYMIC_PARTICLES = frozenset({"bin", "bint", "binti", "ibn", "ould"})


def fathers_names(words: tuple[str, ...]) -> set[int]:
    """Positions of the words that name a parent ("Zayed" in "Khalid bin Zayed Al Mansoori"): a mention of
    that word alone is someone else."""
    return {i + 1 for i, w in enumerate(words[:-1]) if w in PATRONYMIC_PARTICLES}


def is_hyphen_particle_name(word: str) -> bool:
    """'al-Assad', 'el-Sisi': a particle joined to a capitalised name."""
    low = word.casefold()
    return any(low.startswith(p) and len(word) > len(p) and word[len(p)].isupper() for p in HYPHEN_PARTICLES)
