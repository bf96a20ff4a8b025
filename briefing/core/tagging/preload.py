"""Imported by the parser processes' fork server: the catalog is loaded once, then shared by
every worker forked from it."""

from . import get_catalog

get_catalog()
