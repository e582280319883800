"""Bad and unusual bytes: binary files, encodings, empty files (through `iter_documents`)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPH, ingest, page, write

from eventwire.ingest.decode import binary_kind, decode_bytes

PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
CAFE = "Le président a rencontré la presse au café près de l'Élysée, où il a répété sa position."


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_decode_empty_or_blank_file_fails_e102(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    docs, [failure] = ingest(path)
    assert docs == []
    assert failure.code == "E102"
    assert str(path) in failure.message()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("photo.html", PNG_HEAD + bytes(200), "PNG image"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
        ("archive.htm", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP archive"),
        ("picture.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        ("dump.txt", b"abc\x00\x01\x02\x00\xff\xfe\x00\x00\x10" * 50, "NUL bytes"),
        ("noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 65, 66]) * 100, "control bytes"),
    ],
)
def test_decode_binary_content_fails_e103_naming_the_kind(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    path = write(tmp_path / name, content)
    docs, [failure] = ingest(path)
    assert docs == []
    assert failure.code == "E103"
    assert kind in failure.reason
    assert failure.source == str(path)


def test_decode_bytes_fitting_no_encoding_fail_e104(tmp_path: Path) -> None:
    path = write(tmp_path / "garbage.txt", bytes(range(128, 256)) * 4)
    docs, [failure] = ingest(path)
    assert docs == []
    assert failure.code == "E104"
    assert "utf-8" in failure.reason
    assert str(path) in failure.message()


def test_decode_utf8_with_a_few_broken_bytes_keeps_the_text(tmp_path: Path) -> None:
    # A UTF-8 page with one stray Latin-1 byte, as left by a bad copy-paste.
    content = (CAFE + " Naïve déjà vu, «façade». ").encode() * 3 + b"Stray \xe9 byte."
    [doc], failures = ingest(write(tmp_path / "mixed.txt", content))
    assert failures == []
    assert "café" in doc.text
    assert "\ufffd" in doc.text
    assert doc.encoding is not None and doc.encoding.startswith("utf-8")


def test_decode_ascii_with_a_stray_undefined_byte_is_kept(tmp_path: Path) -> None:
    # 0x81 is undefined in windows-1252 too: the one damaged byte must not lose the document.
    content = (PARAGRAPH + " ") * 20 + "Odd \x81 byte."
    [doc], failures = ingest(write(tmp_path / "odd.txt", content.encode("latin-1")))
    assert failures == []
    assert doc.text.startswith(PARAGRAPH)
    assert "Odd \ufffd byte." in doc.text


def test_decode_a_few_stray_nul_bytes_are_dropped(tmp_path: Path) -> None:
    content = ((PARAGRAPH + " ") * 20).encode() + b"Trailing\x00 NUL."
    [doc], failures = ingest(write(tmp_path / "nul.txt", content))
    assert failures == []
    assert doc.text.endswith("Trailing NUL.")


def test_decode_latin1_text_keeps_cafe(tmp_path: Path) -> None:
    [doc], failures = ingest(write(tmp_path / "latin1.txt", CAFE, encoding="latin-1"))
    assert failures == []
    assert doc.text == CAFE
    assert doc.encoding == "cp1252"


def test_decode_cp1252_smart_quotes_survive(tmp_path: Path) -> None:
    text = "“We will not accept this,” the minister said — and left the café."
    [doc], _ = ingest(write(tmp_path / "quotes.txt", text, encoding="cp1252"))
    assert doc.text == text


def test_decode_cyrillic_windows_1251_is_detected(tmp_path: Path) -> None:
    text = "Министр иностранных дел России встретился с коллегой из Китая в Москве во вторник. " * 3
    [doc], _ = ingest(write(tmp_path / "ru.txt", text, encoding="cp1251"))
    assert doc.text == text
    assert doc.encoding == "cp1251"


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    ],
)
def test_decode_byte_order_marks_are_honoured(tmp_path: Path, bom: bytes, codec: str, expected: str) -> None:
    [doc], failures = ingest(write(tmp_path / "bom.txt", bom + CAFE.encode(codec)))
    assert failures == []
    assert doc.text == CAFE
    assert doc.encoding == expected


def test_decode_utf16_without_bom_is_not_taken_for_binary(tmp_path: Path) -> None:
    [doc], failures = ingest(write(tmp_path / "utf16.txt", PARAGRAPH.encode("utf-16-le")))
    assert failures == []
    assert doc.text == PARAGRAPH


def test_decode_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    # "ł" and "ń" are bytes that windows-1252 reads as other characters ("³", "ñ").
    body = "<p>Prezydent spotkał się z ambasadorem w Gdańsku; rozmowy były trudne.</p>"
    html = page(body, charset="windows-1250")
    [doc], _ = ingest(write(tmp_path / "pl.html", html, encoding="cp1250"))
    assert "spotkał" in doc.text
    assert "Gdańsku" in doc.text
    assert doc.encoding == "cp1250"


def test_decode_declared_latin1_means_windows_1252() -> None:
    text, encoding = decode_bytes("“Quoted” café".encode("cp1252"), declared=["iso-8859-1"])
    assert text == "“Quoted” café"
    assert encoding == "cp1252"


def test_decode_binary_kind_lets_text_through() -> None:
    assert binary_kind(PARAGRAPH.encode()) is None
    assert binary_kind(codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le")) is None
    assert binary_kind(PNG_HEAD) == "a PNG image"
