"""The per-document pipeline: a registry of stages and the object that runs them.

A stage is a small class registered with :func:`stage`. It is built once from
:class:`Settings` (that is where it loads its model) and then called on one
:class:`Document` at a time, returning it. It declares the stages it needs
before it, so a misordered pipeline fails when it is built, not on the
thousandth document.  The same objects run in a batch job, the HTTP server or
a distributed worker: nothing here knows about files or the store.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from newsloom.errors import ConfigError, InputError, NewsloomError
from newsloom.model import Document, RawInput
from newsloom.settings import Settings


class Stage(Protocol):
    """What every registered stage looks like."""

    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document) -> Document: ...


StageFactory = Callable[[Settings], Stage]
_REGISTRY: dict[str, StageFactory] = {}

# The stages of an ingest, in order. Later issues append theirs.
DEFAULT_STAGES: tuple[str, ...] = (
    "clean.boilerplate",
    "clean.metadata",
    "lang.paragraphs",
    "lang.layout",
    "lang.sentences",
    "embed.sentences",
    "extract.entities",
    "extract.time",
    "extract.quotes",
)


def stage(cls: type) -> type:
    """Class decorator: register a stage under its ``name``."""
    _REGISTRY[cls.name] = cls
    return cls


def registered() -> dict[str, StageFactory]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the modules runs their @stage decorators.
    from newsloom.clean import boilerplate, metadata  # noqa: F401
    from newsloom.embed import stage as embed_stage  # noqa: F401
    from newsloom.extract import entities, quotes, time  # noqa: F401
    from newsloom.lang import detect, layout, sentences  # noqa: F401


@dataclass
class Outcome:
    """What happened to one input: a document, or the error that rejected it."""

    source: str
    document: Document | None = None
    error: NewsloomError | None = None


@dataclass
class StageTimes:
    """Seconds spent per step, summed over documents, so a run shows its slowest stage.

    ``cpu`` is this process's CPU time (every thread, BLAS included, so it can exceed
    ``wall``): the figure that survives a shared, loaded machine.
    """

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def measure(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - wall, time.process_time() - cpu)

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name] = self.wall.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def merge(self, other: StageTimes) -> None:
        """Add another process's times (a Dask worker's) to these."""
        for name, wall in other.wall.items():
            self.add(name, wall, other.cpu.get(name, 0.0))


class Pipeline:
    """Parse a :class:`RawInput` into a :class:`Document` and run the stages over it.

    Set ``times`` to a :class:`StageTimes` to have every stage timed (None, the default,
    costs one comparison per stage).
    """

    def __init__(self, settings: Settings, names: Iterable[str] = DEFAULT_STAGES) -> None:
        from newsloom.clean.parse import Parser

        factories = registered()
        self.settings = settings
        self.parser = Parser(settings)
        self.times: StageTimes | None = None
        self.stages: list[Stage] = []
        done: set[str] = set()
        for name in names:
            if name not in factories:
                raise ConfigError("NL201", "pipeline", key=name)
            component = factories[name](settings)
            missing = [r for r in component.requires if r not in done]
            if missing:
                raise ConfigError(
                    "NL202", "pipeline", key=name, expected=f"after {missing}", value=list(done)
                )
            self.stages.append(component)
            done.add(name)

    def __call__(self, raw: RawInput) -> Document:
        return self.run(self.parser(raw))

    def run(self, doc: Document) -> Document:
        """Run the stages over a parsed document; NL107 if no content is left."""
        times = self.times
        for component in self.stages:
            if times is None:
                doc = component(doc)
            else:
                with times.measure(component.name):
                    doc = component(doc)
            doc.stages[component.name] = component.version
        if not any(p.is_content for p in doc.paragraphs):
            raise InputError("NL107", doc.source)
        return doc

    def pipe(self, raws: Iterable[RawInput]) -> Iterator[Outcome]:
        """Run every input; an input's user error is captured, the others carry on."""
        for raw in raws:
            try:
                yield Outcome(raw.source, document=self(raw))
            except InputError as exc:
                yield Outcome(raw.source, error=exc)
