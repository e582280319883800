"""Bytes to text: tell binary data from text, then find the encoding instead of assuming one.

Order of trust: a byte-order mark, then strict UTF-8 (after BOM-less UTF-16, which would pass
as UTF-8), then a charset the container declares (HTTP header, HTML meta), then UTF-8 with a
few broken bytes, then windows-1252 when the text reads as Western European, then ASCII with
a few broken bytes, then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from charset_normalizer import from_bytes

from eventwire.errors import E
from eventwire.ingest._failures import Rejected
from eventwire.ingest._signatures import (
    BINARY_SIGNATURES,
    BOMS,
    WESTERN_PUNCTUATION,
    WINDOWS_1252_ALIASES,
)

SNIFF_BYTES = 8192
"""How much of the start of a file the binary checks look at."""
NUL_RATIO = 0.01
"""Share of NUL bytes above which bytes are binary; a few stray NULs in a scraped page are dropped."""
CONTROL_RATIO = 0.05
"""Share of C0 control bytes (other than tab, newlines, form feed, escape) above which bytes are binary."""
UTF16_NUL_RATIO = 0.4
"""Share of NULs in odd or even positions that marks BOM-less UTF-16 rather than binary data."""
LOSSY_UTF8_FACTOR = 4
"""Take bytes as damaged UTF-8 when valid multi-byte characters outnumber broken bytes this many times."""
NEAR_ASCII_BROKEN = 0.05
"""...or when broken bytes are rarer than this in ASCII text that windows-1252 cannot read either."""
WESTERN_SAMPLE_CHARS = 100_000
WESTERN_MIN_FIT = 0.9
"""Share of non-ASCII characters that must be Latin-1 letters or Western punctuation in windows-1252."""
WESTERN_MAX_ACCENTED = 0.3
"""Largest share of accented letters among all letters in Western text (French has ~4%); Cyrillic
or Greek bytes read as windows-1252 come out as nearly all accented letters."""

META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13, 27))


def binary_kind(data: bytes) -> str | None:
    """What binary data `data` looks like ("a PNG image", "NUL bytes", ...), or None for text."""
    for offset, magic, kind in BINARY_SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return kind
    head = data[:SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in BOMS):
        return None
    if head.count(0) > NUL_RATIO * len(head):
        return None if _bomless_utf16(head) else "data with NUL bytes"
    if head and sum(head.count(bytes([b])) for b in _CONTROL_BYTES) / len(head) > CONTROL_RATIO:
        return "data with control bytes"
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `head` is ASCII-range UTF-16 without a mark."""
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    if odd.count(0) / len(odd) > UTF16_NUL_RATIO and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) / len(even) > UTF16_NUL_RATIO and odd.count(0) == 0:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares in its first few kilobytes, if any."""
    match = META_CHARSET.search(data[:SNIFF_BYTES])
    if match:
        return match.group(1).decode("ascii").lower()
    xml_decl = re.match(rb"""\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""", data[:200])
    return xml_decl.group(1).decode("ascii").lower() if xml_decl else None


def decode_bytes(data: bytes, declared: Iterable[str | None] = ()) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding name).

    Args:
        data: the raw bytes (not binary: call `binary_kind` first).
        declared: charsets named by the container, most trusted first; None entries are ignored.
    Raises:
        Rejected: E104 when no encoding fits.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding
            except UnicodeDecodeError as exc:
                raise Rejected(E.E104, tried=f"{encoding} from its byte-order mark: {exc.reason}") from exc
    utf16 = _bomless_utf16(data[:SNIFF_BYTES])
    if utf16:
        # Checked before UTF-8: ASCII text in UTF-16 is also valid UTF-8, full of NULs.
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    tried = ["utf-8"]
    for name in declared:
        if not name:
            continue
        decoded = _try_declared(data, name)
        if decoded:
            return decoded
        tried.append(name)
    lossy = _lossy_utf8(data)
    if lossy is not None:
        return lossy, "utf-8 (damaged bytes replaced)"
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    lossy = _lossy_utf8(data, near_ascii=True)
    if lossy is not None:
        return lossy, "utf-8 (damaged bytes replaced)"
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    tried.extend(["cp1252", "charset-normalizer"])
    raise Rejected(E.E104, tried=", ".join(tried))


def _try_declared(data: bytes, name: str) -> tuple[str, str] | None:
    encodings = ["cp1252", "latin-1"] if name in WINDOWS_1252_ALIASES else [name]
    for encoding in encodings:
        try:
            codec = codecs.lookup(encoding).name
            # A page that declares UTF-16/32 without a byte-order mark is 8-bit in practice
            # (browsers ignore such a declaration too); decoding it so would give noise.
            if codec.startswith(("utf-16", "utf-32")):
                return None
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def _lossy_utf8(data: bytes, *, near_ascii: bool = False) -> str | None:
    """`data` as UTF-8 with broken bytes replaced, when they are few.

    Few means: outnumbered by valid multi-byte characters, or (with `near_ascii`, tried after
    windows-1252) rarer than `NEAR_ASCII_BROKEN` in otherwise plain ASCII text.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - broken
    if good >= LOSSY_UTF8_FACTOR * broken:
        return text
    if near_ascii and broken <= NEAR_ASCII_BROKEN * len(text):
        return text
    return None


def _western(data: bytes) -> str | None:
    """`data` read as windows-1252 when it looks like Western European text.

    Checked before charset-normalizer, which cannot tell the Latin code pages apart on short
    texts (it reads French as cp1250 or mac_latin2 and turns "prêt" into "pręt"); for news
    without a declared charset, windows-1252 is by far the likeliest legacy encoding.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:WESTERN_SAMPLE_CHARS]
    non_ascii = [ch for ch in sample if ch > "\x7f"]
    accented = sum(1 for ch in non_ascii if ch.isalpha() and "\xc0" <= ch <= "\xff")
    punctuation = sum(1 for ch in non_ascii if ch in WESTERN_PUNCTUATION)
    letters = sum(1 for ch in sample if ch.isalpha())
    if accented + punctuation < WESTERN_MIN_FIT * len(non_ascii):
        return None
    if accented > WESTERN_MAX_ACCENTED * letters:
        return None
    return text
