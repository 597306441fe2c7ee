"""Word lists the extractor relies on: countries (pycountry), demonyms, capitals and large
cities, regions, person titles, organisation and place head words, well-known news
outlets and international bodies, and common English words.

These are general knowledge about English news writing, not about any one affair: the
extractor must work on articles nobody on the team has seen.  Everything is built once,
lazily, into plain sets and dicts (lookups are by exact lowercase text).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, accents dropped, curly apostrophes straightened: the lookup key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("’", "'").lower().split())


# ----------------------------------------------------------------------------- countries
#: Display names the English press uses where ISO's differ.
_COUNTRY_DISPLAY = {
    "Russian Federation": "Russia", "Türkiye": "Turkey", "Korea, Republic of": "South Korea",
    "Korea, Democratic People's Republic of": "North Korea", "Viet Nam": "Vietnam",
    "Congo, The Democratic Republic of the": "DR Congo", "Palestine, State of": "Palestine",
    "Holy See (Vatican City State)": "Vatican", "Syrian Arab Republic": "Syria",
    "Iran, Islamic Republic of": "Iran", "Lao People's Democratic Republic": "Laos",
    "Moldova, Republic of": "Moldova", "Tanzania, United Republic of": "Tanzania",
    "Venezuela, Bolivarian Republic of": "Venezuela", "Bolivia, Plurinational State of": "Bolivia",
    "Taiwan, Province of China": "Taiwan", "Micronesia, Federated States of": "Micronesia",
    "Czechia": "Czech Republic", "Brunei Darussalam": "Brunei", "Cabo Verde": "Cape Verde",
    "Côte d'Ivoire": "Ivory Coast", "Eswatini": "Eswatini", "Myanmar": "Myanmar",
}

#: Other names the press uses for a country (lowercase key -> display name).
_COUNTRY_EXTRA = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States",
    "united states of america": "United States", "uk": "United Kingdom",
    "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates",
    "emirates": "United Arab Emirates", "holland": "Netherlands", "burma": "Myanmar",
    "drc": "DR Congo", "dr congo": "DR Congo", "democratic republic of congo": "DR Congo",
    "democratic republic of the congo": "DR Congo", "congo-kinshasa": "DR Congo",
    "republic of congo": "Congo", "congo-brazzaville": "Congo", "vatican": "Vatican",
    "macedonia": "North Macedonia", "swaziland": "Eswatini", "east timor": "Timor-Leste",
    "kosovo": "Kosovo", "bosnia": "Bosnia and Herzegovina", "gambia": "Gambia",
    "the gambia": "Gambia", "bahamas": "Bahamas", "ivory coast": "Ivory Coast",
    "cote d'ivoire": "Ivory Coast", "turkiye": "Turkey", "turkey": "Turkey",
    "czech republic": "Czech Republic", "south sudan": "South Sudan",
    "palestine": "Palestine", "state of palestine": "Palestine", "russia": "Russia",
    "iran": "Iran", "syria": "Syria", "north korea": "North Korea",
    "south korea": "South Korea", "taiwan": "Taiwan", "vietnam": "Vietnam", "laos": "Laos",
}

#: Country -> demonyms (adjectives and nouns).  "Egyptian officials" names the state.
_DEMONYMS = """
Afghanistan:Afghan,Afghani|Albania:Albanian|Algeria:Algerian|Angola:Angolan|
Argentina:Argentine,Argentinian|Armenia:Armenian|Australia:Australian|Austria:Austrian|
Azerbaijan:Azerbaijani,Azeri|Bahrain:Bahraini|Bangladesh:Bangladeshi|Belarus:Belarusian|
Belgium:Belgian|Benin:Beninese|Bolivia:Bolivian|Bosnia and Herzegovina:Bosnian|
Brazil:Brazilian|Bulgaria:Bulgarian|Burkina Faso:Burkinabe|Burundi:Burundian|
Cambodia:Cambodian|Cameroon:Cameroonian|Canada:Canadian|Chad:Chadian|Chile:Chilean|
China:Chinese|Colombia:Colombian|Croatia:Croatian|Cuba:Cuban|Cyprus:Cypriot|
Czech Republic:Czech|Denmark:Danish|Djibouti:Djiboutian|Ecuador:Ecuadorian|Egypt:Egyptian|
Equatorial Guinea:Equatoguinean|Eritrea:Eritrean|Estonia:Estonian|Ethiopia:Ethiopian|
Finland:Finnish|France:French|Gabon:Gabonese|Georgia:Georgian|Germany:German|Ghana:Ghanaian|
Greece:Greek|Guatemala:Guatemalan|Guinea:Guinean|Haiti:Haitian|Honduras:Honduran|
Hungary:Hungarian|Iceland:Icelandic|India:Indian|Indonesia:Indonesian|Iran:Iranian|
Iraq:Iraqi|Ireland:Irish|Israel:Israeli|Italy:Italian|Ivory Coast:Ivorian|Jamaica:Jamaican|
Japan:Japanese|Jordan:Jordanian|Kazakhstan:Kazakh|Kenya:Kenyan|Kosovo:Kosovar|Kuwait:Kuwaiti|
Kyrgyzstan:Kyrgyz|Laos:Laotian|Latvia:Latvian|Lebanon:Lebanese|Liberia:Liberian|Libya:Libyan|
Lithuania:Lithuanian|Madagascar:Malagasy|Malawi:Malawian|Malaysia:Malaysian|Mali:Malian|
Malta:Maltese|Mauritania:Mauritanian|Mexico:Mexican|Moldova:Moldovan|Mongolia:Mongolian|
Montenegro:Montenegrin|Morocco:Moroccan|Mozambique:Mozambican|Myanmar:Burmese|
Namibia:Namibian|Nepal:Nepalese,Nepali|Netherlands:Dutch|New Zealand:New Zealand|
Nicaragua:Nicaraguan|Niger:Nigerien|Nigeria:Nigerian|North Korea:North Korean|
North Macedonia:Macedonian|Norway:Norwegian|Oman:Omani|Pakistan:Pakistani|
Palestine:Palestinian|Panama:Panamanian|Paraguay:Paraguayan|Peru:Peruvian|
Philippines:Filipino,Philippine|Poland:Polish|Portugal:Portuguese|Qatar:Qatari|
Romania:Romanian|Russia:Russian|Rwanda:Rwandan|Saudi Arabia:Saudi|Senegal:Senegalese|
Serbia:Serbian|Sierra Leone:Sierra Leonean|Singapore:Singaporean|Slovakia:Slovak|
Slovenia:Slovenian|Somalia:Somali|South Africa:South African|South Korea:South Korean|
South Sudan:South Sudanese|Spain:Spanish|Sri Lanka:Sri Lankan|Sudan:Sudanese|Sweden:Swedish|
Switzerland:Swiss|Syria:Syrian|Taiwan:Taiwanese|Tajikistan:Tajik|Tanzania:Tanzanian|
Thailand:Thai|Togo:Togolese|Tunisia:Tunisian|Turkey:Turkish|Turkmenistan:Turkmen|
Uganda:Ugandan|Ukraine:Ukrainian|United Arab Emirates:Emirati|United Kingdom:British|
United States:American|Uruguay:Uruguayan|Uzbekistan:Uzbek|Venezuela:Venezuelan|
Vietnam:Vietnamese|Yemen:Yemeni|Zambia:Zambian|Zimbabwe:Zimbabwean|DR Congo:Congolese|
Vatican:Vatican
"""

# ----------------------------------------------------------------------------- places
#: National capitals and large or often-reported cities (English spellings).
_CITIES = """
Kabul Tirana Algiers Luanda Yerevan Canberra Vienna Baku Manama Dhaka Minsk Brussels
Cotonou Porto-Novo Sarajevo Gaborone Brasilia Sofia Ouagadougou Phnom Penh Yaounde Ottawa
N'Djamena Santiago Beijing Bogota Kinshasa Brazzaville Zagreb Havana Nicosia Prague
Copenhagen Djibouti Quito Cairo Asmara Tallinn Addis Ababa Helsinki Paris Libreville Tbilisi
Berlin Accra Athens Conakry Budapest Reykjavik New Delhi Jakarta Tehran Baghdad Dublin
Jerusalem Rome Tokyo Amman Astana Nairobi Pristina Kuwait City Bishkek Vientiane Riga Beirut
Monrovia Tripoli Vilnius Antananarivo Lilongwe Kuala Lumpur Bamako Valletta Nouakchott
Mexico City Chisinau Ulaanbaatar Podgorica Rabat Maputo Naypyidaw Windhoek Kathmandu
Amsterdam The Hague Wellington Managua Niamey Abuja Pyongyang Skopje Oslo Muscat Islamabad
Ramallah Panama City Asuncion Lima Manila Warsaw Lisbon Doha Bucharest Moscow Kigali Riyadh
Dakar Belgrade Freetown Singapore Bratislava Ljubljana Mogadishu Pretoria Seoul Juba Madrid
Colombo Khartoum Stockholm Bern Damascus Taipei Dushanbe Dodoma Bangkok Lome Tunis Ankara
Ashgabat Kampala Kyiv Kiev Abu Dhabi London Washington Montevideo Tashkent Caracas Hanoi
Sanaa Lusaka Harare Malabo Bangui Bujumbura Mbabane Maseru Victoria Port Louis Praia
Dubai Sharjah Jeddah Mecca Medina Istanbul Izmir Alexandria Port Said Suez Aswan Luxor
Benghazi Misrata Sirte Tobruk Derna Sabha Zawiya Tel Aviv Haifa Eilat Gaza Rafah Hebron
Nablus Jenin Aleppo Homs Idlib Latakia Mosul Basra Erbil Kirkuk Fallujah Aden Hodeidah
Marib Taiz Mukalla Lagos Kano Port Harcourt Kumasi Abidjan Douala Mombasa
Casablanca Marrakesh Tangier Oran Sfax Karachi Lahore Peshawar Kandahar Herat Mumbai
Kolkata Chennai Bangalore Shanghai Chongqing Hong Kong Shenzhen Guangzhou Wuhan Osaka Busan Sydney
Melbourne Toronto Montreal Vancouver New York Los Angeles Chicago Houston Miami Boston
San Francisco Seattle Sao Paulo Rio de Janeiro Buenos Aires Bogota Medellin Johannesburg
Cape Town Durban Geneva Zurich Munich Frankfurt Hamburg Milan Naples Marseille Lyon Nice
Barcelona Seville Manchester Birmingham Glasgow Edinburgh Belfast Brussels Antwerp
Rotterdam St Petersburg Saint Petersburg Sochi Odesa Odessa Kharkiv Mariupol Donetsk
Luhansk Sevastopol Minsk Gdansk Krakow Thessaloniki Piraeus Limassol Larnaca Valletta
Tampa Orlando Dallas Atlanta Detroit
"""

_US_STATES = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii
Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
Minnesota Mississippi Missouri Montana Nebraska Nevada New Hampshire New Jersey New Mexico
North Carolina North Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Island South Carolina
South Dakota Tennessee Texas Utah Vermont Virginia West Virginia Wisconsin Wyoming
"""

