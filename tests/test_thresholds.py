"""Every numeric option of every command, and the library functions behind them,
refuse NaN, infinities and out-of-range values the same way: one line naming the
option, exit 2 (InputError in the library)."""

from __future__ import annotations

import json

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from voyages import ais
from voyages.cables import routes_frame
from voyages.cli.main import cli
from voyages.cli.params import FiniteFloat
from voyages.errors import InputError
from voyages.sanctions.designations import designation_records
from voyages.sanctions.match import Screener

SAMPLE = str(ais.sample_path("nmea"))


def _numeric_options(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _numeric_options(command, (*path, name))
            continue
        for param in command.params:
            kind = param.type
            numeric = isinstance(kind, FiniteFloat | click.types._NumberParamTypeBase)
            if isinstance(param, click.Option) and numeric and not param.is_flag:
                yield (*path, name), param


NUMERIC = list(_numeric_options(cli))
FLOAT_OPTIONS = [(cmd, p.opts[0]) for cmd, p in NUMERIC
                 if not isinstance(p.type, click.types.IntParamType)]


def test_every_float_option_is_a_finite_float():
    """A new float option must use FiniteFloat, or this table misses it."""
    plain = [f"{' '.join(cmd)} {p.opts[0]}" for cmd, p in NUMERIC
             if not isinstance(p.type, FiniteFloat | click.types.IntParamType)]
    assert plain == []
    assert len(FLOAT_OPTIONS) >= 18  # gaps, calls x2, loiter x3, stops x2, cables x4, ...


@pytest.fixture(scope="module")
def cable(tmp_path_factory):
    path = tmp_path_factory.mktemp("cable") / "cable.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"id": "c", "name": "Cable"},
        "geometry": {"type": "LineString", "coordinates": [[-14.0, 9.0], [-14.0, 10.0]]}}]}))
    return str(path)


def _args(command: tuple[str, ...], option: str, value: str, cable: str) -> list[str]:
    """A command line that is valid apart from ``option value``."""
    if command == ("screen",):
        return ["screen", "Zzzqx", option, value]
    args = [*command, SAMPLE]
    if command == ("ais", "cables"):
        args += ["--cables", cable]
    if command == ("ais", "stops"):
        others = {"--max-diameter-m": "500", "--min-hours": "2"}
        others.pop(option)
        for key, val in others.items():
            args += [key, val]
    return [*args, option, value]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1"])
@pytest.mark.parametrize(("command", "option"), FLOAT_OPTIONS,
                         ids=[f"{' '.join(c)} {o}" for c, o in FLOAT_OPTIONS])
def test_cli_refuses_a_number_that_is_not_finite_or_is_negative(command, option, value, cable):
    result = CliRunner().invoke(cli, _args(command, option, value, cable))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"error: {option} must be a finite number ")
    assert lines[0].endswith(f"got {value}")


@pytest.mark.parametrize(("command", "option", "value"), [
    (("ais", "gaps"), "--min-hours", "0"),
    (("ais", "calls"), "--entry-km", "0"),
    (("ais", "stops"), "--max-diameter-m", "0"),
    (("ais", "loiter"), "--max-speed", "0"),
    (("ais", "identity"), "--max-speed", "0"),
    (("ais", "encounters"), "--max-distance-m", "0"),
    (("screen",), "--threshold", "100.5"),
])
def test_cli_refuses_zero_where_it_means_nothing_and_values_above_a_range(command, option,
                                                                          value, cable):
    result = CliRunner().invoke(cli, _args(command, option, value, cable))
    assert result.exit_code == 2, result.output
    assert result.output.strip().endswith(f"got {value}")


@pytest.mark.parametrize(("command", "option", "value"), [
    (("ais", "loiter"), "--min-shore-nm", "0"),
    (("ais", "encounters"), "--min-anchorage-km", "0"),
    (("ais", "cables"), "--max-bridge-h", "0"),
    (("ais", "gaps"), "--min-hours", "1e300"),
    (("ais", "stops"), "--min-hours", "1e300"),
    (("ais", "calls"), "--exit-km", "1e300"),
    (("ais", "encounters"), "--max-distance-m", "1e300"),
])
def test_cli_accepts_zero_where_it_turns_a_test_off_and_huge_finite_values(command, option,
                                                                           value, cable):
    result = CliRunner().invoke(cli, _args(command, option, value, cable))
    assert result.exit_code == 0, result.output


