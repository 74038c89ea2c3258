"""General facts used by the rule components: countries, demonyms, cities, bodies, role titles.

Nothing here names a particular document's people or sentences; these are gazetteers of
general knowledge about states, EU institutions and offices.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

_DATA = Path(__file__).resolve().parent / "data"

# Short display names where ISO's official short name reads badly in prose.
_DISPLAY = {
    "MD": "Moldova", "RU": "Russia", "IR": "Iran", "KR": "South Korea", "KP": "North Korea",
    "SY": "Syria", "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania", "VN": "Vietnam",
    "LA": "Laos", "TW": "Taiwan", "PS": "Palestine", "CD": "DR Congo", "XK": "Kosovo",
    "GB": "United Kingdom", "US": "United States", "CZ": "Czechia", "VA": "Holy See",
}
# Extra names users and press releases use for a state.
_ALIASES = {
    "Czech Republic": "CZ", "Slovak Republic": "SK", "Russia": "RU", "Russian Federation": "RU",
    "Moldova": "MD", "Republic of Moldova": "MD", "Kosovo": "XK", "Iran": "IR", "Syria": "SY",
    "UK": "GB", "Great Britain": "GB", "Britain": "GB", "United Kingdom": "GB",
    "USA": "US", "US": "US", "U.S.": "US", "U.S.A.": "US", "United States of America": "US", "America": "US",
    "Turkey": "TR", "Türkiye": "TR", "Holland": "NL", "the Netherlands": "NL", "Macedonia": "MK",
    "Republic of North Macedonia": "MK", "Vatican": "VA", "Palestine": "PS", "South Korea": "KR",
    "North Korea": "KP", "Ivory Coast": "CI", "Cape Verde": "CV", "Bosnia": "BA", "Herzegovina": "BA",
}
# Demonyms as releases write them where countryinfo gives another form (it has "Slovene", no "Saudi").
_COMMON_DEMONYMS = {
    "Slovenian": "SI", "Slovene": "SI", "Croatian": "HR", "Austrian": "AT", "German": "DE", "Italian": "IT",
    "French": "FR", "Spanish": "ES", "Portuguese": "PT", "Belgian": "BE", "Dutch": "NL", "Luxembourgish": "LU",
    "Irish": "IE", "British": "GB", "Danish": "DK", "Swedish": "SE", "Finnish": "FI", "Estonian": "EE",
    "Latvian": "LV", "Lithuanian": "LT", "Polish": "PL", "Czech": "CZ", "Slovak": "SK", "Hungarian": "HU",
    "Romanian": "RO", "Bulgarian": "BG", "Greek": "GR", "Cypriot": "CY", "Maltese": "MT", "Serbian": "RS",
    "Montenegrin": "ME", "Bosnian": "BA", "Albanian": "AL", "Macedonian": "MK", "North Macedonian": "MK",
    "Kosovar": "XK", "Kosovan": "XK", "Ukrainian": "UA", "Moldovan": "MD", "Russian": "RU", "Belarusian": "BY",
    "Turkish": "TR", "American": "US", "Canadian": "CA", "Mexican": "MX", "Brazilian": "BR", "Argentine": "AR",
    "Chinese": "CN", "Japanese": "JP", "Korean": "KR", "Indian": "IN", "Pakistani": "PK", "Afghan": "AF",
    "Iranian": "IR", "Iraqi": "IQ", "Syrian": "SY", "Israeli": "IL", "Palestinian": "PS", "Lebanese": "LB",
    "Jordanian": "JO", "Egyptian": "EG", "Libyan": "LY", "Tunisian": "TN", "Algerian": "DZ", "Moroccan": "MA",
    "Nigerien": "NE", "Nigerian": "NG", "Malian": "ML", "Chadian": "TD", "Australian": "AU", "Swiss": "CH",
    "Norwegian": "NO", "Icelandic": "IS", "Georgian": "GE", "Armenian": "AM", "Azerbaijani": "AZ",
    "Kazakh": "KZ", "Saudi": "SA", "Emirati": "AE", "Qatari": "QA", "South African": "ZA",
    "Liechtenstein": "LI", "Andorran": "AD", "Monegasque": "MC", "Sammarinese": "SM",
    "Philippine": "PH", "Nepali": "NP", "Uzbek": "UZ", "Kyrgyz": "KG", "Lao": "LA", "Argentinian": "AR",
    "Tajik": "TJ",
}


def _data_rows(name: str) -> list[list[str]]:
    """Rows of a table in ``extract/data`` (made by ``scripts/make_gazetteer.py``), header dropped."""
    with (_DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))[1:]


def _world_demonyms() -> dict[str, str]:
    """countryinfo's demonym of every state (the most populous state wins a shared one), then the usual variants above."""
    best: dict[str, tuple[str, int]] = {}
    for kind, surface, code, population in _data_rows("countries.tsv"):
        if kind == "demonym" and (surface not in best or int(population) > best[surface][1]):
            best[surface] = (code, int(population))
    return {surface: code for surface, (code, _) in best.items()} | _COMMON_DEMONYMS


