"""Exporters: each implements `setup / feed / finish` (zavod's exporter shape), so one
pass over the Store can feed several outputs."""

from lionrock.export._base import EXPORTERS, Exporter, export_store, to_ftm_proxy

__all__ = ["EXPORTERS", "Exporter", "export_store", "to_ftm_proxy"]
