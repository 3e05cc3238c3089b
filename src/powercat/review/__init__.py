"""Review of a change: compare the Catalog of two git revisions (``diff``) and show what the
change does to citizens, weakening first, and every legal field of a new power with the flags
for the legal-affairs review (``added``), as text, Markdown or JSON (``formats``).

Depends on ``powercat.catalog`` and ``powercat.i18n``.
"""
