"""The `scorecard` command: every workflow from a terminal."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

import click
from pydantic import ValidationError

from service.cli.digest_text import render_digest
from service.cli.render import (
    render_grid,
    render_json,
    render_report,
    render_scorecard,
    render_table,
)
from service.context import Services, build_services, open_registry
from service.core.layout import LayoutError, read_scorecard
from service.core.models import DEFINITION_FIELDS, KpiRow
from service.core.templates import TemplateError
from service.errors import ErrorCode, InvalidRequest, NotFound, ScorecardError
from service.registry import PAUSE_AFTER_FAILURES
from service.settings import ConfigError, SheetsBackend, load_settings
from service.workflows import (
    create_spreadsheet,
    digest,
    list_scorecards,
    provision,
    sync,
    validate_kpis,
    validate_tab,
)

__all__ = ["main"]

P = ParamSpec("P")
R = TypeVar("R")


def _friendly(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn our errors into one readable line and exit status 1, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ScorecardError as error:
            raise click.ClickException(f"{error.message} [{error.code}]") from None
        except ConfigError as error:
            raise click.ClickException(f"Configuration problem: {error}") from None
        except TemplateError as error:
            raise click.ClickException(f"{error} [{ErrorCode.INVALID_TEMPLATE}]") from None
        except ValidationError as error:
            raise click.ClickException(_problems(error)) from None
        except ValueError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


def _problems(error: ValidationError) -> str:
    """A pydantic error as one line: `field: problem; field: problem`."""
    return "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'input'}: {problem['msg']}"
        for problem in error.errors(include_url=False)
    )


def _services(ctx: click.Context) -> Services:
    services: Services | None = ctx.obj
    if services is None:
        try:
            services = build_services(load_settings())
        except ConfigError as error:
            raise click.ClickException(f"Configuration problem: {error}") from None
        for warning in services.startup_warnings:
            click.secho(warning, fg="yellow", err=True)
        ctx.obj = services
    return services


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Scorecard: provision, validate and sync KPI scorecards in Google Sheets."""
    # Every command checks the configuration first, so a bad variable is one line, not a
    # traceback from whichever command happened to read it.
    if ctx.obj is None:
        try:
            load_settings()
        except ConfigError as error:
            raise click.ClickException(f"Configuration problem: {error}") from None


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True)
def serve(host: str, port: int) -> None:
    """Run the HTTP service (development server; production uses gunicorn)."""
    from service import create_app

    try:
        app = create_app()
    except ConfigError as error:
        raise click.ClickException(f"Configuration problem: {error}") from None
    app.run(host=host, port=port)


@main.command()
@click.argument("role", required=False)
@click.pass_context
@_friendly
def templates(ctx: click.Context, role: str | None) -> None:
    """List the role templates, or show one ROLE's KPIs."""
    catalog = _services(ctx).catalog
    if role is None:
        rows = [
            [t.role, t.title, str(len(t.default_kpis)), str(len(t.optional_kpis))]
            for t in catalog.all()
        ]
        click.echo(render_table(["role", "title", "defaults", "optional"], rows, width=40))
        return
    template = catalog.get(role)
    used = catalog.role_used(role)
    if not used.recognised:
        click.echo(used.note)
    click.echo(f"{template.title} (v{template.version}): {template.description}\n")
    if not template.kpis:
        click.echo("No preset KPIs: add your own with `scorecard provision --kpi NAME`.")
        return
    rows = [
        [
            ("default" if k in template.default_kpis else "optional"),
            k.name,
            k.unit,
            k.direction.value,
            k.target,
            k.cadence.value,
        ]
        for k in template.kpis
    ]
    click.echo(render_table(["", "KPI", "unit", "better", "target", "cadence"], rows, width=44))


@main.command("new-spreadsheet")
@click.argument("title")
@click.pass_context
@_friendly
def new_spreadsheet(ctx: click.Context, title: str) -> None:
    """Create an empty spreadsheet on the local backend and print its id."""
    click.echo(create_spreadsheet(_services(ctx), title).spreadsheet_id)


