#!/usr/bin/env python3
"""Tagged PDF (PDF/UA-1) and PDF/A-2 checks over qpdf's JSON (issue 16).

Usage: tagcheck.py [--pdfa] [--words MDWORDS CONTENT_DIR] PDF...
Each PDF is checked on its own (one python for a folder of editions, not
one each).  Exit 0 when every check holds for every PDF, else 1; each
failure is one line "FILE: what", at most a few per kind and file.  veraPDF is not packaged here: this checks
mechanically what the README lists as checked, from the file's objects:

- catalog: /StructTreeRoot, /MarkInfo /Marked true, /Lang,
  /ViewerPreferences /DisplayDocTitle true, /Metadata XMP whose dc:title
  is the /Info /Title and which says pdfuaid:part 1 (Matterhorn 01-002,
  06-001..003, 07-001, 11-001);
- content: every painting operator of every page lies inside marked
  content that is an Artifact or carries an MCID (01-005), and every MCID
  drawn belongs to a structure element and is in the ParentTree, with
  /StructParents on the page;
- structure: headings never skip a level going down and the first is H1
  (14-003, 14-002), every Figure has a non-empty /Alt (13-004), every TH a
  /Scope (15-003), every Link element an OBJR (28-011), every form
  widget in a Form element (28-010) and its field described by /TU (28-005);
  lists and tables nest as ISO 32000-1 §14.8.4.3.3-4 says (L holds LI,
  Caption or L; LI holds Lbl and LBody; Table holds THead, TBody, TFoot, TR
  or Caption, which hold TR; TR holds TH and TD; none of these holds
  content of its own; LBody sits in an LI, Lbl in an LI, TOCI, Note or
  Caption, TH and TD in a TR:
  Matterhorn 09-004, 09-005); the Document holds no content of its own, so
  nothing (an index, a worksheet, a glance) reads as loose text;
- annotations: each Link has /Contents (28-008), /StructParent that
  points back at an element holding it, and the print flag (PDF/A); pages
  with annotations have /Tabs /S (24-? 28-? "tab order");
- with --words: the words the structure tree gives in reading order
  (pdfinfo -struct-text) hold the source's words (build/mdwords) in the
  same order, at least 99.5 % of them;
- with --pdfa: trailer /ID, an /OutputIntents entry /GTS_PDFA1 with an
  embedded ICC profile (/N 3), XMP pdfaid:part 2 and conformance A (in an
  unfiltered metadata stream), every
  font embedded (FontFile2/3), no JavaScript, Launch or other forbidden
  action, no /NeedAppearances true, no encryption."""
import base64, json, re, subprocess, sys

MAX_PER_KIND = 3
PAINT = {b"TJ", b"Tj", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh",
         b"Do", b"EI"}
TOKEN = re.compile(rb"\((?:\\.|[^\\()])*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>{}%]*|"
                   rb"[^\s/\[\]()<>{}%]+", re.S)

NUMBER = re.compile(rb"[-+]?(\d+\.?\d*|\.\d+)")

fails = []
counts = {}


def fail(kind, msg):
    counts[kind] = counts.get(kind, 0) + 1
    if counts[kind] <= MAX_PER_KIND:
        fails.append(f"{kind}: {msg}")


def load(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                          "--decode-level=generalized", path], capture_output=True, check=True).stdout
    q = json.loads(out)["qpdf"][1]
    return q


class Doc:
    def __init__(self, path):
        self.path = path
        self.q = load(path)
        self.trailer = self.q["trailer"]["value"]

    def obj(self, ref):
        """The value behind a reference ("N 0 R"), or the value itself."""
        if isinstance(ref, str) and ref.endswith(" R"):
            o = self.q.get("obj:" + ref)
            if o is None:
                return None
            if "stream" in o:
                return o["stream"]
            return o["value"]
        return ref

    def stream(self, ref):
        s = self.obj(ref)
        return s["dict"], base64.b64decode(s.get("data", "") or "")


def text(v):
    """A JSON string value ("u:..." or "b:hex") as text."""
    if not isinstance(v, str):
        return ""
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return v


def pages(doc, root):
    out = []

    def walk(ref):
        n = doc.obj(ref)
        if n.get("/Type") == "/Pages" or "/Kids" in n:
            for k in n["/Kids"]:
                walk(k)
        else:
            out.append(ref)
    walk(root["/Pages"])
    return out


