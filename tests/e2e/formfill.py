#!/usr/bin/env python3
# formfill.py IN OUT (tests/e2e/theme.sh): sets evidence.1's text and ticks expectation.1's third box
# by editing the objects through qpdf's JSON (qpdf 11), then has qpdf build
# the text field's appearance, as a viewer does on save.
import json, subprocess, sys
src, dst = sys.argv[1], sys.argv[2]
j = json.loads(subprocess.run(["qpdf", "--json-output=2", "--json-stream-data=none", src, "-"],
                              capture_output=True, text=True, check=True).stdout)
objs = j["qpdf"][1]
upd = {}
parent = None
for key, o in objs.items():
    v = o.get("value")
    if not isinstance(v, dict):
        continue
    if v.get("/T") == "u:evidence.1":
        v["/V"] = "u:Closed forty tickets; wrote two runbooks"
        upd[key] = {"value": v}
    if v.get("/T") == "u:expectation.1":
        v["/V"] = "/c3"
        upd[key] = {"value": v}
        parent = key.split(":")[1]
for key, o in objs.items():
    v = o.get("value")
    if isinstance(v, dict) and v.get("/Parent") == parent and "/c3" in v.get("/AP", {}).get("/N", {}):
        v["/AS"] = "/c3"
        upd[key] = {"value": v}
root = objs["trailer"]["value"]["/Root"]
cat = objs["obj:" + root]["value"]
cat["/AcroForm"]["/NeedAppearances"] = True  # as a viewer that typed the value asks
upd["obj:" + root] = {"value": cat}
json.dump({"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False, "calledgetallpages": False,
                     "maxobjectid": j["qpdf"][0]["maxobjectid"]}, upd]}, open(dst + ".json", "w"))
subprocess.run(["qpdf", src, "--update-from-json=" + dst + ".json", dst + ".tmp.pdf"], check=True)
subprocess.run(["qpdf", "--generate-appearances", dst + ".tmp.pdf", dst], check=True)
print(len(upd))
