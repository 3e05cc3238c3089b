"""Text made harmless for the format it is written into: a catalog's text is data, never code.

A power's name or a department's folder comes from a pull request; whatever it holds, it must
not become a formula in a spreadsheet, a line break in a YAML comment, a control sequence on a
terminal, raw HTML in a Markdown comment or a way out of a code span. The model refuses the
characters below (PC101), and every writer neutralises its text once more, so that nothing that
reaches an output by another way is a danger either.

    spreadsheet("=HYPERLINK(…)")  -> "'=HYPERLINK(…)"    (CSV: a cell starting = + - @ is text)
    xml_text("a\\x0bb")            -> "a\\ufffdb"          (XLSX, DOCX, DOT: only characters XML allows)
    code_span("a`b")              -> "`` a`b ``"           (Markdown: the text stays inside)
    markdown("**x** <b>")         -> "\\*\\*x\\*\\* &lt;b&gt;" (Markdown: no markup, no HTML)
"""

from __future__ import annotations

import re

# C0 controls but tab and newline; DEL and the C1 controls (NEL among them); lone surrogates;
# the two non-characters U+FFFE/U+FFFF; the line and paragraph separators and the bidirectional
# overrides and isolates, which make a text read differently from what it holds ("Trojan source")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# what XML 1.0 cannot hold at all (openpyxl and python-docx refuse it; Graphviz stops)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what makes a spreadsheet cell a formula
REPLACEMENT = "\ufffd"


def control_at(text: str) -> tuple[int, str] | None:
    """(index, the character as U+XXXX) of the first character a catalog must not hold, or None."""
    m = CONTROL.search(text)
    return (m.start(), f"U+{ord(m.group()):04X}") if m else None


def visible(text: str) -> str:
    """``text`` with every such character shown as its escape (``\\x0b``, ``\\u2028``): one line of
    plain characters, for a YAML comment, a terminal or a log."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return NOT_XML.sub(REPLACEMENT, text)


def spreadsheet(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: ``'`` before a leading = + - @, tab or CR
    (Excel and WPS show the rest as text; `powercat import` takes the ``'`` off again)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unspreadsheet(text: str) -> str:
    """The text :func:`spreadsheet` was given."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def is_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def code_span(text: str) -> str:
    """``text`` as one Markdown code span it cannot leave: a fence longer than any run of
    backticks inside, padded with spaces; line breaks and control characters shown escaped."""
    text = visible(text.replace("\r\n", "\n").replace("\n", " "))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest or text.startswith(" ") or text.endswith(" ") else f"`{text}`"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|])")  # [ ] make every link and image


def markdown(text: str, breaks: str = " ") -> str:
    """``text`` for Markdown (a table cell, a list item): HTML escaped and the Markdown signs of
    links, images, emphasis, code and tables backslash-escaped, so it shows as written and makes
    no link, image, markup or raw HTML; line breaks become ``breaks``."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", breaks)


def html_text(text: str) -> str:
    """``text`` inside raw HTML (a ``<summary>`` of a Markdown comment, which Markdown does not
    parse): HTML escaped, on one line (a blank line would end the HTML block), control characters
    shown as escapes."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br>")


def csv_cell(text: str) -> str:
    """A CSV cell: characters XML cannot hold replaced, and no formula (:func:`spreadsheet`)."""
    return spreadsheet(xml_text(text))


def plain_in_xlsx(text: str) -> bool:
    """Whether openpyxl writes ``text`` given as a plain value as exactly this text (no formula,
    no error value, nothing XML refuses): then no cell object is needed (much faster)."""
    return not (text.startswith(FORMULA_START) or text.startswith("#") or NOT_XML.search(text))


def xlsx_text(cell: object, text: str) -> object:
    """Put ``text`` into an openpyxl cell as text, whatever it starts with: never a formula
    (``<f>``) or an error value, characters XML cannot hold replaced; a text that Excel would
    read as a formula when edited is marked with the quote prefix, as Excel marks '=1."""
    cell.value = xml_text(text)  # type: ignore[attr-defined]
    cell.data_type = "s"  # type: ignore[attr-defined]
    if is_formula(text):
        cell.quotePrefix = True  # type: ignore[attr-defined]
    return cell
