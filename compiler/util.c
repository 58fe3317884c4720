/* util.c - memory pool, errors, string buffers, checked sizes, safe file output */
#define _POSIX_C_SOURCE 200809L
#include "mlcc.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

/* Every allocation of the compiler is a block in one list, freed at the end
 * of a run (or when an error unwinds it), so error paths never leak. */
typedef struct Block {
    struct Block *next, *prev;
    max_align_t data[];
} Block;

static Block pool_head = {&pool_head, &pool_head};

static Block *block_of(void *p) { return (Block *)((char *)p - offsetof(Block, data)); }

void *xmalloc(size_t n)
{
    if (n > SIZE_MAX - sizeof(Block))
        fail(EXIT_MODEL, "allocation of %zu bytes is too large", n);
    Block *b = calloc(1, sizeof(Block) + n);
    if (!b)
        fail(EXIT_INTERNAL, "out of memory (%zu bytes)", n);
    b->next = pool_head.next;
    b->prev = &pool_head;
    pool_head.next->prev = b;
    pool_head.next = b;
    return b->data;
}

void *xrealloc(void *p, size_t n)
{
    if (!p)
        return xmalloc(n);
    Block *b = block_of(p);
    b->prev->next = b->next;
    b->next->prev = b->prev;
    if (n > SIZE_MAX - sizeof(Block))
        fail(EXIT_MODEL, "allocation of %zu bytes is too large", n);
    Block *nb = realloc(b, sizeof(Block) + n);
    if (!nb) {
        free(b);
        fail(EXIT_INTERNAL, "out of memory (%zu bytes)", n);
    }
    nb->next = pool_head.next;
    nb->prev = &pool_head;
    pool_head.next->prev = nb;
    pool_head.next = nb;
    return nb->data;
}

void pool_free_all(void)
{
    Block *b = pool_head.next;
    while (b != &pool_head) {
        Block *n = b->next;
        free(b);
        b = n;
    }
    pool_head.next = pool_head.prev = &pool_head;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    return d;
}

char *xfmt(const char *fmt, ...)
{
    va_list ap;
    char probe[1];
    va_start(ap, fmt);
    int n = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    if (n < 0)
        fail(EXIT_INTERNAL, "format error");
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* ---------------------------------------------------------------- errors */

const char *g_model_path = "";
int g_verbose;
int g_silent; /* no messages at all (fuzzing) */
jmp_buf *g_fail_jmp;
int g_fail_code;

/* Messages are one line: control characters from the model are replaced. */
static void print_line(const char *kind, const char *fmt, va_list ap)
{
    char msg[1024];
    if (g_silent)
        return;
    vsnprintf(msg, sizeof msg, fmt, ap);
    for (char *p = msg; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    fprintf(stderr, "mlcc: %s: %s\n", kind, msg);
}

void error_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_line("error", fmt, ap);
    va_end(ap);
}

void warn_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_line("warning", fmt, ap);
    va_end(ap);
}

_Noreturn void fail(int code, const char *fmt, ...)
{
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        print_line("error", fmt, ap);
        va_end(ap);
    }
    g_fail_code = code;
    if (g_fail_jmp)
        longjmp(*g_fail_jmp, 1);
    pool_free_all();
    exit(code);
}

Limits g_limits = {100000, (int64_t)1 << 28, (int64_t)1 << 30, 1 << 20};
const char *g_model_dir;
static int64_t constant_bytes;

bool limit_set(const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq)
        return false;
    char *end;
    long long v = strtoll(eq + 1, &end, 10);
    if (end == eq + 1 || *end || v <= 0)
        return false;
    size_t n = (size_t)(eq - arg);
    if (n == 5 && !strncmp(arg, "nodes", n))
        g_limits.nodes = v;
    else if (n == 15 && !strncmp(arg, "tensor-elements", n))
        g_limits.tensor_elements = v > INT32_MAX ? INT32_MAX : v; /* kernels index with int32 */
    else if (n == 14 && !strncmp(arg, "constant-bytes", n))
        g_limits.constant_bytes = v;
    else if (n == 12 && !strncmp(arg, "string-bytes", n))
        g_limits.string_bytes = v;
    else
        return false;
    return true;
}