#: Regions, seas, straits and territories the press names as places.
_REGIONS = [
    "Middle East", "Near East", "Far East", "North Africa", "East Africa", "West Africa",
    "Southern Africa", "Central Africa", "Sub-Saharan Africa", "Horn of Africa", "Sahel",
    "Maghreb", "Levant", "Gulf", "Persian Gulf", "Arabian Gulf", "Gulf of Aden",
    "Gulf of Guinea", "Gulf of Oman", "Balkans", "Caucasus", "Central Asia", "South Asia",
    "Southeast Asia", "East Asia", "Europe", "Africa", "Asia", "Latin America",
    "South America", "North America", "Central America", "Caribbean", "Scandinavia",
    "Mediterranean", "Red Sea", "Black Sea", "Caspian Sea", "Baltic", "Baltic Sea",
    "North Sea", "South China Sea", "East China Sea", "Arctic", "Antarctica", "Atlantic",
    "Pacific", "Indian Ocean", "Gaza Strip", "West Bank", "East Jerusalem", "Golan Heights",
    "Sinai", "Sinai Peninsula", "Kurdistan", "Crimea", "Donbas", "Donbass", "Kashmir",
    "Tibet", "Xinjiang", "Darfur", "Suez Canal",
    "Strait of Hormuz", "Bab el-Mandeb", "Bosphorus", "Western Sahara", "Nile", "Euphrates", "Tigris", "Jordan Valley", "Negev", "Galilee",
    "Rafah Crossing", "Anatolia", "Patagonia", "Siberia", "Punjab", "Balochistan",
]

