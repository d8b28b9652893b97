#!/usr/bin/env python3
"""Properties of a handbook PDF read back through qpdf's JSON (objects, not
text lines), for run.sh.  Usage:
  pdfprops.py borders FILE.pdf      every /Link annotation has /Border [0 0 0]
  pdfprops.py front-even FILE.pdf   /PageLabels: the decimal body starts after
                                    an even, non-zero number of front pages
  pdfprops.py break-border IN OUT   writes OUT: IN with one link's border 1 pt
  pdfprops.py break-front IN OUT    writes OUT: IN with the body label a page early
Exit 0 when the property holds; otherwise the reason on stderr, exit 1.
The break-* commands make the broken PDFs that prove the checks can fail."""
import json, re, subprocess, sys


def objects(pdf):
    out = subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True)
    j = json.loads(out.stdout)
    return j, j["qpdf"][1]


def resolve(objs, v):
    while isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
        o = objs["obj:" + v]
        v = o.get("value", o)
    return v


def borders(pdf):
    j, objs = objects(pdf)
    links = bad = 0
    for p in j["pages"]:
        page = resolve(objs, p["object"])
        for a in resolve(objs, page.get("/Annots", [])):
            ao = resolve(objs, a)
            if ao.get("/Subtype") != "/Link":
                continue
            links += 1
            b = resolve(objs, ao.get("/Border"))
            if b is None or [float(resolve(objs, x)) for x in b][:3] != [0, 0, 0]:
                bad += 1
                if bad <= 3:
                    print("link %s has /Border %r" % (a, b), file=sys.stderr)
    if not links:
        sys.exit("no link annotations")
    if bad:
        sys.exit("%d of %d links have a visible border" % (bad, links))


def front_even(pdf):
    _, objs = objects(pdf)
    root = resolve(objs, objs["trailer"]["value"]["/Root"])
    labels = resolve(objs, root.get("/PageLabels"))
    if not labels:
        sys.exit("no /PageLabels")
    nums = resolve(objs, labels["/Nums"])
    keys = [resolve(objs, k) for k in nums[0::2]]
    if keys != sorted(keys) or keys[:1] != [0]:
        sys.exit("/Nums keys not ascending from 0: %r" % keys)
    body = [k for k, v in zip(keys, nums[1::2]) if resolve(objs, v).get("/S") == "/D"]
    if not body:
        sys.exit("no decimal (/S /D) page label range")
    n = body[0]
    if n <= 0 or n % 2:
        sys.exit("front matter has %d pages: odd or none" % n)


def qdf(pdf):
    return subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                          capture_output=True, check=True).stdout


def unqdf(data, out):
    fixed = subprocess.run(["fix-qdf"], input=data, capture_output=True, check=True).stdout
    with open(out, "wb") as f:
        f.write(fixed)


def break_border(src, out):
    data, n = re.subn(rb"/Border \[\s*0\s+0\s+0\s*\]", b"/Border [ 0 0 1 ]", qdf(src), count=1)
    if n != 1:
        sys.exit("no /Border [0 0 0] to break")
    unqdf(data, out)


def break_front(src, out):
    data = qdf(src)
    m = re.search(rb"/Nums \[\s*0\s*<<[^>]*>>\s*(\d+)", data)
    if not m:
        sys.exit("no /PageLabels /Nums to break")
    n = int(m.group(1))
    data = data[:m.start(1)] + str(n - 1).encode() + data[m.end(1):]
    unqdf(data, out)


if __name__ == "__main__":
    cmd = sys.argv[1]
    {"borders": borders, "front-even": front_even}.get(cmd, lambda *a: None)(*sys.argv[2:3])
    if cmd == "break-border":
        break_border(sys.argv[2], sys.argv[3])
    elif cmd == "break-front":
        break_front(sys.argv[2], sys.argv[3])
