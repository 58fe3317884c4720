/* test_kernel_pool_fast.c - the fast pooling kernels (runtime-min/pool_fast.c)
 * against the reference kernels (runtime-min/pool.c) on random geometries
 * (kernel sizes, strides, dilations, pads, ceil-mode windows past the end,
 * NaN and -inf inputs), and the lowering that picks them. */
#include "testutil.h"

#include <stdlib.h>


/* ip for a 2-D pool (D = 1) in the layout of pool.c, + the two MaxPool extras */
static int geom2d(int32_t *ip, int nc, int ih, int iw, int kh, int kw, int sh, int sw, int dh, int dw, int pt,
                  int pl, int pb, int pr, bool ceil_mode)
{
    int oh = ih + pt + pb - ((kh - 1) * dh + 1), ow = iw + pl + pr - ((kw - 1) * dw + 1);
    oh = (ceil_mode ? (oh + sh - 1) / sh : oh / sh) + 1;
    ow = (ceil_mode ? (ow + sw - 1) / sw : ow / sw) + 1;
    /* ONNX: the last window must start inside the input or the begin pad */
    if (ceil_mode && (oh - 1) * sh >= ih + pt)
        oh--;
    if (ceil_mode && (ow - 1) * sw >= iw + pl)
        ow--;
    const int32_t v[] = {nc, 1, ih, iw, 1, oh, ow, 1, kh, kw, 1, sh, sw, 1, dh, dw, 0, pt, pl, 0, pb, pr, 0, 0};
    memcpy(ip, v, sizeof v);
    return oh * ow;
}

static void test_max2d_matches_reference(void **state)
{
    (void)state;
    for (int it = 0; it < 300; it++) {
        int32_t ip[32];
        int nc = rint_in(1, 5), ih = rint_in(1, 40), iw = rint_in(1, 70);
        int kh = rint_in(1, 5), kw = rint_in(1, 5), sh = rint_in(1, 3), sw = rint_in(1, 3);
        int dh = rint_in(0, 3) ? 1 : 2, dw = rint_in(0, 3) ? 1 : 2;
        int pt = rint_in(0, kh / 2), pl = rint_in(0, kw / 2), pb = rint_in(0, kh / 2), pr = rint_in(0, kw / 2);
        if (ih + pt + pb < (kh - 1) * dh + 1)
            ih = (kh - 1) * dh + 1;
        if (iw + pl + pr < (kw - 1) * dw + 1)
            iw = (kw - 1) * dw + 1;
        int on = geom2d(ip, nc, ih, iw, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, rint_in(0, 1));
        /* rows per band: 1 (RAM budget), 8 (the lowering's), others for
         * partial last bands */
        int rows = it % 3 == 0 ? 1 : it % 3 == 1 ? 8 : rint_in(2, 9);
        ip[24] = rows;
        int xn = nc * ih * iw, yn = nc * on, wp = rows * ((ip[6] - 1) * sw + (kw - 1) * dw + 1);
        float *x = malloc(sizeof(float) * (size_t)xn), *y1 = malloc(sizeof(float) * (size_t)yn);
        float *y2 = malloc(sizeof(float) * (size_t)yn), *scr = malloc(sizeof(float) * (size_t)wp);
        for (int i = 0; i < xn; i++)
            x[i] = (float)(int)(rnd() % 2001u) / 100.0f - 10.0f;
        if (it % 7 == 0)
            x[rnd() % (uint32_t)xn] = NAN;
        if (it % 11 == 0)
            x[rnd() % (uint32_t)xn] = -INFINITY;
        for (int i = 0; i < yn; i++)
            y1[i] = y2[i] = 12345.0f;
        for (int i = 0; i < wp; i++)
            scr[i] = NAN; /* the kernel must write what it reads */
        run_kernel("mlcc_pool_max_f32", ip, NULL, (const void *const[]){x}, (void *const[]){y1});
        run_kernel("mlcc_pool_max2d_f32", ip, NULL, (const void *const[]){x}, (void *const[]){y2, scr});
        for (int i = 0; i < yn; i++)
            if (!(y1[i] == y2[i] || (isnan(y1[i]) && isnan(y2[i])))) {
                print_error("case %d (nc %d in %dx%d k %dx%d s %dx%d d %dx%d pads %d %d %d %d rows %d): element %d: "
                            "reference %g, fast %g\n", it, nc, ih, iw, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, rows, i,
                            (double)y1[i], (double)y2[i]);
                fail();
            }
        free(x);
        free(y1);
        free(y2);
        free(scr);
    }
}

