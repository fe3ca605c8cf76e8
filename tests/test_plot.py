"""voyages.plot and the legs it draws, on the Agg renderer."""

from __future__ import annotations

import pytest
from report_cases import empty_case, mali_case, mali_findings

from voyages._maplegs import case_legs, great_circle
from voyages.places import Place
from voyages.plot import plain_label, route_map, timeline

pytest.importorskip("mpl_toolkits.basemap")


def _agg_axes(size=(8, 6)):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=tuple(size))
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def test_legs_follow_the_case():
    legs = case_legs(mali_case())
    labels = [(leg.kind, leg.label) for leg in legs]
    assert labels == [
        ("reported", "Adler: Murmansk → Conakry"),
        ("reported", "Siyanie Severa: Murmansk → Conakry"),
        ("hypothesis", "Adler: Murmansk → Tartous"),
        ("hypothesis", "Adler: Tartous → Conakry"),
    ]
    first = legs[0]
    assert (first.from_event, first.to_event) == ("adler-dep", "adler-arr")
    assert first.method == "sea route" and 4000 < first.distance_nm < 5000
    # The route starts and ends at the ports.
    assert first.path[0] == pytest.approx((68.97, 33.06), abs=0.05)
    assert first.path[-1] == pytest.approx((9.51, -13.72), abs=0.05)


def test_great_circle_crosses_the_antimeridian_continuously():
    pts = great_circle(Place("A", 50.0, 170.0), Place("B", 50.0, -170.0))
    lons = [lon for _, lon in pts]
    assert lons[0] == 170.0 and lons[-1] == pytest.approx(190.0)
    assert all(abs(b - a) < 5 for a, b in zip(lons, lons[1:], strict=False))


def test_route_map_returns_a_figure_and_draws_into_a_given_axes():
    default = route_map(mali_case(), mali_findings())
    fig, ax = _agg_axes(default.get_size_inches())
    fig.subplots_adjust(**{k: getattr(default.subplotpars, k)
                           for k in ("left", "right", "bottom", "top")})
    out = route_map(mali_case(), mali_findings(), ax=ax)
    assert out is fig
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("Murmansk\nAdler dep. 14 Dec") for t in texts)
    assert any(t.startswith("Conakry\n") for t in texts)
    assert "Adler: consistent" in texts  # the timing verdict beside its leg
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Adler", "Siyanie Severa", "hypothesis a source raises"]


def test_map_labels_do_not_overlap():
    fig = route_map(mali_case(), mali_findings())
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if "\n" in t.get_text()
             or t.get_text() in {"Tartous", "Bamako"}]
    assert len(boxes) >= 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_route_map_of_a_case_without_places_says_so():
    fig = route_map(empty_case())
    assert "nothing to map" in fig.axes[0].texts[0].get_text()


def test_timeline_has_a_lane_per_vessel_and_convoy_and_the_feasible_window():
    fig = timeline(mali_case(), mali_findings())
    ax = fig.axes[0]
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    assert lanes == ["Adler", "Siyanie Severa", "Convoy to Bamako"]
    windows = [t.get_text() for t in ax.texts if t.get_text().startswith("#")]
    assert windows == ["#1 sea_timing: consistent"]


def test_timeline_draws_a_date_as_a_whole_local_day():
    import matplotlib.dates as mdates

    case = mali_case()
    fig = timeline(case, [])
    ax = fig.axes[0]
    departure = next(e for e in case.events if e.id == "adler-dep").time
    # The white band of the 14 December departure spans 24 h (Moscow's day, in UTC).
    bands = [p for p in ax.patches if p.get_facecolor()[:3] == (1.0, 1.0, 1.0)]
    starts = {round(p.get_x(), 6): p.get_width() for p in bands}
    assert starts[round(mdates.date2num(departure.earliest), 6)] == pytest.approx(1.0)


def test_timeline_without_times_says_so():
    fig = timeline(empty_case(), [])
    assert "nothing to draw" in fig.axes[0].texts[0].get_text()


def test_labels_fall_back_to_latin_for_scripts_the_font_lacks():
    assert plain_label("Keelung") == "Keelung"
    assert plain_label("基隆港") == "ji long gang"


def test_cables_crossing_the_map_are_drawn_and_named():
    from dataclasses import replace

    from voyages.records import CableRoute

    # Synthetic routes: one off Guinea (inside the map), one off Japan (outside).
    near = CableRoute("t1", "Test cable", coordinates=((-16.0, 9.0), (-14.0, 9.5)))
    far = CableRoute("t2", "Far cable", coordinates=((140.0, 35.0), (141.0, 36.0)))
    fig = route_map(replace(mali_case(), cables=(near, far)), mali_findings())
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "cable: Test cable" in legend
    assert not any("Far cable" in t for t in legend)
