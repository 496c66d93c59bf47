"""Controlled vocabularies of the claim tables.

Each vocabulary maps an allowed value to its meaning. The pandera models take their
``isin`` checks from here and the data dictionary takes its explanations from here,
so a value is defined once.
"""

from __future__ import annotations

QUALIFIER: dict[str, str] = {
    "exact": "The text states the figure plainly, with no hedge word.",
    "approx": "The text hedges the figure in both directions (about, around, some, roughly).",
    "lower_bound": "The text says the true figure is at least this (more than, over, at least).",
    "upper_bound": (
        "The text says the true figure is at most this (less than, under, almost, nearly: "
        "'almost 80' asserts a figure just below 80)."
    ),
    "range": "The text gives a range; value_low and value_high hold its ends.",
}

# The hedge words that say which way a figure is inexact, per qualifier: a hedge printing
# one of them must have that qualifier ('almost 80' is upper_bound, never lower_bound). A
# hedge may print words of two ('an estimated minimum': approx and lower_bound) and then
# takes either; a hedge printing none of them ('a reported') is not read. Longer phrases
# are matched first, so 'no more than' is upper_bound, not the 'more than' inside it.
HEDGE_WORDS: dict[str, tuple[str, ...]] = {
    "approx": (
        "about", "around", "some", "roughly", "approximately", "approx.", "circa", "c.",
        "an estimated", "estimated", "close to", "or so",
    ),
    "lower_bound": (
        "more than", "over", "at least", "no less than", "no fewer than", "not less than",
        "upwards of", "in excess of", "above", "minimum", "a minimum of", "several",
        "just over", "well over", "exceeding", "or more",
    ),
    "upper_bound": (
        "almost", "nearly", "under", "less than", "fewer than", "no more than", "not more than",
        "at most", "up to", "below", "just under", "short of", "maximum", "a maximum of",
        "barely", "or less",
    ),
}  # fmt: skip

STATUS: dict[str, str] = {
    "reported": "Stated as having happened or as a current fact.",
    "estimate": "Stated as an estimate of a past or current figure ('estimated at').",
    "target": "A goal the parties set or pledged (e.g. trade of USD200 billion by 2020).",
    "projection": "A forecast or expectation of a future figure by the text or someone it cites.",
    "plan": "Something planned, proposed or announced but not (yet) done.",
}

# Kinds of period that only bounds describe (Wikidata's earliest date P1319 and latest
# date P1326): period_start/period_end stay empty, earliest_date/latest_date hold the bounds.
BOUNDED_PRECISION: dict[str, str] = {
    "on_or_before": (
        "The text gives only a latest date ('By 2014'; an event known from a cited piece's "
        "publication date): latest_date holds it, earliest_date is empty."
    ),
    "open_ended": (
        "The period starts at a stated (possibly vague) time and the text states no end "
        "('from the mid-2000s'): earliest_date is the earliest the start can be; latest_date "
        "is empty."
    ),
    "within": (
        "A vague period or date ('the mid-2030s', 'the early 2000s', 'the next ten to fifteen "
        "years'): it lies on or after earliest_date and on or before latest_date, the bounds "
        "being what the words mean (early = years 0-3 of a decade, mid = 3-7, late = 7-9)."
    ),
}

DATE_PRECISION: dict[str, str] = {
    "day": "The text gives the day.",
    "month": "The text gives the month.",
    "season": "The text gives a season or part of a year (spring, summer, 'later in the year').",
    "year": "The text gives the year (or a span of whole years).",
    "decade": "The text gives a whole decade ('the 1990s').",
    **BOUNDED_PRECISION,
}

DATE_BASIS: dict[str, str] = {
    "stated": "The date is printed in the quote.",
    "resolved": (
        "The quote gives a relative date ('earlier this year', 'next year', 'since 2008' up to "
        "now); it was resolved against the article's publication date. The note says how."
    ),
    "inferred": "The date is not printed; it was inferred from context. The note gives the evidence.",
}

