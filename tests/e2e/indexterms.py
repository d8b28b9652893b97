#!/usr/bin/env python3
"""indexterms.py DUMP TERMS: every number the index prints for a term of
the terms file TERMS names a page the term is on, as the --dump text
(tests/golden) shows them: the link's destination (idx:N) lies on the
page printed and one of the term's names begins at it, and each further
page of a range ("5\u20137") shows one of the names.  A name is compared
by the first four letters and digits of its first word, folded (no case,
no accents), with each word of the text (post-incident has incident), so
plurals and a word hyphenated at a line end count.  Prints "N term
numbers checked, R ranges" and, for each wrong one, what is wrong; exits
1 when one is wrong or none was found."""
import re
import sys
import unicodedata

NUM = re.compile(r'^([0-9]+)(?:\u2013([0-9]+))?,?$')


def fold(s):
    s = unicodedata.normalize('NFKD', s.lower())
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return re.sub(r'^[^0-9a-z]+', '', s)


def stem(name):
    """What a word must start with to be an occurrence of name."""
    words = [w for w in re.split(r'[^0-9a-z]+', fold(name)) if w]
    return words[0][:4] if words else ''


def read_terms(path):
    """Entry name (folded) -> the stems of the term's names."""
    terms = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            names = [n.strip() for n in line.split('|') if n.strip()]
            terms[' '.join(fold(names[0]).split())] = {stem(n) for n in names}
    return terms


def quoted(line):
    return line.split('"', 1)[1].rsplit('"', 1)[0]


def parse(path):
    """The pages (folio, texts, dests) and the index's links: (name, number
    text, key) for each, the name that of the LBody the link is in."""
    pages, links, index = [], [], False
    stack = []  # open tags: None, or an LBody's [name words, last number]
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            w = line.split(' ')
            if w[0] == 'page':
                pages.append({'folio': w[3], 'texts': [], 'dests': {}})
            elif not pages:
                continue
            elif w[0] == 'dest':
                key = quoted(line)
                pages[-1]['dests'].setdefault(key, (float(w[1]), float(w[2])))
                index = index or key == '#index'
            elif w[0] == 'text' and not line.endswith(' artifact'):
                s = quoted(line)
                pages[-1]['texts'].append((float(w[1]), float(w[2]), float(w[4]), s))
                if index and stack and stack[-1] is not None:
                    body = stack[-1]
                    if NUM.match(s) or s == ',':
                        body[1] = s if s != ',' else body[1]
                    elif body[1] is None:
                        body[0].append(s)
            elif w[0] == 'tag':
                stack.append([[], None] if index and w[1] == 'LBody' else None)
            elif w[0] == 'endtag' and stack:
                stack.pop()
            elif w[0] == 'link' and index and stack and stack[-1] is not None:
                body = stack[-1]
                links.append((' '.join(body[0]).rstrip(','), body[1], quoted(line)))
    return pages, links


def main():
    pages, links = parse(sys.argv[1])
    terms = read_terms(sys.argv[2])
    where = {}  # destination key -> (page index, x, y)
    for i, pg in enumerate(pages):
        for key, (x, y) in pg['dests'].items():
            where.setdefault(key, (i, x, y))
    by_folio = {pg['folio']: i for i, pg in enumerate(pages)}
    checked, ranges, wrong = 0, 0, []

    def has(s, stems):  # a word of s (split at hyphens and the like) starts like a name
        return any(part.startswith(tuple(stems)) for part in re.split(r'[^0-9a-z]+', fold(s)))

    def shows(i, stems):
        return any(has(s, stems) for _, _, _, s in pages[i]['texts'])

    for name, num, key in links:
        stems = terms.get(' '.join(fold(name).split()))
        if stems is None or not key.startswith('idx:') or num is None:
            continue  # a heading's sub-entry, or a marker
        m = NUM.match(num)
        checked += 1
        i, x, y = where[key]
        if pages[i]['folio'] != m.group(1):
            wrong.append('%s: %s printed, its destination on %s' % (name, num, pages[i]['folio']))
        texts = pages[i]['texts']
        at = [s if not s.endswith('-') or k + 1 == len(texts) else s[:-1] + texts[k + 1][3]
              for k, (tx, ty, size, s) in enumerate(texts)
              if abs(tx - x) < 0.01 and abs(ty - size - y) < 0.01]
        if not any(has(s, stems) for s in at):
            wrong.append('%s: %s: the word at its destination is %s' % (name, num, at))
        if m.group(2):
            ranges += 1
            for f in range(int(m.group(1)) + 1, int(m.group(2)) + 1):
                if str(f) not in by_folio or not shows(by_folio[str(f)], stems):
                    wrong.append('%s: %s: page %d does not show it' % (name, num, f))
    print('%d term numbers checked, %d ranges' % (checked, ranges))
    for w in wrong:
        print(w)
    return 1 if wrong or not checked else 0


if __name__ == '__main__':
    sys.exit(main())
