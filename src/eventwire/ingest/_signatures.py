"""Byte signatures: binary file kinds (rejected as documents) and text byte-order marks."""

from __future__ import annotations

import codecs

# (offset, magic bytes, what to call it in E103). Common formats that turn up renamed as
# .html/.txt in crawls and downloads folders. Signatures made only of letters that could open
# an English text ("ID3", "OggS") are left out: those formats hold NUL bytes, caught anyway.
BINARY_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (0, b"PK\x05\x06", "an empty ZIP archive"),
    (0, b"\x1f\x8b", "gzip-compressed data"),
    (0, b"\xfd7zXZ\x00", "xz-compressed data"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"MZ\x90\x00", "a Windows executable"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (4, b"ftyp", "an MP4/QuickTime media file"),
    (8, b"WEBP", "a WebP image"),
)

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Charsets that web pages declare but mean windows-1252 (the WHATWG encoding standard maps them).
WINDOWS_1252_ALIASES = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii"})

# Non-ASCII characters common in Western European news text besides accented letters:
# typographic quotes and dashes, currency, degree, no-break space, Spanish inverted marks.
WESTERN_PUNCTUATION = frozenset("“”‘’„‚–—…«»‹›°€£¥¢©®™·•¡¿§¶\xa0´¨ºª½¼¾±")
