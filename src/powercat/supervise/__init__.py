"""Supervision: per-department reports of completeness, warnings and overdue records and
complaints (``report``) in text, Markdown, CSV and JSON (``formats``).

Takes a loaded Catalog; depends on catalog, lint and i18n.
"""