MODALITY: dict[str, str] = {
    "fact": "Stated as having happened or as a current fact (by the text or by whom it cites).",
    "forecast": "A forecast or expectation of what will happen ('will', 'is expected to').",
    "plan": "A plan, target, pledge or proposal of the parties: intended, not done.",
    "conditional": (
        "Stated to follow only if a condition holds ('if relations ... continue to deteriorate "
        "..., then ...'); the condition's own text is in `condition`."
    ),
    "possibility": "Stated as possible, not as expected ('may', 'might', 'could').",
    "rhetorical": "Put as a rhetorical question or a hypothetical ('what's to stop it ...?').",
    "disputed": (
        "The text reports that parties read the same thing differently; each reading is its own "
        "row, attributed to the party that holds it."
    ),
}

ATTRIBUTION_KIND: dict[str, str] = {
    "agency": "A news agency or outlet reporting it ('Russia's TASS news agency').",
    "official": "A named official or office holder ('Putin', 'Sergey Shoygu').",
    "government": "A state, government or capital as an actor ('Moscow sees', 'Russia announced').",
    "party": "One side of a deal or dispute as a group ('the Russians', 'the Chinese').",
    "company": "A company ('Gazprom announced').",
    "experts": "Experts or analysts, named or not ('well-known Russian experts', 'a Russian expert').",
    "institute": "A research institute or data compiler ('SIPRI estimations').",
    "cited_work": "A cited article or report whose title or outlet states it (a headline in a note).",
    "author": "The text's author, where the text marks the claim as the author's own view ('I', 'we').",
}

INFERRED: dict[str, str] = {
    "assignment": (
        "What the row is about (its project, deal, event or subject) is inferred, not printed: "
        "a photo caption assigned to a deal by its year and signatories. consistency() does "
        "not count such a row as independent corroboration."
    ),
    "value": (
        "The value is implied by the words, not printed as a number ('second-greatest ... "
        "after the United States' puts the United States at rank 1); the value check is "
        "waived and the note says how it follows."
    ),
}

UNIT: dict[str, str] = {
    "usd_billion": "Billions of US dollars, current, as printed.",
    "usd_million": "Millions of US dollars, current, as printed.",
    "percent": "A percentage (share, stake or level).",
    "percent_change": "A percentage change against an earlier period.",
    "rank": "A position in a ranking (1 = first).",
    "count": "A number of things (contracts, countries, troops, tanks, ...).",
    "times": "A multiple ('five times', 'doubled' = 2).",
    "years": "A duration in years.",
    "km": "Kilometres.",
    "bcm": "Billion cubic metres of natural gas.",
    "bcm_per_year": "Billion cubic metres of natural gas per year.",
    "tcf": "Trillion cubic feet of natural gas.",
    "million_tonnes": "Million (metric) tons.",
    "billion_people": "Billions of people (population), as printed ('1.3 billion people').",
    "fraction": "A share as a fraction of 1, where the text prints a word ('half' = 0.5).",
    "per_year": "Times per year ('once or twice a year').",
}

TRADE_FLOW: dict[str, str] = {
    "turnover": "Total trade between reporter and partner (exports plus imports).",
    "exports": "Reporter's exports to partner.",
    "imports": "Reporter's imports from partner.",
    "deficit": "Reporter's trade deficit with partner (imports minus exports), as a positive figure.",
    "contracts": "Trade contracts signed between reporter and partner.",
}

TRADE_MEASURE: dict[str, str] = {
    "level": "The amount of the flow in the period (money).",
    "growth": "Change of the flow against the previous period (percent_change) or a multiple (times).",
    "share": (
        "Partner's share of the reporter's total flow, in percent; or the change of that share "
        "as a multiple (unit times: 'nearly doubled')."
    ),
    "duration": "How long a change took (years).",
    "rank": "Partner's rank among the reporter's trade partners.",
    "count": "A number of items (e.g. contracts signed).",
}