def content_mcids(doc, page_ref, pi):
    """The MCIDs a page draws; fails every paint outside marked content."""
    page = doc.obj(page_ref)
    cs = page.get("/Contents")
    refs = cs if isinstance(cs, list) else [cs] if cs else []
    data = b"".join(doc.stream(r)[1] + b"\n" for r in refs)
    stack, ops, mcids = [], [], []
    for m in TOKEN.finditer(data):
        t = m.group(0)
        if t[:1] in (b"/", b"(", b"<", b"[", b"]", b">") or NUMBER.fullmatch(t) or t in (b"true", b"false", b"null"):
            ops.append(t)  # an operand
            continue
        if t in (b"BDC", b"BMC"):
            tag = ops[0] if ops else b""
            mm = re.search(rb"/MCID (\d+)", b" ".join(ops)) if t == b"BDC" else None
            mcid = int(mm.group(1)) if mm else None
            if mcid is not None:
                mcids.append(mcid)
            stack.append((tag, mcid))
        elif t == b"EMC":
            if not stack:
                fail("content", f"page {pi + 1}: EMC without BDC")
            else:
                stack.pop()
        elif t in PAINT:
            if not any(tag == b"/Artifact" or mcid is not None for tag, mcid in stack):
                fail("untagged content", f"page {pi + 1}: '{t.decode()}' neither tagged nor an Artifact")
        ops = []
    if stack:
        fail("content", f"page {pi + 1}: marked content left open")
    return mcids


def main(argv):
    pdfa = "--pdfa" in argv
    argv = [a for a in argv if a != "--pdfa"]
    words = None
    if "--words" in argv:
        i = argv.index("--words")
        words = (argv[i + 1], argv[i + 2])
        del argv[i:i + 3]
    if len(argv) < 2:
        print("usage: tagcheck.py [--pdfa] [--words MDWORDS CONTENT_DIR] PDF...", file=sys.stderr)
        return 2
    rc = 0
    for path in argv[1:]:
        fails.clear()
        counts.clear()
        rc |= check(path, pdfa, words)
    return rc


