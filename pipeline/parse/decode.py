"""Bytes to text, robustly: BOMs, UTF-8, a declared charset, Windows-1252, then charset detection.

Binary data under a text name is refused here with a reason (ParseError), so the
parser never works on garbage:

- NUL bytes without a UTF-16/32 byte-order mark: binary.
- No encoding decodes it sensibly (charset-normalizer finds none): binary.
- After decoding, more than `MAX_CONTROL_RATIO` of the characters are control
  characters or replacement characters: binary.

Order of attempts (WHATWG encoding sniffing, simplified): byte-order mark, strict
UTF-8, a charset the document or server declared, Windows-1252 when the result
looks like Western European text (the WHATWG reading of "latin-1" too), and
finally charset-normalizer's best guess. Windows-1252 is tried before the
detector because the detector misreads short Western texts (cp1250, cp775 ...).
"""

from __future__ import annotations

import codecs
import re

from pipeline.parse.errors import ParseError

MAX_CONTROL_RATIO = 0.05
"""Share of control/replacement characters above which decoded text is called binary."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a <meta> tag within its first 4 KB, if any."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").strip().lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; the allowed layout controls
# (\t \n \v \f \r = U+0009-U+000D) are left out, the replacement character U+FFFD counts.
_BAD_CHARS = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    """Share of characters that are control characters (category Cc, minus layout) or U+FFFD."""
    if not text:
        return 0.0
    return sum(1 for _ in _BAD_CHARS.finditer(text)) / len(text)


def _looks_western(text: str) -> bool:
    """Text decoded as Windows-1252 reads as Western European: few non-ASCII letters.

    Cyrillic or Greek bytes decoded as Windows-1252 turn nearly every letter into
    an accented Latin one; real French, Spanish or German text keeps most
    letters ASCII.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for ch in letters if ord(ch) > 127)
    return non_ascii / len(letters) < 0.3


def _check_text(text: str) -> str:
    ratio = _control_ratio(text)
    if ratio > MAX_CONTROL_RATIO:
        raise ParseError(f"binary data: {ratio:.0%} of the decoded characters are control characters")
    return text


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` to text; returns (text, encoding used). Raises ParseError for binary data.

    `declared` is a charset named by the server (Content-Type) or the document.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom) :].decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"undecodable text: invalid {encoding} after its byte-order mark ({exc.reason})"
                ) from exc
    if b"\x00" in data:
        raise ParseError(f"binary data: {data.count(0)} NUL bytes")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = None
        if name and name not in ("utf-8", "ascii"):
            if name in ("latin-1", "iso8859-1"):
                name = "cp1252"  # WHATWG: a "latin-1" label means windows-1252
            try:
                return _check_text(data.decode(name)), name
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_western(text):
        return _check_text(text), "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ParseError("binary data: no text encoding decodes it")
    return _check_text(str(best)), best.encoding
