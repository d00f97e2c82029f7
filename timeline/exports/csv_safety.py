"""Spreadsheet-safe CSV cells (OWASP's advice on CSV injection).

A spreadsheet reads a cell that begins with = + - @ tab or carriage return as
a formula, so such a cell gets a leading single quote: the spreadsheet then
shows it as text and never runs it."""

# OWASP's list, plus a leading line feed (some importers strip it and read
# what follows) and the full-width forms that some locales treat as formulas.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def spreadsheet_safe(cell: str) -> str:
    if cell[:1] in FORMULA_TRIGGERS:
        return "'" + cell
    return cell
