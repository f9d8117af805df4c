#!/usr/bin/env python3
"""Plots the measured benchmark runs for docs/benchmarks.md.

Reads the JSON lines `mall-bench` printed, saved under bench/results/
(startup.jsonl, soak.jsonl, storm.jsonl, overhead.jsonl: one line per run),
and writes one SVG, drawn by hand (no third-party packages), to
docs/benchmarks.svg. Usage, from the repository root:

    python3 scripts/plot_benchmarks.py [--results bench/results] [--out docs/benchmarks.svg]
"""

import argparse
import json
import math
import pathlib
from xml.sax.saxutils import escape

WIDTH = 900
PANEL_HEIGHT = 280
MARGIN_LEFT = 70
MARGIN_RIGHT = 20
FONT = "font-family='DejaVu Sans, Arial, sans-serif'"
COLORS = ["#c62828", "#ef6c00", "#6a1b9a", "#1565c0", "#78909c"]


def read_runs(folder, name):
    """The JSON objects of one results file, in order; [] when it is missing."""
    path = folder / name
    if not path.exists():
        return []
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            runs.append(json.loads(line))
    return runs


def nice_ceiling(value):
    """A round number at or above `value` for the top of an axis."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        top = step * 10 ** exponent
        if top >= value:
            return top
    return 10 ** (exponent + 1)


def fmt(value):
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.2f}"


class Panel:
    """One grouped bar chart: groups along x, one bar per series in each."""

    def __init__(self, top, title, unit):
        self.top = top
        self.title = title
        self.unit = unit
        self.parts = []

    def draw(self, groups, series, values, targets=None, notes=None, target_label=None):
        """values[g][s] is a number or None. targets[g] is a dashed line across
        group g, or a list with one per bar (None: no line). notes[g] is a
        line of text under group g, or a list of lines."""
        plot_top = self.top + 52
        plot_bottom = self.top + PANEL_HEIGHT - 54
        plot_left = MARGIN_LEFT
        plot_right = WIDTH - MARGIN_RIGHT
        height = plot_bottom - plot_top
        flat_targets = []
        for target in targets or []:
            flat_targets += target if isinstance(target, list) else [target]
        highest = max(
            [v for row in values for v in row if v is not None]
            + [t for t in flat_targets if t is not None]
        )
        top_value = nice_ceiling(highest * 1.08)
        y_of = lambda v: plot_bottom - height * v / top_value  # noqa: E731

        out = self.parts
        out.append(
            f"<text x='{plot_left}' y='{self.top + 18}' font-size='15' font-weight='bold' "
            f"{FONT}>{escape(self.title)}</text>"
        )
        # Legend.
        x = plot_left
        for index, name in enumerate(series):
            out.append(
                f"<rect x='{x}' y='{self.top + 28}' width='11' height='11' "
                f"fill='{COLORS[index % len(COLORS)]}'/>"
            )
            out.append(
                f"<text x='{x + 15}' y='{self.top + 38}' font-size='11' {FONT}>"
                f"{escape(name)}</text>"
            )
            x += 22 + 6.3 * len(name)
        if targets and target_label:
            out.append(
                f"<line x1='{x}' y1='{self.top + 34}' x2='{x + 22}' y2='{self.top + 34}' "
                "stroke='#000' stroke-width='1.5' stroke-dasharray='5,3'/>"
            )
            out.append(
                f"<text x='{x + 27}' y='{self.top + 38}' font-size='11' {FONT}>"
                f"{escape(target_label)}</text>"
            )
        # Axis with five ticks.
        for tick in range(6):
            value = top_value * tick / 5
            y = y_of(value)
            out.append(
                f"<line x1='{plot_left}' y1='{y:.1f}' x2='{plot_right}' y2='{y:.1f}' "
                "stroke='#e0e0e0' stroke-width='1'/>"
            )
            out.append(
                f"<text x='{plot_left - 6}' y='{y + 4:.1f}' font-size='11' text-anchor='end' "
                f"{FONT}>{fmt(value)}</text>"
            )
        out.append(
            f"<text x='16' y='{(plot_top + plot_bottom) / 2:.1f}' font-size='11' "
            f"text-anchor='middle' transform='rotate(-90 16 {(plot_top + plot_bottom) / 2:.1f})' "
            f"{FONT}>{escape(self.unit)}</text>"
        )
        out.append(
            f"<line x1='{plot_left}' y1='{plot_bottom}' x2='{plot_right}' y2='{plot_bottom}' "
            "stroke='#424242' stroke-width='1'/>"
        )
        # Bars.
        group_width = (plot_right - plot_left) / max(1, len(groups))
        bar_width = min(34, group_width * 0.8 / max(1, len(series)))
        for g, label in enumerate(groups):
            left = plot_left + g * group_width + (group_width - bar_width * len(series)) / 2
            for s in range(len(series)):
                value = values[g][s]
                if value is None:
                    continue
                x = left + s * bar_width
                y = y_of(value)
                out.append(
                    f"<rect x='{x:.1f}' y='{y:.1f}' width='{bar_width - 2:.1f}' "
                    f"height='{plot_bottom - y:.1f}' fill='{COLORS[s % len(COLORS)]}'/>"
                )
                out.append(
                    f"<text x='{x + (bar_width - 2) / 2:.1f}' y='{y - 3:.1f}' font-size='9' "
                    f"text-anchor='middle' {FONT}>{fmt(value)}</text>"
                )
            target = targets[g] if targets else None
            segments = []
            if isinstance(target, list):
                segments = [
                    (left + s * bar_width - 3, left + (s + 1) * bar_width + 1, t)
                    for s, t in enumerate(target)
                    if t is not None
                ]
            elif target is not None:
                segments = [(left - 4, left + bar_width * len(series) + 2, target)]
            for x1, x2, value in segments:
                y = y_of(value)
                out.append(
                    f"<line x1='{x1:.1f}' y1='{y:.1f}' x2='{x2:.1f}' y2='{y:.1f}' stroke='#000' "
                    "stroke-width='1.5' stroke-dasharray='5,3'/>"
                )
            centre = plot_left + (g + 0.5) * group_width
            out.append(
                f"<text x='{centre:.1f}' y='{plot_bottom + 15}' font-size='11' "
                f"text-anchor='middle' {FONT}>{escape(label)}</text>"
            )
            lines = (notes[g] if isinstance(notes[g], list) else [notes[g]]) if notes else []
            for row, line in enumerate(lines):
                out.append(
                    f"<text x='{centre:.1f}' y='{plot_bottom + 28 + 12 * row}' font-size='10' "
                    f"text-anchor='middle' fill='#424242' {FONT}>{escape(line)}</text>"
                )
        return self


def startup_panels(runs, top):
    groups = [f"run {i + 1}" for i in range(len(runs))]
    series = ["app cold", "app warm", "app, remote backend", "minimal (Material)", "minimal plain"]
    frames = [
        [
            r.get("app_first_frame_ms"),
            r.get("warm_first_frame_ms"),
            r.get("remote_first_frame_ms"),
            r.get("minimal_first_frame_ms"),
            r.get("plain_first_frame_ms"),
        ]
        for r in runs
    ]
    frame_notes = [
        f"home ready: cold {fmt(r['app_home_ready_ms'])}, warm {fmt(r['warm_home_ready_ms'])} ms"
        for r in runs
    ]
    rss = [
        [
            r.get(key, 0) / 1024
            for key in (
                "app_peak_rss_kb",
                "warm_peak_rss_kb",
                "remote_peak_rss_kb",
                "minimal_peak_rss_kb",
                "plain_peak_rss_kb",
            )
        ]
        for r in runs
    ]
    first = Panel(top, "startup: first frame (median of 5 fresh processes per run)", "ms").draw(
        groups,
        series,
        frames,
        targets=[1.3 * r["minimal_first_frame_ms"] for r in runs],
        notes=frame_notes,
        target_label="target: 1.3 x minimal",
    )
    second = Panel(top + PANEL_HEIGHT, "startup: peak RSS (VmHWM)", "MiB").draw(
        groups,
        series,
        rss,
        targets=[1.5 * r["minimal_peak_rss_kb"] / 1024 for r in runs],
        target_label="target: 1.5 x minimal",
    )
    return first.parts + second.parts


def soak_panel(runs, top):
    groups = [f"{r['seconds']:.0f} s, {r['clients']} clients" for r in runs]
    values = [
        [r["refreshes"], r["token_lifetimes"] + r["refresh_faults"], r["token_lifetimes"]]
        for r in runs
    ]
    notes = [
        [
            f"lost {r['lost']}, duplicates {r['duplicate_orders']}, "
            f"logouts {r['unexpected_logouts']}",
            f"{r['requests']} requests, {r['ok']} ok",
        ]
        for r in runs
    ]
    return (
        Panel(top, "soak: refreshes against the bound (token lifetimes + refresh faults)", "count")
        .draw(
            groups,
            ["refreshes", "bound", "token lifetimes"],
            values,
            notes=notes,
        )
        .parts
    )


def ratio_panel(storms, overheads, top):
    count = max(len(storms), len(overheads))
    groups = [f"run {i + 1}" for i in range(count)]
    values = []
    for i in range(count):
        storm = storms[i] if i < len(storms) else None
        overhead = overheads[i] if i < len(overheads) else None
        values.append(
            [
                storm["wall_ms"] / storm["baseline_wall_ms"] if storm else None,
                overhead["ratio"] if overhead else None,
            ]
        )
    notes = [
        f"storm: {storms[i]['refreshes']} refresh, {storms[i]['failed']} failed"
        if i < len(storms)
        else ""
        for i in range(count)
    ]
    return (
        Panel(
            top,
            "storm: wall time / baseline (target <= 1.5); overhead: manager / plain rps "
            "(target >= 0.95)",
            "ratio",
        )
        .draw(
            groups,
            ["storm", "overhead"],
            values,
            targets=[[1.5, 0.95]] * count,
            notes=notes,
            target_label="targets",
        )
        .parts
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default="bench/results", type=pathlib.Path)
    parser.add_argument("--out", default="docs/benchmarks.svg", type=pathlib.Path)
    args = parser.parse_args()

    parts = []
    top = 10
    startup = read_runs(args.results, "startup.jsonl")
    if startup:
        parts += startup_panels(startup, top)
        top += 2 * PANEL_HEIGHT
    soak = read_runs(args.results, "soak.jsonl")
    if soak:
        parts += soak_panel(soak, top)
        top += PANEL_HEIGHT
    storms = read_runs(args.results, "storm.jsonl")
    overheads = read_runs(args.results, "overhead.jsonl")
    if storms or overheads:
        parts += ratio_panel(storms, overheads, top)
        top += PANEL_HEIGHT
    if not parts:
        raise SystemExit(f"no results under {args.results}")
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{top + 10}' "
        f"viewBox='0 0 {WIDTH} {top + 10}'>\n"
        f"<rect width='{WIDTH}' height='{top + 10}' fill='#ffffff'/>\n"
        + "\n".join(parts)
        + "\n</svg>\n"
    )
    args.out.write_text(svg, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