@main.command("provision")
@click.argument("spreadsheet_id")
@click.option("--role", required=True, help="Role id or title, e.g. accounting_rep; any role.")
@click.option("--person", required=True, help="Whose scorecard it is.")
@click.option("--kpi", "kpis", multiple=True, help="A KPI to include (repeat); defaults if none.")
@click.option("--periods", default=13, show_default=True, type=click.IntRange(1, 104))
@click.option(
    "--first-period",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="ISO date the history starts from (backfill); default: the current period.",
)
@click.pass_context
@_friendly
def provision_cmd(
    ctx: click.Context,
    spreadsheet_id: str,
    role: str,
    person: str,
    kpis: tuple[str, ...],
    periods: int,
    first_period: datetime | None,
) -> None:
    """Add a scorecard tab for ROLE and PERSON (or show the one that exists)."""
    result = provision(
        _services(ctx),
        spreadsheet_id,
        role,
        person,
        kpis=list(kpis) or None,
        periods=periods,
        first_period=first_period.date() if first_period else None,
    )
    verb = "Created" if result.created else "Already there:"
    card = result.scorecard
    if not result.role.recognised:
        click.echo(result.role.note)
    click.echo(
        f"{verb} tab {card.title!r} (id {card.tab_id}, {card.kpis} KPIs); "
        f"requests: {result.requests.reads} read, {result.requests.writes} write"
    )


@main.command()
@click.argument("spreadsheet_id")
@click.pass_context
@_friendly
def scorecards(ctx: click.Context, spreadsheet_id: str) -> None:
    """List the scorecard tabs of a spreadsheet."""
    found = list_scorecards(_services(ctx), spreadsheet_id)
    rows = [[str(s.tab_id), s.title, s.role, s.person, str(s.kpis)] for s in found]
    click.echo(render_table(["tab id", "title", "role", "person", "KPIs"], rows, width=40))


def _tab_ids(services: Services, spreadsheet_id: str, tab: str | None) -> list[int]:
    found = list_scorecards(services, spreadsheet_id)
    if tab is None:
        return [s.tab_id for s in found]
    chosen = [s.tab_id for s in found if tab in (s.title, str(s.tab_id))]
    if not chosen:
        titles = ", ".join(repr(s.title) for s in found) or "none"
        raise NotFound(f"No scorecard tab {tab!r}; tabs: {titles}.", code=ErrorCode.TAB_NOT_FOUND)
    return chosen


@main.command()
@click.argument("spreadsheet_id")
@click.option("--tab", help="Title or id of one tab (default: every scorecard tab).")
@click.pass_context
@_friendly
def validate(ctx: click.Context, spreadsheet_id: str, tab: str | None) -> None:
    """Validate KPI rows in the sheet and write the verdicts."""
    services = _services(ctx)
    for tab_id in _tab_ids(services, spreadsheet_id, tab):
        result = validate_tab(services, spreadsheet_id, tab_id)
        click.echo(f"\n{result.title}\n{render_report(result.report)}")


def _definition_options(command: Callable[P, R]) -> Callable[P, R]:
    """One `--field` option per definition column, from the KPI vocabulary."""
    for field in reversed(DEFINITION_FIELDS):
        if not field.required:
            continue  # a check judges a definition before anyone has reviewed it
        command = click.option(
            "--" + field.name.replace("_", "-"),
            field.name,
            required=field.name == "name",
            default="",
            help=f"{field.header}: {field.hint}"
            + (f" ({', '.join(field.values)})" if field.values else ""),
        )(command)
    return command


@main.command("check-kpi")
@click.option(
    "--role", help="The role as you call it: a template id or any job title (e.g. 'Ward nurse')."
)
@_definition_options
@click.pass_context
@_friendly
def check_kpi(ctx: click.Context, /, role: str | None, **fields: str) -> None:
    """Judge one KPI definition against the three criteria, before it is added."""
    report = validate_kpis(_services(ctx), [KpiRow(**fields)], role)
    click.echo(render_report(report))
    sys.exit(0 if report.results[0].accepted else 1)