# ----------------------------------------------------------------------------- people
#: Words of a person's title, kept out of the name ("General Khalifa Haftar").
TITLE_HEADS = {
    "president", "minister", "general", "gen", "gen.", "colonel", "col", "col.",
    "lieutenant", "lt", "lt.", "major", "maj", "maj.", "captain", "capt", "capt.",
    "commander", "cmdr", "admiral", "adm", "adm.", "commodore", "marshal", "brigadier",
    "sergeant", "sgt", "sgt.", "corporal", "private", "king", "queen", "prince", "princess",
    "sheikh", "shaikh", "sheik", "emir", "amir", "sultan", "mr", "mr.", "mrs", "mrs.", "ms",
    "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "senator", "sen", "sen.",
    "representative", "rep", "rep.", "congressman", "congresswoman", "governor", "gov",
    "gov.", "mayor", "ambassador", "envoy", "secretary", "chancellor", "premier", "judge",
    "justice", "pope", "ayatollah", "imam", "rabbi", "bishop", "archbishop", "cardinal",
    "father", "chairman", "chairwoman", "chair", "speaker", "spokesman", "spokeswoman",
    "spokesperson", "director", "director-general", "ceo", "chief", "professor", "prof",
    "prof.", "president-elect", "minister-designate", "prime", "deputy", "vice",
    "attorney", "prosecutor", "field", "rear", "crown", "supreme", "grand", "foreign",
    "defense", "defence", "interior", "finance", "economy", "energy", "oil", "health",
    "education", "trade", "transport", "state", "acting", "interim", "former",
    "senior", "head", "leader", "coach", "detective", "inspector", "officer", "agent",
    "commissioner", "superintendent", "chief-of-staff", "warlord", "strongman", "mufti",
    "caliph", "dictator", "president-designate", "pm", "representatives", "senators",
    "reps", "mps", "ministers", "generals", "vice-president", "vice-chairman",
}
#: The last word of a title (the others only modify it).
TITLE_ENDS = {
    "president", "minister", "general", "gen", "gen.", "colonel", "col", "col.",
    "lieutenant", "lt", "lt.", "major", "maj", "maj.", "captain", "capt", "capt.",
    "commander", "cmdr", "admiral", "adm", "adm.", "commodore", "marshal", "brigadier",
    "sergeant", "sgt", "sgt.", "corporal", "king", "queen", "prince", "princess", "sheikh",
    "shaikh", "sheik", "emir", "amir", "sultan", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
    "dr.", "sir", "dame", "lord", "lady", "senator", "sen", "sen.", "representative", "rep",
    "rep.", "congressman", "congresswoman", "governor", "gov", "gov.", "mayor", "ambassador",
    "envoy", "secretary", "chancellor", "premier", "judge", "justice", "pope", "ayatollah",
    "imam", "rabbi", "bishop", "archbishop", "cardinal", "father", "chairman", "chairwoman",
    "speaker", "spokesman", "spokeswoman", "spokesperson", "director", "director-general",
    "ceo", "chief", "professor", "prof", "prof.", "president-elect", "minister-designate",
    "attorney", "prosecutor", "detective", "inspector", "commissioner", "superintendent",
    "warlord", "strongman", "mufti", "caliph", "president-designate", "leader", "pm",
    "representatives", "senators", "reps", "mps", "ministers", "generals",
}
#: Lowercase nouns that describe a person just before the name ("journalist Itay Blumental").
PERSON_NOUNS = {
    "journalist", "reporter", "correspondent", "commentator", "analyst", "expert", "editor",
    "writer", "author", "columnist", "blogger", "researcher", "professor", "scholar",
    "spokesman", "spokeswoman", "spokesperson", "official", "minister", "diplomat", "envoy",
    "ambassador", "lawyer", "attorney", "judge", "prosecutor", "activist", "businessman",
    "businesswoman", "tycoon", "billionaire", "commander", "general", "officer", "leader",
    "warlord", "strongman", "president", "premier", "aide", "adviser", "advisor", "son",
    "daughter", "brother", "sister", "wife", "husband", "father", "mother", "uncle", "cousin",
    "nephew", "chief", "director", "executive", "chairman", "founder", "owner", "pilot",
    "captain", "colonel", "militant", "politician", "lawmaker", "senator", "mp", "deputy",
    "rebel", "soldier", "agent", "operative", "spy", "smuggler", "broker", "dealer", "trader",
    "witness", "resident", "student", "doctor", "cleric", "sheikh", "king", "prince",
    "emir", "governor", "mayor", "candidate", "negotiator", "mediator", "investigator",
    "inspector", "detective", "economist", "banker", "photographer", "filmmaker", "rapper",
    "singer", "actor", "actress", "player", "coach", "counterpart", "successor", "predecessor",
    "chief-of-staff", "head", "commissioner", "secretary",
    "chancellor",
}

