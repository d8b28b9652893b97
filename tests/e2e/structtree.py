#!/usr/bin/env python3
"""Prints a tagged PDF's structure tree, one element a line, indented by
depth: its role, its attributes (/A) as key=value, then "mc" for each
marked-content kid, "objr" for each annotation.  tests/e2e/cost.sh greps it.

    structtree.py FILE.pdf
"""
import json, subprocess, sys


def main(path):
    q = json.loads(subprocess.run(["qpdf", "--json=2", path], capture_output=True, check=True).stdout)
    objs = q["qpdf"][1]

    def get(r):
        return objs["obj:" + r]["value"] if isinstance(r, str) and r.endswith(" R") else r

    root = get(get(objs["trailer"]["value"]["/Root"])["/StructTreeRoot"])
    out = []

    def walk(ref, depth):
        e = get(ref)
        kids = e.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        attrs = get(e.get("/A", {}))
        attrs = attrs if isinstance(attrs, list) else [attrs]
        words = [e["/S"][1:]]
        for a in attrs:
            a = get(a)
            for k, v in sorted(a.items()):
                if k != "/O":
                    words.append("%s=%s" % (k[1:], str(v).lstrip("/")))
        for k in kids:
            if isinstance(k, int) or (isinstance(k, dict) and k.get("/Type") == "/MCR"):
                words.append("mc")
            elif isinstance(k, dict) and k.get("/Type") == "/OBJR":
                words.append("objr")
        out.append("  " * depth + " ".join(words))
        for k in kids:
            if isinstance(k, str):
                walk(k, depth + 1)

    walk(root["/K"], 0)
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
