"""Helpers that write hand-made AIS fixtures (NMEA sentences via pyais's encoder)."""

from __future__ import annotations

from functools import reduce

from pyais import encode_dict


def checksum(body: str) -> str:
    """NMEA checksum (XOR of the characters) as two hex digits."""
    return f"{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def tag(unix: int) -> str:
    """An NMEA 4.0 tag block carrying a receiver time ``c:``."""
    body = f"c:{unix}"
    return f"\\{body}*{checksum(body)}\\"


def position(mmsi: int, lat: float, lon: float, *, sog: float = 0.0, cog: float = 0.0,
             heading: int = 511, status: int = 0, msg_type: int = 1, channel: str = "A") -> str:
    """One position report sentence (types 1/2/3 or 18)."""
    fields = {"type": msg_type, "mmsi": mmsi, "lat": lat, "lon": lon, "speed": sog,
              "course": cog, "heading": heading}
    if msg_type in (1, 2, 3):
        fields["status"] = status
    (sentence,) = encode_dict(fields, radio_channel=channel, talker_id="AI", sentence_type="VDM")
    return sentence


def static5(mmsi: int, *, imo: int, callsign: str, name: str, ship_type: int, to_bow: int,
            to_stern: int, to_port: int, to_starboard: int, draught: float, destination: str,
            month: int, day: int, hour: int, minute: int, seq_id: int = 1,
            channel: str = "A") -> list[str]:
    """A message 5 (static and voyage data) — two sentences."""
    return encode_dict({"type": 5, "mmsi": mmsi, "imo": imo, "callsign": callsign,
                        "shipname": name, "ship_type": ship_type, "to_bow": to_bow,
                        "to_stern": to_stern, "to_port": to_port, "to_starboard": to_starboard,
                        "draught": draught, "destination": destination, "month": month,
                        "day": day, "hour": hour, "minute": minute},
                       radio_channel=channel, talker_id="AI", sentence_type="VDM", seq_id=seq_id)


def gatehouse(year: int, month: int, day: int, hour: int, minute: int, second: int) -> str:
    """A Gatehouse ``$PGHP`` wrapper line with the given UTC time."""
    body = f"PGHP,1,{year},{month},{day},{hour},{minute},{second},0,338,2,,1,09"
    return f"${body}*{checksum(body)}"


def conakry_sample_lines() -> list[str]:
    """The bundled ``voyages/ais/samples/conakry.nmea`` (an invented example, not real traffic).

    Vessel 123456789 comes in from sea at 12 kn to Conakry (GNCKY, the
    gazetteer's point), waits at anchor about 2 km off, moors, leaves after
    about a day, goes silent for 14 h at sea and reappears. Vessel 987654321
    drifts slowly far offshore for 8 h (Gatehouse-wrapped reports), then leaves.
    """
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    port_lat, port_lon = 9.510572, -13.715293
    t0 = 1736294400  # 2025-01-08 00:00:00 UTC
    lines = ["# voyages example AIS file: invented vessels near Conakry, not real traffic"]
    a = 123456789
    # approach from 30 nm west at 12 kn, every 30 min
    lon0, lat0, _ = geod.fwd(port_lon, port_lat, 270.0, 30 * 1852.0)
    t = t0
    lat, lon = lat0, lon0
    while True:
        _, _, left = geod.inv(lon, lat, port_lon, port_lat)
        if left < 2100:
            break
        lines.append(tag(t) + position(a, round(lat, 5), round(lon, 5), sog=12.0, cog=90.0,
                                       heading=90, status=0))
        lon, lat, _ = geod.fwd(lon, lat, 90.0, min(12 * 1852.0 / 2, left - 2000))
        t += 1800
    msg5 = static5(a, imo=0, callsign="X0XX", name="EXAMPLE ONE", ship_type=70, to_bow=80,
                   to_stern=20, to_port=8, to_starboard=8, draught=6.5, destination="CONAKRY",
                   month=1, day=8, hour=6, minute=0)
    lines += [tag(t - 900) + msg5[0], msg5[1]]
    # at anchor 2 km west of the port point for 4 h, hourly
    for _ in range(5):
        lines.append(tag(t) + position(a, round(lat, 5), round(lon, 5), sog=0.1, cog=0.0,
                                       status=1))
        t += 3600
    lines.append(tag(t) + "!AIVDM,1,1,,A,11mg=5@P1pO1BE05Kq`3Q?v1P000,0*00")  # bad checksum
    # moored at the port point for 28 h, hourly
    for _ in range(29):
        lines.append(tag(t) + position(a, round(port_lat, 5), round(port_lon, 5), sog=0.0,
                                       cog=0.0, status=5))
        t += 3600
    lines.append("!AIVDM,1,1,,B,11mg=5@P1pO1BE05")  # truncated
    # leave westwards at 12 kn for 6 h, every 30 min
    lat, lon = port_lat, port_lon
    for _ in range(13):
        lines.append(tag(t) + position(a, round(lat, 5), round(lon, 5), sog=12.0, cog=270.0,
                                       heading=270, status=0))
        lon, lat, _ = geod.fwd(lon, lat, 270.0, 12 * 1852.0 / 2)
        t += 1800
    # silent 14 h, reappear 150 nm further west, then on at 12 kn
    t += 14 * 3600 - 1800
    lon, lat, _ = geod.fwd(lon, lat, 270.0, 150 * 1852.0)
    for _ in range(5):
        lines.append(tag(t) + position(a, round(lat, 5), round(lon, 5), sog=12.0, cog=270.0,
                                       heading=270, status=0))
        lon, lat, _ = geod.fwd(lon, lat, 270.0, 12 * 1852.0 / 2)
        t += 1800
    lines.append(tag(t) + msg5[1])  # an orphan second part
    # vessel B: slow drift ~80 nm offshore, Gatehouse-wrapped, hourly for 8 h, then 11 kn
    b = 987654321
    lon, lat, _ = geod.fwd(port_lon, port_lat, 240.0, 80 * 1852.0)
    tb = t0 + 6 * 3600
    for hour in range(12):
        moving = hour >= 9
        speed = 11.0 if moving else 0.4
        stamp = tb + hour * 3600
        y, mo, d, h, mi, s = _utc(stamp)
        lines.append(gatehouse(y, mo, d, h, mi, s))
        lines.append(position(b, round(lat, 5), round(lon, 5), sog=speed, cog=180.0,
                              msg_type=18, channel="B"))
        lon, lat, _ = geod.fwd(lon, lat, 180.0, speed * 1852.0)
    return lines


def _utc(unix: int) -> tuple[int, int, int, int, int, int]:
    import datetime as dt

    d = dt.datetime.fromtimestamp(unix, dt.UTC)
    return d.year, d.month, d.day, d.hour, d.minute, d.second
