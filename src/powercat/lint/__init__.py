"""Linting: a loaded Catalog in, located findings out.

Owns the rule engine (``engine``, ``checker``, ``parallel``), the rules themselves (``rules/``,
one module per code), findings and their stable fingerprints (``diagnostics``,
``fingerprint``, ``baseline``), the report formats of ``validate`` (``formats/``) and the rules'
documentation (``ruledocs``, ``docgen``). Depends only on ``powercat.catalog`` and ``powercat.i18n``.
"""
