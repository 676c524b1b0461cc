"""Word lists the extractor works from: states, organisations, titles, speech verbs.

Everything here is plain data; the other modules decide what to do with it.
"""

from __future__ import annotations

# canonical state name: (nationality adjectives, other names: capitals, institutions, short forms)
_STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "United States": (
        ("U.S.", "US", "American"),
        ("U.S.", "US", "USA", "America", "United States of America", "Washington",
         "White House", "Pentagon", "State Department"),
    ),
    "Russia": (("Russian",), ("Moscow", "Kremlin", "Russian Federation")),
    "Ukraine": (("Ukrainian",), ("Kyiv", "Kiev")),
    "United Kingdom": (
        ("British", "UK", "U.K."),
        ("Britain", "UK", "U.K.", "Great Britain", "London", "Downing Street", "Whitehall"),
    ),
    "France": (("French",), ("Paris", "Elysee", "Élysée")),
    "Germany": (("German",), ("Berlin",)),
    "Turkey": (("Turkish",), ("Ankara", "Türkiye")),
    "China": (("Chinese",), ("Beijing",)),
    "Japan": (("Japanese",), ("Tokyo",)),
    "India": (("Indian",), ("New Delhi",)),
    "Italy": (("Italian",), ("Rome",)),
    "Spain": (("Spanish",), ("Madrid",)),
    "Portugal": (("Portuguese",), ("Lisbon",)),
    "Poland": (("Polish",), ("Warsaw",)),
    "Canada": (("Canadian",), ("Ottawa",)),
    "Australia": (("Australian",), ("Canberra",)),
    "New Zealand": ((), ("Wellington",)),
    "Brazil": (("Brazilian",), ("Brasilia", "Brasília")),
    "Mexico": (("Mexican",), ("Mexico City",)),
    "Argentina": (("Argentine", "Argentinian"), ("Buenos Aires",)),
    "Chile": (("Chilean",), ("Santiago",)),
    "Colombia": (("Colombian",), ("Bogota", "Bogotá")),
    "Venezuela": (("Venezuelan",), ("Caracas",)),
    "Cuba": (("Cuban",), ("Havana",)),
    "Peru": (("Peruvian",), ("Lima",)),
    "Israel": (("Israeli",), ("Jerusalem",)),
    "Iran": (("Iranian",), ("Tehran",)),
    "Iraq": (("Iraqi",), ("Baghdad",)),
    "Syria": (("Syrian",), ("Damascus",)),
    "Saudi Arabia": (("Saudi",), ("Riyadh",)),
    "Qatar": (("Qatari",), ("Doha",)),
    "United Arab Emirates": (("Emirati",), ("UAE", "Abu Dhabi")),
    "Egypt": (("Egyptian",), ("Cairo",)),
    "Lebanon": (("Lebanese",), ("Beirut",)),
    "Jordan": (("Jordanian",), ("Amman",)),
    "Morocco": (("Moroccan",), ("Rabat",)),
    "Algeria": (("Algerian",), ("Algiers",)),
    "Sudan": (("Sudanese",), ("Khartoum",)),
    "Ethiopia": (("Ethiopian",), ("Addis Ababa",)),
    "Kenya": (("Kenyan",), ("Nairobi",)),
    "Nigeria": (("Nigerian",), ("Abuja",)),
    "South Africa": (("South African",), ("Pretoria",)),
    "Democratic Republic of the Congo": (("Congolese",), ("DRC", "DR Congo", "Kinshasa")),
    "South Korea": (("South Korean",), ("Seoul",)),
    "North Korea": (("North Korean",), ("Pyongyang",)),
    "Taiwan": (("Taiwanese",), ("Taipei",)),
    "Indonesia": (("Indonesian",), ("Jakarta",)),
    "Malaysia": (("Malaysian",), ("Kuala Lumpur",)),
    "Philippines": (("Philippine", "Filipino"), ("Manila",)),
    "Vietnam": (("Vietnamese",), ("Hanoi",)),
    "Thailand": (("Thai",), ("Bangkok",)),
    "Pakistan": (("Pakistani",), ("Islamabad",)),
    "Afghanistan": (("Afghan",), ("Kabul",)),
    "Bangladesh": (("Bangladeshi",), ("Dhaka",)),
    "Kazakhstan": (("Kazakh",), ("Astana",)),
    "Belarus": (("Belarusian",), ("Minsk",)),
    "Moldova": (("Moldovan",), ("Chisinau",)),
    "Romania": (("Romanian",), ("Bucharest",)),
    "Hungary": (("Hungarian",), ("Budapest",)),
    "Czech Republic": (("Czech",), ("Prague", "Czechia")),
    "Slovakia": (("Slovak",), ("Bratislava",)),
    "Austria": (("Austrian",), ("Vienna",)),
    "Switzerland": (("Swiss",), ("Bern",)),
    "Netherlands": (("Dutch",), ("The Hague", "Amsterdam")),
    "Belgium": (("Belgian",), ()),
    "Ireland": (("Irish",), ("Dublin",)),
    "Greece": (("Greek",), ("Athens",)),
    "Sweden": (("Swedish",), ("Stockholm",)),
    "Norway": (("Norwegian",), ("Oslo",)),
    "Denmark": (("Danish",), ("Copenhagen",)),
    "Finland": (("Finnish",), ("Helsinki",)),
    "Estonia": (("Estonian",), ("Tallinn",)),
    "Latvia": (("Latvian",), ("Riga",)),
    "Lithuania": (("Lithuanian",), ("Vilnius",)),
    "Serbia": (("Serbian",), ("Belgrade",)),
    "Croatia": (("Croatian",), ("Zagreb",)),
    "Armenia": (("Armenian",), ("Yerevan",)),
    "Azerbaijan": (("Azerbaijani",), ("Baku",)),
    "Samoa": (("Samoan",), ("Apia",)),
    "Singapore": (("Singaporean",), ()),
}

