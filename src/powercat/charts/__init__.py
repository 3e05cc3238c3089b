"""Flowcharts: DOT for the external, internal (swimlane) and category charts (``dot``) and
drawing them with Graphviz in batches, in parallel, skipping unchanged ones (``render``).

Takes a loaded Catalog; depends on ``powercat.catalog`` and ``powercat.i18n``.
"""
