"""quotes stage: direct quotations and their speakers."""

from eventwire.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
