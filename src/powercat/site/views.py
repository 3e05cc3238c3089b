"""A power as the site shows it, and which powers a public build may show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from powercat.catalog.enums import Scope
from powercat.catalog.loader import LoadedPower
from powercat.catalog.model import Channel, Department, Power


@dataclass(slots=True)
class PowerView:
    """A power as its page shows it."""

    lp: LoadedPower
    dept: Department | None
    changed: str | None  # YYYY-MM-DD of the last commit touching its file, None outside git
    flowcharts: list[str | None] = field(default_factory=list)  # per procedure: its SVG's site path
    internal_flowchart: str | None = None
    law_texts: list[Any] = field(default_factory=list)  # per legal basis: site.laws.LawText or None

    @property
    def power(self) -> Power:
        return self.lp.power

    @property
    def dept_id(self) -> str:
        return self.lp.department

    @property
    def dept_name(self) -> str:
        return self.dept.name if self.dept else self.lp.department

    @property
    def url(self) -> str:
        return f"powers/{self.lp.power.code}/"

    def channels(self, key: str) -> list[Channel]:
        """The power's own channels of a kind (supervision, complaints, consultation), then its department's."""
        return [*getattr(self.power, key, []), *(getattr(self.dept, key) if self.dept else [])]


def is_public(power: Power) -> bool:
    """Only a power whose disclosure scope says so is public: a missing disclosure is not."""
    return power.disclosure is not None and power.disclosure.scope == Scope.public
