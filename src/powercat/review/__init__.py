"""Review of a change: compare the Catalog of two git revisions (``diff``) and show what the
change does to citizens, weakening first, as text, Markdown or JSON (``formats``).

Depends on ``powercat.catalog`` and ``powercat.i18n``.
"""
