"""Briefing's engine: storage, fetching, parsing and tagging, with no Qt anywhere."""
