"""Compares two output trees of bench/reduced_grids.sh byte for byte, ignoring run.json, the cell
folders and the timing columns (train_seconds, and seconds as older versions named it).

Usage: python3 bench/compare_outputs.py OLD_OUT NEW_OUT"""
import csv, io, os, sys
a, b = sys.argv[1], sys.argv[2]
TIMING = {"train_seconds", "seconds"}
def norm(path):
    data = open(path, "rb").read()
    if path.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(data.decode())))
        if not rows: return data
        keep = [i for i, h in enumerate(rows[0]) if h not in TIMING]
        out = io.StringIO(); csv.writer(out, lineterminator="\n").writerows([r[i] for i in keep] for r in rows)
        return out.getvalue().encode()
    return data
same = diff = 0
for root, _, files in os.walk(a):
    if ".cells" in root: continue
    for f in files:
        if f == "run.json": continue
        pa = os.path.join(root, f); pb = os.path.join(b, os.path.relpath(pa, a))
        if not os.path.exists(pb): print("missing", pb); diff += 1; continue
        if norm(pa) == norm(pb): same += 1
        else: print("DIFFERS", os.path.relpath(pa, a)); diff += 1
for root, _, files in os.walk(b):
    if ".cells" in root: continue
    for f in files:
        pb = os.path.join(root, f)
        if f != "run.json" and not os.path.exists(os.path.join(a, os.path.relpath(pb, b))):
            print("only in new", pb); diff += 1
print(f"{same} identical, {diff} differ")
sys.exit(1 if diff or not same else 0)