# Named groupings allowed beside ISO 3166 alpha-3 codes in reporter/partner columns.
PARTY_GROUPS: dict[str, str] = {
    "EU": "The European Union.",
    "EUROPE": "'Europe' as printed, where the text does not say EU.",
    "WORLD": "All partners together.",
}

DOCUMENT_KIND: dict[str, str] = {
    "opinion": "An opinion or commentary piece in a news outlet.",
    "magazine_article": "An essay in a policy magazine or quarterly.",
    "journal_article": "An article in an academic journal.",
    "research_paper": "A research or policy paper from an institute.",
}

DISPLAY_RULE: dict[str, str] = {
    "markdown_escapes": "A backslash before punctuation is a Markdown escape: '\\$400' is shown as '$400'.",
    "underline_tags": "HTML underline tags '<u>' and '</u>' mark dropped links: they are not shown.",
    "line_end_hyphens": "A word split at a line end ('well-' / 'known') is shown joined ('well-known').",
    "double_hyphen_dashes": "'--' printed for a dash is shown as an en dash ('–').",
    "ocr_footnote_marks": (
        "Footnote marks OCR read as stray characters are not shown: '®', '¢' and '™' wherever "
        "they stand, and a '?', '!' or '%' right after '.', ',' or ';' ('alliance.?' is shown "
        "'alliance.')."
    ),
}

PARTY_PATTERN = r"^(?:[A-Z]{3}|" + "|".join(PARTY_GROUPS) + r")\Z"

EVENT: dict[str, str] = {
    "discussed": "Talked about or under discussion; nothing agreed.",
    "negotiated": "Under negotiation.",
    "proposed": "Proposed by one side.",
    "planned": "Planned or scheduled.",
    "announced": "Announced as done or decided.",
    "agreed": "Agreed or signed (a deal, a memorandum, a treaty).",
    "sold": "Stated as sold (contract concluded).",
    "delivered": "Stated as delivered.",
    "declined": "One side declined or backed out.",
    "decreased": "Sales, deliveries, trade or a role fell or is stated to fall (a trend).",
    "increased": "Grew or intensified (a trend).",
    "possible": "Stated as possible or likely, not agreed ('Russia may now sell').",
    "unlikely": "Stated as unlikely or improbable ('a formal alliance ... highly improbable').",
    "suspended": "Put on hold.",
    "held": "Took place.",
    "assessed": (
        "A state, stance, relationship or failure the text states or assesses, with no change, "
        "event or prospect ('a strategic partnership or even quasi-alliance', 'Japan remains "
        "lukewarm')."
    ),
}

ARMS_INDICATOR: dict[str, str] = {
    "market_share": "Exporter's share of the world arms market in a period (percent).",
    "export_growth": "Growth of an exporter's arms exports between two periods (percent_change).",
    "exporter_rank": "Exporter's place in the ranking of arms exporters.",
    "customer_count": "Number of countries the exporter supplies.",
    "buyer_rank": "A buyer's place among the exporter's customers ('largest customer').",
    "buyer_share": "Share of the exporter's sales that goes to named buyers (percent).",
    "sale_event": "An arms sale event: a system discussed, sold, announced, delivered or declined.",
}

GAS_INDICATOR: dict[str, str] = {
    "deal_value": "Value of a supply deal.",
    "duration": "Duration of a supply contract.",
    "annual_volume": "Gas to be carried or supplied per year.",
    "pipeline_length": "Length of a pipeline.",
    "pipeline_cost": "Cost of building a pipeline.",
    "stake": "Share of a project a company takes.",
    "reserves": "Resources held by fields or blocks.",
    "prepayment": "Advance or prepayment under a deal.",
    "loan": "A loan under a deal (one party's reading of an advance).",
    "negotiation_duration": "How long the negotiations before a deal took.",
    "project_count": "Number of projects, blocks or fields in a deal.",
    "event": "A dated step of a project: signing, announcement, proposal (value empty).",
}

