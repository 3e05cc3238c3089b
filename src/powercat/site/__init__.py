"""The public disclosure site: one build pipeline (``build``) gathering everything, then
writing pages, open data (``data``), search (``search``), records pages (``records``) and the
output folder (``out``).

Takes a loaded Catalog and its findings; depends on catalog, lint, charts and i18n.
"""
