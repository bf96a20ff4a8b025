"""Refresh, subscribe and full text over real HTTP on 127.0.0.1 (see tests/feedserver.py)."""
