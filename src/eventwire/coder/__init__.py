"""coder: verb patterns over the dependency parse give PLOVER/CAMEO events between actors."""

from eventwire.coder.event_coder import EventCoder
from eventwire.coder.patterns import Pattern, PatternBook

__all__ = ["EventCoder", "Pattern", "PatternBook"]
