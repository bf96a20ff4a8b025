"""`make bench`: refresh, search and listing timings for Briefing (see README.md)."""