def check(path, pdfa, words):
    doc = Doc(path)
    root = doc.obj(doc.trailer["/Root"])
    info = doc.obj(doc.trailer.get("/Info")) or {}

    # ---- catalog ----
    if (doc.obj(root.get("/MarkInfo")) or {}).get("/Marked") is not True:
        fail("catalog", "no /MarkInfo << /Marked true >>")
    if not text(root.get("/Lang")):
        fail("catalog", "no /Lang")
    if (doc.obj(root.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle") is not True:
        fail("catalog", "no /ViewerPreferences << /DisplayDocTitle true >>")
    title = text(info.get("/Title"))
    if not title:
        fail("catalog", "no /Info /Title")
    xmp = ""
    if "/Metadata" not in root:
        fail("xmp", "no /Metadata")
    else:
        md, xb = doc.stream(root["/Metadata"])
        xmp = xb.decode("utf-8", "replace")
        if md.get("/Subtype") != "/XML" or md.get("/Type") != "/Metadata":
            fail("xmp", "metadata stream is not /Type /Metadata /Subtype /XML")
        t = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
        unesc = lambda s: s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        if not t or unesc(t.group(1)) != title:
            fail("xmp", f"dc:title {t.group(1) if t else None!r} is not the /Info /Title {title!r}")
        if not re.search(r"pdfuaid:part(>|=\")1", xmp):
            fail("xmp", "no pdfuaid:part 1")
    str_root = doc.obj(root.get("/StructTreeRoot"))
    if not str_root:
        fail("structure", "no /StructTreeRoot")
        return report(path)

    # ---- structure tree ----
    pg = pages(doc, root)
    page_index = {r: i for i, r in enumerate(pg)}
    owned = set()          # (page, mcid) an element holds
    objr = set()           # annotation refs an OBJR names
    headings = []
    note_ids = set()
    roles = {}
    seen = set()

    # which kids each grouping role may have, and which parent each part needs
    kids_of = {"L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"},
               "Table": {"THead", "TBody", "TFoot", "TR", "Caption"},
               "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"}, "TR": {"TH", "TD"}}
    parent_of = {"LI": {"L"}, "Lbl": {"LI", "TOCI", "Note", "Caption"}, "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
                 "TH": {"TR"}, "TD": {"TR"}, "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"}}

    def walk(ref, inherited_pg, parent=""):
        if ref in seen:
            fail("structure", f"element {ref} reached twice")
            return
        seen.add(ref)
        e = doc.obj(ref)
        s = e.get("/S", "")[1:]
        roles[s] = roles.get(s, 0) + 1
        if s in parent_of and parent not in parent_of[s]:
            fail("nesting", f"{ref}: {s} in {parent or 'the root'}")
        epg = e.get("/Pg", inherited_pg)
        if re.fullmatch(r"H[1-6]", s):
            headings.append(int(s[1]))
        if s == "Figure" and not text(e.get("/Alt")).strip():
            fail("figure", f"{ref}: Figure without /Alt")
        if s == "TH" and "/Scope" not in (doc.obj(e.get("/A")) or {}):
            fail("table", f"{ref}: TH without /Scope")
        if s == "Note":
            nid = text(e.get("/ID"))
            if not nid or nid in note_ids:
                fail("note", f"{ref}: Note without a unique /ID")
            note_ids.add(nid)
        kids = e.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        if s in kids_of or s == "Document":
            for k in kids:
                kd = doc.obj(k) if isinstance(k, str) else k
                ks = kd.get("/S", "")[1:] if isinstance(kd, dict) else ""
                if not ks:
                    fail("nesting" if s != "Document" else "loose content",
                         f"{ref}: content straight in the {s} element")
                elif s in kids_of and ks not in kids_of[s]:
                    fail("nesting", f"{ref}: {ks} in {s}")
        has_objr = False
        for k in kids:
            if isinstance(k, int):
                owned.add((page_index.get(epg), k))
            elif isinstance(k, dict):
                if k.get("/Type") == "/OBJR":
                    objr.add(k.get("/Obj"))
                    has_objr = True
                else:
                    owned.add((page_index.get(k.get("/Pg", epg)), k.get("/MCID")))
            elif isinstance(k, str) and k.endswith(" R"):
                kd = doc.obj(k)
                if kd.get("/Type") == "/OBJR":
                    objr.add(kd.get("/Obj"))
                    has_objr = True
                elif kd.get("/Type") == "/MCR":
                    owned.add((page_index.get(kd.get("/Pg", epg)), kd.get("/MCID")))
                else:
                    walk(k, epg, s)
        if s == "Link" and not has_objr:
            fail("link", f"{ref}: Link element without an OBJR")

    k = str_root.get("/K")
    for r in (k if isinstance(k, list) else [k]):
        walk(r, None)
    if headings and headings[0] != 1:
        fail("headings", f"the first heading is H{headings[0]}, not H1")
    for a, b in zip(headings, headings[1:]):
        if b > a + 1:
            fail("headings", f"H{a} is followed by H{b}")

    # ---- ParentTree ----
    ptree = {}

    def nums(n):
        n = doc.obj(n)
        v = n.get("/Nums", [])
        for i in range(0, len(v) - 1, 2):
            ptree[v[i]] = v[i + 1]
        for kid in n.get("/Kids", []):
            nums(kid)
    nums(str_root.get("/ParentTree", {}))

    # ---- pages, content, annotations ----
    for pi, pref in enumerate(pg):
        page = doc.obj(pref)
        drawn = content_mcids(doc, pref, pi)
        if len(drawn) != len(set(drawn)):
            fail("content", f"page {pi + 1}: an MCID is used twice")
        sp = page.get("/StructParents")
        arr = doc.obj(ptree.get(sp)) if sp is not None else None
        if drawn and sp is None:
            fail("parent tree", f"page {pi + 1}: no /StructParents")
        for m in drawn:
            if (pi, m) not in owned:
                fail("content", f"page {pi + 1}: MCID {m} belongs to no element")
            if not isinstance(arr, list) or m >= len(arr) or not arr[m]:
                fail("parent tree", f"page {pi + 1}: MCID {m} not in the ParentTree")
        annots = page.get("/Annots", [])
        annots = doc.obj(annots) if isinstance(annots, str) else annots
        if annots and page.get("/Tabs") != "/S":
            fail("annotations", f"page {pi + 1}: annotations but no /Tabs /S")
        for aref in annots:
            a = doc.obj(aref)
            if a.get("/Subtype") == "/Link":
                if not text(a.get("/Contents")).strip():
                    fail("annotations", f"page {pi + 1}: Link {aref} without /Contents")
                if aref not in objr:
                    fail("annotations", f"page {pi + 1}: Link {aref} not referenced from a Link element")
                if a.get("/StructParent") is None or a.get("/StructParent") not in ptree:
                    fail("annotations", f"page {pi + 1}: Link {aref} without a /StructParent in the ParentTree")
            if a.get("/Subtype") == "/Widget":
                # a form widget: in a Form element, its field described (28-005, 28-010)
                if aref not in objr:
                    fail("annotations", f"page {pi + 1}: Widget {aref} not referenced from a Form element")
                if a.get("/StructParent") is None or a.get("/StructParent") not in ptree:
                    fail("annotations", f"page {pi + 1}: Widget {aref} without a /StructParent in the ParentTree")
                field = doc.obj(a["/Parent"]) if "/Parent" in a else a
                if not text(field.get("/TU", a.get("/TU"))).strip():
                    fail("annotations", f"page {pi + 1}: Widget {aref} whose field has no /TU")
            if not (int(a.get("/F", 0)) & 4):
                fail("annotations", f"page {pi + 1}: annotation {aref} without the print flag")

    # ---- words in reading order ----
    if words:
        check_words(path, *words)

    # ---- PDF/A ----
    if pdfa:
        check_pdfa(doc, root, xmp)
    return report(path, roles)


