"""How `polemos trend` and `polemos alerts` look in a terminal: sparklines, bars, alert tables.

Only the CLI imports this (the analysis itself knows no output format). Flat rows for CSV, where
a list becomes one cell, are here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from polemos.analyse.alerts import Alert
from polemos.analyse.series import TrendPoint

_TICKS = "▁▂▃▄▅▆▇█"
_BAR = 24  # characters of the longest bar


def sparkline(values: Sequence[float]) -> str:
    """One character per value, its height scaled to the largest (all zero: the lowest tick)."""
    top = max((abs(v) for v in values), default=0.0)
    if top == 0:
        return _TICKS[0] * len(values)
    return "".join(_TICKS[min(len(_TICKS) - 1, round(abs(v) / top * (len(_TICKS) - 1)))]
                   for v in values)


def _bar(point: TrendPoint, top: int) -> str:
    """The period's incidents as a bar: conflict (q3+q4) in red, the rest in green."""
    if top == 0 or point.incidents == 0:
        return ""
    width = max(1, round(point.incidents / top * _BAR))
    red = round(width * (point.q3 + point.q4) / point.incidents)
    return f"[red]{'█' * red}[/red][green]{'█' * (width - red)}[/green]"


def _console(out: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=out, width=None if out.isatty() else 120, highlight=False)


def print_trend(points: Sequence[TrendPoint], title: str, out: IO[str]) -> None:
    """Sparklines of the four series over the whole range, then one row per period with a bar."""
    from rich.table import Table

    console = _console(out)
    console.print(f"[bold]{title}[/bold]")
    series = (("incidents", [p.incidents for p in points]),
              ("conflict (q3+q4)", [p.q3 + p.q4 for p in points]),
              ("intensity", [p.intensity for p in points]),
              ("dead", [p.dead for p in points]))
    for name, values in series:
        low, high = min(values, default=0), max(values, default=0)
        console.print(f"{name:>17} {sparkline(values)}  [dim]{low:g} … {high:g}[/dim]")
    table = Table(show_lines=False, header_style="bold", box=None, padding=(0, 1))
    for header in ("period", "incidents", "", "intensity", "q1", "q2", "q3", "q4", "dead"):
        table.add_column(header, justify="left" if header in ("period", "") else "right")
    top = max((p.incidents for p in points), default=0)
    for p in points:
        table.add_row(p.period, str(p.incidents), _bar(p, top), f"{p.intensity:g}", str(p.q1),
                      str(p.q2), str(p.q3), str(p.q4), str(p.dead))
    console.print(table)
    out.flush()


def print_alerts(found: Sequence[Alert], title: str, out: IO[str]) -> None:
    """One row per alert, with the sentences of its leading incidents."""
    from rich.table import Table

    table = Table(title=title, header_style="bold", show_lines=True)
    for header in ("period", "series", "observed", "expected", "surprise", "dead"):
        table.add_column(header, overflow="fold")
    table.add_column("driving incidents", overflow="fold", min_width=50)
    for a in found:
        shown = [f"{i} {_clip(t)}" for i, t in zip(a.incident_ids[:3], a.texts[:3], strict=True)]
        if len(a.incident_ids) > 3:
            shown.append(f"… and {len(a.incident_ids) - 3} more")
        when = a.period if a.span == 1 else f"{a.period}\n(from {a.start})"
        table.add_row(when, f"{a.series} ({a.kind})", str(a.observed), f"{a.expected:g}",
                      f"{a.surprise:.1f}", str(a.dead), "\n".join(shown))
    _console(out).print(table)
    out.flush()


def _clip(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def flat_alert(row: dict[str, Any]) -> dict[str, Any]:
    """An alert dict for one CSV row: ids joined by spaces, sentences by " | "."""
    return {**row, "incident_ids": " ".join(row["incident_ids"]), "texts": " | ".join(row["texts"])}
