"""Hongkongers abroad (issue #17): diaspora organisations, emigration figures, the wanted
and the bounty batches, transnational repression, and per country the pathway, the
Magnitsky-style law and the sanctions, as pages (site and app), statistics and downloads.

Example:
    record = load_record(store, published_only=True)
    page = AbroadIndex(record).country("gb")
"""

from lionrock.abroad._export import (
    FORMATS,
    AbroadExporter,
    directory_ids,
    write_directory,
    write_directory_ftm,
    write_figures,
)
from lionrock.abroad._pages import AbroadIndex
from lionrock.abroad._record import SECTORS, AbroadRecord, is_diaspora_org, is_wanted
from lionrock.abroad._stats import abroad_stats, load_entities, load_record

__all__ = [
    "FORMATS",
    "SECTORS",
    "AbroadExporter",
    "AbroadIndex",
    "AbroadRecord",
    "abroad_stats",
    "directory_ids",
    "is_diaspora_org",
    "is_wanted",
    "load_entities",
    "load_record",
    "write_directory",
    "write_directory_ftm",
    "write_figures",
]
