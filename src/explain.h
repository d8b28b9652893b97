/* explain.h: the framework model as text, for authors checking what the
 * book relies on (handbook --explain): tracks in diagram order, each role
 * with its code, rank, file, next level, competency sections and
 * expectations, and why each was inferred that way. */
#ifndef HANDBOOK_EXPLAIN_H
#define HANDBOOK_EXPLAIN_H

#include "content.h"
#include "framework.h"
#include "model.h"
#include "util.h"

/* Appends the explanation to out. */
void explain_write(const struct model *bk, const struct content *c, const struct framework *fw,
                   struct buf *out);

#endif