# ----------------------------------------------------------------------------- organisations
#: Capitalised last words that make a name an organisation ("Libyan National Army").
ORG_HEADS = {
    "army", "armies", "ministry", "agency", "party", "council", "forces", "force", "guard",
    "guards", "government", "bank", "company", "corporation", "corp", "corp.", "inc", "inc.",
    "ltd", "ltd.", "llc", "plc", "group", "brigade", "brigades", "battalion", "regiment",
    "division", "corps", "committee", "commission", "authority", "authorities", "court",
    "tribunal", "university", "institute", "center", "centre", "foundation", "organisation",
    "organization", "union", "front", "movement", "association", "service", "services",
    "office", "department", "police", "navy", "assembly", "parliament", "congress", "senate",
    "observer", "post", "times", "news", "herald", "tribune", "journal", "gazette", "daily",
    "telegraph", "guardian", "monitor", "review", "tv", "television", "radio", "channel",
    "network", "airlines", "airways", "air", "fund", "alliance", "coalition", "federation",
    "league", "cabinet", "presidency", "bureau", "holdings", "industries", "enterprises",
    "trust", "partners", "ventures", "maritime", "shipping", "logistics", "cargo", "media",
    "press", "weekly", "magazine", "mail", "express", "star", "sun",
    "courier", "chronicle", "standard", "reporter", "wire", "militia", "militias", "squadron", "fleet", "command", "directorate", "secretariat", "mission", "embassy",
    "consulate", "club", "church", "commune", "junta", "cartel", "gang",
    "syndicate", "faction", "taskforce", "unit", "legion", "cooperative", "exchange",
    "customs", "intelligence", "eye", "insider", "ag", "sa", "gmbh", "bv", "nv", "spa",
    "srl", "pjsc", "jsc", "limited", "llp", "pty", "pte", "fze", "fzco", "sarl",
    "board", "chamber", "administration", "mirror", "echo", "voice", "watch",
    "today", "inquirer", "examiner", "bulletin", "dispatch", "sentinel", "globe",
    "independent", "kft", "zrt", "nyrt", "oyj", "ojsc", "tbk", "bhd", "marine", "energy",
    "petroleum", "mining", "minerals", "resources", "steel", "motors", "telecom",
    "pharmaceuticals", "chemicals", "tracker", "finder", "connector", "trading", "exports",
    "imports", "investments", "capital", "insurance", "construction", "engineering",
}
#: First words that make "X of Y" an organisation ("Government of National Accord").
ORG_FIRST = {
    "government", "ministry", "bank", "university", "council", "court", "office",
    "department", "institute", "centre", "center", "federation", "union", "league",
    "organisation", "organization", "association", "assembly", "house", "board",
    "commission", "committee", "agency", "authority", "chamber", "party", "army", "church",
    "economic", "corps", "bureau", "directorate", "secretariat", "movement", "front",
    "school", "college", "academy", "society", "order", "community", "fund",
}
#: Lowercase nouns after a name that make it an organisation ("the Haaretz daily").
ORG_NOUNS = {
    "newspaper", "daily", "weekly", "website", "news", "agency", "channel", "broadcaster",
    "tv", "television", "radio", "outlet", "magazine", "paper", "tabloid", "site", "portal",
    "network", "party", "group", "company", "firm", "corporation", "bank", "militia",
    "organisation", "organization", "movement", "faction", "ministry", "government",
    "operation", "mission",
    "authority", "army", "brigade", "forces", "intelligence", "service", "outfit", "operator",
    "airline", "carrier", "charity", "ngo", "institute", "think-tank", "consultancy",
    "conglomerate", "subsidiary", "lender", "insurer", "manufacturer", "contractor",
    "mercenaries", "group's", "court", "council", "committee", "union", "alliance",
    "blog", "blogs", "database", "platform", "app", "forum", "sites", "websites", "portals",
    "newspapers", "agencies", "outlets", "companies", "firms", "groups", "broadcasters",
    "newswire", "wire",
}
#: Lowercase nouns after a name that make it a place ("the Oil Crescent region").
PLACE_NOUNS = {
    "region", "province", "district", "city", "town", "village", "port", "airport",
    "airbase", "base", "border", "coast", "island", "islands", "peninsula", "governorate",
    "county", "state", "area", "neighbourhood", "neighborhood", "suburb", "valley", "desert",
    "mountains", "river", "sea", "strait", "oilfield", "field", "terminal", "terminals",
    "refinery", "camp", "crossing", "highway", "road", "square", "street", "capital",
    "harbour", "harbor", "waters", "prison", "compound", "archipelago",
}
#: Capitalised last words that make a name a place ("Ben Gurion Airport").
PLACE_HEADS = {
    "airport", "airbase", "air base", "strait", "sea", "ocean", "bay", "river", "valley",
    "desert", "mountains", "mountain", "mount", "island", "islands", "peninsula", "province",
    "region", "district", "governorate", "county", "city", "square", "street", "avenue",
    "port", "harbour", "harbor", "canal", "bridge", "strip", "heights", "coast", "plain",
    "basin", "oilfield", "terminal", "camp", "prison", "palace", "hotel", "hospital",
    "crossing", "delta", "lake", "gulf", "highlands", "hills", "plateau", "oasis", "beach",
    "station", "stadium", "embankment", "quarter", "territory", "territories", "crescent",
    "colony", "jail", "penitentiary",
}
#: Words that make a capitalised name an agreement or event, not an actor.
NOT_ACTOR_HEADS = {
    "accords", "accord", "agreement", "treaty", "protocol", "convention", "resolution",
    "act", "plan", "initiative", "deal", "pact", "doctrine", "declaration", "summit",
    "conference", "war", "crisis", "revolution", "spring", "uprising", "operation", "award",
    "prize", "cup", "games", "olympics", "day", "week", "month", "year", "era", "age",
    "affair", "scandal", "papers", "leaks", "files", "report", "law", "bill", "code",
    "cause", "language", "cases", "case", "constitution", "charter", "championship", "championships", "tournament", "festival", "election", "elections",
    "referendum", "study", "survey", "index", "programme", "program", "strategy",
}
#: Compass words that make a name a place ("East al-Quds", "North Africa").
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central", "upper", "lower", "greater", "new", "old"}