static void test_gavg_matches_reference(void **state)
{
    (void)state;
    for (int it = 0; it < 100; it++) {
        int32_t ip[32];
        int nc = rint_in(1, 9), n = it == 0 ? 0 : rint_in(1, 300);
        const int32_t v[] = {nc, 1, 1, n, 1, 1, 1, 1, 1, n ? n : 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
        memcpy(ip, v, sizeof v);
        float *x = malloc(sizeof(float) * (size_t)(nc * n + 1)), y1[9], y2[9];
        for (int i = 0; i < nc * n; i++)
            x[i] = (float)(int)(rnd() % 2001u) / 100.0f - 10.0f;
        run_kernel("mlcc_pool_avg_f32", ip, NULL, (const void *const[]){x}, (void *const[]){y1});
        run_kernel("mlcc_pool_gavg_f32", ip, NULL, (const void *const[]){x}, (void *const[]){y2});
        assert_floats_near(y2, y1, nc, 1e-4f);
        free(x);
    }
}

/* the lowering picks the fast kernels for a fast target, the reference ones
 * for `kernels: reference` and where the fast ones do not apply */
/* mlcc_pool_max22_f32 (2x2, stride 2, no pads) against the reference: odd and
 * even sizes (the last input row or column unused), NaN and -inf */
static void test_max22_matches_reference(void **state)
{
    (void)state;
    for (int it = 0; it < 200; it++) {
        int32_t ip[32];
        int nc = rint_in(1, 6), ih = rint_in(2, 30), iw = rint_in(2, 40);
        int on = geom2d(ip, nc, ih, iw, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, false);
        assert_int_equal(ip[5], ih / 2);
        assert_int_equal(ip[6], iw / 2);
        int xn = nc * ih * iw, yn = nc * on;
        float *x = malloc(sizeof(float) * (size_t)xn), *y1 = malloc(sizeof(float) * (size_t)yn);
        float *y2 = malloc(sizeof(float) * (size_t)yn);
        for (int i = 0; i < xn; i++)
            x[i] = (float)(int)(rnd() % 2001u) / 100.0f - 10.0f;
        if (it % 5 == 0)
            x[rnd() % (uint32_t)xn] = NAN;
        if (it % 7 == 0)
            x[rnd() % (uint32_t)xn] = -INFINITY;
        for (int i = 0; i < yn; i++)
            y1[i] = y2[i] = 12345.0f;
        run_kernel("mlcc_pool_max_f32", ip, NULL, (const void *const[]){x}, (void *const[]){y1});
        run_kernel("mlcc_pool_max22_f32", ip, NULL, (const void *const[]){x}, (void *const[]){y2});
        for (int i = 0; i < yn; i++)
            if (!(y1[i] == y2[i] || (isnan(y1[i]) && isnan(y2[i])))) {
                print_error("case %d (nc %d in %dx%d): element %d: reference %g, fast %g\n", it, nc, ih, iw, i,
                            (double)y1[i], (double)y2[i]);
                fail();
            }
        free(x);
        free(y1);
        free(y2);
    }
}

static int64_t pool_k = 3, pool_s = 1; /* the MaxPool kernel size and stride lowered_call gives */
static Call lowered_call(const char *op, int64_t h, int64_t w, bool indices, const Target *t)
{
    Graph *g = xmalloc(sizeof *g);
    g->opset = 13;
    int64_t xd[4] = {1, 3, h, w};
    Tensor *x = tensor_new(g, "x");
    tensor_set_shape(x, DT_FLOAT, 4, xd);
    Tensor *y = tensor_new(g, "y"), *yi = tensor_new(g, "i");
    y->shaped = yi->shaped = false;
    Node *n = xmalloc(sizeof *n);
    int64_t *k = xmalloc(sizeof(int64_t) * 2);
    k[0] = k[1] = pool_k;
    int64_t *st = xmalloc(sizeof(int64_t) * 2);
    st[0] = st[1] = pool_s;
    Attr *at = xmalloc(sizeof(Attr) * 2);
    at[0] = (Attr){.name = (char *)"kernel_shape", .type = AT_INTS, .ints = k, .n = 2};
    at[1] = (Attr){.name = (char *)"strides", .type = AT_INTS, .ints = st, .n = 2};
    *n = (Node){.name = (char *)"pool", .op = (char *)op, .domain = (char *)"", .opset = 13, .n_in = 1,
                .in = xmalloc(sizeof(int)), .n_out = indices ? 2 : 1, .out = xmalloc(sizeof(int) * 2),
                .attr = at, .n_attr = strcmp(op, "MaxPool") ? 0 : 2};
    n->in[0] = x->id;
    n->out[0] = y->id;
    n->out[1] = yi->id;
    n->def = op_lookup(op, 13);
    n->def->infer(g, n);
    Call c = {0};
    const Target *saved = g_target;
    g_target = t;
    n->def->lower(g, n, &c);
    g_target = saved;
    return c;
}

static const char *lowered(const char *op, int64_t h, int64_t w, bool indices, const Target *t)
{
    return lowered_call(op, h, w, indices, t).kernel;
}

static void test_lowering_picks(void **state)
{
    (void)state;
    static const Target fast = {.name = (char *)"fast", .align = 16, .fpu = true};
    static const Target ref = {.name = (char *)"ref", .align = 16, .fpu = true, .reference_kernels = true};
    assert_string_equal(lowered("MaxPool", 40, 40, false, &fast), "mlcc_pool_max2d_f32");
    assert_string_equal(lowered("MaxPool", 40, 40, true, &fast), "mlcc_pool_max_f32");
    assert_string_equal(lowered("MaxPool", 40, 40, false, &ref), "mlcc_pool_max_f32");
    assert_string_equal(lowered("MaxPool", 8, 8, false, &fast), "mlcc_pool_max_f32"); /* rows of 6 */
    /* 2x2 stride 2: digits' 8x8, odd sizes; with Indices or the reference kernels not */
    pool_k = pool_s = 2;
    assert_string_equal(lowered("MaxPool", 8, 8, false, &fast), "mlcc_pool_max22_f32");
    assert_string_equal(lowered("MaxPool", 41, 7, false, &fast), "mlcc_pool_max22_f32");
    assert_string_equal(lowered("MaxPool", 8, 8, true, &fast), "mlcc_pool_max_f32");
    assert_string_equal(lowered("MaxPool", 8, 8, false, &ref), "mlcc_pool_max_f32");
    pool_k = 3;
    pool_s = 1;
    assert_string_equal(lowered("GlobalAveragePool", 8, 8, false, &fast), "mlcc_pool_gavg_f32");
    assert_string_equal(lowered("GlobalAveragePool", 8, 8, false, &ref), "mlcc_pool_avg_f32");
}

/* max2d's band: 8 output rows of row buffers, fewer on a shorter output, one
 * on a target with a RAM budget; the scratch sized to match */
static void test_lowering_band(void **state)
{
    (void)state;
    static const Target fast = {.name = (char *)"fast", .align = 16, .fpu = true};
    static const Target mcu = {.name = (char *)"mcu", .align = 8, .fpu = true, .ram_bytes = 256 * 1024};
    const int64_t wp = (38 - 1) * 1 + 2 + 1; /* 40x40, 3x3 stride 1, no pads: 38 outputs a row */
    Call c = lowered_call("MaxPool", 40, 40, false, &fast);
    assert_int_equal(c.ip.n, 25);
    assert_int_equal(c.ip.v[24], 8);
    assert_int_equal(c.scratch, 8 * wp * (int64_t)sizeof(float));
    c = lowered_call("MaxPool", 40, 40, false, &mcu);
    assert_int_equal(c.ip.v[24], 1);
    assert_int_equal(c.scratch, wp * (int64_t)sizeof(float));
    c = lowered_call("MaxPool", 5, 40, false, &fast); /* 3 output rows */
    assert_int_equal(c.ip.v[24], 3);
    assert_int_equal(c.scratch, 3 * wp * (int64_t)sizeof(float));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max2d_matches_reference),
        cmocka_unit_test(test_max22_matches_reference),
        cmocka_unit_test(test_gavg_matches_reference),
        cmocka_unit_test(test_lowering_picks),
        cmocka_unit_test(test_lowering_band),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
