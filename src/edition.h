/* edition.h: the editions one content folder makes, for the three ways
 * people use a career framework:
 *
 *   ED_HANDBOOK  everything: the new hire's week-one read;
 *   ED_ROLE      one role for a candidate: the README's public sections,
 *                the career journey with the role highlighted, its chapter;
 *   ED_REVIEW    a role and the step after it, for a review conversation:
 *                both chapters, what changes between them, a worksheet.
 *
 * What each holds is decided from the framework model (framework.h,
 * sections.h); book.c lays it out. */
#ifndef HANDBOOK_EDITION_H
#define HANDBOOK_EDITION_H

enum edition_kind { ED_HANDBOOK, ED_ROLE, ED_REVIEW, ED__MAX };

#endif