#: Well-known news outlets and platforms.
OUTLETS = [
    "Reuters", "AFP", "Agence France-Presse", "AP", "Associated Press", "Bloomberg", "BBC",
    "CNN", "Al Jazeera", "Al-Jazeera", "Al Arabiya", "Al-Arabiya", "Sky News", "Fox News",
    "NBC", "CBS", "ABC", "NPR", "PBS", "RT", "Sputnik", "TASS", "RIA Novosti", "Interfax",
    "Xinhua", "Anadolu", "Anadolu Agency", "TRT", "Haaretz", "Ynet", "Times of Israel",
    "Jerusalem Post", "Asharq Al-Awsat", "Le Monde", "Le Figaro",
    "Der Spiegel", "Die Zeit", "El Pais", "The Guardian", "The Times", "New York Times",
    "Washington Post", "Wall Street Journal", "Financial Times", "The Economist", "Politico",
    "Axios", "IRNA", "Tasnim", "Fars", "Press TV", "Mehr", "Al-Ahram", "Al Mayadeen",
    "Twitter", "Facebook", "Telegram", "YouTube", "Instagram", "WhatsApp", "TikTok",
    "Al-Monitor", "The Intercept", "Vice", "Vox", "BuzzFeed", "HuffPost", "Daily Mail", "The Sun",
    "Deutsche Welle", "DW", "France 24", "Euronews", "Al-Quds Al-Arabi", "Asia Times",
    "South China Morning Post", "Nikkei", "Kyodo", "Yonhap",
    "The Hindu", "Dawn", "Arab News", "The National", "Gulf News", "Khaleej Times",
]
#: International bodies, armed groups and agencies everyone names by a short name.
KNOWN_ORGS = [
    "UN", "United Nations", "NATO", "EU", "European Union", "African Union", "AU",
    "Arab League", "OPEC", "IMF", "World Bank", "WHO", "ICC", "IAEA", "Interpol", "OSCE",
    "UNICEF", "UNHCR", "UNESCO", "WTO", "ECOWAS", "ASEAN", "OAS", "Security Council",
    "General Assembly", "Islamic State", "ISIS", "ISIL", "Daesh", "al-Qaeda", "Al-Qaeda",
    "al-Shabaab", "Hamas", "Hezbollah", "Hizbollah", "Taliban", "Houthis", "Wagner",
    "Wagner Group", "Muslim Brotherhood", "Mossad", "Shin Bet", "CIA", "FBI", "NSA", "KGB",
    "FSB", "GRU", "MI6", "MI5", "Pentagon", "Kremlin", "White House", "Knesset", "IDF",
    "IRGC", "Red Cross", "Red Crescent", "Amnesty International", "Human Rights Watch",
    "Greenpeace", "Europol", "Frontex", "Quds Force", "Hashd", "PKK", "YPG", "SDF",
]