def _all_spreadsheets(services: Services) -> list[str]:
    enrolled = [e.spreadsheet_id for e in services.registry.enrolments() if not e.paused]
    if enrolled or services.settings.sheets_backend is SheetsBackend.GOOGLE:
        return enrolled
    emulator = services.sheets.emulator
    return emulator.spreadsheet_ids() if emulator is not None else []


@main.command("sync")
@click.argument("spreadsheet_id", required=False)
@click.option("--all", "sync_all", is_flag=True, help="Every enrolled (or local) spreadsheet.")
@click.pass_context
@_friendly
def sync_cmd(ctx: click.Context, spreadsheet_id: str | None, sync_all: bool) -> None:
    """Recompute trends and flags and write them into the sheet."""
    services = _services(ctx)
    if bool(spreadsheet_id) == sync_all:
        raise click.UsageError("Give one SPREADSHEET_ID or --all.")
    targets = _all_spreadsheets(services) if sync_all else [spreadsheet_id or ""]
    rows: list[list[str]] = []
    started = time.monotonic()
    with click.progressbar(targets, label="Syncing", file=sys.stderr) as bar:
        for sid in bar:
            try:
                r = sync(services, sid)
                outcome = "synced" if r.requests.writes else "unchanged"
                rows.append(
                    [
                        sid,
                        outcome,
                        str(r.tabs),
                        str(r.changed_cells),
                        str(r.flags),
                        f"{r.requests.reads}r/{r.requests.writes}w",
                        "; ".join(e.message for e in r.tab_errors),
                    ]
                )
            except ScorecardError as error:
                rows.append([sid, "failed", "", "", "", "", f"{error.code}: {error.message}"])
    headers = ["spreadsheet", "outcome", "tabs", "cells", "flags", "requests", "problems"]
    click.echo(render_table(headers, rows, width=48))
    failed = sum(row[1] == "failed" for row in rows)
    click.echo(f"{len(rows)} spreadsheet(s), {failed} failed, in {time.monotonic() - started:.1f}s")
    if failed:
        sys.exit(1)


@main.command("digest")
@click.argument("spreadsheet_id")
@click.option("--json", "as_json", is_flag=True, help="Print the digest as the API returns it.")
@click.pass_context
@_friendly
def digest_cmd(ctx: click.Context, spreadsheet_id: str, as_json: bool) -> None:
    """Per person: what is off target, missing, back on target, and the open issues."""
    services = _services(ctx)
    result = digest(services, spreadsheet_id)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    click.echo(render_digest(result), nl=False)


@main.command()
@click.argument("spreadsheet_id")
@click.option("--tab", help="Title of the tab (default: every tab).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "scorecard"]),
    default="table",
    show_default=True,
)
@click.pass_context
@_friendly
def show(ctx: click.Context, spreadsheet_id: str, tab: str | None, fmt: str) -> None:
    """Print a spreadsheet's tabs from either backend."""
    snapshot = _services(ctx).sheets.gateway().read_all_tabs(spreadsheet_id)
    tabs = [t for t in snapshot.tabs if tab is None or t.title == tab]
    if not tabs:
        raise NotFound(
            f"No tab {tab!r}: tabs are {[t.title for t in snapshot.tabs]}.",
            code=ErrorCode.TAB_NOT_FOUND,
        )
    if fmt == "json":
        click.echo(render_json(tabs))
        return
    for cells in tabs:
        if fmt == "scorecard":
            try:
                click.echo(render_scorecard(read_scorecard(cells), cells) + "\n")
            except LayoutError as error:
                click.echo(f"{cells.title}: {error}\n")
        else:
            click.echo(render_grid(cells, fmt))


