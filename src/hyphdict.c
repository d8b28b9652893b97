/* hyphdict.c: libhyphen's dictionary, built from pattern text without its
 * loader.
 *
 * libhyphen's loader keeps the pattern prefixes in a fixed hash of 31,627
 * chains and looks every suffix of every prefix up in it; on Debian's German
 * patterns (278,832 states in two levels) that takes 3.9 s of CPU, which every
 * German book paid.  This file builds the same automaton (states, their
 * transitions, the match digits, replacements and fallbacks; both levels
 * and the default compound level) in a few tens of milliseconds, and
 * libhyphen's own hnj_hyphen_hyphenate2 and hnj_hyphen_free work on it
 * unchanged, so hyphenation is libhyphen's to the letter:
 *
 *     HyphenDict *d = hyphdict_load(text, len);   // NULL: too big, use libhyphen
 *     hnj_hyphen_hyphenate2(d, word, ...);
 *     hnj_hyphen_free(d);
 *
 * The rules it follows are hyphen.h's file format as libhyphen 2.8 reads it:
 * the first line names the charset; each further line (split as fgets splits
 * it into MAX_CHARS bytes) is a keyword (LEFTHYPHENMIN, RIGHTHYPHENMIN,
 * COMPOUNDLEFTHYPHENMIN, COMPOUNDRIGHTHYPHENMIN, NOHYPHEN, NEXTLEVEL), a
 * comment ('%' first) or a pattern (letters with digits between them, and
 * for a replacement "/repl,index,cut").  Every prefix of a pattern's letters
 * is a state; a state's fallback is the state of its longest proper suffix.
 * Without NEXTLEVEL the patterns are the second level under a default first
 * one that breaks at hyphens and apostrophes. */
#include "hyphdict.h"
#include "util.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* States at most in one level: a transition's key holds the state number in
 * 24 bits.  Debian's largest file (German) has 278,832; a file past this
 * goes to libhyphen's loader. */
#define HYPHDICT_MAX_STATES (1 << 23)

/* One level being built: libhyphen's dictionary plus the transitions in an
 * open-addressing table (key (state << 8 | byte) + 1, 0 empty) that stands
 * for libhyphen's hash of prefixes. */
struct level {
	HyphenDict *d;      /* owned until returned */
	int capstates;      /* slots in d->states */
	uint32_t *key;      /* per slot: the transition's key, 0 empty; owned */
	int *to;            /* per slot: the state it leads to; owned */
	int ntrans, bits;   /* transitions made, log2 of the slots */
	int full;           /* 1: HYPHDICT_MAX_STATES reached */
};

static uint32_t slot_of(const struct level *l, uint32_t key)
{
	uint32_t mask = (1u << l->bits) - 1, i = (key * 2654435761u) >> (32 - l->bits);
	while (l->key[i] && l->key[i] != key)
		i = (i + 1) & mask;
	return i;
}

static void level_rehash(struct level *l, int bits)
{
	uint32_t *okey = l->key;
	int *oto = l->to, n = l->bits ? 1 << l->bits : 0;
	l->bits = bits;
	l->key = xcalloc((size_t)1 << bits, sizeof(*l->key));
	l->to = xmalloc(sizeof(*l->to) << bits);
	for (int i = 0; i < n; i++)
		if (okey[i]) {
			uint32_t s = slot_of(l, okey[i]);
			l->key[s] = okey[i];
			l->to[s] = oto[i];
		}
	free(okey);
	free(oto);
}

/* A fresh state with nothing set, as libhyphen makes one. */
static int state_new(struct level *l)
{
	HyphenDict *d = l->d;
	GROW(d->states, l->capstates, d->num_states + 1);
	d->states[d->num_states] = (HyphenState){ .fallback_state = -1 };
	return d->num_states++;
}

static void level_init(struct level *l, int bits)
{
	memset(l, 0, sizeof(*l));
	l->d = xcalloc(1, sizeof(*l->d));
	state_new(l); /* 0: the empty prefix */
	level_rehash(l, bits);
}

/* The state of word[0..n), made with its prefixes when new. */
static int state_of(struct level *l, const char *word, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (2 * (l->ntrans + 1) > (1 << l->bits)) /* kept at most half full */
			level_rehash(l, l->bits + 1);
		uint32_t key = ((uint32_t)k << 8 | (unsigned char)word[i]) + 1;
		uint32_t s = slot_of(l, key);
		if (!l->key[s]) {
			l->key[s] = key;
			l->to[s] = state_new(l);
			l->ntrans++;
		}
		k = l->to[s];
	}
	return k;
}

