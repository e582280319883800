"""Short articles written for these tests: one meeting told three ways, a copy, and distractors."""

MEETING_WIRE = (
    "Foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss salmon farming rules "
    "and a new fisheries accord.\n\n"
    "The two ministers agreed to set up a joint working group on aquaculture permits, officials said.\n\n"
    "Chile exports more farmed salmon than any country except Norway, and both governments face "
    "pressure from coastal communities over fish escapes and sea lice.\n\n"
    "A spokesman said the accord on fisheries data would be signed before the end of the year."
)
MEETING_COPY = (
    "Foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss salmon farming rules "
    "and a new fisheries accord.\n\n"
    "The two ministers agreed to set up a joint working group on aquaculture permits, officials said.\n\n"
    "Chile exports more farmed salmon than any country except Norway, and both governments face "
    "pressure from coastal communities over fish escapes and sea lice.\n\n"
    "Reporting by the Harbour Desk."
)
MEETING_REWRITE = (
    "Oslo and Santiago will pool their aquaculture permit work after talks between the two foreign "
    "ministers this week, the Chilean ministry said.\n\n"
    "Salmon farmers on both coasts have complained about sea lice and escapes; a joint working "
    "group on permits is meant to share inspection data.\n\n"
    "The fisheries accord, long discussed, is due to be signed later this year."
)
SAME_PAIR_LATER = (
    "The foreign ministers of Norway and Chile met again in Santiago to review Antarctic research "
    "stations and polar shipping routes.\n\n"
    "They signed a memorandum on search and rescue cooperation in the Drake Passage."
)
SAME_WEEK_OTHER_MATTER = (
    "Norway expelled two Chilean diplomats on Thursday over a dispute about a seized cargo ship "
    "carrying copper concentrate.\n\n"
    "The Chilean embassy called the expulsions unjustified and said it would respond."
)
SAME_CITY_PROTEST = (
    "Thousands of teachers marched through central Oslo on Tuesday demanding higher wages and "
    "smaller classes.\n\n"
    "Police said the march was peaceful; the union threatened a strike in the spring."
)