@main.command()
@click.argument("spreadsheet_id")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@_friendly
def export(ctx: click.Context, spreadsheet_id: str, out: Path) -> None:
    """Write an emulated spreadsheet to an .xlsx file a person can open."""
    from service.sheets.export import export_xlsx

    emulator = _services(ctx).sheets.emulator
    if emulator is None:
        raise InvalidRequest("Export works on the local backend; in Google use File → Download.")
    if spreadsheet_id not in emulator.spreadsheet_ids():
        raise NotFound(
            f"Spreadsheet {spreadsheet_id} was not found: `scorecard sync --all` lists them.",
            code=ErrorCode.SPREADSHEET_NOT_FOUND,
        )
    export_xlsx(emulator.spreadsheet_json(spreadsheet_id), out)
    click.echo(f"Wrote {out}")


@main.command()
@click.pass_context
@_friendly
def demo(ctx: click.Context) -> None:
    """Run the whole job on the local backend and print what a manager would see."""
    from service.cli.demo import run_demo

    run_demo(_services(ctx), echo=click.echo)


@main.command("enrol")
@click.argument("spreadsheet_id")
@click.option("--every", "minutes", type=click.IntRange(15, 10_080), help="Minutes between syncs.")
@click.pass_context
@_friendly
def enrol_cmd(ctx: click.Context, spreadsheet_id: str, minutes: int | None) -> None:
    """Put a spreadsheet on the scheduled sync."""
    from service.workflows.fleet import enrol

    enrolment = enrol(_services(ctx), spreadsheet_id, by="cli", schedule_minutes=minutes)
    upcoming = (enrolment.next_sync_at or "")[:16].replace("T", " ")
    click.echo(
        f"Enrolled {spreadsheet_id}: every {enrolment.schedule_minutes} min, next at {upcoming} UTC"
    )


@main.command()
@click.argument("spreadsheet_id")
@click.pass_context
@_friendly
def unenrol(ctx: click.Context, spreadsheet_id: str) -> None:
    """Take a spreadsheet off the scheduled sync (its run history stays)."""
    from service.workflows.fleet import unenrol

    unenrol(_services(ctx), spreadsheet_id)
    click.echo(f"{spreadsheet_id} is off the schedule.")


@main.command()
@click.argument("spreadsheet_id", required=False)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.pass_context
@_friendly
def runs(ctx: click.Context, spreadsheet_id: str | None, limit: int) -> None:
    """Show the latest sync, validate and provision runs, and which schedules are paused."""
    registry = _services(ctx).registry
    schedule = {e.spreadsheet_id: "paused" if e.paused else "on" for e in registry.enrolments()}
    rows = [
        [
            f"{run.started_at:%Y-%m-%d %H:%M}",
            run.spreadsheet_id,
            schedule.get(run.spreadsheet_id, "off"),
            run.kind.value,
            run.outcome.value if run.outcome else "running",
            f"{run.reads}r/{run.writes}w",
            str(run.changed_cells),
            run.error_code or "",
        ]
        for run in registry.runs(spreadsheet_id, limit=limit)
    ]
    headers = [
        "started (UTC)",
        "spreadsheet",
        "schedule",
        "kind",
        "outcome",
        "requests",
        "cells",
        "error",
    ]
    click.echo(render_table(headers, rows, width=40))
    paused = sorted(sid for sid, state in schedule.items() if state == "paused")
    if paused:
        click.echo(
            f"Paused after {PAUSE_AFTER_FAILURES} failures in a row: {', '.join(paused)}. "
            "Fix the cause (share the sheet, check its id); a successful "
            "`scorecard sync SID` resumes the schedule."
        )


@main.group()
def db() -> None:
    """The registry database."""


@db.command("upgrade")
@click.pass_context
@_friendly
def db_upgrade(ctx: click.Context) -> None:
    """Migrate the registry database to the latest schema."""
    open_registry(load_settings(), upgrade=True).close()
    click.echo("Registry database is up to date.")
