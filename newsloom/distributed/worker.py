"""What runs on a Dask worker: one pipeline per process and settings, and the task over a chunk.

A worker process loads the models once (:func:`pipeline_for`, warmed by
:class:`PipelinePlugin` when the worker joins) and then runs
:func:`newsloom.service.run_documents` on each chunk it is given. Stages keep
per-call state (the boilerplate stage's recurring-line counts, the projection
cache of the encoder), so one process runs one chunk at a time: a worker with
several threads is correct but not faster; run one single-threaded worker
process per core instead.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Sequence

from distributed import WorkerPlugin

from newsloom.errors import InputError
from newsloom.model import Document
from newsloom.pipeline import Pipeline, StageTimes
from newsloom.service import Parsed, run_documents
from newsloom.settings import Settings

_LOAD = threading.Lock()
_RUN = threading.Lock()
_PIPELINES: dict[str, Pipeline] = {}


def pipeline_for(settings: Settings, stages: Sequence[str]) -> Pipeline:
    """This process's pipeline for these settings and stages, built (models loaded) once."""
    key = json.dumps([settings.as_dict(), list(stages)], sort_keys=True)
    with _LOAD:
        if key not in _PIPELINES:
            _PIPELINES[key] = Pipeline(settings, stages)
        return _PIPELINES[key]


def run_chunk(
    settings: Settings, stages: Sequence[str], items: list[Parsed], timed: bool
) -> tuple[list[Document | InputError], StageTimes | None]:
    """The Dask task: the stages over one chunk of a batch, with their times if asked."""
    pipeline = pipeline_for(settings, stages)
    with _RUN:
        pipeline.times = StageTimes() if timed else None
        try:
            return run_documents(pipeline, items), pipeline.times
        finally:
            pipeline.times = None


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline on every worker, including one that joins later to replace a
    lost worker, so that no task waits for models and a bad setting fails at start."""

    def __init__(self, settings: Settings, stages: Sequence[str]) -> None:
        self.settings = settings
        self.stages = list(stages)

    async def setup(self, worker: object) -> None:
        # In a thread: loading takes seconds, and the worker's event loop must keep
        # answering the scheduler's heartbeats meanwhile.
        await asyncio.get_running_loop().run_in_executor(
            None, pipeline_for, self.settings, self.stages
        )