DEMONYMS = _world_demonyms()


class _Cities(dict[str, str]):
    """Populated places of GeoNames (5,000 inhabitants or more) -> country code, with populations."""

    def __init__(self) -> None:
        super().__init__()
        self.population: dict[str, int] = {}
        for name, code, population in _data_rows("cities.tsv"):
            self[name] = code
            self.population[name] = int(population)

    def is_capital(self, name: str) -> bool:
        return name in _CAPITALS

    def is_major(self, name: str) -> bool:
        """A place too large to be read as a person's name (capitals, cities of 200,000 or more)."""
        return self.population.get(name, 0) >= 200_000 or name in _CAPITALS


# A capital named for its government ("relations with Moscow"): capital -> ISO code
CAPITAL_OF: dict[str, str] = {row[1]: row[2] for row in _data_rows("countries.tsv") if row[0] == "capital"}
CITIES = _Cities()


def _capitals() -> frozenset[str]:
    """Capitals as countryinfo names them, and by the first word when GeoNames has that word as a city of
    the same state and it is no state's name ("Washington" for "Washington D.C.")."""
    names = set()
    for kind, name, code, _ in _data_rows("countries.tsv"):
        if kind != "capital":
            continue
        names.add(name)
        first = name.split()[0]
        if first != name and CITIES.get(first) == code and not country_code(first):
            names.add(first)
    return frozenset(names)

# Bodies that hold posts: label -> (canonical label, aliases). Matching is case-sensitive on capitals.
BODIES: dict[str, tuple[str, ...]] = {
    "European Commission": ("European Commission", "the Commission", "EU Commission"),
    "European Council": ("European Council",),
    "Council of the European Union": ("Council of the EU", "Council of the European Union", "EU Council"),
    "European Parliament": ("European Parliament",),
    "European Union": ("European Union", "EU"),
    "European Stability Mechanism": ("European Stability Mechanism", "ESM"),
    "European Central Bank": ("European Central Bank", "ECB"),
    "European Investment Bank": ("European Investment Bank", "EIB"),
    "European Public Prosecutor's Office": ("European Public Prosecutor's Office", "EPPO"),
    "Europol": ("Europol",),
    "Eurojust": ("Eurojust",),
    "Frontex": ("Frontex", "European Border and Coast Guard Agency"),
    "European Union Agency for Asylum": ("European Union Agency for Asylum", "EUAA", "European Asylum Support Office", "EASO"),
    "NATO": ("NATO", "North Atlantic Treaty Organization"),
    "United Nations": ("United Nations", "UN"),
    "UNHCR": ("UNHCR", "UN Refugee Agency"),
    "International Organization for Migration": ("International Organization for Migration", "IOM"),
    "OSCE": ("OSCE", "Organization for Security and Co-operation in Europe"),
    "Council of Europe": ("Council of Europe",),
    "International Monetary Fund": ("International Monetary Fund", "IMF"),
    "World Health Organization": ("World Health Organization", "WHO"),
    "Eurogroup": ("Eurogroup",),
    "Interpol": ("Interpol",),
    # regional and world intergovernmental organisations (their own names and acronyms; an acronym that
    # names other things too, such as ICC or PIF, is left out)
    "African Union": ("African Union", "AU", "African Union Commission", "AUC"),
    "ECOWAS": ("ECOWAS", "Economic Community of West African States", "ECOWAS Commission"),
    "Southern African Development Community": ("Southern African Development Community", "SADC"),
    "East African Community": ("East African Community", "EAC"),
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations", "ASEAN Secretariat"),
    "Gulf Cooperation Council": ("Gulf Cooperation Council", "GCC"),
    "League of Arab States": ("League of Arab States", "Arab League"),
    "Organisation of Islamic Cooperation": ("Organisation of Islamic Cooperation",
                                            "Organization of Islamic Cooperation", "OIC"),
    "Organization of American States": ("Organization of American States", "OAS"),
    "Caribbean Community": ("Caribbean Community", "CARICOM"),
    "Mercosur": ("Mercosur", "MERCOSUR", "Southern Common Market"),
    "Pacific Islands Forum": ("Pacific Islands Forum",),
    "Shanghai Cooperation Organisation": ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organization",
                                          "SCO"),
    "World Trade Organization": ("World Trade Organization", "WTO"),
    "World Bank": ("World Bank", "World Bank Group"),
    "OECD": ("OECD", "Organisation for Economic Co-operation and Development"),
    "International Atomic Energy Agency": ("International Atomic Energy Agency", "IAEA"),
    "International Criminal Court": ("International Criminal Court",),
    "UNICEF": ("UNICEF", "United Nations Children's Fund"),
    "World Food Programme": ("World Food Programme", "WFP"),
    "United Nations Development Programme": ("United Nations Development Programme", "UNDP"),
}