# canonical organisation name: (kind, parent, other names)
_ORGANIZATIONS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "NATO": ("organization", None, ("North Atlantic Treaty Organization", "the alliance")),
    "European Union": ("organization", None, ("EU", "E.U.", "Brussels")),
    "European Commission": ("organization", "European Union", ()),
    "European Central Bank": ("organization", "European Union", ("ECB",)),
    "United Nations": ("organization", None, ("UN", "U.N.")),
    "World Health Organization": ("organization", None, ("WHO", "World Health Organisation")),
    "World Trade Organization": ("organization", None, ("WTO", "World Trade Organisation")),
    "International Monetary Fund": ("organization", None, ("IMF",)),
    "World Bank": ("organization", None, ()),
    "African Union": ("organization", None, ("AU",)),
    "OPEC": ("organization", None, ()),
    "ASEAN": ("organization", None, ()),
}

# adjectives that name an organisation's side when they modify a title ("EU Commissioner")
_ORG_ADJECTIVES = {
    "NATO": "NATO", "EU": "European Union", "E.U.": "European Union",
    "European": "European Union", "UN": "United Nations", "U.N.": "United Nations",
    "WHO": "World Health Organization", "IMF": "International Monetary Fund",
}


def _index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    adjectives: dict[str, str] = {}
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for state, (adjs, aliases) in _STATES.items():
        kinds[state] = "state"
        names[state] = state
        for adj in adjs:
            adjectives[adj] = state
        for alias in aliases:
            names.setdefault(alias, state)
    for org, (kind, _parent, aliases) in _ORGANIZATIONS.items():
        kinds[org] = kind
        names[org] = org
        for alias in aliases:
            names.setdefault(alias, org)
    for adj, org in _ORG_ADJECTIVES.items():
        adjectives.setdefault(adj, org)
    return adjectives, names, kinds


