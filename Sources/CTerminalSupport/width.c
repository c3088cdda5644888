#define _XOPEN_SOURCE 700
#include "CTerminalSupport.h"
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

int gt_wcwidth(uint32_t scalar) { return wcwidth((wchar_t)scalar); }

int gt_ctype_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

const char *gt_set_ctype(const char *name) { return setlocale(LC_CTYPE, name); }
const char *gt_set_all_from_environment(void) { return setlocale(LC_ALL, ""); }
