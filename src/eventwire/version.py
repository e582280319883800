"""eventwire's version, in the one place every part reads it from."""

__version__ = "0.2.0"