def test_an_int_option_out_of_range_is_one_line_naming_it():
    result = CliRunner().invoke(cli, ["screen", "Zzzqx", "--limit", "0"])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "--limit" in result.output


def test_screen_threshold_nan_matches_nothing_instead_of_everything():
    result = CliRunner().invoke(cli, ["screen", "Zzzqx", "--threshold", "nan"])
    assert result.exit_code == 2
    assert result.output == "error: --threshold must be a finite number from 0 to 100, got nan\n"


@pytest.fixture(scope="module")
def positions():
    return ais.read(SAMPLE)


_CABLE = routes_frame([("c", "Cable", [[(-14.0, 9.0), (-14.0, 10.0)]])])
LIBRARY = [
    (ais.gaps, {}, "min_duration_h", True),
    (ais.gaps, {}, "offshore_nm", False),
    (ais.port_calls, {}, "entry_km", True),
    (ais.port_calls, {}, "exit_km", True),
    (ais.port_calls, {}, "port_gap_h", True),
    (ais.port_calls, {}, "min_duration_h", False),
    (ais.voyages, {"sea_routes": False}, "exit_km", True),
    (ais.voyages, {"sea_routes": False}, "stop_begin_kn", False),
    (ais.clean, {}, "max_speed_kn", True),
    (ais.clean, {}, "buffer_h", False),
    (ais.loitering, {}, "max_speed_kn", True),
    (ais.loitering, {}, "min_shore_nm", False),
    (ais.loitering, {}, "min_duration_h", False),
    (ais.stops, {"min_duration_h": 2}, "max_diameter_m", True),
    (ais.stops, {"max_diameter_m": 500}, "min_duration_h", True),
    (ais.encounters, {}, "max_distance_m", True),
    (ais.encounters, {}, "min_duration_h", True),
    (ais.encounters, {}, "max_median_speed_kn", True),
    (ais.encounters, {}, "min_anchorage_distance_km", False),
    (ais.identity_anomalies, {}, "max_speed_kn", True),
    (ais.identity_anomalies, {}, "min_jump_nm", False),
    (lambda p, **kw: ais.cable_crossings(p, _CABLE, **kw), {}, "near_nm", False),
    (lambda p, **kw: ais.cable_crossings(p, _CABLE, **kw), {}, "max_gap_h", False),
]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0, "2"])
@pytest.mark.parametrize(("func", "fixed", "name", "positive"), LIBRARY,
                         ids=[f"{getattr(f, '__name__', 'cable_crossings')}-{n}"
                              for f, _, n, _ in LIBRARY])
def test_library_refuses_the_same_values(positions, func, fixed, name, positive, bad):
    with pytest.raises(InputError, match=f"^{name} must be a finite number "):
        func(positions, **fixed, **{name: bad})
    if positive:
        with pytest.raises(InputError, match=f"^{name} must be a finite number > 0, got 0"):
            func(positions, **fixed, **{name: 0})


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0, 100.5])
def test_screener_threshold_must_be_a_score(bad):
    records = designation_records()
    with pytest.raises(InputError, match="^threshold must be a finite number from 0 to 100"):
        Screener(records, threshold=bad)
    with pytest.raises(InputError, match="^threshold must be a finite number from 0 to 100"):
        Screener(records).screen("Zzzqx", threshold=bad)


def test_screener_limit_below_one_is_refused():
    with pytest.raises(InputError, match="^limit must be a finite number >= 1, got 0"):
        Screener(designation_records()).screen("Zzzqx", limit=0)


NAIVE_FUNCTIONS = {
    "clean": ais.clean,
    "gaps": ais.gaps,
    "port_calls": ais.port_calls,
    "loitering": ais.loitering,
    "stops": lambda p: ais.stops(p, max_diameter_m=500, min_duration_h=2),
    "voyages": lambda p: ais.voyages(p, sea_routes=False),
    "cable_crossings": lambda p: ais.cable_crossings(p, _CABLE),
    "encounters": ais.encounters,
    "identity_anomalies": ais.identity_anomalies,
}