void reset_constant_bytes(void) { constant_bytes = 0; }

void count_constant_bytes(int64_t n, const char *what)
{
    constant_bytes += n;
    if (constant_bytes > g_limits.constant_bytes)
        fail(EXIT_MODEL, "%s: %s: constants exceed the limit of %lld bytes (raise it with --limit constant-bytes=N)",
             g_model_path, what, (long long)g_limits.constant_bytes);
}

int64_t checked_mul(int64_t a, int64_t b, const char *what)
{
    if (a < 0 || b < 0)
        fail(EXIT_MODEL, "%s: negative size", what);
    if (a != 0 && b > INT64_MAX / a)
        fail(EXIT_MODEL, "%s: size overflows", what);
    return a * b;
}

int64_t align_up(int64_t x, int64_t a) { return (x + a - 1) / a * a; }

/* ---------------------------------------------------------------- buffers */

void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        fail(EXIT_INTERNAL, "format error");
    if ((size_t)n < sizeof tmp) {
        buf_put(b, tmp, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_put(b, big, (size_t)n);
}

void buf_c_string(Buf *b, const char *s)
{
    buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(b, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7f || *p == '?')
            buf_printf(b, "\\%03o", *p); /* octal: no trigraphs, no hex run-on */
        else
            buf_put(b, (const char *)p, 1);
    }
    buf_puts(b, "\"");
}

void buf_c_comment(Buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '*' && p[1] == '/')
            buf_puts(b, "* /");
        else if (*p == '/' && p[1] == '*')
            buf_puts(b, "/ *");
        else if (*p < 0x20 || *p >= 0x7f || *p == '\\' || *p == '?')
            buf_puts(b, "_");
        else
            buf_put(b, (const char *)p, 1);
        if (*p == '*' && p[1] == '/')
            p++;
        else if (*p == '/' && p[1] == '*')
            p++;
    }
}

void ivec_push(IVec *v, int64_t x)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 16;
        v->v = xrealloc(v->v, (size_t)v->cap * sizeof *v->v);
    }
    v->v[v->n++] = x;
}

void fvec_push(FVec *v, float x)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->v = xrealloc(v->v, (size_t)v->cap * sizeof *v->v);
    }
    v->v[v->n++] = x;
}

/* ---------------------------------------------------------------- files */

/* a temporary directory removed (with its files, no subdirectories) when the
 * run ends, however it ends */
static char cleanup_path[4096];

void cleanup_dir(const char *path)
{
    snprintf(cleanup_path, sizeof cleanup_path, "%s", path);
}

void cleanup_run(void)
{
    if (!cleanup_path[0])
        return;
    DIR *d = opendir(cleanup_path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                char p[8192];
                snprintf(p, sizeof p, "%s/%s", cleanup_path, e->d_name);
                remove(p);
            }
        closedir(d);
    }
    rmdir(cleanup_path);
    cleanup_path[0] = 0;
}

void write_file_atomic(const char *path, const char *data, size_t n)
{
    char *tmp = xfmt("%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        fail(EXIT_USAGE, "cannot write '%s': %s", path, strerror(errno));
    size_t w = fwrite(data, 1, n, f);
    int bad = (w != n) | (fflush(f) != 0);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        fail(EXIT_USAGE, "cannot write '%s': %s", path, strerror(e));
    }
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    Buf b = {0};
    char tmp[65536];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_put(&b, tmp, r);
    int err = ferror(f);
    fclose(f);
    if (err)
        return NULL;
    if (!b.s)
        buf_put(&b, "", 0);
    *len = b.len;
    return b.s;
}
