"""Writes docs/benchmarks.md (tables) and docs/benchmarks.svg (a chart) from the figures that
benches/pty.sh collected: ptybench's --vs JSON, idle.py's JSON, the latency bench's table."""
import datetime, json, os, sys

import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt

pty_path, idle_path, latency_path, lines, md_path, svg_path = sys.argv[1:7]
files = json.load(open(sys.argv[7]))["configs"] if len(sys.argv) > 7 else {}
pty = json.load(open(pty_path))
idle = json.load(open(idle_path))
latency = open(latency_path).read().strip()
configs = pty["configs"]
names = list(configs)

def med(name, fig):
    v = configs[name].get(fig)
    return v["median"] if isinstance(v, dict) else v

rows = []
for n in names:
    rows.append(
        f"| {n} | {med(n, 'startup_ms'):.1f} | {med(n, 'settle_med_us'):.0f} | "
        f"{med(n, 'settle_p95_us'):.0f} | {med(n, 'rss_mib'):.1f} | {med(n, 'cpu_ms'):.0f} |"
    )
def fmed(name, fig):
    v = files[name].get(fig)
    return v["median"] if isinstance(v, dict) else v
file_rows = [
    f"| {n[1:]} | {fmed(n, 'startup_ms'):.1f} | {fmed(n, 'rss_mib'):.1f} |" for n in files
]
files_md = ""
if files:
    files_md = (
        "## Startup and the number of notes files\n\n"
        "The same conference with notes files for 20, 200 and 2,000 of its sessions; kaigi "
        "started, one key typed, quit (medians).\n\n"
        "| notes files | startup ms | peak RSS MiB |\n|---|---|---|\n"
        + "\n".join(file_rows)
        + "\n"
    )
ratio = pty.get("ratios", {}).get("kaigi", {})
vs_vim = ""
if "vim" in configs:
    vs_vim = (
        f"kaigi / vim, echo settle median: "
        f"{med('kaigi', 'settle_med_us') / med('vim', 'settle_med_us'):.2f}"
    )
tick_ms = 10
if idle["cpu_ms"] < tick_ms:
    idle_text = (
        f"less than one clock tick of CPU ({tick_ms} ms, the kernel's resolution), "
        f"under {tick_ms / (idle['seconds'] * 10):.3f} % of one core"
    )
else:
    idle_text = f"{idle['cpu_ms']:.0f} ms of CPU, {idle['percent']:.3f} % of one core"
md = f"""# Benchmarks

Figures from the last run of `benches/pty.sh` ({datetime.date.today()}), on this project's
2-core machine. Absolute figures drift between machines and runs; compare within one run.

## Whole program, side by side (ptybench, {os.environ.get('REPEAT', '?')} rounds, medians)

kaigi on the large data set (4 days, 2,000 sessions, 200 with notes, 10,000 bullets in the
session typed into, saving in the background as it types); vim -u NONE and nano on the same
notes as a {lines.strip()}-line file; the floor is a raw-mode program that only echoes.
Each program gets 200 keystrokes, 42 of them Japanese, typed into a new line at the end of the
notes (vim `Go`, nano `M-/` then typing, kaigi Enter on the session, Ctrl-End, End, Enter).

| program | startup ms | echo settle median µs | p95 µs | peak RSS MiB | CPU ms |
|---|---|---|---|---|---|
{chr(10).join(rows)}

{vs_vim}

![startup, echo latency and memory](benchmarks.svg)

{files_md}
## Idle

kaigi open and untouched for {idle['seconds']:.0f} s: {idle_text}.

## Keystroke to frame, in process (`cargo bench --bench latency`)

One typed character: `update` plus a 200x60 frame, drawn as the app draws it (unchanged panes
and rows kept, only what was drawn compared, escape sequences encoded); then, for comparison,
every pane drawn and every cell compared through ratatui's `Terminal`.

{latency}
"""
# The criterion and targets sections are written by hand below the generated ones: keep them.
try:
    old = open(md_path).read()
    kept = old[old.index("\n## criterion"):]
except (OSError, ValueError):
    kept = ""
open(md_path, "w").write(md.rstrip("\n") + "\n" + kept)

fig, axes = plt.subplots(1, 3, figsize=(11, 3.4))
for ax, (fig_name, label) in zip(axes, [("startup_ms", "startup (ms)"),
                                         ("settle_med_us", "echo, median (µs)"),
                                         ("rss_mib", "peak memory (MiB)")]):
    values = [med(n, fig_name) for n in names]
    ax.bar(names, values, color=["#999", "#4a7", "#47a", "#c63"][: len(names)])
    ax.set_title(label)
    ax.tick_params(axis="x", rotation=20)
fig.tight_layout()
fig.savefig(svg_path)