@pytest.mark.parametrize("name", sorted(NAIVE_FUNCTIONS))
def test_every_ais_function_refuses_naive_times_and_says_how_to_fix_it(positions, name):
    func = NAIVE_FUNCTIONS[name]
    naive = positions.assign(time=positions["time"].dt.tz_localize(None))
    with pytest.raises(InputError, match=r"must be timezone-aware.*tz_localize\('UTC'\)"):
        func(naive)
    text = positions.assign(time=positions["time"].astype(str))
    with pytest.raises(InputError, match=r"must be timezone-aware.*pd\.to_datetime"):
        func(text)
    # the fix the message gives works, and gives the result of the UTC frame
    fixed = naive.assign(time=naive["time"].dt.tz_localize("UTC"))
    pd.testing.assert_frame_equal(func(fixed), func(positions))


def test_identity_anomalies_refuses_naive_static_times():
    static = pd.DataFrame({"mmsi": [613000001], "time": pd.to_datetime(["2025-01-01"]),
                           "imo": ["9329760"]})
    with pytest.raises(InputError, match="^static: column 'time' must be timezone-aware"):
        ais.identity_anomalies(static=static)


def test_a_time_in_another_zone_is_accepted_as_the_same_instant(positions):
    local = positions.assign(time=positions["time"].dt.tz_convert("Asia/Taipei"))
    pd.testing.assert_frame_equal(ais.gaps(local, min_duration_h=1),
                                  ais.gaps(positions, min_duration_h=1))


CASE = '''
[case]
id = "speed"
title = "A vessel with a service speed"

[[sources]]
id = "s"
publisher = "Example"
url = "https://example.org/a"

[[vessels]]
id = "v"
name = "Shunxin-39"
service_speed_kn = SPEED
sources = ["s"]
'''


@pytest.mark.parametrize(("speed", "ok"), [("14.5", True), ("60", True), ("60.5", False),
                                           ("1e9", False)])
def test_a_case_file_service_speed_faster_than_any_ship_is_refused(tmp_path, speed, ok):
    from voyages.casefile import load_case
    from voyages.errors import CaseFileError

    path = tmp_path / "case.toml"
    path.write_text(CASE.replace("SPEED", speed))
    if ok:
        assert load_case(path).vessels["v"].service_speed_kn == float(speed)
        return
    with pytest.raises(CaseFileError) as err:
        load_case(path)
    (line,) = str(err.value).splitlines()
    assert line.startswith(f"{path}: vessels[0].service_speed_kn: a service speed of ")
    assert "faster than any ship (at most 60 kn" in line


def test_calls_check_refuses_a_service_speed_faster_than_any_ship(tmp_path):
    table = tmp_path / "calls.csv"
    table.write_text("vessel,port,arrival,departure,type,service_speed_kn\n"
                     "A,Rotterdam,2025-01-01,2025-01-02,tanker,1e9\n"
                     "A,Singapore,2025-01-25,2025-01-26,tanker,1e9\n")
    result = CliRunner().invoke(cli, ["calls-check", str(table)])
    assert result.exit_code == 2, result.output
    assert "service_speed_kn: a service speed of 1e+09 kn is faster than any ship" in result.output


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"lat": float("nan")}, "lat must be a finite number from -90 to 90, got nan"),
    ({"lon": 181.0}, "lon must be a finite number from -180 to 180, got 181"),
    ({"limit": 0}, "limit must be a finite number >= 1, got 0"),
])
def test_nearest_routes_checks_its_point_and_limit(kwargs, message):
    args = {"lat": 9.5, "lon": -14.0, **kwargs}
    with pytest.raises(InputError, match=f"^{message}$"):
        ais.nearest_routes(args.pop("lat"), args.pop("lon"), _CABLE, **args)


def test_envelope_for_a_hand_built_vessel_faster_than_any_ship_is_refused():
    from voyages.records import Vessel
    from voyages.speeds import envelope_for

    with pytest.raises(InputError, match="^vessel 'x': service_speed_kn: a service speed of "
                                         "1e\\+09 kn is faster than any ship"):
        envelope_for(Vessel(id="x", name="X", type="tanker", service_speed_kn=1e9))
