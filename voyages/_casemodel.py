"""The case file's shape, as pydantic v2 models (the file boundary only).

These models check structure and scalar types: required fields, unknown
fields, numbers that must be positive. What needs the gazetteer, the time
zones or cross-references (places, times, ids) is checked by
:mod:`voyages.casefile`, which turns the validated models into the frozen
records of :mod:`voyages.records`. Kept private and imported only by the
loader so ``import voyages`` does not load pydantic.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, PositiveFloat


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True,
                              allow_inf_nan=False)


class CaseHeaderModel(_Model):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    summary: str = ""


class SourceModel(_Model):
    id: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    title: str = ""
    published: date | None = None
    url: str = ""
    language: str = ""
    author: str = ""
    via: str = ""


class OrganizationModel(_Model):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = []
    country: str | None = None
    imo: str | int | None = None
    sources: list[str] = []


class VesselModel(_Model):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = []
    imo: str | int | None = None
    mmsi: str | int | None = None
    call_sign: str | None = None
    flag: str | None = None
    type: str | None = None
    dwt_t: PositiveFloat | None = None
    gross_tonnage: PositiveFloat | None = None
    service_speed_kn: PositiveFloat | None = None
    operator: str | None = None
    owner: str | None = None
    manager: str | None = None
    sources: list[str] = []


class ConvoyModel(_Model):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    mode: str = "road"
    composition: dict[str, int | str] = {}
    vehicles_min: int | None = Field(default=None, ge=0)
    sources: list[str] = []


class EventModel(_Model):
    id: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    kind: str
    source: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    place: Any = None
    destination: Any = None
    time: Any = None
    precision: str | None = None
    tz: str | None = None
    weekday: str | None = None
    cargo_mass_t: NonNegativeFloat | None = None
    note: str = ""


class QuantityModel(_Model):
    value: int | float  # an int stays an int: its rounding is read from how it is written
    unit: str = Field(min_length=1)


class ClaimModel(_Model):
    id: str = Field(min_length=1)
    kind: str
    subject: str = Field(min_length=1)
    source: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    values: list[QuantityModel] = Field(min_length=1)
    origin: Any = None
    destination: Any = None
    via: list[Any] = []
    mode: str = "sea"
    bearing: str | float | None = None
    note: str = ""


class HypothesisModel(_Model):
    id: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    kind: str
    statement: str = Field(min_length=1)
    source: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    place: Any = None
    mode: str | None = None
    between: list[str] | None = Field(default=None, min_length=2, max_length=2)
    route: list[Any] = []
    note: str = ""


class AssertionModel(_Model):
    topic: str = Field(min_length=1)
    value: str = Field(min_length=1)
    source: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    note: str = ""


class OffsetModel(_Model):
    of: str = Field(min_length=1)
    distance: str | None = None
    distance_nm: NonNegativeFloat | None = None
    bearing: str | float


class CableModel(_Model):
    """A cable or pipeline route the case names: a route file, or its points."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    file: str | None = None
    coordinates: list[tuple[float, float]] = []
    uncertainty_nm: NonNegativeFloat | None = None
    source: str | None = None
    note: str = ""


class CaseFileModel(_Model):
    case: CaseHeaderModel
    sources: list[SourceModel] = []
    organizations: list[OrganizationModel] = []
    vessels: list[VesselModel] = []
    convoys: list[ConvoyModel] = []
    events: list[EventModel] = []
    claims: list[ClaimModel] = []
    hypotheses: list[HypothesisModel] = []
    assertions: list[AssertionModel] = []
    cables: list[CableModel] = []
