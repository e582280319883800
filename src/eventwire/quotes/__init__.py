"""quotes stage: direct quotations and their speakers."""

from eventwire.quotes.extract import annotated_quotes, extract_quotes

__all__ = ["annotated_quotes", "extract_quotes"]
