#ifndef GRADUS_TEXT_DL_H
#define GRADUS_TEXT_DL_H

#include <stddef.h>

/* A library loaded with dlopen() when first needed, not linked into every
 * start (text/sheet_library.c: minizip and expat; report/xlsx_library.c:
 * libxlsxwriter). */

/* The function name of handle into *function (a function pointer of size
 * bytes), through memcpy as POSIX gives dlsym's void *; 0 when found, 1
 * when the library lacks it. */
int dl_function(void *handle, const char *name, void *function, size_t size);

#endif
