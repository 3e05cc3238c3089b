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
    flowcharts: list[Any] = field(default_factory=list)  # per procedure: its site.svg.InlineChart or None
    internal_flowchart: Any = None
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

    @property
    def summary(self) -> str:
        """What the power is, in one line: the guide's summary, else the first sentence of its duties."""
        guide = self.power.guide
        if guide and guide.summary:
            return guide.summary
        duties = (self.power.duties or "").strip()
        first = duties.split("。")[0]
        return first + "。" if first and first != duties.rstrip("。") else duties

    def places(self) -> list[Channel]:
        """Where to go: the guide's places, else the consultation channels that give an address."""
        guide = self.power.guide
        if guide and guide.places:
            return list(guide.places)
        return [c for c in self.channels("consultation") if c.address]

    def phone(self) -> Channel | None:
        """The first channel with a phone number: a place, else a consultation channel."""
        return next((c for c in [*self.places(), *self.channels("consultation")] if c.phone), None)

    def channels(self, key: str) -> list[Channel]:
        """The power's own channels of a kind (supervision, complaints, consultation), then its department's."""
        return [*getattr(self.power, key, []), *(getattr(self.dept, key) if self.dept else [])]


def is_public(power: Power) -> bool:
    """Only a power whose disclosure scope says so is public: a missing disclosure is not."""
    return power.disclosure is not None and power.disclosure.scope == Scope.public
