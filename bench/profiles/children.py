#!/usr/bin/env python3
"""What a method spends its samples on: the frames it calls directly, by inclusive share. usage: children.py file.jfr method-substring"""
import os, sys, collections
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "frames.py")).read().replace("\nmain()\n", "\n")
ns = {}; exec(compile(src, "frames", "exec"), ns)
path, target = sys.argv[1], sys.argv[2]
total = 0; hit = 0; kids = collections.Counter()
for thread, frames in ns["samples"](path, None):
    total += 1
    idx = [i for i, f in enumerate(frames) if f.endswith(target)]
    if not idx: continue
    hit += 1
    i = max(idx)  # outermost occurrence
    kids[frames[i-1] if i > 0 else "(self)"] += 1
print(f"{target}: {100*hit/total:.1f} % of {total} samples")
for k, n in kids.most_common(20): print(f"  {100*n/total:5.1f} %  {k}")
