#!/usr/bin/env python3
"""pagenums.py DUMP: every page number printed inside a link (the contents'
entries, the levels at a glance's "p. 7", the career journey's boxes, the
--since list, the index's numbers and ranges "5–7") names the page where
the link's destination is (a range's first), as the --dump text
(tests/golden) shows them.  Prints "N numbers checked, I in the index, R
ranges" and, for each wrong one, "page P: KEY: printed X, on Y"; exits 1
when one is wrong or none was found."""
import re
import sys

NUM = re.compile(r'^(?:p\.\u00a0)?([0-9]+|[ivxlcdm]+)(?:\u2013([0-9]+))?$')


def parse(path):
    pages, dests, index = [], {}, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            w = line.rstrip('\n').split(' ')
            if w[0] == 'page':
                pages.append({'folio': w[3], 'texts': [], 'links': []})
            elif not pages:
                continue
            elif w[0] == 'dest':
                key = line.split('"', 1)[1].rsplit('"', 1)[0]
                dests.setdefault(key, pages[-1]['folio'])
                if key == '#index' and index is None:
                    index = len(pages)  # the index's first page, counted from 1
            elif w[0] == 'text':
                s = line.split('"', 1)[1].rsplit('"', 1)[0]
                pages[-1]['texts'].append((float(w[1]), float(w[2]), float(w[3]), s))
            elif w[0] == 'link':
                key = line.split('"', 1)[1].rsplit('"', 1)[0]
                pages[-1]['links'].append((float(w[1]), float(w[2]), float(w[3]), float(w[4]), key))
    return pages, dests, index


def main():
    pages, dests, index = parse(sys.argv[1])
    checked, in_index, ranges, wrong = 0, 0, 0, []
    for n, pg in enumerate(pages, 1):
        for lx, ly, lw, lh, key in pg['links']:
            if key not in dests or '#fn' in key:
                continue  # a footnote's mark is its number, not a page's
            num = last = None
            for x, y, w, s in pg['texts']:
                m = NUM.match(s)
                inside = ly - 0.5 <= y <= ly + lh + 0.5 and lx - 0.5 <= x and x + w <= lx + lw + 0.5
                if m and inside and (m.group(1).isdigit() or key.startswith('#')):
                    num, last = m.group(1), m.group(2)
            if num is None:
                continue
            checked += 1
            if index is not None and n >= index:
                in_index += 1
            if last is not None:
                ranges += 1
                if int(last) <= int(num):
                    wrong.append('page %d: %s: range %s\u2013%s' % (n, key, num, last))
            if num != dests[key]:
                wrong.append('page %d: %s: printed %s, on %s' % (n, key, num, dests[key]))
    print('%d numbers checked, %d in the index, %d ranges' % (checked, in_index, ranges))
    for w in wrong:
        print(w)
    return 1 if wrong or not checked else 0


if __name__ == '__main__':
    sys.exit(main())
