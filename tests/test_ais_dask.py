"""The same functions on a real dask.distributed LocalCluster give the pandas rows."""

from __future__ import annotations

import pandas as pd
import pytest

from voyages import ais

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def fleet() -> pd.DataFrame:
    """The bundled sample replicated: 12 vessels, shifted in time and MMSI."""
    base = ais.read(ais.sample_path("nmea"))
    copies = []
    for k in range(6):
        part = base.copy()
        part["mmsi"] = part["mmsi"] + k * 1000
        part["time"] = part["time"] + pd.Timedelta(hours=7 * k)
        copies.append(part)
    out = pd.concat(copies, ignore_index=True)
    out.attrs = {}
    return out


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns[:2]), kind="stable", ignore_index=True)


@pytest.mark.slow
def test_gaps_and_port_calls_on_a_local_cluster_equal_pandas():
    positions = fleet()
    # split by time, as daily files are: every vessel spans several partitions
    by_time = dd.from_pandas(positions.sort_values("time", ignore_index=True), npartitions=5)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        cleaned = ais.clean(by_time)
        got_gaps = ais.gaps(cleaned).compute()
        got_calls = ais.port_calls(cleaned).compute()
        got_loiter = ais.loitering(by_time).compute()
    want = ais.clean(positions)
    assert len(ais.gaps(want)) == 6 and len(ais.port_calls(want)) == 6
    pd.testing.assert_frame_equal(ordered(got_gaps), ordered(ais.gaps(want)))
    pd.testing.assert_frame_equal(ordered(got_calls), ordered(ais.port_calls(want)))
    pd.testing.assert_frame_equal(ordered(got_loiter), ordered(ais.loitering(positions)))
