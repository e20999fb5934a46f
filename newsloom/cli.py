"""The ``newsloom`` command: a thin layer over :mod:`newsloom.service`.

Conventions: every command takes ``--db`` and ``--config``; read commands take
``--json`` and then print one JSON value on stdout and nothing else.  Progress
goes to stderr, and only on a terminal.  A user error is one line on stderr
(or a JSON error object with ``--json``) and an exit code: 1 some inputs were
rejected, 2 usage or configuration, 3 the store is unusable.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from newsloom import __version__, service
from newsloom.errors import NewsloomError
from newsloom.settings import Settings
from newsloom.store import Store, open_store


class Context:
    """What every command gets: effective settings and a lazily opened store."""

    def __init__(self, db: str | None, config: str | None, as_json: bool) -> None:
        self.settings = Settings.load(config)
        self.db = db or self.settings.get("store", "path")
        self.as_json = as_json
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def command(group: click.Group, name: str, *, reads: bool = True) -> Callable:
    """Register a command with the common options and the one error policy."""

    def wrap(func: Callable[..., int | None]) -> click.Command:
        @click.option("--db", metavar="FILE", help="Store file (default: ./newsloom.db).")
        @click.option("--config", metavar="FILE", help="Settings file (TOML) over the defaults.")
        @functools.wraps(func)
        def run(db: str | None, config: str | None, **kwargs: Any) -> None:
            as_json = bool(kwargs.get("as_json"))
            ctx = None
            try:
                ctx = Context(db, config, as_json)
                code = func(ctx, **kwargs) or 0
            except NewsloomError as exc:
                _fail(exc, as_json)
                code = exc.exit_code
            finally:
                if ctx is not None:
                    ctx.close()
            sys.exit(code)

        if reads:
            run = click.option("--json", "as_json", is_flag=True, help="Print JSON only.")(run)
        return group.command(name)(run)

    return wrap


def _fail(exc: NewsloomError, as_json: bool) -> None:
    if as_json:
        _emit({"ok": False, "error": str(exc), "errors": [exc.to_json()]})
    else:
        click.echo(f"newsloom: {exc}", err=True)


def _emit(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsloom")
def cli() -> None:
    """Turn a multilingual pile of news articles into stories one person can read."""


@command(cli, "ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Run the stages on Dask workers: tcp://HOST:PORT of a scheduler, or local:N "
              "for N worker processes here (default: setting cluster.address; empty: here).")
def ingest(ctx: Context, paths: Sequence[str], as_json: bool, cluster: str | None) -> int:
    """Read files, folders (recursively) or - (stdin) into the store.

    Plain text, HTML, JSONL (one article a line) and RSS/Atom feeds, in any
    common encoding. Content already stored is recognised and kept once.
    """
    from contextlib import nullcontext

    address = cluster or ctx.settings.get("cluster", "address")
    if address:
        from newsloom.distributed import cluster_ingestor

        session = cluster_ingestor(ctx.store, ctx.settings, address)
    else:
        session = nullcontext(service.Ingestor(ctx.store, ctx.settings))
    bar = _progress_bar("ingest", as_json)
    try:
        with session as ingestor:
            report = ingestor.ingest(
                paths, stdin=sys.stdin.buffer, progress=bar.update if bar else None
            )
    finally:
        if bar:
            bar.close()
    if as_json:
        _emit(report.to_json())
    else:
        for error in report.errors:
            click.echo(f"newsloom: {error}", err=True)
        click.echo(
            f"{len(report.added)} new, {len(report.existing)} already stored, "
            f"{len(report.errors)} rejected; {ctx.store.count()} documents in {ctx.db}"
        )
    return 0 if report.ok else 1


@command(cli, "docs")
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
def docs(ctx: Context, as_json: bool, limit: int | None, offset: int) -> None:
    """List stored documents: id, languages, layout, source and title."""
    rows = service.list_documents(ctx.store, limit=limit, offset=offset)
    if as_json:
        _emit(rows)
        return
    if not rows:
        click.echo(f"no documents in {ctx.db}")
    for r in rows:
        langs = "+".join(r["languages"]) or "-"
        click.echo(
            f"{r['id']}  {langs:<8} {r['layout']:<12} {r['source']}\n"
            f"{'':18}{r['title'] or '(no title)'}" + (f"  [{r['outlet']}]" if r["outlet"] else "")
        )


@command(cli, "show")
@click.argument("doc")
@click.option("--all", "show_all", is_flag=True, help="Also show boilerplate and header lines.")
def show(ctx: Context, doc: str, as_json: bool, show_all: bool) -> None:
    """Show one document (DOC = id, id prefix or source path): metadata and paragraphs."""
    data = service.show_document(ctx.store, doc)
    if as_json:
        _emit(data)
        return
    for key in (
        "id",
        "source",
        "title",
        "outlet",
        "published",
        "authors",
        "editor",
        "translator",
        "languages",
        "script",
        "layout",
        "encoding",
    ):
        value = data[key]
        if value:
            if isinstance(value, list):
                value = ", ".join(value)
            click.echo(f"{key + ':':<12}{value}")
    click.echo()
    for p in data["paragraphs"]:
        if p["boilerplate"] or p["role"] != "body":
            if not show_all:
                continue
            tag = f"[{p['reason'] or p['role']}]"
        else:
            tag = ""
        click.echo(f"{p['index']:>3} {p['lang'] or '--':<3}{tag} {p['text']}")


@command(cli, "relations")
@click.option("--doc", metavar="DOC", help="Only relations of this document.")
def relations(ctx: Context, as_json: bool, doc: str | None) -> None:
    """List duplicates, containments and translations between language views."""
    rows = service.list_relations(ctx.store, doc)
    if as_json:
        _emit(rows)
        return
    if not rows:
        click.echo("no relations")
    for r in rows:
        a, b = r["a"], r["b"]
        click.echo(
            f"{a['id']}#{a['lang']} {r['type']} {b['id']}#{b['lang']}"
            f"  score {r['score']:.2f}  direction {r['direction']}\n"
            f"    {a['source']}\n    {b['source']}"
        )


@command(cli, "align")
@click.argument("a")
@click.argument("b", required=False)
def align(ctx: Context, a: str, b: str | None, as_json: bool) -> None:
    """Align two language views side by side: A[:LANG] alone (a bilingual document) or
    with B[:LANG]. Shows paragraph pairs, each with its sentence pairs."""
    result = service.align(ctx.store, ctx.settings, a, b)
    if as_json:
        _emit(service.alignment_json(result))
        return
    click.echo(f"{result.a}#{result.a_lang}  <->  {result.b}#{result.b_lang}")
    by_paragraph: dict[int, list] = {}
    for pair in result.sentences:
        first = (pair.a or pair.b)[0][0]
        by_paragraph.setdefault(first, []).append(pair)
    for para in result.paragraphs:
        click.echo("")
        label = f"¶ {','.join(map(str, para.a)) or '-'} | {','.join(map(str, para.b)) or '-'}"
        click.echo(f"{label}  score {para.score:.2f}" if para.a and para.b else label)
        if not (para.a and para.b):
            click.echo(f"  (unaligned) {para.a_text or para.b_text}")
            continue
        for pair in by_paragraph.get(para.a[0], []):
            click.echo(f"  {pair.score:5.2f}  {result.a_lang}: {pair.a_text or '-'}")
            click.echo(f"         {result.b_lang}: {pair.b_text or '-'}")


@cli.group("export")
def export() -> None:
    """Write what newsloom found in formats other tools read."""


@command(export, "parallel", reads=False)
@click.option("--format", "fmt", type=click.Choice(["tmx", "tsv", "jsonl"]), default="tmx",
              show_default=True, help="TMX 1.4, tab-separated, or JSON lines.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: stdout).")
def export_parallel(ctx: Context, fmt: str, output: str) -> None:
    """Every aligned sentence pair of every translation, as a parallel corpus."""
    with click.open_file(output, "w", encoding="utf-8") as out:
        n = service.export_parallel(ctx.store, ctx.settings, fmt, out)
    click.echo(f"{n} sentence pairs written", err=True)


@command(cli, "entities")
@click.option("--mentions", is_flag=True, help="Also list every mention of each entity.")
def entities(ctx: Context, as_json: bool, mentions: bool) -> None:
    """Actors (people, organisations, places) with their names in every language."""
    rows = service.list_entities(ctx.store, with_mentions=mentions)
    if as_json:
        _emit(rows)
        return
    if not rows:
        click.echo("no entities")
    for e in rows:
        names = "; ".join(f"{lang}: {' / '.join(v)}" for lang, v in e["names"].items())
        click.echo(f"{e['type']:<4}{e['mentions']:>4}  {e['id']}  {names}")
        for m in e.get("mentions_in", []):
            click.echo(f"          {m['doc']} {m['lang']}  {m['text']}")


@command(cli, "stories")
def stories(ctx: Context, as_json: bool) -> None:
    """Stories, largest first: one real-world event across outlets and languages."""
    rows = service.list_stories(ctx.store)
    if as_json:
        _emit(rows)
        return
    if not rows:
        click.echo("no stories")
    for r in rows:
        span = f"{r['start'] or '?'} .. {r['end'] or '?'}"
        langs = "+".join(r["languages"])
        click.echo(f"{r['id']}  {len(r['documents']):>3} docs  {langs:<12} {span}")
        click.echo(f"{'':20}{r['title']}")
        for link in r["related"]:
            click.echo(f"{'':20}related: {link['story']} ({link['score']:.2f})")


@command(cli, "story")
@click.argument("story")
def story(ctx: Context, story: str, as_json: bool) -> None:
    """One story (STORY = story id, id prefix, or a member document)."""
    row = service.show_story(ctx.store, story)
    if as_json:
        _emit(row)
        return
    click.echo(f"{row['id']}  {row['start'] or '?'} .. {row['end'] or '?'}")
    for lang, title in row["titles"].items():
        click.echo(f"  title [{lang}]  {title}")
    click.echo(f"  languages  {', '.join(row['languages'])}")
    click.echo(f"  outlets    {', '.join(row['outlets'])}")
    click.echo(f"  keywords   {', '.join(row['keywords'])}")
    for doc_id in row["documents"]:
        click.echo(f"  document   {doc_id}")
    for link in row["related"]:
        click.echo(f"  related    {link['story']} ({link['score']:.2f})")


@command(cli, "recluster")
def recluster(ctx: Context, as_json: bool) -> None:
    """Rebuild all stories from scratch and say how far that moved from the online result."""
    report = service.recluster(ctx.store, ctx.settings)
    if as_json:
        _emit(report)
        return
    for key, value in report.items():
        click.echo(f"{key}: {value}")


@command(cli, "quotes")
@click.option("--story", "story_ref", metavar="STORY", help="Only quotes of this story.")
@click.option("--lang", default="en", show_default=True, help="Rendering to show first.")
def quotes(ctx: Context, as_json: bool, story_ref: str | None, lang: str) -> None:
    """Who said what; a quote and its translations are one quote with its renderings."""
    members = service.story_documents(ctx.store, story_ref) if story_ref else None
    rows = service.quotes(ctx.store, ctx.settings, members, lang=lang)
    if as_json:
        _emit(rows)
        return
    for q in rows:
        click.echo(f"{q['speaker'] or '(unknown)'} [{q['lang']}]: {q['text']}")
        for r in q["renderings"][1:]:
            click.echo(f"    [{r['lang']}] {r['text']}")


@command(cli, "timeline")
@click.argument("story")
@click.option("--lang", default="en", show_default=True, help="Language to show events in.")
def timeline(ctx: Context, story: str, as_json: bool, lang: str) -> None:
    """The dated events of a story in order, the same event in several languages merged."""
    members = service.story_documents(ctx.store, story)
    rows = service.timeline(ctx.store, ctx.settings, members, lang=lang)
    if as_json:
        _emit(rows)
        return
    for e in rows:
        click.echo(f"{e['date']}  {e['text']}  ({len(e['documents'])} documents)")


@command(cli, "serve", reads=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", metavar="TOKEN", default=None,
              help="Require 'Authorization: Bearer TOKEN' on writes (default: setting api.token).")
def serve(ctx: Context, host: str, port: int, token: str | None) -> None:
    """Serve the HTTP API (/api, OpenAPI at /docs) and the web desk over one store."""
    import uvicorn

    from newsloom.api.app import create_app

    app = create_app(ctx.db, ctx.settings, token=token)
    click.echo(f"newsloom: serving {ctx.db} on http://{host}:{port}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


@command(cli, "brief")
@click.argument("story")
@click.option("--lang", default="en", show_default=True, help="The reader's language.")
def brief(ctx: Context, story: str, as_json: bool, lang: str) -> None:
    """A story's briefing (STORY = story id, id prefix, or a member document): headline,
    summary from the originals, timeline, actors, who said what, sources, related stories.
    Markdown on stdout."""
    from newsloom.brief.render import markdown

    result = service.brief(ctx.store, ctx.settings, story, lang=lang)
    if as_json:
        _emit(result.to_json())
        return
    click.echo(markdown(result), nl=False)


@command(cli, "search")
@click.argument("query", nargs=-1, required=True)
@click.option("--lang", metavar="LANG[,LANG]", help="Only passages in these languages.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only documents published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only documents published on or before.")
@click.option("--outlet", metavar="NAME", help="Only documents of this outlet.")
@click.option("--entity", metavar="ENTITY", help="Only documents naming this entity (id or name).")
@click.option("--story", "story_ref", metavar="STORY", help="Only documents of this story.")
@click.option("--limit", type=int, default=10, show_default=True, help="Show at most this many.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
def search(ctx: Context, query: Sequence[str], as_json: bool, lang: str | None,
           since: str | None, until: str | None, outlet: str | None, entity: str | None,
           story_ref: str | None, limit: int, offset: int) -> None:  # fmt: skip
    """Find passages by words and by meaning, in every language: a query in one language
    finds the others (names in any spelling, sentences by their vectors)."""
    rows = service.search(
        ctx.store, ctx.settings, " ".join(query), lang=lang, since=since, until=until,
        outlet=outlet, entity=entity, story=story_ref, limit=limit, offset=offset,
    )  # fmt: skip
    if as_json:
        _emit(rows)
        return
    if not rows:
        click.echo("no matches")
    for r in rows:
        text = str(r["passage"])
        marked, pos = "", 0
        for a, b in r["highlights"]:
            marked += text[pos:a] + click.style(text[a:b], bold=True)
            pos = b
        click.echo(f"{r['rank']:>3}. {r['doc']} {r['lang']} ¶{r['paragraph']} s{r['sentence']}"
                   f"  {r['source']}" + (f"  ({r['published'][:10]})" if r["published"] else ""))
        click.echo(f"     {marked + text[pos:]}")  # fmt: skip


@command(cli, "config")
def config(ctx: Context, as_json: bool) -> None:
    """Show the effective settings (defaults, file, environment)."""
    values = ctx.settings.as_dict()
    if as_json:
        _emit(values)
        return
    for section, table in values.items():
        click.echo(f"[{section}]")
        for key, value in table.items():
            click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        click.echo()


def _progress_bar(label: str, as_json: bool):
    if as_json or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(desc=label, unit="doc", file=sys.stderr, leave=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code instead of exiting when ``argv`` is given."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="newsloom")
    except SystemExit as exc:
        if argv is None:
            raise
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    main()