# ----------------------------------------------------------------------------- common words
#: Words that are capitalised only because they start a sentence or a heading.
_COMMON = ["a", "an", "the", "this", "that", "these", "those", "there", "here", "it", "its", "it's", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "me", "him", "them", "us", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "whether", "if", "then", "than", "so", "as", "at", "by", "for", "from", "in", "into", "of", "off", "on", "onto", "out", "over", "to", "up", "upon", "with", "within", "without", "about", "above", "across", "after", "against", "along", "amid", "amidst", "among", "around", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond", "but", "despite", "down", "during", "except", "inside", "near", "since", "through", "throughout", "till", "toward", "towards", "under", "underneath", "unlike", "until", "via", "and", "or", "nor", "yet", "also", "although", "though", "while", "whilst", "because", "however", "moreover", "meanwhile", "furthermore", "nevertheless", "nonetheless", "indeed", "instead", "otherwise", "still", "therefore", "thus", "hence", "accordingly", "afterwards", "later", "earlier", "now", "today", "yesterday", "tomorrow", "tonight", "recently", "previously", "finally", "first", "second", "third", "last", "next", "once", "again", "already", "almost", "always", "never", "often", "sometimes", "perhaps", "maybe", "certainly", "clearly", "apparently", "reportedly", "allegedly", "officially", "ultimately", "initially", "eventually", "currently", "separately", "similarly", "additionally", "alternatively", "notably", "specifically", "especially", "particularly", "interestingly", "importantly", "significantly", "unfortunately", "fortunately", "surprisingly", "no", "not", "yes", "all", "any", "both", "each", "every", "few", "many", "more", "most", "much", "several", "some", "such", "other", "another", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozens", "dozen", "half", "none", "nothing", "something", "everything", "anything", "someone", "everyone", "anyone", "nobody", "everybody", "somebody", "only", "even", "just", "very", "too", "quite", "rather", "already", "well", "according", "adding", "asked", "asking", "speaking", "citing", "following", "taking", "given", "having", "being", "noting", "saying", "referring", "responding", "commenting", "writing", "quoting", "speaking", "describing", "sources", "source", "officials", "official", "reports", "report", "media", "analysts", "experts", "observers", "critics", "witnesses", "residents", "police", "authorities", "troops", "forces", "rebels", "fighters", "militants", "protesters", "investigators", "prosecutors", "lawyers", "diplomats", "leaders", "members", "people", "many", "some", "others", "news", "breaking", "update", "updated", "exclusive", "analysis", "opinion", "editorial", "comment", "photo", "photos", "video", "watch", "read", "share", "tweet", "email", "print", "related", "more", "advertisement", "sponsored", "subscribe", "follow", "click", "note", "disclaimer", "copyright", "articles", "article", "story", "stories", "by", "via", "source", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "spring", "summer", "autumn", "winter", "mr", "mrs", "ms", "dr", "sir", "there's", "what's", "it's", "that's", "he's", "she's", "we're", "they're", "i'm", "new", "old", "top", "secret", "big", "small", "latest", "last", "early", "late", "former", "future", "current", "public", "private", "official", "military", "political", "economic", "security", "foreign", "domestic", "national", "international", "regional", "local", "global", "western", "eastern", "northern", "southern", "central", "government", "state", "country", "nation", "army", "navy", "air", "force", "ministry", "minister", "president", "general", "prime", "deputy", "chief", "head", "leader", "commander", "director", "spokesman", "spokeswoman", "spokesperson", "allies", "ally", "enemies", "enemy", "interest", "interests", "role", "support", "aid", "help", "brother", "leader", "sister", "father", "mother", "son", "daughter", "family", "court", "parliament", "congress", "senate", "police", "cabinet", "council", "committee", "agency", "company", "board", "union", "party", "church", "embassy", "administration", "department", "office", "authority", "commission", "tribunal", "assembly", "house", "chamber", "bank", "republic", "kingdom", "federation", "coalition", "alliance", "opposition", "regime", "junta", "prosecutor", "prosecutors", "judge", "justice", "ministry", "navy", "coastguard", "hebrew", "arabic", "english", "persian", "farsi"]

