#!/usr/bin/env python3
"""Top methods of a JFR recording's execution samples: self (top frame) and inclusive counts.

usage: jfr-hotspots.py profile.jfr [top]   (needs the JDK's `jfr` tool on PATH)
"""
import collections
import re
import subprocess
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", path],
                      capture_output=True, text=True, check=True).stdout
frame = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
self_count = collections.Counter()
incl_count = collections.Counter()
samples = 0
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = [m.group(1) for m in map(frame.match, event.splitlines()) if m]
    if not frames:
        continue
    samples += 1
    self_count[frames[0]] += 1
    for f in set(frames):
        incl_count[f] += 1
print(f"{samples} samples")
print("\nself (top frame)")
for m, c in self_count.most_common(top):
    print(f"{100.0 * c / samples:6.1f}%  {m}")
print("\ninclusive (io.tracefill only)")
for m, c in [x for x in incl_count.most_common() if x[0].startswith("io.tracefill")][:top]:
    print(f"{100.0 * c / samples:6.1f}%  {m}")