EXERCISE_KIND: dict[str, str] = {
    "naval": "At sea.",
    "land": "On land.",
    "air": "Air forces, bombers.",
    "combined": "Land, sea and air together.",
    "command_staff": "Command-staff or headquarters exercise.",
    "computer_simulation": "Computer-simulated exercise.",
    "patrol": "A joint patrol rather than a drill.",
    "counter_terrorism": "An anti-terrorist scenario.",
}

EXERCISE_INDICATOR: dict[str, str] = {
    "date": "When the exercise was or will be held (value empty).",
    "troops": "Troops taking part (count).",
    "tanks": "Tanks taking part (count).",
    "frequency": "How many times a year such exercises are held.",
    "exercise_count": "Number of exercises.",
    "ordinal": "The exercise's place in a series as printed ('their first ... exercise' = 1).",
    "rank": "The exercise's rank by size as printed ('largest military exercises to date' = 1).",
}

EXERCISE_STATUS: dict[str, str] = {
    "held": "Took place (by the article's date).",
    "planned": "Announced or scheduled for a later date.",
}

TOPIC: dict[str, str] = {
    "economy": "Size and growth of economies, budgets.",
    "finance": "Finance, credit, currency swaps, capital flight.",
    "investment": "Direct investment.",
    "demography": "Population.",
    "geography": "Borders, distances, areas.",
    "energy": "Energy deals and plants outside the gas table (oil, nuclear).",
    "treaty": "Treaties and agreements: signing, ratification, amendment.",
    "doctrine": "Military doctrines and strategies: adoption and amendment.",
    "diplomacy": "Visits, summits, declarations, partnerships and their dates.",
    "organisation": "International organisations: founding, membership, meetings.",
    "conflict": "Wars, crises and sanctions.",
    "military": "Military matters other than exercises and arms sales.",
    "statement": "Dated statements, speeches, interviews and articles by officials or analysts.",
}

PARTICIPANTS_PATTERN = r"^[A-Z]{3}(?:;[A-Z]{3})*\Z"

EXCLUSION_REASON: dict[str, str] = {
    "citation": (
        "A bibliographic note or reference: its number and the years, volumes, issues, pages "
        "and dates of the cited work, including its access date."
    ),
    "footnote_mark": "A note's number or mark in the running text (OCR may print it as a stray character).",
    "page_number": "A page number of the original layout.",
    "url": "Part of a URL.",
    "name_part": (
        "Part of a name or title, not a figure: a weapon ('S-400', 'Su-35'), an exercise's name "
        "whose event is a row ('Aerospace Security-2016'), a technology ('5G'), a work's title."
    ),
    "metadata": (
        "Publication metadata printed around the text (byline date, copyright years, funding "
        "number): recorded in sources.csv, not a claim."
    ),
    "not_a_quantity": (
        "A number word that counts nothing the texts claim: 'the two countries', 'one of', "
        "ordinals that order the article's own sections or arguments ('First, ...')."
    ),
    "vague": "A time word with no figure or date to record ('in recent years', 'for many years').",
    "detail": (
        "A passage of the second reading that is a detail (place, actor, manner, motive) of a "
        "claim that is a row, whose figure lies outside the passage: the note names the row."
    ),
    "not_about_subject": (
        "A passage of the second reading about something other than Russia, China and their "
        "relations or their policies toward each other (the note says what it is about)."
    ),
    "not_a_claim": (
        "A passage of the second reading that states no event, trend, ranking, refusal, plan or "
        "assessment: the text's own framing, a question it asks, a transition, a definition."
    ),
}

# The reasons that exclude a figureless passage of the second reading (checking.passages),
# never a number or date mention: the number audit ignores exclusions with these reasons.
PASSAGE_REASONS: frozenset[str] = frozenset({"detail", "not_about_subject", "not_a_claim"})
