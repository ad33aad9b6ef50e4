"""Importers: one small module per format, each yielding `Record`s; `load_paths` validates
them and writes them to the Store in one transaction."""

from lionrock.sources._load import (
    FORMATS,
    LoadReport,
    detect_format,
    load_paths,
    load_records,
    read_records,
    write_records,
)
from lionrock.sources._records import Defaults, Record

__all__ = [
    "FORMATS",
    "Defaults",
    "LoadReport",
    "Record",
    "detect_format",
    "load_paths",
    "load_records",
    "read_records",
    "write_records",
]