/* NOHYPHEN's list: what follows the keyword and its blanks, its last byte
 * (the newline) dropped, each comma after the first byte a separator. */
static void level_nohyphen(HyphenDict *d, const char *list)
{
	list += strspn(list, " \t");
	free(d->nohyphen); /* a second NOHYPHEN line replaces the first's text */
	d->nohyphen = xstrdup(list);
	size_t n = strlen(d->nohyphen);
	if (n == 0)
		return;
	d->nohyphen[n - 1] = '\0';
	for (size_t i = n - 1; i-- > 1;)
		if (d->nohyphen[i] == ',') {
			d->nohyphenl++;
			d->nohyphen[i] = '\0';
		}
}

/* The index and cut of a replacement, given in characters, in bytes of the
 * UTF-8 word (its leading '.' not counted in the index). */
static void repl_bytes(const char *word, signed char *index, signed char *cut)
{
	int chr = -1, start = -1;
	size_t b = word[0] == '.', len = strlen(word);
	for (; b < len + 1; b++) {
		if (((unsigned char)word[b] >> 6) != 2)
			chr++;
		if (start < 0 && *index == chr) {
			start = *index;
			*index = (signed char)b;
		}
		if (start >= 0 && chr - start == *cut) {
			*cut = (signed char)(b - (size_t)*index);
			break;
		}
	}
	if (word[0] == '.')
		(*index)--;
}

/* One line: a keyword or a pattern.  buf is changed. */
static void level_line(struct level *l, char *buf)
{
	HyphenDict *d = l->d;
	static const struct {
		const char *name;
		size_t len;
		size_t field; /* offset of the char in HyphenDict */
	} mins[] = {
		{ "LEFTHYPHENMIN", 13, offsetof(HyphenDict, lhmin) },
		{ "RIGHTHYPHENMIN", 14, offsetof(HyphenDict, rhmin) },
		{ "COMPOUNDLEFTHYPHENMIN", 21, offsetof(HyphenDict, clhmin) },
		{ "COMPOUNDRIGHTHYPHENMIN", 22, offsetof(HyphenDict, crhmin) },
	};
	for (size_t k = 0; k < sizeof mins / sizeof mins[0]; k++)
		if (!strncmp(buf, mins[k].name, mins[k].len)) {
			*((char *)d + mins[k].field) = (char)atoi(buf + mins[k].len);
			return;
		}
	if (!strncmp(buf, "NOHYPHEN", 8)) {
		level_nohyphen(d, buf + 8);
		return;
	}
	/* "word/repl,index,cut": index counts characters from 1, cut characters;
	 * "word/repl" replaces the whole word */
	char *repl = strchr(buf, '/');
	signed char rindex = 0, rcut = 0;
	if (repl) {
		*repl++ = '\0';
		char *comma = strchr(repl, ',');
		if (comma) {
			*comma = '\0';
			char *comma2 = strchr(comma + 1, ',');
			if (comma2) {
				*comma2 = '\0';
				rindex = (signed char)(atoi(comma + 1) - 1);
				rcut = (signed char)atoi(comma2 + 1);
			}
		} else {
			repl[strcspn(repl, "\r\n")] = '\0';
			rcut = (signed char)strlen(buf);
		}
	}
	/* "a1b2c": letters "abc", digits "0120" (one before each letter, one after) */
	char word[MAX_CHARS + 1], digit[MAX_CHARS + 2];
	int n = 0;
	digit[0] = '0';
	for (int i = 0; (unsigned char)buf[i] > ' '; i++) {
		if (buf[i] >= '0' && buf[i] <= '9') {
			digit[n] = buf[i];
		} else {
			word[n] = buf[i];
			digit[++n] = '0';
		}
	}
	word[n] = '\0';
	digit[n + 1] = '\0';
	int z = 0;
	if (!repl) {
		while (digit[z] == '0')
			z++; /* leading zeros never raise a digit */
	} else {
		z = word[0] == '.';
		if (d->utf8)
			repl_bytes(word, &rindex, &rcut);
	}
	if (d->num_states + n > HYPHDICT_MAX_STATES) {
		l->full = 1;
		return;
	}
	int k = state_of(l, word, n); /* may move d->states */
	HyphenState *s = &d->states[k];
	free(s->match); /* a repeated pattern: the last wins */
	free(s->repl);
	s->match = xstrdup(digit + z);
	s->repl = repl ? xstrdup(repl) : NULL;
	s->replindex = rindex;
	s->replcut = rcut ? rcut : (signed char)strlen(word);
}

/* Gives each state its transitions and its fallback, the state of its
 * longest proper suffix, found breadth first: a suffix of "u" + c is a
 * suffix of u followed by c. */
