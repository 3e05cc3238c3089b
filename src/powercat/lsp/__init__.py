"""The language server (`powercat lsp`): powercat's findings and help inside the editor.

This package owns everything between an editor and the library: one :class:`session.Session`
per catalog repository (the catalog loaded once, each edited file re-checked alone with the
cross-file facts it touches), the findings as LSP diagnostics (``convert``), the place under the
cursor in text that may be half typed (``cursor``), field help from the JSON Schemas
(``schemahelp``), hover, completion, go to definition and quick fixes (``hover``, ``complete``,
``goto``, ``fixes``, ``edits``), the optional law library (``laws``) and the pygls server that
ties them to the protocol (``server``). It imports catalog, lint and i18n; only
``commands.lsp`` imports it.
"""
