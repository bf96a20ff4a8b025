"""The window and its widgets (PySide6). Nothing here computes: it shows what the core did."""
