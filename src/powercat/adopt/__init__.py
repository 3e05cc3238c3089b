"""Adoption: start a catalog repository (``scaffold``: init, new power, CODEOWNERS), import
the lists departments already publish (``read``, ``fields``, ``cells``, ``basis_text``,
``importer``) and export the catalog as CSV, XLSX or Word (``export``).

Depends on ``powercat.catalog`` and ``powercat.i18n`` (export also on lint's findings).
"""
