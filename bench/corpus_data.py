"""Word lists and sentence templates for the generated benchmark corpus (`corpus.py`).

All prose here was written for this benchmark. The actors are real states and the people who
led them (and ran their foreign ministries) in the second half of 2023, so that the actor
dictionary resolves them the way it would in real news of that period; everything they are
made to say or do is invented.

Templates are `str.format` strings. `{a}` and `{b}` (and `{c}`, a third state) are `State`
objects (`{a.name}`, `{a.adj}`, `{a.capital}`, `{a.title}`, `{a.leader}`, `{a.pron}`,
`{a.fm}`); every other field names a list below (`{topic}`, `{demand}`, ...) or a number
filled in by the generator (`{n}`, `{pct}`, `{big}`, `{year}`, `{day}`, `{month}`, `{ordinal}`).
"""

from __future__ import annotations

# name, adjective, capital, leader's title, leader, leader's pronoun, foreign minister
STATES: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("France", "French", "Paris", "President", "Emmanuel Macron", "his", "Catherine Colonna"),
    ("Germany", "German", "Berlin", "Chancellor", "Olaf Scholz", "his", "Annalena Baerbock"),
    ("Britain", "British", "London", "Prime Minister", "Rishi Sunak", "his", "James Cleverly"),
    ("the United States", "U.S.", "Washington", "President", "Joe Biden", "his", "Antony Blinken"),
    ("China", "Chinese", "Beijing", "President", "Xi Jinping", "his", "Wang Yi"),
    ("Russia", "Russian", "Moscow", "President", "Vladimir Putin", "his", "Sergei Lavrov"),
    ("India", "Indian", "New Delhi", "Prime Minister", "Narendra Modi", "his", "Subrahmanyam Jaishankar"),
    ("Japan", "Japanese", "Tokyo", "Prime Minister", "Fumio Kishida", "his", "Yoko Kamikawa"),
    ("Brazil", "Brazilian", "Brasilia", "President", "Luiz Inácio Lula da Silva", "his", "Mauro Vieira"),
    ("Turkey", "Turkish", "Ankara", "President", "Recep Tayyip Erdoğan", "his", "Hakan Fidan"),
    ("Egypt", "Egyptian", "Cairo", "President", "Abdel Fattah el-Sisi", "his", "Sameh Shoukry"),
    ("South Africa", "South African", "Pretoria", "President", "Cyril Ramaphosa", "his", "Naledi Pandor"),
    ("Kenya", "Kenyan", "Nairobi", "President", "William Ruto", "his", "Alfred Mutua"),
    ("Nigeria", "Nigerian", "Abuja", "President", "Bola Tinubu", "his", "Yusuf Tuggar"),
    ("Indonesia", "Indonesian", "Jakarta", "President", "Joko Widodo", "his", "Retno Marsudi"),
    ("Mexico", "Mexican", "Mexico City", "President", "Andrés Manuel López Obrador", "his", "Alicia Bárcena"),
    ("Canada", "Canadian", "Ottawa", "Prime Minister", "Justin Trudeau", "his", "Mélanie Joly"),
    ("Italy", "Italian", "Rome", "Prime Minister", "Giorgia Meloni", "her", "Antonio Tajani"),
    ("Spain", "Spanish", "Madrid", "Prime Minister", "Pedro Sánchez", "his", "José Manuel Albares"),
    ("Poland", "Polish", "Warsaw", "President", "Andrzej Duda", "his", "Zbigniew Rau"),
    ("Ukraine", "Ukrainian", "Kyiv", "President", "Volodymyr Zelensky", "his", "Dmytro Kuleba"),
    ("Iran", "Iranian", "Tehran", "President", "Ebrahim Raisi", "his", "Hossein Amir-Abdollahian"),
    ("Saudi Arabia", "Saudi", "Riyadh", "Crown Prince", "Mohammed bin Salman", "his", "Faisal bin Farhan"),
    ("Australia", "Australian", "Canberra", "Prime Minister", "Anthony Albanese", "his", "Penny Wong"),
    ("South Korea", "South Korean", "Seoul", "President", "Yoon Suk Yeol", "his", "Park Jin"),
    ("Argentina", "Argentine", "Buenos Aires", "President", "Alberto Fernández", "his", "Santiago Cafiero"),
)

