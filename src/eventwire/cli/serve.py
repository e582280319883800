"""`eventwire serve`: the web pages and the JSON API over one database, with uvicorn.

The command only turns flags into `ServerSettings` and starts the server (no stage logic here);
FastAPI is imported only when it runs.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from eventwire.cli.common import ConfigOption, DbOption, fail, settings

if TYPE_CHECKING:
    from eventwire.watch import WatchPlan


def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    max_upload_bytes: Optional[int] = typer.Option(
        None, "--max-upload-bytes", help="Largest ingest request body (default 32 MiB)."
    ),
    config_file: Optional[Path] = ConfigOption,
    cache_rows: Optional[int] = typer.Option(
        None, "--cache-rows", help="Event rows kept in memory for the events table (default 20000; 0: none)."
    ),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level: warning, info, debug."),
    watch: bool = typer.Option(
        False, "--watch", help="Also watch sources (--feed, --sources) and ingest as news arrives."
    ),
    feeds: Optional[list[str]] = typer.Option(None, "--feed", help="With --watch: a feed or sitemap URL."),
    sources_file: Optional[Path] = typer.Option(None, "--sources", help="With --watch: a TOML sources file."),
    alerts_file: Optional[Path] = typer.Option(None, "--alerts", help="With --watch: a TOML alerts file."),
    interval: Optional[int] = typer.Option(
        None, "--interval", min=1, help="With --watch: seconds between polls of the --feed sources."
    ),
) -> None:
    """Serve the web pages and the JSON API; read-only unless EVENTWIRE_TOKEN is set (or --watch)."""
    try:
        import uvicorn

        from eventwire.server import ServerSettings, create_app
        from eventwire.serving.settings import TOKEN_ENV
    except ImportError as exc:
        fail(f"the web extra is not installed ({exc.name}): pip install 'eventwire[web]'")

    config = settings(config_file, db=db)
    if cache_rows is not None and cache_rows < 0:
        fail("--cache-rows must be 0 or more", code=2)
    if max_upload_bytes is not None and max_upload_bytes < 1:
        fail("--max-upload-bytes must be at least 1", code=2)
    plan = _watch_plan(watch, feeds, sources_file, alerts_file, interval)
    server = ServerSettings.from_env(
        config.db, config=config, max_upload_bytes=max_upload_bytes, cache_rows=cache_rows, watch=plan
    )
    app = create_app(server)
    mode = "ingest enabled (token set)"
    if server.read_only:
        mode = f"read-only (set {TOKEN_ENV} to allow ingest)"
    if plan is not None:
        mode += f", watching {len(plan.sources.sources)} sources"
    typer.echo(f"eventwire: serving {server.db} on http://{host}:{port}/ - {mode}", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level == "debug")
    sys.stderr.flush()


def _watch_plan(
    watch: bool,
    feeds: Optional[list[str]],
    sources_file: Optional[Path],
    alerts_file: Optional[Path],
    interval: Optional[int],
) -> "Optional[WatchPlan]":
    from eventwire.watch import WatchPlan, load_alerts, load_sources

    if not watch:
        if feeds or sources_file or alerts_file:
            fail("--feed, --sources and --alerts need --watch", code=2)
        return None
    alerts = load_alerts(alerts_file) if alerts_file is not None else None
    return WatchPlan(sources=load_sources(sources_file, feeds, interval), alerts=alerts)


COMMANDS = {"serve": serve}
