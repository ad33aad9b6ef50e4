"""The research library (issue #7): newsroom archives imported as cited `Article`s,
searched in Chinese and English, linked to the record by `Mention`s, cited by new facts,
and counted on a timeline.

Example:
    from lionrock.library import import_archive, search_library, link_entities
    import_archive(store, path="hkcnews-2020-06-to-2021-08.tar.xz", format="hkcnews")
    search_library(store, query="邹幸彤")[0].title
    link_entities(store)
"""

from lionrock.library._import import IMPORTERS, ImportReport, import_archive
from lionrock.library._link import LinkReport, Suggestion, find_mentions, link_entities
from lionrock.library._names import NameForm, NameLayer, RecordNames
from lionrock.library._review import cite_article, mentions, review_mention
from lionrock.library._search import LibraryHit, parse_query, search_library
from lionrock.library._texts import article_view
from lionrock.library._timeline import article_timeline

__all__ = [
    "IMPORTERS",
    "ImportReport",
    "LibraryHit",
    "LinkReport",
    "NameForm",
    "NameLayer",
    "RecordNames",
    "Suggestion",
    "article_timeline",
    "article_view",
    "cite_article",
    "find_mentions",
    "import_archive",
    "link_entities",
    "mentions",
    "parse_query",
    "review_mention",
    "search_library",
]
