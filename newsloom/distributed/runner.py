"""The stage runner over Dask: a batch split into chunks, one task each, results in order."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from distributed import Client, KilledWorker

from newsloom.distributed.cluster import cluster_setting, connect
from newsloom.distributed.worker import PipelinePlugin, run_chunk
from newsloom.errors import ClusterError, InputError
from newsloom.model import Document
from newsloom.pipeline import DEFAULT_STAGES, StageTimes
from newsloom.service import Ingestor, Parsed
from newsloom.settings import Settings
from newsloom.store import Store


def worker_settings(settings: Settings) -> Settings:
    """The settings as workers use them: ``embed.threads`` 0 ("this process's cores")
    becomes ``cluster.blas_threads``, since a worker shares its cores with its siblings."""
    values = settings.as_dict()
    if values["embed"]["threads"] == 0:
        values["embed"]["threads"] = int(cluster_setting(settings, "blas_threads", 1))
    return Settings(values)


class DaskRunner:
    """A :class:`newsloom.service.StageRunner` on a ``distributed.Client``.

    Building it registers :class:`PipelinePlugin`, which loads the models on every
    worker and returns when they are loaded (a ConfigError in the settings is raised here).

    Raises (when called):
        ClusterError: Dask gave up on a chunk after workers died running it (NL272).
    """

    def __init__(
        self, client: Client, settings: Settings, stages: Iterable[str] = DEFAULT_STAGES
    ) -> None:
        self.client = client
        self.chunk_docs = int(cluster_setting(settings, "chunk_docs", 1))
        self.settings = worker_settings(settings)
        self.stages = list(stages)
        key = json.dumps([self.settings.as_dict(), self.stages], sort_keys=True)
        name = "newsloom-pipeline-" + hashlib.sha256(key.encode()).hexdigest()[:12]
        client.register_plugin(PipelinePlugin(self.settings, self.stages), name=name)

    def __call__(
        self, items: list[Parsed], times: StageTimes | None
    ) -> Iterator[list[Document | InputError]]:
        futures = [
            self.client.submit(
                run_chunk,
                self.settings,
                self.stages,
                items[i : i + self.chunk_docs],
                times is not None,
                pure=False,
            )
            for i in range(0, len(items), self.chunk_docs)
        ]
        try:
            for k, future in enumerate(futures):
                try:
                    results, chunk_times = future.result()
                except KilledWorker as exc:
                    first = items[k * self.chunk_docs].doc.source
                    raise ClusterError(
                        "NL272", None, what=f"the chunk starting at {first}", detail=exc
                    ) from None
                future.release()
                if times is not None and chunk_times is not None:
                    times.merge(chunk_times)
                yield results
        finally:
            self.client.cancel([f for f in futures if f.status == "pending"])


@contextmanager
def cluster_ingestor(
    store: Store, settings: Settings, address: str, stages: Iterable[str] = DEFAULT_STAGES
) -> Iterator[Ingestor]:
    """An :class:`Ingestor` whose stages run on the cluster at ``address`` (see :func:`connect`)."""
    names = list(stages)
    with connect(address, settings) as client:
        yield Ingestor(store, settings, names, runner=DaskRunner(client, settings, names))
