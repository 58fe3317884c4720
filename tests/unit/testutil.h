/* testutil.h - helpers for unit tests: run one kernel on host buffers */
#ifndef MLCC_TESTUTIL_H
#define MLCC_TESTUTIL_H

/* mlcc.h first: CMocka defines a fail() macro that would rewrite mlcc's fail() */
#include "mlcc.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* call a runtime-min kernel by name, as the emitted code would */
static inline void run_kernel(const char *name, const int32_t *ip, const float *fp, const void *const *in,
                              void *const *out)
{
    const KernelSrc *k = kernel_find(name);
    assert_non_null(k);
    assert_non_null(k->fn);
    k->fn(ip, fp, in, out);
}

static inline void assert_floats_near(const float *got, const float *want, int n, float tol)
{
    for (int i = 0; i < n; i++) {
        if (fabsf(got[i] - want[i]) > tol) {
            print_error("element %d: got %.9g, want %.9g\n", i, (double)got[i], (double)want[i]);
            fail();
        }
    }
}

/* a small deterministic random stream for the randomized kernel tests (a
 * linear congruential generator: the same cases on every run and machine);
 * a test file may reseed it with *test_rng() = seed before its first draw */
static inline uint32_t *test_rng(void)
{
    static uint32_t state = 777u;
    return &state;
}
static inline uint32_t rnd(void)
{
    uint32_t *s = test_rng();
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}
static inline int rint_in(int lo, int hi) { return lo + (int)(rnd() % (uint32_t)(hi - lo + 1)); }
static inline float rfloat(void) { return (float)rnd() / (float)(1u << 24) * 2.0f - 1.0f; }

/* a new float32 tensor of g; with_data: random values in [-1, 1) */
static inline int new_tensor(Graph *g, const char *name, int rank, const int64_t *dims, bool with_data)
{
    Tensor *t = tensor_new(g, name);
    tensor_set_shape(t, DT_FLOAT, rank, dims);
    if (with_data) {
        float *d = xmalloc(sizeof(float) * (size_t)(tensor_numel(t) ? tensor_numel(t) : 1));
        for (int64_t i = 0; i < tensor_numel(t); i++)
            d[i] = rfloat();
        t->data = d;
    }
    return t->id;
}

/* run every call a node lowered to on host buffers: x is the input data, y the output */
static inline void run_calls(Graph *g, Call *c, int xid, const float *x, float *y)
{
    for (; c; c = c->more) {
        const KernelSrc *k = kernel_find(c->kernel);
        assert_non_null(k);
        int32_t *ip = xmalloc(sizeof(int32_t) * (size_t)(c->ip.n + 1));
        for (int i = 0; i < c->ip.n; i++)
            ip[i] = (int32_t)c->ip.v[i];
        const void *in[16] = {0};
        void *out[9] = {0};
        for (int i = 0; i < c->n_in; i++)
            in[i] = c->in[i] < 0 ? NULL : c->in[i] == xid ? (const void *)x : g->t[c->in[i]]->data;
        out[0] = y;
        float *scratch = NULL;
        if (c->scratch) {
            int64_t n = c->scratch / (int64_t)sizeof(float);
            scratch = malloc((size_t)c->scratch);
            for (int64_t i = 0; i < n; i++)
                scratch[i] = NAN;
            out[c->n_out] = scratch;
        }
        k->fn(ip, c->fp.v, in, out);
        free(scratch);
    }
}

/* one node lowered for a fast target and for the reference kernels, both
 * calls run on the same random input */
typedef struct {
    Call cf, cr;          /* the fast target's calls, the reference's */
    float *xv, *y1, *y2;  /* the input, the fast and the reference outputs */
    int64_t xn, yn;
} FastRef;
static inline void run_fast_ref(Graph *g, Node *n, int x, const Target *fast, const Target *ref, FastRef *r)
{
    memset(r, 0, sizeof *r);
    n->def->infer(g, n);
    r->xn = tensor_numel(g->t[x]);
    r->yn = tensor_numel(g->t[n->out[0]]);
    r->xv = xmalloc(sizeof(float) * (size_t)(r->xn ? r->xn : 1));
    r->y1 = xmalloc(sizeof(float) * (size_t)(r->yn ? r->yn : 1));
    r->y2 = xmalloc(sizeof(float) * (size_t)(r->yn ? r->yn : 1));
    for (int64_t i = 0; i < r->xn; i++)
        r->xv[i] = rfloat();
    for (int64_t i = 0; i < r->yn; i++)
        r->y1[i] = r->y2[i] = NAN;
    const Target *saved = g_target;
    g_target = fast;
    n->def->lower(g, n, &r->cf);
    g_target = ref;
    n->def->lower(g, n, &r->cr);
    g_target = saved;
    run_calls(g, &r->cf, x, r->xv, r->y1);
    run_calls(g, &r->cr, x, r->xv, r->y2);
}

/* a kernel and the pieces it `uses` (helpers first, each once) into b, as the
 * emitter writes them; *libm when one of them needs libm */
static inline void add_piece(Buf *b, const char *name, char **seen, int *n_seen, bool *libm)
{
    for (int i = 0; i < *n_seen; i++)
        if (!strcmp(seen[i], name))
            return;
    const KernelSrc *k = kernel_find(name);
    assert_non_null(k);
    seen[(*n_seen)++] = (char *)name;
    const char *u = k->uses;
    char *dep;
    while ((dep = kernel_next_use(&u))) {
        if (!strcmp(dep, "libm"))
            *libm = true;
        else
            add_piece(b, dep, seen, n_seen, libm);
    }
    buf_puts(b, k->text);
    buf_puts(b, "\n");
}

#endif
