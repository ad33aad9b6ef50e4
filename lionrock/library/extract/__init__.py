"""Suggested court-case facts from newsroom articles, for review (issue #16).

`extract_text` reads one article; `extract_articles` reads the library's imported articles
and stores each new suggestion (state `suggested`) apart from the facts; an editor then
accepts (a draft fact citing the article, through the normal review), edits or rejects
each one, and a decision is remembered so a re-run never proposes it again.

Example:
    from lionrock.library.extract import Gazetteer, extract_text
    extract_text(article_id="hkcnews-1", body="黃之鋒今日被判囚10個月。",
                 published="2021-05-06", names=Gazetteer())[0].value  # "10"
"""

from lionrock.library.extract._lexicon import BY_KEY, OFFENCES, Offence, offences_in
from lionrock.library.extract._persons import Gazetteer, NameHit
from lionrock.library.extract._review import (
    Plan,
    accept_suggestion,
    list_suggestions,
    plan_fact,
    reject_suggestions,
)
from lionrock.library.extract._rules import KINDS, MIN_CONFIDENCE, Proposal, extract_text
from lionrock.library.extract._run import (
    ExtractReport,
    extract_articles,
    record_names,
    suggestion_id,
)
from lionrock.library.extract._text import parse_term, resolve_date, sentences

__all__ = [
    "BY_KEY",
    "KINDS",
    "MIN_CONFIDENCE",
    "OFFENCES",
    "ExtractReport",
    "Gazetteer",
    "NameHit",
    "Offence",
    "Plan",
    "Proposal",
    "accept_suggestion",
    "extract_articles",
    "extract_text",
    "list_suggestions",
    "offences_in",
    "parse_term",
    "plan_fact",
    "record_names",
    "reject_suggestions",
    "resolve_date",
    "sentences",
    "suggestion_id",
]
