/* minizip and expat, loaded when a workbook is first read and not at every
 * start: with zlib, which minizip brings, three libraries mapped and
 * relocated for the import of .xlsx sheets alone (about 0.5 ms of each
 * start). As report/xlsx_library.c does for libxlsxwriter, the functions
 * sheet.c calls are defined here under their own names (their prototypes
 * are unzip.h's and expat.h's, so the compiler checks them) and call the
 * libraries', found with dlsym by sheet_library_load(), which sheet.c asks
 * first. GRADUS_MINIZIP and GRADUS_EXPAT are the sonames (the Makefile reads
 * them from the libraries the build would have linked). */
#include <dlfcn.h>
#include <expat.h>
#include <stdio.h>
#include <string.h>
#include <unzip.h>

#include "gradus/text/dl.h"
#include "gradus/text/i18n.h"
#include "sheet_library.h"

#ifndef GRADUS_MINIZIP
#define GRADUS_MINIZIP "libminizip.so.1"
#endif
#ifndef GRADUS_EXPAT
#define GRADUS_EXPAT "libexpat.so.1"
#endif

static struct {
	unzFile (*unzOpen2)(const char *, zlib_filefunc_def *);
	int (*unzClose)(unzFile);
	int (*unzLocateFile)(unzFile, const char *, int);
	int (*unzGetCurrentFileInfo)(unzFile, unz_file_info *, char *, uLong, void *, uLong, char *, uLong);
	int (*unzOpenCurrentFile)(unzFile);
	int (*unzReadCurrentFile)(unzFile, voidp, unsigned);
	int (*unzCloseCurrentFile)(unzFile);
	XML_Parser (*XML_ParserCreateNS)(const XML_Char *, XML_Char);
	void (*XML_ParserFree)(XML_Parser);
	void (*XML_SetUserData)(XML_Parser, void *);
	void (*XML_SetElementHandler)(XML_Parser, XML_StartElementHandler, XML_EndElementHandler);
	void (*XML_SetCharacterDataHandler)(XML_Parser, XML_CharacterDataHandler);
	enum XML_Status (*XML_Parse)(XML_Parser, const char *, int, int);
	enum XML_Status (*XML_StopParser)(XML_Parser, XML_Bool);
	enum XML_Error (*XML_GetErrorCode)(XML_Parser);
	const XML_LChar *(*XML_ErrorString)(enum XML_Error);
	XML_Size (*XML_GetCurrentLineNumber)(XML_Parser);
} lib;

static enum { NOT_TRIED, LOADED, FAILED } loaded = NOT_TRIED;
static char why[256];

#define FIND(handle, name) dl_function(handle, #name, &lib.name, sizeof(lib.name))

static int find_minizip(void *handle)
{
	return FIND(handle, unzOpen2) || FIND(handle, unzClose) || FIND(handle, unzLocateFile) ||
	       FIND(handle, unzGetCurrentFileInfo) || FIND(handle, unzOpenCurrentFile) ||
	       FIND(handle, unzReadCurrentFile) || FIND(handle, unzCloseCurrentFile);
}

static int find_expat(void *handle)
{
	return FIND(handle, XML_ParserCreateNS) || FIND(handle, XML_ParserFree) || FIND(handle, XML_SetUserData) ||
	       FIND(handle, XML_SetElementHandler) || FIND(handle, XML_SetCharacterDataHandler) ||
	       FIND(handle, XML_Parse) || FIND(handle, XML_StopParser) || FIND(handle, XML_GetErrorCode) ||
	       FIND(handle, XML_ErrorString) || FIND(handle, XML_GetCurrentLineNumber);
}

/* One library and its functions; on failure why says which and the loader's reason. */
static int load_one(const char *soname, int (*find_all)(void *))
{
	void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (handle && !find_all(handle))
		return 1;
	/* L10N: %s: the library's name (libxlsxwriter.so.4), then the loader's reason */
	snprintf(why, sizeof(why), _("cannot load %s for .xlsx files: %s"), soname, dlerror());
	if (handle)
		dlclose(handle);
	return 0;
}

enum status sheet_library_load(struct error *err)
{
	if (loaded == NOT_TRIED)
		loaded = load_one(GRADUS_MINIZIP, find_minizip) && load_one(GRADUS_EXPAT, find_expat) ? LOADED : FAILED;
	return loaded == LOADED ? STATUS_OK : error_set(err, STATUS_ERR_IO, "%s", why);
}

/* Each runs only after sheet_library_load() said the libraries are there. */
unzFile unzOpen2(const char *path, zlib_filefunc_def *pzlib_filefunc_def)
{
	return lib.unzOpen2(path, pzlib_filefunc_def);
}

int unzClose(unzFile file)
{
	return lib.unzClose(file);
}

int unzLocateFile(unzFile file, const char *szFileName, int iCaseSensitivity)
{
	return lib.unzLocateFile(file, szFileName, iCaseSensitivity);
}

int unzGetCurrentFileInfo(unzFile file, unz_file_info *pfile_info, char *szFileName, uLong fileNameBufferSize,
			  void *extraField, uLong extraFieldBufferSize, char *szComment, uLong commentBufferSize)
{
	return lib.unzGetCurrentFileInfo(file, pfile_info, szFileName, fileNameBufferSize, extraField,
					 extraFieldBufferSize, szComment, commentBufferSize);
}

int unzOpenCurrentFile(unzFile file)
{
	return lib.unzOpenCurrentFile(file);
}

int unzReadCurrentFile(unzFile file, voidp buf, unsigned len)
{
	return lib.unzReadCurrentFile(file, buf, len);
}

int unzCloseCurrentFile(unzFile file)
{
	return lib.unzCloseCurrentFile(file);
}

XML_Parser XMLCALL XML_ParserCreateNS(const XML_Char *encoding, XML_Char namespaceSeparator)
{
	return lib.XML_ParserCreateNS(encoding, namespaceSeparator);
}

void XMLCALL XML_ParserFree(XML_Parser parser)
{
	lib.XML_ParserFree(parser);
}

void XMLCALL XML_SetUserData(XML_Parser parser, void *userData)
{
	lib.XML_SetUserData(parser, userData);
}

void XMLCALL XML_SetElementHandler(XML_Parser parser, XML_StartElementHandler start, XML_EndElementHandler end)
{
	lib.XML_SetElementHandler(parser, start, end);
}

void XMLCALL XML_SetCharacterDataHandler(XML_Parser parser, XML_CharacterDataHandler handler)
{
	lib.XML_SetCharacterDataHandler(parser, handler);
}

enum XML_Status XMLCALL XML_Parse(XML_Parser parser, const char *s, int len, int isFinal)
{
	return lib.XML_Parse(parser, s, len, isFinal);
}

enum XML_Status XMLCALL XML_StopParser(XML_Parser parser, XML_Bool resumable)
{
	return lib.XML_StopParser(parser, resumable);
}

enum XML_Error XMLCALL XML_GetErrorCode(XML_Parser parser)
{
	return lib.XML_GetErrorCode(parser);
}

const XML_LChar *XMLCALL XML_ErrorString(enum XML_Error code)
{
	return lib.XML_ErrorString(code);
}

XML_Size XMLCALL XML_GetCurrentLineNumber(XML_Parser parser)
{
	return lib.XML_GetCurrentLineNumber(parser);
}