OUTLETS = (
    "Meridian Wire",
    "The Harbour Gazette",
    "Northgate Times",
    "Continental Courier",
    "The Daily Lantern",
    "Eastbank Observer",
    "Capital Ledger",
    "Global Desk News",
    "The Evening Compass",
    "Riverside Chronicle",
)

REPORTERS = (
    "Hannah Okafor",
    "Tomasz Wierzbicki",
    "Leila Haddad",
    "Marco Benedetti",
    "Aiko Tanaka",
    "Daniel Ferreira",
    "Priya Raman",
    "Samuel Mensah",
    "Elena Vasquez",
    "Jonas Lindqvist",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ORDINALS = ("second", "third", "fourth", "fifth", "sixth")

NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight")

TOPICS = (
    "energy cooperation",
    "grain exports",
    "border security",
    "climate finance",
    "migration",
    "fishing rights",
    "debt relief",
    "water sharing",
    "semiconductor supply chains",
    "a free trade agreement",
    "the war in Ukraine",
    "nuclear power",
    "critical minerals",
    "visa rules for students",
    "the security of shipping lanes",
    "a new rail corridor",
)

DEMANDS = (
    "release the detained journalists",
    "return to the negotiating table",
    "withdraw its troops from the border area",
    "reopen the crossing for aid convoys",
    "stop the arrests of opposition figures",
    "honour the ceasefire",
    "lift restrictions on grain exports",
    "investigate the killing of two aid workers",
    "respect the rights of fishermen in disputed waters",
    "explain the presence of its warships near the coast",
)

ACCUSATIONS = (
    "meddling in its internal affairs",
    "violating its airspace",
    "spying on its defence industry",
    "blocking aid deliveries",
    "breaking the terms of the ceasefire",
    "dumping cheap steel on its market",
    "harbouring armed groups near the border",
    "stealing data from government computers",
)

BAD_ACTIONS = (
    "close the main border crossing",
    "ban imports of its farm products",
    "stage military drills near the coast",
    "detain a group of its fishermen",
    "restrict visas for its students",
    "raise tariffs on its steel",
    "build a dam upstream on a shared river",
)

JOINT_ACTIONS = (
    "resume direct flights",
    "reopen their consulates",
    "set up a joint commission on water",
    "double bilateral trade by 2030",
    "exchange prisoners",
    "build a new rail link",
    "share intelligence on smuggling networks",
    "cooperate on renewable energy",
)

OFFERS = (
    "resume talks",
    "release the detained sailors",
    "ease visa rules",
    "send more grain",
    "reopen the border",
)

CONDITIONS = (
    "stopped the shelling",
    "released the detained journalists",
    "withdrew its warships",
    "respected the ceasefire",
    "dropped its new tariffs",
)

THREATS = (
    "cut gas deliveries",
    "expel more diplomats",
    "impose tariffs on its cars",
    "suspend the fishing agreement",
    "close its airspace to its airlines",
)

PRAISES = (
    "its role in the grain deal",
    "its help after the earthquake",
    "its backing for the peace plan",
    "hosting the talks",
    "its work on the prisoner exchange",
)

AID_NEEDS = (
    "flood victims in the south",
    "refugees arriving at the border",
    "earthquake survivors",
    "drought-hit farming communities",
    "families displaced by the fighting",
)

WARNINGS = (
    "further escalation could draw in the whole region",
    "the ceasefire was close to collapse",
    "food prices would rise again without a deal",
    "the dispute could scare off foreign investors",
    "thousands more people could be forced from their homes",
)

REFUSAL_REASONS = (
    "ignored the interests of its farmers",
    "came too late",
    "offered no guarantees",
    "would only reward aggression",
)

TALK_VERDICTS = (
    "frank and constructive",
    "useful but difficult",
    "a turning point",
    "very productive",
    "disappointing",
)

QUOTES = (
    "We want a relationship built on respect and on predictable rules",
    "Nobody gains from a long confrontation",
    "This is a good day for farmers on both sides of the border",
    "Our patience is not unlimited",
    "The door to dialogue remains open",
    "We will not accept pressure from anyone",
    "Words are not enough, we need to see action",
    "This agreement shows what diplomacy can still achieve",
    "We expect our partners to keep their promises",
    "Security in our region cannot be bought at the expense of our neighbours",
    "Today we took a first step, but the road is long",
    "Our citizens deserve answers, and they deserve them now",
)

DOMESTIC_DEMANDS = (
    "higher wages",
    "lower fuel prices",
    "the resignation of the interior minister",
    "an end to the curfew",
    "free elections",
)

COMMODITIES = ("wheat", "copper", "natural gas", "cobalt", "palm oil", "coffee", "lithium", "cocoa")

REGIONS = ("border region", "river valley", "coastal strip", "mountain province", "northern plain")

STICKING_POINTS = (
    "the question of compensation",
    "the route of the pipeline",
    "the status of the disputed islands",
    "the pace of tariff cuts",
)

PAST_CRISES = (
    "a deadly border clash",
    "the collapse of a gas deal",
    "a row over fishing boats",
    "the closure of an embassy",
)

# -- sentences that can carry an event (or a quote) ---------------------------------------------
EVENT_SENTENCES = (
    "{a.title} {a.leader} met {b.adj} {b.title} {b.leader} in {city} on {day} to discuss {topic}.",
    "{a.name} and {b.name} held talks on {topic} in {city} on {day}, the first such meeting in {n} years.",
    "{a.leader} urged {b.name} to {demand}.",
    "{a.adj} foreign ministry condemned the decision by {b.name} to {bad_action}.",
    "The two sides signed an agreement on {topic} worth about ${n} billion.",
    "{a.name} and {b.name} signed {number_word} agreements covering {topic} and {topic2}.",
    '"{quote}," {a.leader} told reporters after the meeting.',
    '"{quote}," {a.adj} Foreign Minister {a.fm} said in a statement.',
    "{a.fm} said {a.name} was ready to {offer} if {b.name} {condition}.",
    "{a.name} accused {b.name} of {accusation}.",
    "{a.name} expelled {number_word} {b.adj} diplomats on {day}, saying they had been {accusation}.",
    "{a.leader} will visit {b.capital} in {month}, {a.pron} office announced.",
    "{a.name} imposed sanctions on {n} {b.adj} officials it blamed for {accusation}.",
    "{a.fm} spoke by telephone with {b.adj} counterpart {b.fm} on {day}, discussing {topic}.",
    "{b.name} rejected the proposal, saying it {refusal}.",
    "{a.leader} praised {b.name} for {praise}.",
    "{a.name} announced ${n} million in aid for {aid_need}.",
    "{a.adj} police arrested {n} protesters outside the {b.adj} embassy in {a.capital} on {day}.",
    "{a.fm} warned that {warning}.",
    '{a.leader} described the talks with {b.leader} as "{verdict}".',
    "{a.name} recalled its ambassador to {b.name} for consultations on {day}.",
    "Thousands of protesters marched through {a.capital} on {day} to demand {domestic_demand}.",
    "{a.name} threatened to {threat} unless {b.name} {condition}.",
    "{a.leader} welcomed {b.title} {b.leader} to {a.capital} with a military parade.",
    "{a.name} and {b.name} agreed to {joint_action}.",
    "{b.leader} said {b.name} would not bow to pressure from {a.name}.",
    "{c.fm} called on both sides to show restraint.",
    "{a.fm} and {b.fm} discussed {topic} on the sidelines of the summit, {a.adj} officials said.",
    "{c.name} offered to mediate between {a.name} and {b.name}.",
    "{a.adj} troops fired on a {b.adj} patrol near the border on {day}, killing {number_word} soldiers.",
    '"{quote}," {b.adj} {b.title} {b.leader} said.',
    "{b.fm} said the talks had been {verdict} and that more work was needed.",
)

# -- background: context, figures, history; no event meant (some still use common trigger
# words such as "has", as real background sentences do) ---------------------------------------
BACKGROUND_SENTENCES = (
    "{a.name} is the {ordinal} largest buyer of goods from {b.name}, "
    "with purchases worth about ${n} billion last year.",
    "The {region} has been a source of friction between the two neighbours for decades.",
    "Inflation in {a.name} slowed to {pct} percent in {month}, official figures showed.",
    "The economy grew by {pct} percent in the second quarter, below most forecasts.",
    "About {n} million people live in the {region}, most of them farmers and herders.",
    "The pipeline, which runs for about {big} kilometres, was completed in {year}.",
    "Relations between the two countries soured after {past_crisis} in {year}.",
    "{a.name} is one of the world's largest producers of {commodity}.",
    "The meeting comes at a time of rising food and fuel prices across the region.",
    "Elections are due in {a.name} in {next_year}.",
    "{a.leader} took office in {year}.",
    "The two countries share a border of roughly {big} kilometres, much of it mountainous.",
    "Exports of {commodity} account for nearly a third of the country's foreign earnings.",
    "Officials gave no details of the timetable.",
    "The port of {city} handles more than {n} million tonnes of cargo a year.",
    "Analysts expect the central bank to leave interest rates unchanged next month.",
    "The currency has lost about {pct} percent of its value against the dollar this year.",
    "More than {big} people were displaced by floods in the north of the country in {month}.",
    "The agreement still needs the approval of both parliaments.",
    "Negotiations on the issue began in {year} but stalled over {sticking_point}.",
    "The {region} is rich in {commodity}, which makes up most of its exports.",
    "Unemployment stands at {pct} percent, the highest level in {n} years.",
    "The summit is the {ordinal} of its kind since {year}.",
    "Neither government gave a figure for the cost of the project.",
    "The dispute dates back to a treaty signed in the 1960s.",
    "Roughly {pct} percent of the country's electricity comes from coal.",
    "The capital's population has doubled since the 1990s.",
    "Both governments are under pressure at home over the cost of living.",
    "The river is the main source of water for {n} million people downstream.",
    "Diplomats in {city} say the relationship is now at its lowest point in years.",
    "The region produced {big} tonnes of {commodity} last season, "
    "up from {n} thousand tonnes a year earlier.",
    "Most of the border crossings are closed at night.",
    "The opposition won {n} of the {big} seats in parliament at the last election.",
    "Shipping through the strait fell by {pct} percent in the first half of the year.",
)

HEADLINES = (
    "{a.name} and {b.name} agree to {joint_action}",
    "{a.leader} meets {b.leader} in {city} for talks on {topic}",
    "{a.name} condemns {b.adj} move to {bad_action}",
    "{a.name} urges {b.name} to {demand}",
    "{a.adj} and {b.adj} ministers hold talks on {topic}",
    "{a.name} expels {b.adj} diplomats over spying claims",
    "{a.name} signs {topic} deal with {b.name}",
    "{a.name} threatens to {threat}",
    "{a.leader} to visit {b.capital} in {month}",
)

DATELINES = (
    "{city_upper} ({outlet}) - ",
    "{city_upper}, {pub_month} {dom} - ",
    "{city_upper} - ",
)

# -- page furniture for the scraped-text pages --------------------------------------------------
NAV_LINES = (
    "Home | World | Politics | Business | Opinion | Sport",
    "Skip to content",
    "Menu",
    "Search",
    "Sign in",
    "Subscribe",
    "Follow us on:",
    "Advertisement",
    "World  Africa  Americas  Asia  Europe  Middle East",
    "Latest news",
)

SHARE_LINES = (
    "Share this article",
    "Share on Facebook",
    "Share on X",
    "Email",
    "Print",
    "Copy link",
)

COOKIE_LINES = (
    "We use cookies to improve your experience on our site. "
    "By continuing to browse you agree to our use of cookies.",
    "This website uses cookies. Accept all | Manage preferences",
)

RELATED_HEADERS = ("Related stories", "Read more", "Most read")

COMMENT_USERS = ("frontier_fan", "Mariam K.", "oldtimer52", "Carlos", "watcher_9", "Ines", "jbaker")

COMMENT_TEXTS = (
    "Another meeting, another photo opportunity. Nothing will change.",
    "Good to see them talking instead of shouting for once.",
    "Who pays for all of this in the end? Ordinary people, as always.",
    "The article leaves out the most important part of the story.",
    "I live near the border and nobody has asked us what we think.",
    "Finally some common sense.",
)

FOOTER_LINES = (
    "© {year} {outlet}. All rights reserved.",
    "About us | Contact | Privacy policy | Terms of use",
    "Copyright {year} {outlet}. This material may not be published, broadcast or redistributed.",
)
