"""code: verb patterns over the dependency parse give PLOVER/CAMEO events between actors."""

from eventwire.code.coder import EventCoder
from eventwire.code.patterns import Pattern, PatternBook

__all__ = ["EventCoder", "Pattern", "PatternBook"]