static void level_finish(struct level *l)
{
	HyphenDict *d = l->d;
	int n = d->num_states;
	for (int i = 0; i < 1 << l->bits; i++)
		if (l->key[i])
			d->states[(l->key[i] - 1) >> 8].num_trans++;
	for (int k = 0; k < n; k++) {
		d->states[k].trans = d->states[k].num_trans ? xmalloc(sizeof(HyphenTrans) * (size_t)d->states[k].num_trans) : NULL;
		d->states[k].num_trans = 0;
	}
	for (int i = 0; i < 1 << l->bits; i++)
		if (l->key[i]) {
			HyphenState *s = &d->states[(l->key[i] - 1) >> 8];
			s->trans[s->num_trans++] = (HyphenTrans){ (char)((l->key[i] - 1) & 0xFF), l->to[i] };
		}
	int *queue = xmalloc(sizeof(int) * (size_t)n), head = 0, tail = 0;
	queue[tail++] = 0;
	while (head < tail) {
		int u = queue[head++];
		HyphenState *su = &d->states[u];
		for (int t = 0; t < su->num_trans; t++) {
			int v = su->trans[t].new_state, f = su->fallback_state, to = 0;
			unsigned char c = (unsigned char)su->trans[t].ch;
			for (; f >= 0; f = d->states[f].fallback_state) {
				uint32_t s = slot_of(l, ((uint32_t)f << 8 | c) + 1);
				if (l->key[s]) {
					to = l->to[s];
					break;
				}
			}
			d->states[v].fallback_state = to;
			queue[tail++] = v;
		}
	}
	free(queue);
	free(l->key);
	free(l->to);
	l->key = NULL;
	l->to = NULL;
}

HyphenDict *hyphdict_load(const char *data, size_t n)
{
	struct level lv[2];
	char buf[MAX_CHARS];
	size_t at = 0;
	int nextlevel = 0, bits = 12;
	/* patterns make about a state per three bytes: a slot per two bytes of
	 * text keeps the table under half full without regrowing */
	while (bits < 24 && ((size_t)1 << bits) < n / 2)
		bits++;
	level_init(&lv[0], bits);
	HyphenDict *d0 = lv[0].d;
	if (util_next_line(data, n, &at, d0->cset, sizeof(d0->cset)))
		d0->cset[strcspn(d0->cset, "\r\n")] = '\0';
	d0->utf8 = !strcmp(d0->cset, "UTF-8");
	while (util_next_line(data, n, &at, buf, sizeof(buf))) {
		if (!strncmp(buf, "NEXTLEVEL", 9)) {
			nextlevel = 1;
			break;
		}
		if (buf[0] != '%')
			level_line(&lv[0], buf);
	}
	level_finish(&lv[0]);
	level_init(&lv[1], nextlevel ? bits : 12);
	HyphenDict *d1 = lv[1].d;
	memcpy(d1->cset, d0->cset, sizeof(d1->cset));
	d1->utf8 = d0->utf8;
	if (nextlevel) {
		while (util_next_line(data, n, &at, buf, sizeof(buf)))
			if (buf[0] != '%')
				level_line(&lv[1], buf);
	} else {
		/* the default first level: words break after a hyphen, an
		 * apostrophe or (in UTF-8) an en dash or a right quote */
		static const char *const utf8_lines[] = { "NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n", "1-1\n",
		                                          "1'1\n", "1\xe2\x80\x93" "1\n", "1\xe2\x80\x99" "1\n" };
		static const char *const byte_lines[] = { "NOHYPHEN ',-\n", "1-1\n", "1'1\n" };
		const char *const *lines = d1->utf8 ? utf8_lines : byte_lines;
		int count = d1->utf8 ? 5 : 3;
		for (int k = 0; k < count; k++) {
			snprintf(buf, sizeof(buf), "%s", lines[k]);
			level_line(&lv[1], buf);
		}
	}
	level_finish(&lv[1]);
	if (lv[0].full || lv[1].full) {
		hnj_hyphen_free(d0);
		hnj_hyphen_free(d1);
		return NULL;
	}
	if (nextlevel) {
		d0->nextlevel = d1;
		return d0;
	}
	d1->nextlevel = d0;
	d1->lhmin = d0->lhmin;
	d1->rhmin = d0->rhmin;
	d1->clhmin = d0->clhmin ? d0->clhmin : d0->lhmin ? d0->lhmin : 3;
	d1->crhmin = d0->crhmin ? d0->crhmin : d0->rhmin ? d0->rhmin : 3;
	return d1;
}