# Role titles: canonical title -> surface patterns (regex, case-insensitive on the portfolio words).
PORTFOLIOS: dict[str, tuple[str, ...]] = {
    "Minister of the Interior": ("interior", "home affairs", "internal affairs", "the interior"),
    "Minister of Foreign Affairs": ("foreign affairs", "foreign", "external affairs", "europe and foreign affairs",
                                    "foreign and european affairs", "foreign and european union affairs",
                                    "foreign affairs and international cooperation", "foreign affairs and trade"),
    "Minister of Finance": ("finance", "finances", "economy and finance"),
    "Minister of Defence": ("defence", "defense", "national defence", "national defense", "defence and security"),
    "Minister of Justice": ("justice",),
    "Minister of Health": ("health",),
    "Minister of Agriculture": ("agriculture", "agriculture, forestry and food", "agriculture and food"),
    "Minister of the Environment": ("environment", "the environment", "environment and spatial planning",
                                    "the environment and spatial planning", "climate"),
    "Minister of Economy": ("economy", "economic development", "economic development and technology"),
    "Minister for European Affairs": ("european affairs", "eu affairs"),
    "Minister of Labour": ("labour", "labour, family, social affairs and equal opportunities"),
    "Minister of Education": ("education",),
    "Minister of Infrastructure": ("infrastructure", "transport"),
    "Minister for Migration": ("migration", "migration and asylum"),
}
# Words that make up ministry names ("Minister of Cohesion and Regional Development"): a portfolio
# not listed above is kept as written when every word of it is one of these.
PORTFOLIO_WORDS = tuple(sorted(set(["Expatriates", "Emigrants", "Abroad", "Nationals", "Francophonie", "Worship", "Administration", "Administrative", "Affairs", "Agriculture", "Animal", "Arts", "Asia", "Atomic", "Attorney", "Aviation", "Banking", "Biodiversity", "Border", "Budget", "Cabinet", "Change", "Childhood", "Children", "Cities", "Civil", "Climate", "Coastal", "Cohesion", "Commerce", "Commonwealth", "Communication", "Communications", "Community", "Competition", "Competitiveness", "Constitutional", "Construction", "Consumer", "Cooperation", "Co-operation", "Cooperatives", "Coordination", "Correctional", "Culture", "Customs", "Dairy", "Defence", "Defense", "Democracy", "Development", "Diaspora", "Digital", "Disaster", "Disabilities", "Early", "Ecology", "Economic", "Economy", "Education", "Electricity", "Emergencies", "Emergency", "Employment", "Endowments", "Energy", "Enterprise", "Enterprises", "Entrepreneurship", "Environment", "Equal", "Equality", "European", "External", "Family", "Federal", "Finance", "Financial", "Fisheries", "Food", "Foreign", "Forest", "Forestry", "Forests", "Gas", "Gender", "General", "Government", "Guidance", "Habitat", "Health", "Heritage", "Higher", "Highways", "Home", "Housing", "Human", "Humanitarian", "Immigration", "Inclusion", "Indigenous", "Industrial", "Industry", "Information", "Infrastructure", "Innovation", "Insurance", "Integration", "Intelligence", "Interior", "Internal", "International", "Investment", "Islamic", "Justice", "Labor", "Labour", "Land", "Lands", "Law", "Legal", "Livestock", "Local", "Maritime", "Media", "Medical", "Medium", "Mines", "Mining", "Minorities", "Monetary", "Multiculturalism", "National", "Natural", "Nuclear", "Ocean", "Oceans", "Oil", "Opportunities", "Order", "Overseas", "Parliamentary", "Pensions", "Petroleum", "Planning", "Police", "Policy", "Population", "Ports", "Postal", "Protection", "Public", "Railways", "Reconstruction", "Reform", "Refugees", "Regional", "Relations", "Relief", "Religious", "Renewable", "Research", "Resources", "Revenue", "Rights", "Rural", "Safety", "Science", "Security", "Self-Government", "Services", "Shipping", "Skills", "Small", "Social", "Solidarity", "Space", "Spatial", "Sport", "Sports", "Statistics", "Sustainability", "Sustainable", "Taxation", "Technology", "Telecommunications", "Territories", "Tourism", "Trade", "Training", "Transformation", "Transport", "Treasury", "Union", "Urban", "Veterans", "Vocational", "Water", "Welfare", "Wellbeing", "Wildlife", "Women", "Workforce", "Works", "Youth"])))