COMMON_WORDS = frozenset(_COMMON)

#: Verb forms that introduce attributed speech; the key is the lowercase form.
SPEECH_VERBS = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "report",
    "reports", "reported", "reporting", "claim", "claims", "claimed", "claiming", "reveal",
    "reveals", "revealed", "revealing", "accuse", "accuses", "accused", "accusing",
    "insist", "insists", "insisted", "insisting", "confirm", "confirms", "confirmed",
    "confirming", "warn", "warns", "warned", "warning", "allege", "alleges", "alleged",
    "alleging", "add", "adds", "added", "adding", "announce", "announces", "announced",
    "announcing", "state", "states", "stated", "stating", "declare", "declares", "declared",
    "declaring", "assert", "asserts", "asserted", "asserting", "argue", "argues", "argued",
    "arguing", "explain", "explains", "explained", "note", "notes", "noted", "write",
    "writes", "wrote", "written", "tweet", "tweets", "tweeted", "indicate", "indicates",
    "indicated", "acknowledge", "acknowledges", "acknowledged", "admit", "admits",
    "admitted", "contend", "contends", "contended", "maintain", "maintains", "maintained",
    "describe", "describes", "described", "urge", "urges", "urged", "promise", "promised",
    "promises", "vow", "vows", "vowed", "predict", "predicted", "estimate", "estimated",
    "disclose", "discloses", "disclosed", "suggest", "suggests", "suggested", "repeat",
    "repeats", "repeated", "reiterate", "reiterates", "reiterated", "stress", "stresses",
    "stressed", "emphasise", "emphasised", "emphasize", "emphasized", "concede", "conceded",
    "recall", "recalled", "recounted", "publish", "published", "believe", "believes",
    "believed", "charge", "charged", "threaten", "threatened", "deny", "denies", "denied",
    "denying", "dismiss", "dismisses", "dismissed", "reject", "rejects", "rejected",
    "refute", "refutes", "refuted", "dispute", "disputes", "disputed", "rebuff", "rebuffed",
    "quoted", "quotes", "cited", "cites",
    "calling", "call", "calls", "called", "demand", "demands", "demanded", "ask", "asks",
    "asked", "complain", "complained", "complains",
    "denounce", "denounces", "denounced", "denouncing", "condemn", "condemns", "condemned",
    "condemning", "criticise", "criticised", "criticises", "criticize", "criticized",
    "criticizes", "clarify", "clarifies", "clarified", "comment", "comments", "commented",
    "remark", "remarks", "remarked", "conclude", "concludes", "concluded", "show", "shows",
    "showed", "shown", "observe", "observed", "observes", "reply", "replied", "replies",
    "respond", "responded", "responds", "reflect", "reflects", "reflected", "hint", "hinted",
    "assure", "assured", "assures", "recount", "recounts", "pointed", "points",
}
#: Speech verbs whose speaker contradicts what follows.
DENIAL_VERBS = {
    "deny", "denies", "denied", "denying", "dismiss", "dismisses", "dismissed", "reject",
    "rejects", "rejected", "refute", "refutes", "refuted", "dispute", "disputes", "disputed",
    "rebuff", "rebuffed",
}
#: Speech verbs that need more than a bare subject to mean speech ("added that", "called on").
WEAK_SPEECH = {
    "add", "adds", "added", "adding", "note", "notes", "noted", "describe", "describes",
    "described", "write", "writes", "wrote", "written", "publish", "published", "state",
    "states", "believed", "call", "calls", "called", "calling",
    "charge", "charged", "repeat", "repeats", "repeated", "ask", "asks", "asked",
    "demand", "demands", "demanded", "estimate", "estimated", "predict", "predicted",
    "quoted", "quotes", "cited", "cites", "recall", "recalled", "maintain", "maintains", "maintained", "report", "reports", "claims",
    "dispute", "disputes", "dismiss", "dismisses", "promise", "promises", "stress",
    "stresses", "warning", "warns",
    "comment", "comments", "commented", "remark", "remarks", "conclude", "concludes",
    "concluded", "show", "shows", "showed", "shown", "observe", "observed", "observes",
    "reply", "replied", "replies", "respond", "responded", "responds", "reflect", "reflects",
    "reflected", "hint", "hinted", "assure", "assured", "assures", "pointed", "points",
    "clarify", "clarifies", "clarified", "criticise", "criticised", "criticises", "criticize",
    "criticized", "criticizes", "condemn", "condemns", "condemned", "condemning",
}


