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

#endif
