"""Run the reconstruction functions on Dask DataFrames (``pip install 'voyages[dask]'``).

:func:`voyages.ais.gaps`, :func:`~voyages.ais.port_calls`,
:func:`~voyages.ais.loitering`, :func:`~voyages.ais.stops` and
:func:`~voyages.ais.voyages` accept a ``dask.dataframe.DataFrame``
however it is partitioned (files split by day put one vessel's rows in
many partitions): the rows are shuffled by ``mmsi`` so each vessel sits
in one partition, the pandas function runs on every partition, and a Dask
DataFrame comes back. ``.compute()`` gives the same rows as the pandas
function on the whole frame (in partition order; sort by ``mmsi`` and
time to compare).

On a cluster::

    from distributed import Client
    import dask.dataframe as dd
    from voyages import ais

    client = Client("tcp://scheduler:8786")
    positions = dd.read_parquet("s3://bucket/ais/2025-01-*.parquet")
    calls = ais.port_calls(ais.clean(positions)).compute()
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from voyages.ais import columns as C


def is_dask(frame: object) -> bool:
    """True for a Dask DataFrame (checked without importing dask)."""
    return type(frame).__module__.split(".")[0] in {"dask", "dask_expr"}


def per_vessel(frame: Any, func: Callable[..., pd.DataFrame], columns: Sequence[str] | None = None,
               **kwargs: Any) -> Any:
    """Shuffle a Dask frame by MMSI and run ``func`` on each partition.

    Returns
    -------
    dask.dataframe.DataFrame
        With the columns and dtypes ``func`` gives on an empty frame.
    """
    C.require(frame, C.REQUIRED_POSITION_COLUMNS)
    meta = func(frame._meta, **kwargs)
    shuffled = frame.shuffle(on=C.MMSI) if frame.npartitions > 1 else frame
    return shuffled.map_partitions(func, meta=meta, **kwargs)


def dask_per_vessel(columns: Sequence[str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a per-vessel pandas function so it also takes a Dask DataFrame.

    Given a Dask frame, the decorated function runs through :func:`per_vessel`
    (shuffled by MMSI, ``columns`` naming the result's); given pandas, it
    runs as written. Keyword arguments pass through unchanged.
    """
    import functools

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(positions: Any, **kwargs: Any) -> Any:
            if is_dask(positions):
                return per_vessel(positions, wrapper, columns, **kwargs)
            return func(positions, **kwargs)

        return wrapper

    return decorate


def clean_partitions(frame: Any, func: Callable[..., pd.DataFrame], **kwargs: Any) -> Any:
    """:func:`voyages.ais.clean` on a Dask frame: shuffle by MMSI, clean each partition."""
    C.require(frame, C.REQUIRED_POSITION_COLUMNS)
    meta = func(frame._meta, **kwargs)
    meta.attrs = {}
    shuffled = frame.shuffle(on=C.MMSI) if frame.npartitions > 1 else frame

    def one(part: pd.DataFrame) -> pd.DataFrame:
        out = func(part, **kwargs)
        out.attrs = {}
        return out

    return shuffled.map_partitions(one, meta=meta)


def run_on_cluster(func: Callable[..., Any], positions: pd.DataFrame, *,
                   scheduler: str | None = None, npartitions: int | None = None,
                   **kwargs: Any) -> pd.DataFrame:
    """Run ``func`` on a ``dask.distributed`` cluster and bring the result back.

    Parameters
    ----------
    func : callable
        One of the reconstruction functions.
    positions : pandas.DataFrame
        Split into ``npartitions`` (default: one per 200,000 rows, at most 64).
    scheduler : str, optional
        A scheduler address (``tcp://host:8786``); default a ``LocalCluster``
        on this machine, closed afterwards.

    Returns
    -------
    pandas.DataFrame
        Sorted by its first two columns (mmsi and start/arrival), index 0..n-1.
    """
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    parts = npartitions or max(1, min(64, len(positions) // 200_000))
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        frame = positions.copy(deep=False)
        frame.attrs = {}
        result = func(dd.from_pandas(frame, npartitions=parts), **kwargs).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    keys = list(result.columns[:2])
    return result.sort_values(keys, kind="stable", ignore_index=True)
