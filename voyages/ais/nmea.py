"""NMEA 0183 AIS sentences (``!AIVDM``/``!AIVDO``) to position and static rows.

Bits are decoded by **pyais** (``NMEASentenceFactory``, ``TagBlock``,
``GatehouseSentence``, ``AISSentence.assemble_from_iterable``, ``decode``);
this module only walks the file line by line, keeps the time each sentence
was received, reassembles multi-sentence messages and counts what it
cannot use.

Time of a message, first found wins:

1. an NMEA 4.0 tag block before the sentence, ``\\c:<unix seconds>`` (or
   milliseconds when 13 digits) — e.g. ``\\s:42809,c:1635731889*6A\\!AIVDM,...``;
2. a Gatehouse ``$PGHP,1,yyyy,m,d,h,m,s,ms,...`` wrapper line just before
   the sentence;
3. a receiver timestamp after the checksum: the first 10-digit integer
   field following ``*hh`` (USCG NAIS style ``...,0*28,...,r003669946,
   1325394060``).

A message without any of them keeps ``time`` = NaT (and is counted as
``no_time``).

Multi-sentence messages are reassembled per (channel, sequential message
id): fragment 1 opens a slot, fragments must follow in order, and the
message is decoded when the last fragment arrives. A fragment that does
not fit (no open slot, wrong order, slot replaced, file ends) is an
``orphan_part``.

Bad-line reasons: ``truncated`` (no ``*hh`` checksum), ``invalid_sentence``
(pyais rejects it), ``checksum``, ``orphan_part``, ``undecodable``,
``bad_tag_block``; value reasons on position reports: ``no_position``
(lat 91 / lon 181, ITU-R M.1371 "not available": row dropped),
``bad_position`` (out of range: row dropped), ``no_time`` (row kept,
time NaT).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from voyages.ais.columns import NAV_STATUS_UNDEFINED
from voyages.ais.report import ReadReport

POSITION_TYPES = frozenset({1, 2, 3, 18, 19, 27})
"""AIS message types carrying a position report (classes A and B, long range)."""

STATIC_TYPES = frozenset({5, 19, 24})
"""AIS message types carrying static or voyage data."""

# ITU-R M.1371-5 "not available" values (pyais returns them as decoded).
LAT_NA = 91.0
LON_NA = 181.0
SOG_NA = 102.3
SOG_NA_TYPE27 = 63.0
COG_NA = 360.0
COG_NA_TYPE27 = 511.0
HEADING_NA = 511


def _tag_time(tag: bytes) -> float | None:
    """Unix seconds from a tag block's ``c:`` field, None when absent.

    Example block: ``s:2573535,c:1671533231*08``.

    The fields are split here (the format is a comma list of ``key:value``
    before ``*hh``; pyais's ``TagBlock`` does the same, slower); a ``c:``
    value that is not a number raises ValueError.
    """
    star = tag.rfind(b"*")
    body = tag[:star] if star >= 0 else tag
    for field in body.split(b","):
        if field[:2] == b"c:":
            number = float(field[2:])
            return number / 1000.0 if number > 1e11 else number
    return None


def _trailing_time(trailer: bytes) -> float | None:
    for field in trailer.split(b","):
        field = field.strip()
        if len(field) == 10 and field.isdigit():
            return float(field)
    return None


def _na(value: Any, missing: float) -> float:
    if value is None:
        return float("nan")
    value = float(value)
    return float("nan") if value == missing else value


class NmeaRows:
    """Accumulates decoded rows: Python lists for cheap appends, moved into numpy
    arrays every :data:`FLUSH_ROWS` rows so a month of messages stays compact."""

    FLUSH_ROWS = 1 << 19
    _DTYPES = {"mmsi": "int64", "time": "float64", "lat": "float64", "lon": "float64",
               "sog": "float64", "cog": "float64", "heading": "float64", "status": "int8"}

    def __init__(self) -> None:
        self.pos: dict[str, list[Any]] = {k: [] for k in self._DTYPES}
        self._chunks: dict[str, list[Any]] = {k: [] for k in self._DTYPES}
        self.static: list[dict[str, Any]] = []

    def flush(self) -> None:
        """Move the listed rows into numpy chunks."""
        import numpy as np

        for key, values in self.pos.items():
            if values:
                if key == "time":
                    values = [np.nan if v is None else v for v in values]
                self._chunks[key].append(np.asarray(values, dtype=self._DTYPES[key]))
                self.pos[key] = []

    def arrays(self) -> dict[str, Any]:
        """All position columns as numpy arrays (``time`` in unix seconds, NaN when unknown)."""
        import numpy as np

        self.flush()
        return {key: (np.concatenate(chunks) if chunks else np.zeros(0, dtype=self._DTYPES[key]))
                for key, chunks in self._chunks.items()}


def parse_lines(lines: Iterable[bytes], report: ReadReport, *, want_static: bool = True,
                progress: Any = None) -> NmeaRows:
    """Decode NMEA lines into row lists; count bad lines in ``report``.

    ``lines`` are raw bytes lines (a file opened in binary mode works).
    ``progress`` is called with the number of bytes consumed, now and then.
    """
    from pyais.exceptions import InvalidNMEAMessageException, UnknownMessageException
    from pyais.messages import AISSentence, GatehouseSentence, NMEASentence, NMEASentenceFactory

    rows = NmeaRows()
    slots: dict[tuple[str, Any], tuple[list[Any], float | None, int]] = {}
    gatehouse_time: float | None = None
    consumed = 0
    lineno = 0
    for lineno, raw in enumerate(lines, start=1):
        consumed += len(raw)
        if progress is not None and lineno % 20000 == 0:
            progress(consumed)
        line = raw.strip()
        if not line or line[:1] == b"#":
            continue
        report.lines += 1
        when: float | None = None
        if line[:1] == b"\\":
            end = line.find(b"\\", 1)
            if end < 0:
                report.add("bad_tag_block", lineno, line)
                continue
            try:
                when = _tag_time(line[1:end])
            except ValueError:
                report.add("bad_tag_block", lineno, line)
            line = line[end + 1:]
            if not line:
                continue
        head = line[:6]
        if head[3:6] not in (b"VDM", b"VDO"):
            head = head.upper()
        sentence: GatehouseSentence | NMEASentence
        if head[:5] == b"$PGHP":
            try:
                sentence = GatehouseSentence(line)
            except (InvalidNMEAMessageException, ValueError, IndexError):
                report.add("invalid_sentence", lineno, line)
                continue
            stamp = sentence.timestamp.replace(tzinfo=_dt.UTC)
            gatehouse_time = stamp.timestamp()
            continue
        if head[:1] not in (b"!", b"$") or head[3:6] not in (b"VDM", b"VDO"):
            report.add("not_ais", lineno, line)
            continue
        report.sentences += 1
        star = line.find(b"*")
        if star < 0 or len(line) < star + 3:
            report.add("truncated", lineno, line)
            continue
        core, trailer = line[: star + 3], line[star + 3:]
        if when is None and gatehouse_time is not None:
            when = gatehouse_time
        gatehouse_time = None
        if when is None and trailer:
            when = _trailing_time(trailer)
        try:
            sentence = NMEASentenceFactory.produce(core)
        except (InvalidNMEAMessageException, UnknownMessageException, ValueError, IndexError):
            report.add("invalid_sentence", lineno, line)
            continue
        if not isinstance(sentence, AISSentence):  # pragma: no cover - produce() checked VDM/VDO
            continue
        if not sentence.is_valid:
            report.add("checksum", lineno, line)
            continue
        if sentence.frag_cnt == 1:
            _decode(sentence, when, lineno, line, rows, report, want_static)
            continue
        key = (sentence.channel, sentence.seq_id)
        if sentence.frag_num == 1:
            if key in slots:
                parts, _, first_line = slots.pop(key)
                report.add("orphan_part", first_line, parts[0].raw, count=len(parts))
            slots[key] = ([sentence], when, lineno)
            continue
        slot = slots.get(key)
        if slot is None or len(slot[0]) != sentence.frag_num - 1 \
                or slot[0][0].frag_cnt != sentence.frag_cnt:
            report.add("orphan_part", lineno, line)
            continue
        slot[0].append(sentence)
        if sentence.frag_num == sentence.frag_cnt:
            parts, first_when, first_line = slots.pop(key)
            full = AISSentence.assemble_from_iterable(parts)
            _decode(full, first_when if first_when is not None else when, first_line,
                    line, rows, report, want_static)
    for parts, _, first_line in slots.values():
        report.add("orphan_part", first_line, parts[0].raw, count=len(parts))
    if progress is not None:
        progress(consumed)
    return rows


def _decode_errors() -> tuple[type[Exception], ...]:
    from pyais.exceptions import (
        InvalidDataTypeException,
        MissingPayloadException,
        UnknownMessageException,
    )

    return (UnknownMessageException, MissingPayloadException, InvalidDataTypeException,
            ValueError, IndexError, KeyError)


_DECODE_ERRORS: tuple[type[Exception], ...] = ()


def _decode(sentence: Any, when: float | None, lineno: int, line: bytes, rows: NmeaRows,
            report: ReadReport, want_static: bool) -> None:
    global _DECODE_ERRORS
    if not _DECODE_ERRORS:
        _DECODE_ERRORS = _decode_errors()
    kind = sentence.ais_id
    parts = sentence.frag_cnt
    if kind not in POSITION_TYPES and not (want_static and kind in STATIC_TYPES):
        report.messages += 1  # decodable, just not a type we keep
        report.sentences_decoded += parts
        return
    try:
        msg = sentence.decode()
    except _DECODE_ERRORS:
        report.add("undecodable", lineno, line)
        return
    report.messages += 1
    report.sentences_decoded += parts
    if kind in POSITION_TYPES:
        _position(msg, kind, when, lineno, line, rows, report)
    if want_static and kind in STATIC_TYPES:
        _static(msg, kind, when, rows)


def _position(msg: Any, kind: int, when: float | None, lineno: int, line: bytes,
              rows: NmeaRows, report: ReadReport) -> None:
    lat = float(msg.lat)
    lon = float(msg.lon)
    if lat == LAT_NA or lon == LON_NA:
        report.add("no_position", lineno, line)
        return
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        report.add("bad_position", lineno, line)
        return
    if when is None:
        report.add("no_time", lineno, line)
    if kind == 27:
        sog = _na(msg.speed, SOG_NA_TYPE27)
        cog = _na(msg.course, COG_NA_TYPE27)
        heading = float("nan")
    else:
        sog = _na(msg.speed, SOG_NA)
        cog = _na(msg.course, COG_NA)
        heading = _na(msg.heading, HEADING_NA)
    status = getattr(msg, "status", None)
    pos = rows.pos
    pos["mmsi"].append(int(msg.mmsi))
    pos["time"].append(when)
    pos["lat"].append(lat)
    pos["lon"].append(lon)
    pos["sog"].append(sog)
    pos["cog"].append(cog)
    pos["heading"].append(heading)
    pos["status"].append(NAV_STATUS_UNDEFINED if status is None else int(status))
    report.positions += 1
    if len(pos["mmsi"]) >= rows.FLUSH_ROWS:
        rows.flush()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).replace("@", " ").strip()
    return text or None


def _static(msg: Any, kind: int, when: float | None, rows: NmeaRows) -> None:
    row: dict[str, Any] = {"mmsi": int(msg.mmsi), "time": when}
    if kind == 5:
        row["imo"] = int(msg.imo) or None
        row["call_sign"] = _text(msg.callsign)
        row["name"] = _text(msg.shipname)
        row["destination"] = _text(msg.destination)
        row["draught_m"] = float(msg.draught) or None
        row["eta_parts"] = (msg.month, msg.day, msg.hour, msg.minute)
    if kind == 19 or (kind == 24 and getattr(msg, "partno", None) == 0):
        row["name"] = _text(msg.shipname)
    if kind == 24 and getattr(msg, "partno", None) == 1:
        row["call_sign"] = _text(msg.callsign)
    if kind in (5, 19) or (kind == 24 and getattr(msg, "partno", None) == 1):
        ship_type = int(getattr(msg, "ship_type", 0) or 0)
        row["ship_type"] = ship_type or None
        length = int(msg.to_bow or 0) + int(msg.to_stern or 0)
        beam = int(msg.to_port or 0) + int(msg.to_starboard or 0)
        row["length_m"] = float(length) if length else None
        row["beam_m"] = float(beam) if beam else None
    rows.static.append(row)