# Offices other than ministers, longest first when matching. (title, default organisation or None)
# Titles of a state's public offices (not a journalist's or a citizen's): whoever holds one acts for a state
PUBLIC_OFFICE = re.compile(r"Minister|State Secretary|Secretary of State|Ambassador|Permanent Representative|"
                           r"Director|Police|Chancellor|President|Prime")

OFFICES: tuple[tuple[str, str | None], ...] = (
    ("High Representative of the Union for Foreign Affairs and Security Policy", "European Union"),
    ("President of the European Commission", "European Commission"),
    ("President of the European Council", "European Council"),
    ("President of the European Parliament", "European Parliament"),
    ("European Commission President", "European Commission"),
    ("European Council President", "European Council"),
    ("European Commissioner", "European Commission"),
    ("European Chief Prosecutor", "European Public Prosecutor's Office"),
    ("High Representative", "European Union"),
    ("Commissioner", "European Commission"),
    ("Deputy Prime Minister", None), ("Prime Minister", None), ("Federal Chancellor", None),
    ("Chancellor", None), ("Vice President", None), ("Vice-President", None), ("President", None),
    ("State Secretary", None), ("Secretary of State", None), ("Secretary General", None),
    ("Secretary-General", None), ("Permanent Representative", None), ("Ambassador", None),
    ("Director General of the Police", None), ("General Police Director", None), ("Police Director", None),
    ("Director General", None), ("Director-General", None), ("Managing Director", None),
    ("Executive Director", None), ("Governor", None), ("Mayor", None), ("King", None), ("Queen", None),
    ("Chief Prosecutor", None), ("Spokesperson", None), ("Deputy Minister", None), ("Minister", None),
    ("Minister of State", None), ("Assistant Minister", None), ("Union Minister", None), ("Cabinet Secretary", None),
    ("Vice Premier", None), ("Premier", None), ("Federal Councillor", None), ("Vice-Chancellor", None),
    ("Vice Chancellor", None), ("Foreign Secretary", None), ("Home Secretary", None), ("Senator", None),
    ("Special Envoy", None), ("Special Representative", None), ("Special Coordinator", None),
    ("Regional Director", None), ("Chairman", None), ("Chairwoman", None), ("Chairperson", None), ("Chair", None),
    ("Deputy Chair", None), ("Vice-Chair", None), ("Speaker", None), ("Crown Prince", None),
    ("correspondent", None), ("journalist", None), ("Head of Government", None), ("Head of State", None),
)
# The head word of each office ("Envoy" of "Special Envoy", "Representative" of "High Representative of ...",
# "Secretary-General" and "General")
OFFICE_HEADS = frozenset(w for title, _ in OFFICES for head in [title.split(" of ")[0].split()[-1]]
                         for w in (head, head.split("-")[-1]))



def fold(text: str) -> str:
    """Lower-case, strip diacritics, squeeze spaces: for comparing names and labels."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def slug(text: str) -> str:
    """Kebab-case ASCII identifier."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every known surface name of a state -> ISO alpha-2 code."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value] = code
    for kind, surface, code, _ in _data_rows("countries.tsv"):
        if kind == "name" and surface not in names:
            names[surface] = code
    names.update(_ALIASES)
    return names


