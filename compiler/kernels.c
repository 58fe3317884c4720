/* kernels.c - the kernel registry: runtime-min/ texts and host functions,
 * embedded at build time (tools/embed_kernels.c), sorted by name */
#include "mlcc.h"

#include <string.h>

extern const KernelSrc mlcc_kernel_table[];
extern const int mlcc_kernel_count;

const KernelSrc *kernel_find(const char *name)
{
    int lo = 0, hi = mlcc_kernel_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(mlcc_kernel_table[mid].name, name);
        if (c == 0)
            return &mlcc_kernel_table[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

const KernelSrc *kernel_prelude(void) { return kernel_find("prelude"); }

char *kernel_next_use(const char **u)
{
    const char *s = *u, *e;
    while (*s == ' ')
        s++;
    if (!*s)
        return NULL;
    for (e = s; *e && *e != ' '; e++)
        ;
    char *name = xmalloc((size_t)(e - s) + 1);
    memcpy(name, s, (size_t)(e - s));
    name[e - s] = '\0';
    *u = e;
    return name;
}