DROP = re.compile("[^0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2c00-\u2fff"
                  "\u3040-\ufdff\ufe10-\uffef]+")


def norm(s):
    return DROP.sub("", s).casefold()


def check_words(path, mdwords, content):
    st = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True).stdout
    tree = norm("".join(re.findall(r'^\s*"(.*)"$', st, re.M)))
    src = subprocess.run([mdwords, content], capture_output=True, text=True).stdout
    files = {}
    for line in src.splitlines():
        f = line.split("\t", 1)[0]
        if f.startswith("#"):
            continue  # table row and cell marks
        files.setdefault(f, []).extend(w for w in map(norm, line.split("\t", 3)[-1].split()) if w)
    ws = [w for v in files.values() for w in v]
    found, lost = 0, []
    # each file's words in order, from the start that finds the most (its
    # first word also shows in the title page, contents or glance)
    for f, v in files.items():
        best, best_lost = -1, []
        starts, at = [], tree.find(v[0]) if v else -1
        while at >= 0 and len(starts) < 8:
            starts.append(at)
            at = tree.find(v[0], at + 1)
        for s0 in starts or [0]:
            pos, n, miss = s0, 0, []
            for w in v:
                at = tree.find(w, pos, pos + (1 << 12) + len(w))
                if at >= 0:
                    n += 1
                    pos = at + len(w)
                else:
                    miss.append(w)
            if n > best:
                best, best_lost = n, miss
        found += max(best, 0)
        lost += [f"{f.rsplit('/', 1)[-1]}: {w}" for w in best_lost[:3]]
    share = found / len(ws) if ws else 1
    if share < 0.995:
        fail("reading order", f"{found} of {len(ws)} source words in order ({share:.2%}); first lost: {lost[:5]}")


def check_pdfa(doc, root, xmp):
    if "/ID" not in doc.trailer or len(doc.trailer["/ID"]) != 2:
        fail("pdfa", "no /ID in the trailer")
    if "/Encrypt" in doc.trailer:
        fail("pdfa", "encrypted")
    ois = doc.obj(root.get("/OutputIntents")) or []
    ok = False
    for oi in ois:
        oi = doc.obj(oi)
        if oi.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in oi:
            d, data = doc.stream(oi["/DestOutputProfile"])
            ok = d.get("/N") == 3 and data[36:40] == b"acsp"
    if not ok:
        fail("pdfa", "no /OutputIntents /GTS_PDFA1 with an embedded RGB ICC profile")
    if not re.search(r"pdfaid:part(>|=\")2", xmp) or not re.search(r"pdfaid:conformance(>|=\")A", xmp):
        fail("pdfa", "XMP does not say pdfaid:part 2, conformance A")
    # the JSON shows streams decoded, without /Filter: ask for the raw dictionary
    ref = root.get("/Metadata", "")
    raw = subprocess.run(["qpdf", "--show-object=" + ref.split()[0], doc.path], capture_output=True,
                         text=True).stdout if ref else ""
    if "/Filter" in raw:
        fail("pdfa", "the XMP metadata stream is filtered: PDF/A wants it readable as it is")
    if (doc.obj(root.get("/AcroForm")) or {}).get("/NeedAppearances") is True:
        fail("pdfa", "/NeedAppearances true")
    for key, o in doc.q.items():
        if not key.startswith("obj:"):
            continue
        v = o.get("value", o.get("stream", {}).get("dict"))
        if not isinstance(v, dict):
            continue
        if v.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/ResetForm", "/Movie", "/Sound"):
            fail("pdfa", f"{key[4:]}: forbidden action {v.get('/S')}")
        if v.get("/Type") == "/FontDescriptor" and not any(k in v for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            fail("pdfa", f"{key[4:]}: font {v.get('/FontName')} not embedded")
        if v.get("/Type") == "/Font" and v.get("/Subtype") in ("/Type0",) and "/ToUnicode" not in v:
            fail("pdfa", f"{key[4:]}: font {v.get('/BaseFont')} without /ToUnicode")


def report(path, roles=None):
    for f in fails:
        print(f"{path}: {f}")
    for k, n in counts.items():
        if n > MAX_PER_KIND:
            print(f"{path}: {k}: {n - MAX_PER_KIND} more")
    if roles is not None and not fails:
        print(f"{path}: tagged: " + " ".join(f"{k}={v}" for k, v in sorted(roles.items())))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
