"""Adoption: start a catalog repository (``scaffold``: init, new power; ``codeowners``), import
the lists departments already publish (``read`` the file, ``shapes`` its header, merged cells,
主项/子项 and JSON nesting, ``fields`` the column names, ``convert`` an item to a power's values,
``cells`` and ``basis_text`` the cells — with ``lawmatch`` and ``basis_level`` for the law
library and the level —, ``document`` the file written, ``importer`` the command's work,
``summary`` its report, ``words`` their text) and export the catalog as CSV, XLSX or Word
(``export``).

Depends on ``powercat.catalog``, ``powercat.laws`` and ``powercat.i18n`` (export also on lint's findings).
"""
