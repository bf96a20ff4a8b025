"""`python -m briefing`, and the entry point of the frozen app (briefing.spec)."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