def country_label(code: str) -> str:
    """Display name of a state, e.g. 'SI' -> 'Slovenia'."""
    if code in _DISPLAY:
        return _DISPLAY[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def country_code(surface: str) -> str | None:
    """'Slovenia', 'the Republic of Slovenia', 'Slovenian', 'Slovenia's' -> 'SI'."""
    s = re.sub(r"['’]s$", "", surface.strip())
    s = re.sub(r"^(?:the\s+)?(?:Republic of\s+|Federal Republic of\s+|Kingdom of\s+)", "", s)
    names = country_names()
    if s in names:
        return names[s]
    if s in DEMONYMS:
        return DEMONYMS[s]
    return None


_CAPITALS = _capitals()


@lru_cache(maxsize=1)
def country_regex() -> re.Pattern[str]:
    """Matches country names and demonyms as whole words (longest first)."""
    words = sorted(set(country_names()) | set(DEMONYMS), key=len, reverse=True)
    words = [w for w in words if len(w) > 2 or w in {"UK", "US"}]
    return re.compile(r"(?<![\w-])(?:the Republic of |Republic of )?(" + "|".join(map(re.escape, words)) + r")(?![\w-])")


def body_for(surface: str) -> str | None:
    """Canonical label of an EU institution or international body named by ``surface``."""
    for label, aliases in BODIES.items():
        if surface in aliases or surface == label:
            return label
    return None



@dataclass(frozen=True)
class PlaceName:
    """A known place named in a text (the same reading as a regex match: ``group(1)``, ``start(1)``)."""

    name: str
    begin: int
    stop: int

    def group(self, _: int = 0) -> str:
        return self.name

    def start(self, _: int = 0) -> int:
        return self.begin

    def end(self, _: int = 0) -> int:
        return self.stop


# Capitalised words, with the lower-case links of place names ("Brdo pri Kranju", "Rio de Janeiro").
_PLACE_CANDIDATE = re.compile(
    r"(?<![\w-])[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|de|del|da|do|dos|di|la|le|les|pri|am|an|upon|sur|on|el|al))*")


_FUNCTION_WORDS = frozenset({"in", "at", "on", "the", "from", "to", "and", "of", "for", "with", "by", "near", "during",
                             "after", "before", "while", "when", "as", "since", "today", "yesterday", "this", "last"})


class _CityFinder:
    """Finds the places of ``CITIES`` in a text: the longest known name in each run of capitalised words."""

    def _at(self, text: str, begin: int, run: str) -> PlaceName | None:
        """The longest known place opening ``run`` that is not the start of a longer capitalised name
        ("Federal Chancellery") and not a state's name ("Armenia", a Colombian city too)."""
        words = list(re.finditer(r"\S+", run))
        for n in range(min(len(words), 5), 0, -1):
            name = run[:words[n - 1].end()].rstrip(".,'’")
            if n < len(words) and words[n].group()[0].isupper() and not words[n - 1].group().endswith(","):
                continue
            if name in CITIES and not country_code(name):
                return PlaceName(name, begin, begin + len(name))
        return None

    def finditer(self, text: str) -> list[PlaceName]:
        """Places opening a run of capitalised words, after sentence-initial function words ("In Paris")
        and list commas ("Rome, Paris and Berlin"); never inside a name ("Ana Lima Santos")."""
        found = []
        for run in _PLACE_CANDIDATE.finditer(text):
            pos = run.start()
            while pos < run.end():
                place = self._at(text, pos, text[pos:run.end()])
                if place is not None:
                    found.append(place)
                    pos = place.stop
                    nxt = re.compile(r"[,\s]+").match(text, pos)
                else:
                    word = re.compile(r"\S+").match(text, pos)
                    if word is None or word.group().rstrip(",").casefold() not in _FUNCTION_WORDS \
                            and not word.group().endswith(","):
                        break
                    nxt = re.compile(r"\S*\s+").match(text, pos)
                if nxt is None or nxt.end() >= run.end() or nxt.end() == pos:
                    break
                pos = nxt.end()
        return found

    def match(self, text: str) -> PlaceName | None:
        run = _PLACE_CANDIDATE.match(text)
        return self._at(text, 0, run.group()) if run else None


# Finds known cities (``finditer``, ``match``) as a compiled pattern would.
CITY_FINDER = _CityFinder()

# Head nouns of the names of buildings and venues ("Lancaster House", "Palace of Nations").
PLACE_HEADS = ("House", "Palace", "Hall", "Castle", "Centre", "Center", "Building", "Street", "Square", "Airport",
               "Park", "Tower", "Residence", "Mansion", "Villa", "Garden", "Gardens", "Chancellery", "Kremlin")
