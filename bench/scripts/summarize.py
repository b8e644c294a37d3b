#!/usr/bin/env python3
"""Markdown rows from JMH JSON results: score ± error, the best iteration, the mean of the last
two iterations (steady state when warm-up ran long enough), and allocation per operation.

usage: summarize.py result.json [...]
"""
import json
import sys

for path in sys.argv[1:]:
    for r in json.load(open(path)):
        name = r["benchmark"].split(".", 3)[-1]
        params = ", ".join(f"{k}={v}" for k, v in r.get("params", {}).items())
        pm = r["primaryMetric"]
        raw = [x for fork in pm["rawData"] for x in fork]
        unit = pm["scoreUnit"]
        best = min(raw) if "/op" in unit else max(raw)
        last2 = sum(raw[-2:]) / len(raw[-2:])
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        alloc_txt = f"{alloc / 1024:,.0f} KiB" if alloc is not None else ""
        print(f"| {name} | {params} | {pm['score']:,.1f} ± {pm['scoreError']:,.1f} | {best:,.1f} | {last2:,.1f} "
              f"| {unit} | {alloc_txt} |")
