"""Sanctions: name matching across Chinese scripts and romanizations, and screening."""
