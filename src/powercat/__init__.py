"""powercat — administrative power catalogs (行政权力职权目录) as code."""

__version__ = "0.1.0"
