"""The one exception family the CLI and the window turn into a clear message."""


class BriefingError(Exception):
    """Something a user can act on; str() is one sentence saying what happened and what to do."""
