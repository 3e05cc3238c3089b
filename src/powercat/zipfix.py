"""Deterministic zip files: the same content gives the same bytes.

    data = fixed_zip(raw_xlsx_bytes, stamp)   # every entry dated ``stamp``, mode 0644, deflated

Office files (XLSX, DOCX) are zips whose entries carry the time they were written; `export` and
the site's data downloads rewrite them with a fixed date (the catalogs' newest commit) so a
rebuild of unchanged catalogs changes no byte.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any


def fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry's time set to ``stamp`` (zip stores local wall time)."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def workbook_bytes(wb: Any, stamp: dt.datetime, title: str | None = None) -> bytes:
    """An openpyxl workbook as deterministic XLSX bytes: fixed metadata and entry dates."""
    from openpyxl.writer.excel import ExcelWriter

    if title is not None:
        wb.properties.title = title
    wb.properties.creator = wb.properties.lastModifiedBy = "powercat"
    wb.properties.created = wb.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not save_workbook(): that stamps "modified" with now
    return fixed_zip(raw.getvalue(), stamp)
