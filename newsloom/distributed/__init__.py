"""Ingest on a Dask cluster: the per-document stages on workers, the collection steps here.

``newsloom ingest --cluster ADDRESS`` (``tcp://HOST:PORT`` of a scheduler, or
``local:N`` for N worker processes on this machine) splits each batch of 256
inputs into chunks of ``cluster.chunk_docs`` documents, one Dask task each.
A worker runs :func:`newsloom.service.run_documents` (the same function the
single-process path runs) with a pipeline loaded once per worker process.
Reading, parsing, the recurring-line counts, storing, relations, stories and
entity linking stay on the client: they need every document seen so far.

Losing a worker loses nothing: Dask runs its tasks again elsewhere, results
are stored once, by the client, in input order; if Dask gives up, what is
stored stays, and running the same ingest again skips it (ids come from content).

Example:
    >>> with cluster_ingestor(store, settings, "local:2") as ingestor:
    ...     report = ingestor.ingest(["corpus/"])
"""

from newsloom.distributed.cluster import ClusterAddress, connect, parse_address
from newsloom.distributed.runner import DaskRunner, cluster_ingestor

__all__ = ["ClusterAddress", "DaskRunner", "cluster_ingestor", "connect", "parse_address"]
