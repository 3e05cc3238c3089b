"""Where a profile's bytes come from, without reading them as a profile (``catalog.profile``).

A run that finds nothing changed needs only the profile's digest (for its caches' key), so the
loader reads the bytes here and leaves parsing and validating them to the first use of
``Catalog.profile``; a profile that cannot be read at all is still an error at once.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from powercat.i18n import Message


class ProfileError(Message):
    """A profile file that cannot be read or does not match the profile shape."""


def is_profile_file(name_or_path: str) -> bool:
    """A profile named by a file of the repository (else a built-in profile's name)."""
    return name_or_path.endswith((".yaml", ".yml"))


def profile_bytes(name_or_path: str = "prc", root: str | None = None) -> bytes:
    """The bytes of the built-in profile by name, or of a profile file (relative to ``root``)."""
    if is_profile_file(name_or_path):
        path = Path(root or ".") / name_or_path
        try:
            return path.read_bytes()
        except OSError as exc:
            raise ProfileError("config.profile_unreadable", path=path, reason=exc.strerror) from exc
    try:
        return (resources.files("powercat") / "profiles" / f"{name_or_path}.yaml").read_bytes()
    except FileNotFoundError as exc:
        raise ProfileError("config.profile_unknown", name=name_or_path) from exc
