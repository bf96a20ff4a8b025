"""Briefing: a desktop reader for market news."""

__version__ = "0.1.0"