# ----------------------------------------------------------------------------- built tables
@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """lowercase name -> display name, for every country name the press uses."""
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        display = _COUNTRY_DISPLAY.get(c.name, getattr(c, "common_name", None) or c.name)
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n and "," not in n and "(" not in n:
                table[fold(re.sub(r"^the\s+", "", n, flags=re.I))] = display
    table.update(_COUNTRY_EXTRA)
    return table


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """lowercase demonym (and its plural) -> country display name."""
    table: dict[str, str] = {}
    for entry in _DEMONYMS.replace("\n", "").split("|"):
        if not entry.strip():
            continue
        country, words = entry.split(":")
        for w in words.split(","):
            table[fold(w)] = country.strip()
            if not w.endswith(("s", "sh", "ch", "ese", "i", "z")):
                table[fold(w) + "s"] = country.strip()
    return table


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """lowercase name -> display name of cities, US states and regions."""
    table: dict[str, str] = {}
    # Multi-word names come from the lines: each entry is separated by two spaces or a
    # newline in the source text; we list them explicitly below instead.
    for name in _split_names(_CITIES) + _split_names(_US_STATES) + _REGIONS:
        table[fold(name)] = name
    for variant, name in _PLACE_VARIANTS.items():
        table[variant] = table.get(fold(name), name)
    return table


_MULTIWORD_PLACES = [
    "Phnom Penh", "Addis Ababa", "New Delhi", "Kuwait City", "Kuala Lumpur", "Mexico City",
    "The Hague", "Panama City", "Abu Dhabi", "Port Said", "Tel Aviv", "Port Harcourt",
    "Cape Town", "Hong Kong", "New York", "Los Angeles", "San Francisco", "Sao Paulo",
    "Rio de Janeiro", "Buenos Aires", "St Petersburg", "Saint Petersburg", "Port Louis",
    "New Hampshire", "New Jersey", "New Mexico", "North Carolina", "North Dakota",
    "Rhode Island", "South Carolina", "South Dakota", "West Virginia",
]


#: Older or other spellings of places -> the display name the press uses now.
_PLACE_VARIANTS = {
    "kiev": "Kyiv", "odessa": "Odesa", "kharkov": "Kharkiv", "lvov": "Lviv",
    "nikolaev": "Mykolaiv", "zaporozhye": "Zaporizhzhia", "bombay": "Mumbai",
    "calcutta": "Kolkata", "madras": "Chennai", "bangalore": "Bengaluru", "peking": "Beijing",
    "canton": "Guangzhou", "saigon": "Ho Chi Minh City", "rangoon": "Yangon",
    "st petersburg": "Saint Petersburg", "leningrad": "Saint Petersburg",
    "sana'a": "Sanaa", "san'a": "Sanaa", "tel-aviv": "Tel Aviv", "gaza city": "Gaza",
    "mecca": "Mecca", "makkah": "Mecca", "medina": "Medina", "al-quds": "Jerusalem",
    "bogota": "Bogota", "chongqing": "Chongqing", "chungking": "Chongqing",
}
#: Entries written in capitals match only when the text is in capitals ("Who" is no WHO).
_COUNTRY_ACRONYMS = {"us", "u.s.", "usa", "u.s.a.", "uk", "u.k.", "uae", "u.a.e.", "drc"}


def country_acronym(key: str) -> bool:
    return key in _COUNTRY_ACRONYMS


def _split_names(block: str) -> list[str]:
    text = " ".join(block.split())
    names: list[str] = []
    for multi in _MULTIWORD_PLACES:
        if multi in text:
            names.append(multi)
            text = text.replace(multi, " ")
    names.extend(text.split())
    return names


@lru_cache(maxsize=1)
def organisations() -> dict[str, str]:
    """lowercase name -> display name of well-known outlets and international bodies."""
    table: dict[str, str] = {}
    for name in OUTLETS + KNOWN_ORGS:
        table[fold(name)] = name
    return table


def is_common(word: str) -> bool:
    return fold(word).rstrip(".") in COMMON_WORDS
