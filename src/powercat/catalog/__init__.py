"""The catalog: what a catalog repository holds and how it is read.

Owns the format (``enums``, ``model``, ``schema``), the law as data (``profile``), the
repository's settings (``config``) and file layout (``layout``), reading files from the working
tree or a git revision (``git``), YAML with source positions (``parse``), and the one loader that
turns all of it into a :class:`~powercat.catalog.loader.Catalog` (``load_catalog``). Shared
facts of a power used by every later stage also live here: flows (``flow``), time limits
(``timelimits``), working days (``workdays``) and display text (``display``).

Nothing in this package imports from the packages above it (lint, charts, site, review,
adopt, supervise, commands).
"""
