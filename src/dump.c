/* dump.c: the display list as text (see dump.h).
 *
 *   page 3 folio ii size 595.276x841.890 [blank] [chapter-start]
 *   text X Y W SIZE FACE RRGGBB "string"
 *   rect X Y W H STROKE RRGGBB [changebar]   (stroke 0.000: filled; --since bars marked)
 *   line X Y W H WIDTH RRGGBB [dotted]
 *   image X Y W H N
 *   link X Y W H "target"
 *   dest X Y "key"
 *   tag ROLE ["alt"]                  (a structure element opens; dlist.h)
 *   endtag
 *
 * An item drawn as an Artifact ends with " artifact"; text ending in a
 * hyphen the line break added, with " hyphen".
 *
 * Link targets and destination keys are C strings (their len is unused).
 * Coordinates are the display list's: points from the sheet's top-left
 * corner, y downwards.  Strings are escaped so that each item stays on one
 * line: \" \\ and \xNN for control bytes; UTF-8 passes through. */
#include "dump.h"

#include "font.h"
#include "paginate.h"

#include <inttypes.h>
#include <string.h>

/* The face names of a text line, indexed by enum face: names, not numbers,
 * so a golden diff reads on its own. */
static const char *const face_names[FACE__MAX] = {
	"regular", "bold", "italic", "bolditalic", "mono", "fallback", "symbols",
	"extra1", "extra2", "extra3", "extra4", "extra5", "extra6", "extra7", "extra8",
};

/* A length in points with exactly three decimals (fx is 1/1000 pt),
 * after a space. */
static void put_fx(FILE *fp, fx v)
{
	int64_t a = v < 0 ? -(int64_t)v : v;
	fprintf(fp, " %s%" PRId64 ".%03" PRId64, v < 0 ? "-" : "", a / FX_PER_PT, a % FX_PER_PT);
}

/* The sheet size as WxH, both in points with three decimals. */
static void put_size(FILE *fp, fx w, fx h)
{
	fprintf(fp, " %" PRId32 ".%03" PRId32 "x%" PRId32 ".%03" PRId32, w / FX_PER_PT, w % FX_PER_PT,
	        h / FX_PER_PT, h % FX_PER_PT);
}

static void put_str(FILE *fp, const char *s, int n)
{
	fputs(" \"", fp);
	for (int i = 0; i < n && s; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

static void put_item(FILE *fp, const struct dl_item *it)
{
	switch ((enum dl_kind)it->kind) {
	case DL_TEXT:
		fputs("text", fp);
		put_fx(fp, it->x);
		put_fx(fp, it->y);
		put_fx(fp, it->w);
		put_fx(fp, it->size);
		if (it->face >= 0 && it->face < FACE__MAX)
			fprintf(fp, " %s", face_names[it->face]);
		else
			fprintf(fp, " face%d", it->face);
		fprintf(fp, " %06" PRIx32, it->rgb);
		put_str(fp, it->str, it->len);
		break;
	case DL_RECT:
		fputs("rect", fp);
		put_fx(fp, it->x);
		put_fx(fp, it->y);
		put_fx(fp, it->w);
		put_fx(fp, it->h);
		put_fx(fp, it->size);
		fprintf(fp, " %06" PRIx32 "%s", it->rgb, it->flags & DLF_BAR ? " changebar" : "");
		break;
	case DL_LINE:
		fputs("line", fp);
		put_fx(fp, it->x);
		put_fx(fp, it->y);
		put_fx(fp, it->w);
		put_fx(fp, it->h);
		put_fx(fp, it->size);
		fprintf(fp, " %06" PRIx32 "%s", it->rgb, it->face == DL_DOTTED ? " dotted" : "");
		break;
	case DL_IMAGE:
		fputs("image", fp);
		put_fx(fp, it->x);
		put_fx(fp, it->y);
		put_fx(fp, it->w);
		put_fx(fp, it->h);
		fprintf(fp, " %d", it->face);
		break;
	case DL_FIELD:
		fputs("field", fp);
		put_fx(fp, it->x);
		put_fx(fp, it->y);
		put_fx(fp, it->w);
		put_fx(fp, it->h);
		fprintf(fp, " %d", it->face);
		put_str(fp, it->str, it->str ? (int)strlen(it->str) : 0);
		break;
	case DL_LINK:
		fputs("link", fp);
		put_fx(fp, it->x);
		put_fx(fp, it->y);
		put_fx(fp, it->w);
		put_fx(fp, it->h);
		put_str(fp, it->str, it->str ? (int)strlen(it->str) : 0);
		break;
	case DL_DEST:
		fputs("dest", fp);
		put_fx(fp, it->x);
		put_fx(fp, it->y);
		put_str(fp, it->str, it->str ? (int)strlen(it->str) : 0);
		break;
	case DL_TAG_BEGIN:
		fprintf(fp, "tag %s", it->face >= 0 && it->face < TAG__MAX ? tag_names[it->face] : "?");
		if (it->str)
			put_str(fp, it->str, (int)strlen(it->str));
		break;
	case DL_TAG_END:
		fputs("endtag", fp);
		break;
	default:
		fprintf(fp, "kind%d", it->kind);
		break;
	}
	if (it->flags & DLF_ARTIFACT)
		fputs(" artifact", fp);
	if (it->kind == DL_TEXT && (it->flags & DLF_HYPHEN))
		fputs(" hyphen", fp);
	fputc('\n', fp);
}

int dump_pages(FILE *fp, const struct pages *p, fx page_w, fx page_h)
{
	for (int i = 0; i < p->n; i++) {
		const struct page *pg = &p->v[i];
		char folio[32];
		if (pg->roman)
			pg_roman(pg->folio, folio, sizeof(folio));
		else
			snprintf(folio, sizeof(folio), "%d", pg->folio);
		fprintf(fp, "page %d folio %s size", i + 1, folio);
		put_size(fp, pg->w ? pg->w : page_w, pg->h ? pg->h : page_h);
		fprintf(fp, "%s%s\n", pg->blank ? " blank" : "", pg->chapter_start ? " chapter-start" : "");
		for (int k = 0; k < pg->n; k++)
			put_item(fp, &pg->items[k]);
	}
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
