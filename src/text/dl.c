/* Functions of a library loaded when first needed (gradus/text/dl.h). */
#include <dlfcn.h>
#include <string.h>

#include "gradus/text/dl.h"

int dl_function(void *handle, const char *name, void *function, size_t size)
{
	void *found = dlsym(handle, name);

	if (!found)
		return 1;
	memcpy(function, &found, size);
	return 0;
}
