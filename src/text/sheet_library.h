/* minizip and expat, loaded by sheet_library.c when a workbook is first
 * read (sheet.c), not linked into every start. */
#ifndef GRADUS_SHEET_LIBRARY_H
#define GRADUS_SHEET_LIBRARY_H

#include "gradus/text/status.h"

/* Loads both libraries once; when either cannot be loaded, err says which
 * and why ("cannot load libexpat.so.1 for .xlsx files: ..."), at every call. */
enum status sheet_library_load(struct error *err);

#endif
