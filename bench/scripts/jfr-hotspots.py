#!/usr/bin/env python3
"""Top methods of a JFR recording: CPU samples (self = top frame, inclusive = anywhere on the
stack) or, with --alloc, sampled allocation weight by allocating method and by class.

usage: jfr-hotspots.py profile.jfr [top] [--alloc]   (needs the JDK's `jfr` tool on PATH)
"""
import collections
import re
import subprocess
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
alloc = "--alloc" in sys.argv
path = args[0]
top = int(args[1]) if len(args) > 1 else 25
event = "jdk.ObjectAllocationSample" if alloc else "jdk.ExecutionSample"
text = subprocess.run(["jfr", "print", "--events", event, "--stack-depth", "256", path],
                      capture_output=True, text=True, check=True).stdout
frame = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
weight_re = re.compile(r"^\s+weight = ([\d.,]+) ?(\w+)")
class_re = re.compile(r"^\s+objectClass = ([\w$.\[\]]+)")
units = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}

self_count = collections.Counter()
incl_count = collections.Counter()
by_class = collections.Counter()
total = 0.0
for ev in text.split(event)[1:]:
    lines = ev.splitlines()
    frames = [m.group(1) for m in map(frame.match, lines) if m]
    if not frames:
        continue
    w = 1.0
    if alloc:
        m = next(filter(None, map(weight_re.match, lines)), None)
        w = float(m.group(1).replace(",", "")) * units.get(m.group(2), 1) if m else 0.0
        c = next(filter(None, map(class_re.match, lines)), None)
        by_class[c.group(1) if c else "?"] += w
        # skip JDK frames so the allocation is charged to the engine code that asked for it
        frames = [f for f in frames if f.startswith("io.tracefill")] or frames
    total += w
    self_count[frames[0]] += w
    for f in set(frames):
        incl_count[f] += w
print(f"{'allocation weight' if alloc else 'samples'}: {total:.0f}")
print("\nself (top frame" + (", first engine frame)" if alloc else ")"))
for m, c in self_count.most_common(top):
    print(f"{100.0 * c / total:6.1f}%  {m}")
print("\ninclusive (io.tracefill only)")
for m, c in [x for x in incl_count.most_common() if x[0].startswith("io.tracefill")][:top]:
    print(f"{100.0 * c / total:6.1f}%  {m}")
if alloc:
    print("\nby class")
    for m, c in by_class.most_common(top):
        print(f"{100.0 * c / total:6.1f}%  {m}")
