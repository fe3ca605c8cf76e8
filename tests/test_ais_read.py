"""Readers: NMEA (tag blocks, Gatehouse, trailing times, multi-part), CSV, Parquet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from aisfix import conakry_sample_lines, gatehouse, position, static5, tag

from voyages import ais
from voyages.ais import columns as C
from voyages.errors import DataFileError, InputError, VoyagesWarning

T0 = 1736294400  # 2025-01-08T00:00:00Z


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bad(frame: pd.DataFrame) -> dict[str, int]:
    return {k: v["count"] for k, v in ais.read_report(frame)["bad_lines"].items()}


def test_bundled_sample_is_what_the_generator_writes():
    text = ais.sample_path("nmea").read_text(encoding="utf-8")
    assert text == "\n".join(conakry_sample_lines()) + "\n"


def test_tag_block_times_and_columns(tmp_path):
    path = write(tmp_path, "a.nmea", [
        tag(T0) + position(123456789, 9.5, -13.7, sog=12.3, cog=90.5, heading=91, status=0),
        tag(T0 + 60) + position(123456789, 9.5, -13.69, sog=102.3, cog=360.0, status=5),
    ])
    frame = ais.read(path)
    assert frame.columns.tolist() == list(C.POSITION_COLUMNS)
    assert frame.dtypes.astype(str).tolist() == [str(pd.Series(dtype=d).dtype)
                                                 for d in C.POSITION_DTYPES.values()]
    assert frame["time"].tolist() == [pd.Timestamp(T0, unit="s", tz="UTC"),
                                      pd.Timestamp(T0 + 60, unit="s", tz="UTC")]
    row = frame.iloc[0]
    assert (row.mmsi, row.lat, row.lon, row.sog_kn, row.cog_deg, row.heading_deg) == \
        (123456789, 9.5, -13.7, 12.3, 90.5, 91.0)
    # SOG 102.3 and COG 360 are "not available" (ITU-R M.1371), heading 511 too
    assert np.isnan(frame.iloc[1][["sog_kn", "cog_deg", "heading_deg"]].astype(float)).all()
    assert frame["nav_status"].tolist() == [0, 5]


def test_gatehouse_wrapper_gives_the_next_sentence_its_time(tmp_path):
    path = write(tmp_path, "g.nmea", [
        gatehouse(2025, 1, 8, 6, 30, 15),
        position(987654321, 9.0, -14.5, msg_type=18),
        position(987654321, 9.0, -14.6, msg_type=18),  # no wrapper: no time
    ])
    frame = ais.read(path)
    assert frame["time"].iloc[0] == pd.Timestamp("2025-01-08T06:30:15Z")
    assert pd.isna(frame["time"].iloc[1])
    assert bad(frame) == {"no_time": 1}


def test_trailing_receiver_timestamp(tmp_path):
    sentence = position(366764000, 42.4, -70.8)
    path = write(tmp_path, "t.nmea", [sentence + ",d-109,S2105,t050056.00,r003669946,1325394060"])
    assert ais.read(path)["time"].iloc[0] == pd.Timestamp(1325394060, unit="s", tz="UTC")


def test_multipart_reassembly_per_channel_and_sequence_id(tmp_path):
    a = static5(123456789, imo=0, callsign="X0XX", name="EXAMPLE ONE", ship_type=70, to_bow=80,
                to_stern=20, to_port=8, to_starboard=8, draught=6.5, destination="CONAKRY",
                month=1, day=9, hour=6, minute=0, seq_id=1, channel="A")
    b = static5(987654321, imo=0, callsign="Y0YY", name="EXAMPLE TWO", ship_type=80, to_bow=50,
                to_stern=10, to_port=5, to_starboard=5, draught=4.0, destination="DAKAR",
                month=2, day=1, hour=0, minute=0, seq_id=1, channel="B")
    # interleaved: same sequence id on two channels
    path = write(tmp_path, "m.nmea", [tag(T0) + a[0], tag(T0) + b[0], a[1], b[1]])
    static = ais.read_static(path)
    assert static["name"].tolist() == ["EXAMPLE ONE", "EXAMPLE TWO"]
    assert static["length_m"].tolist() == [100.0, 60.0]
    assert static["beam_m"].tolist() == [16.0, 10.0]
    assert static["draught_m"].tolist() == [6.5, 4.0]
    assert static["eta"].tolist() == [pd.Timestamp("2025-01-09T06:00Z"),
                                      pd.Timestamp("2025-02-01T00:00Z")]
    assert bad(static) == {}


def test_bad_lines_counted_with_line_numbers_and_the_rest_read(tmp_path):
    good = tag(T0) + position(123456789, 9.5, -13.7)
    part1, part2 = static5(123456789, imo=0, callsign="X", name="N", ship_type=70, to_bow=1,
                           to_stern=1, to_port=1, to_starboard=1, draught=1.0, destination="D",
                           month=1, day=1, hour=0, minute=0)
    broken = good[:-2] + ("00" if not good.endswith("00") else "11")
    path = write(tmp_path, "b.nmea", [
        good,                      # 1
        broken,                    # 2 bad checksum
        good[:30],                 # 3 truncated
        part2,                     # 4 orphan: second part without the first
        "!AIVDM,1,1,,A,@@@,0*00",  # 5 checksum wrong too
        "# a comment",             # skipped, not counted
        "$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D",  # 7
        tag(T0) + position(123456789, 91.0, 181.0),  # 8 position not available
        part1,                     # 9 first part, file ends: orphan
    ])
    frame = ais.read(path)
    assert len(frame) == 1
    report = ais.read_report(frame)
    assert bad(frame) == {"checksum": 2, "truncated": 1, "orphan_part": 2, "not_ais": 1,
                          "no_position": 1}
    assert [e["line"] for e in report["bad_lines"]["checksum"]["examples"]] == [2, 5]
    assert [e["line"] for e in report["bad_lines"]["orphan_part"]["examples"]] == [4, 9]


def test_not_ais_file_is_a_data_file_error_naming_it(tmp_path):
    path = write(tmp_path, "notes.txt", ["hello", "world"])
    with pytest.raises(DataFileError, match="notes.txt: not an AIS file"):
        ais.read(path)


NOAA = """MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass
367752440,2023-01-11T00:00:00,43.07917,-70.75733,0.0,360.0,511.0,SAN JOSE,,WDI9818,31,0.0,,,,52.0,A
636021061,2023-01-11T00:00:05,26.09241,-80.04806,8.8,272.7,270.0,MSC EXAMPLE,IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A
636021061,not a time,26.1,-80.1,8.8,272.7,270.0,MSC EXAMPLE,IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A
636021061,2023-01-11T00:01:05,91.0,-80.04806,8.8,272.7,270.0,MSC EXAMPLE,IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A
"""

DMA = """# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D
02/01/2025 03:04:05,Class A,219000001,55.5,10.5,Moored,0.0,0.0,12.0,100,Unknown,OX0000,EXAMPLE DK,Cargo,,12,90,GPS,5.5,AARHUS,03/01/2025 08:00:00,AIS,70,20,6,6
02/01/2025 03:05:05,Base Station,2190001,55.6,10.6,Unknown value,,,,,Unknown,,,Undefined,,,,GPS,,,,AIS,,,,
13/01/2025 23:59:59,Class B,219000002,55.7,10.7,Under way using engine,,5.2,181.5,,Unknown,,,Pleasure,,,,GPS,,,,AIS,,,,
"""


def test_noaa_csv(tmp_path):
    path = tmp_path / "noaa.csv"
    path.write_text(NOAA)
    assert ais.detect_format(path) == "noaa"
    with pytest.warns(VoyagesWarning, match=r"noaa.csv: 1 of 4 rows dropped: 1 bad_time"):
        frame = ais.read(path)
    assert frame["mmsi"].tolist() == [367752440, 636021061]
    assert frame["time"].iloc[1] == pd.Timestamp("2023-01-11T00:00:05Z")
    assert np.isnan(frame["heading_deg"].iloc[0]) and np.isnan(frame["cog_deg"].iloc[0])
    assert frame["nav_status"].tolist() == [0, 8]
    assert bad(frame) == {"bad_time": 1, "no_position": 1}
    assert ais.read_report(frame)["bad_lines"]["bad_time"]["examples"][0]["line"] == 4
    static = ais.read_static(path)
    row = static[static["mmsi"] == 636021061].iloc[0]
    assert (row.imo, row["name"], row.call_sign, row.ship_type, row.length_m) == \
        (9307839, "MSC EXAMPLE", "5LCB4", 70, 208.0)


def test_dma_csv_day_first_and_text_status(tmp_path):
    path = tmp_path / "aisdk.csv"
    path.write_text(DMA)
    assert ais.detect_format(path) == "dma"
    frame = ais.read(path)
    assert frame["mmsi"].tolist() == [219000001, 219000002]
    assert frame["time"].tolist() == [pd.Timestamp("2025-01-02T03:04:05Z"),
                                      pd.Timestamp("2025-01-13T23:59:59Z")]
    assert frame["nav_status"].tolist() == [5, 0]
    assert bad(frame) == {"not_a_vessel": 1}
    static = ais.read_static(path)
    assert static["destination"].iloc[0] == "AARHUS"
    assert static["eta"].iloc[0] == pd.Timestamp("2025-01-03T08:00Z")


def test_any_csv_by_column_names_or_mapping(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("\ufeffID,ais_pos_timestamp,longitude,latitude\n"
                    "1,20/03/2021 00:22,32.32925,31.4386\n1,20/03/2021 01:25,32.3986,31.40955\n")
    frame = ais.read(path)
    assert frame["time"].tolist() == [pd.Timestamp("2021-03-20T00:22Z"),
                                      pd.Timestamp("2021-03-20T01:25Z")]
    other = tmp_path / "y.csv"
    other.write_text("ship,when,Y,X\n5,1700000000,1.5,2.5\n")
    with pytest.raises(DataFileError, match="not an AIS file"):
        ais.read(other)
    mapped = ais.read(other, format="csv",
                      columns={"mmsi": "ship", "time": "when", "lat": "Y", "lon": "X"})
    assert mapped[["mmsi", "lat", "lon"]].values.tolist() == [[5, 1.5, 2.5]]
    assert mapped["time"].iloc[0] == pd.Timestamp(1700000000, unit="s", tz="UTC")


def test_malformed_csv_rows_are_counted(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("mmsi,time,lat,lon\n1,2025-01-01T00:00:00Z,1,2\n1,2,3\n"
                    "1,2025-01-01T01:00:00Z,1,2,9,9\n1,2025-01-01T02:00:00Z,1,2.1\n")
    with pytest.warns(VoyagesWarning, match=r"m.csv: 2 of 4 rows dropped: 2 malformed"):
        frame = ais.read(path)
    assert len(frame) == 2
    report = ais.read_report(frame)["bad_lines"]
    assert report["malformed"]["count"] == 2
    assert [e["line"] for e in report["malformed"]["examples"]] == [3, 4]


def test_parquet_round_trip_sorted_and_no_overwrite(tmp_path):
    frame = ais.read(ais.sample_path("nmea"))
    shuffled = frame.sample(frac=1.0, random_state=1)
    out = ais.write(shuffled, tmp_path / "p.parquet")
    back = ais.read(out)
    expected = frame.sort_values(["mmsi", "time"], kind="stable", ignore_index=True)
    pd.testing.assert_frame_equal(back, expected)
    assert ais.read_report(back)["bad_lines"]["checksum"]["count"] == 1
    with pytest.raises(InputError, match="exists"):
        ais.write(frame, out)
    assert shuffled.index.tolist() != list(range(len(shuffled)))  # caller's frame untouched


@pytest.mark.skipif(not Path("../shared/data/ais").is_dir()
                    and not Path("/work/shared/data/ais").is_dir(),
                    reason="shared AIS samples absent")
def test_shared_samples_read_without_error():
    base = Path("/work/shared/data/ais")
    frame = ais.read(base / "aisdb_test_data_20211101.nm4")
    report = ais.read_report(frame)
    assert report["messages"] >= 979  # the README: 997 lines, 979 decode
    assert frame["time"].notna().all()
    with pytest.raises(DataFileError):
        ais.read(base / "mpd_tests_ais-utm32N.json")


def test_class_b_and_long_range_type_27_and_gzip(tmp_path):
    import gzip

    from pyais import encode_dict

    (t27,) = encode_dict({"type": 27, "mmsi": 123456789, "lat": 9.5, "lon": -13.7, "speed": 63,
                          "course": 511, "status": 1}, talker_id="AI", sentence_type="VDM")
    lines = [tag(T0) + t27, tag(T0 + 60) + position(987654321, 9.0, -14.0, sog=7.5, msg_type=18)]
    path = tmp_path / "x.nmea.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    frame = ais.read(path)
    assert frame["mmsi"].tolist() == [123456789, 987654321]
    first = frame.iloc[0]
    assert (first.lat, first.lon, first.nav_status) == (9.5, -13.7, 1)
    assert np.isnan(first.sog_kn) and np.isnan(first.cog_deg)  # 63 kn and 511° = not available
    assert frame["sog_kn"].iloc[1] == 7.5


def test_rows_are_flushed_to_arrays_without_changing_the_result(monkeypatch):
    from voyages.ais.nmea import NmeaRows

    whole = ais.read(ais.sample_path("nmea"))
    monkeypatch.setattr(NmeaRows, "FLUSH_ROWS", 7)
    pd.testing.assert_frame_equal(ais.read(ais.sample_path("nmea")), whole)
