"""Caches are an optimisation, never an input: what powercat caches is sealed with a secret of
this machine's user, kept outside every repository (``$XDG_CACHE_HOME/powercat/secret``, else
``~/.cache/powercat/secret``). A cache file carries an HMAC of its content under that secret, so
a cache committed to a repository, copied from another machine or edited by hand is never
taken for one powercat wrote here: it is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path

SIZE = 32


def secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "powercat" / "secret"


@lru_cache(maxsize=4)
def _secret(path: Path) -> bytes | None:
    """The secret at ``path``, made on first use (None when it cannot be kept: no cache then)."""
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        return _make(path)
    except OSError:
        return None
    return key if len(key) == SIZE else None


def _make(path: Path) -> bytes | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(SIZE))
        try:
            os.link(temp, path)  # never replaces a secret another process just made
        except FileExistsError:
            pass
        finally:
            os.unlink(temp)
        key = path.read_bytes()
        return key if len(key) == SIZE else None
    except OSError:
        return None


def seal(payload: bytes) -> str | None:
    """The HMAC of ``payload`` under this machine's secret (None: no secret, so cache nothing)."""
    key = _secret(secret_path())
    return hmac.new(key, payload, hashlib.blake2b).hexdigest() if key else None


def sealed(payload: bytes, mac: object) -> bool:
    """Whether ``mac`` is this machine's seal of ``payload``."""
    expected = seal(payload)
    return expected is not None and isinstance(mac, str) and hmac.compare_digest(expected, mac)