SIDE_ADJECTIVES, SIDE_NAMES, SIDE_KINDS = _index()
ORG_PARENTS = {org: parent for org, (_k, parent, _a) in _ORGANIZATIONS.items() if parent}
# institutions whose name stays in a person's title ("Pentagon spokesman")
INSTITUTIONS = {"Pentagon", "White House", "State Department", "Kremlin", "Downing Street",
                "Elysee", "Élysée"}


def side_aliases(name: str) -> list[str]:
    """Other names of a known state or organisation, as listed above."""
    if name in _STATES:
        return list(dict.fromkeys(_STATES[name][1]))
    if name in _ORGANIZATIONS:
        return list(_ORGANIZATIONS[name][2])
    return []


TITLE_WORDS = frozenset([
    "president", "vice", "prime", "central", "minister", "ministers", "deputy", "secretary",
    "sports", "sport", "interior", "housing", "tourism", "youth", "fisheries", "science",
    "technology", "infrastructure",
    "general", "secretary-general", "director-general", "director", "chief", "executive",
    "spokesman", "spokeswoman", "spokesperson", "mayor", "governor", "chancellor", "senator",
    "sen", "representative", "rep", "ambassador", "envoy", "commissioner", "chairman",
    "chairwoman", "chair", "chairperson", "ceo", "cfo", "coo", "head", "leader", "negotiator",
    "commander", "commander-in-chief", "colonel", "col", "lieutenant", "lt", "major", "captain",
    "admiral", "marshal",
    # abbreviated ranks before a name ("ASP Henry Okoye", "Sgt. Ana Ruiz")
    "asp", "dsp", "acp", "dcp", "aig", "igp", "sgt", "cpl", "insp", "supt", "maj", "capt",
    "brig", "cdr", "dci",
    "sergeant", "officer", "official", "adviser", "advisor", "counsel", "attorney", "prosecutor",
    "judge", "justice", "justices", "judges", "magistrate", "lawyer", "analyst", "economist",
    "strategist", "professor",
    "prof", "doctor", "scientist", "researcher", "epidemiologist", "expert", "founder",
    "co-founder", "partner", "manager", "premier", "king", "queen", "prince", "princess", "pope",
    "sheikh", "emir", "speaker", "whip", "mp", "lawmaker", "legislator", "congressman",
    "congresswoman", "councillor", "councilor", "treasurer", "administrator", "inspector",
    "coordinator", "campaigner", "activist", "organiser", "organizer", "editor", "correspondent",
    "delegate", "diplomat", "foreign", "defense", "defence", "interior", "home", "finance",
    "treasury", "trade", "economy", "economic", "health", "energy", "environment", "climate",
    "transport", "transportation", "education", "labor", "labour", "agriculture", "industry",
    "culture", "security", "intelligence", "state", "affairs", "development", "commerce",
    "digital", "special", "senior", "top", "former", "acting", "interim", "opposition", "shadow",
    "regional", "first", "vice-president", "high", "portfolio", "political", "associate",
    "assistant", "managing", "operating", "financial", "press", "communications", "principal",
    "gov", "gen", "atty", "dist", "district", "rev", "msgr", "det", "detective", "councilman",
    "councilwoman", "minority", "majority", "information", "justice", "coach", "witness",
    "pastor", "vicar", "bishop", "cardinal", "imam", "rabbi", "photographer", "chancellor",
    "ceo", "boss", "supremo", "president-elect", "leader-elect", "counselor", "dr", "fm", "pm"
])
TITLE_CONNECTORS = frozenset({"of", "for", "and", "the"})
# lowercase nouns that can head an unnamed speaker ("the ministry", "British military intelligence")
ORG_NOUNS = frozenset([
    "ministry", "government", "military", "intelligence", "office", "department", "court", "union",
    "company", "firm", "group", "agency", "authority", "commission", "committee", "council",
    "party", "board", "regulator", "army", "police", "navy", "administration", "delegation",
    "embassy", "cabinet", "parliament", "bloc", "alliance", "rebels", "carrier", "operator",
    "staff", "forces", "bank", "tribunal", "service", "campaign", "team", "organisation",
    "organization", "panel", "force", "guard"
])
# wire services: "…, Reuters reported" passes on what others said
NEWS_AGENCIES = frozenset([
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Kyodo", "Yonhap",
    "Xinhua", "TASS", "Tass", "ITAR-Tass", "RIA Novosti", "Interfax", "PTI", "ANI", "IANS",
    "Bernama", "Anadolu", "dpa", "DPA", "EFE", "ANSA", "Bloomberg", "UNI", "Press Trust of India"
])
# plural unnamed speakers: with a nationality they speak for the state ("U.S. officials")
PEOPLE_NOUNS = frozenset([
    "officials", "analysts", "economists", "diplomats", "sources", "experts", "lawmakers",
    "leaders", "negotiators", "investors", "campaigners", "residents", "witnesses", "observers",
    "scientists", "doctors", "executives", "lawyers", "critics", "activists", "protesters",
    "researchers", "prosecutors", "investigators", "rescuers", "medics", "workers", "farmers",
    "teachers", "voters", "traders", "bankers", "engineers", "seismologists", "epidemiologists",
    "commentators", "supporters", "opponents", "organisers", "organizers", "authorities",
    "delegates", "senators", "legislators", "groups", "organisations", "organizations",
    "parents", "families", "members", "unions", "companies", "firms", "charities", "people"
])
ANAPHOR_HEADS: dict[str, tuple[str, ...]] = {
    "union": ("Union", "Society", "Association", "Federation", "Guild", "Brotherhood"),
    "company": ("company",),
    "firm": ("company",),
    "carrier": ("company",),
    "group": ("*",),
    "ministry": ("Ministry",),
    "committee": ("Committee", "Commission"),
    "commission": ("Commission", "Committee"),
    "court": ("Court", "Tribunal"),
    "panel": ("Court", "Tribunal", "Committee", "Commission", "Panel"),
    "agency": ("Agency", "CDC", "Authority", "Office", "Service"),
    "authority": ("Authority", "Agency", "Regulator", "Commission"),
    "regulator": ("Authority", "Agency", "Regulator", "Commission"),
    "party": ("Party", "Front", "Democrats", "Union", "Alliance"),
    "rebels": ("Army", "Front", "Movement", "rebels"),
    "alliance": ("Alliance", "NATO"),
    "bloc": ("Union", "EU"),
    "organisation": ("Organization", "Organisation"),
    "organization": ("Organization", "Organisation"),
    "bank": ("Bank",),
    "council": ("Council",),
}
ORG_HEADS = frozenset([
    "Organization", "Organisation", "Union", "Commission", "Council", "Committee", "Ministry",
    "Department", "Agency", "Authority", "Office", "Bank", "Court", "Tribunal", "Party", "Front",
    "Alliance", "Coalition", "Association", "Federation", "Society", "Institute", "Institution",
    "University", "College", "School", "Hospital", "Foundation", "Trust", "Fund", "Group",
    "Holdings", "Corp", "Corporation", "Inc", "Ltd", "Limited", "plc", "AG", "SA", "GmbH",
    "Company", "Lines", "Freight", "Airlines", "Airways", "Motors", "Capital", "Markets",
    "Partners", "Securities", "Media", "News", "Times", "Post", "Journal", "Telegraph", "Press",
    "Parliament", "Assembly", "Congress", "Senate", "Government", "Administration", "Army", "Navy",
    "Forces", "Police", "Guard", "Service", "Services", "Board", "Bureau", "Center", "Centre",
    "Network", "Rail", "Railways", "Water", "Energy", "Petroleum", "Pharmaceuticals",
    "Technologies", "Systems", "Mission", "Staff", "Cabinet", "Movement", "League", "Church",
    "Democrats", "Republicans", "Socialists", "Greens", "Club", "Programme", "Program", "Fund",
    "Exchange", "Reserve", "Command", "Unit", "Panel", "Regulator", "Inspectorate", "Directorate"
])
COMPANY_HEADS = frozenset([
    "Holdings", "Corp", "Corporation", "Inc", "Ltd", "Limited", "plc", "AG", "SA", "GmbH",
    "Company", "Lines", "Freight", "Airlines", "Airways", "Motors", "Capital", "Markets",
    "Partners", "Securities", "Water", "Energy", "Petroleum", "Pharmaceuticals", "Technologies",
    "Systems", "Group"
])
GROUP_HEADS = frozenset({"Army", "Front", "Movement", "Brigade", "Brigades"})
# a capitalised sequence starting with one of these is not a person's name
ORG_STARTS = frozenset([
    "National", "International", "European", "World", "United", "General", "Central", "Federal",
    "Royal", "Network", "Global", "Supreme", "High", "Constitutional", "Associated", "Democratic",
    "Republican", "Social", "Liberal", "Conservative", "Labour", "Green", "Islamic", "Catholic",
    "Africa", "African", "Asian", "Southeast", "Northern", "Southern", "Eastern", "Western",
    "North", "South", "East", "West", "New", "Old", "Great", "Grand", "First", "Second", "Third",
    "Human", "Civil", "Free", "Public", "Foreign", "State", "Security", "Defense", "Defence",
    "Atlantic", "Pacific", "Arctic", "Middle", "Near", "Far", "Red", "Holy", "Saint", "St"
])
# capitalised words that start sentences or clauses and are never part of a speaker's name
STOP_CAPS = frozenset([
    "A", "An", "In", "On", "At", "But", "And", "Or", "Meanwhile", "However", "While", "When", "As",
    "After", "Before", "Also", "Yet", "So", "Still", "Then", "Now", "Speaking", "Asked", "Earlier",
    "Later", "Separately", "Elsewhere", "Instead", "Last", "This", "That", "These", "Those",
    "Since", "If", "Although", "Though", "Because", "With", "For", "From", "By", "Without",
    "According", "Under", "Over", "During", "Despite", "Even", "Only", "Not", "Both", "Many",
    "Some", "Most", "Several", "Other", "Others", "Writing", "It", "He", "She", "They", "We", "I",
    "You", "Here", "There", "Their", "His", "Her", "Its", "Our", "My", "Your", "Where", "Why",
    "How", "What", "Who", "Which", "Whose", "Today", "Yesterday", "Tomorrow", "Tonight",
    "Thousands", "Hundreds", "Millions", "Shares", "Such", "No", "Every", "Each", "All", "Any",
    "Another", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Nobody",
    "Everyone", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Within", "Amid", "Following", "Upon", "Unlike", "Like",
    "Through", "Throughout", "Until", "Against", "Among", "Around", "Toward", "Towards"
])
HONORIFICS = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Dr": None, "Sir": "m",
              "Dame": "f", "Lord": "m", "Lady": "f", "Prof": None, "Madam": "f"}
ABBREVIATIONS = frozenset([
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sen", "Rep", "Gov", "Prof", "Jr", "Sr",
    "Inc", "Corp", "Ltd", "Co", "No", "Sgt", "Capt", "Maj", "Adm", "Rev", "Hon", "vs", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft",
    "Gov", "Pres", "Supt", "Det", "Insp", "Atty", "Dist", "Msgr", "Rev"
])
FEMALE_WORDS = frozenset({"spokeswoman", "chairwoman", "congresswoman", "businesswoman",
                          "queen", "princess", "mrs", "ms", "miss", "madam", "dame", "lady"})
MALE_WORDS = frozenset({"spokesman", "chairman", "congressman", "businessman", "king",
                        "prince", "mr", "sir", "lord"})
NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "al", "bin", "la", "le",
                            "del", "du", "dos", "di", "ibn", "el", "ter", "ten"})
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group"}
