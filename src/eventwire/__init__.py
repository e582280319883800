"""eventwire: news in, events out.

`eventwire.code_text(text, published=date)` codes events and quotes in a piece of text; the
spaCy model behind it is loaded on first use, not on import.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from eventwire.version import __version__

__all__ = ["__version__", "code_text"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from eventwire.coding import code_text


def __getattr__(name: str) -> Any:
    # Importing eventwire must stay cheap (the CLI's --help, ingest-only runs): spaCy loads lazily.
    if name == "code_text":
        from eventwire.coding import code_text

        return code_text
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
