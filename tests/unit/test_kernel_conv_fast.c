/* test_kernel_conv_fast.c - the fast Conv kernels (runtime-min/conv_fast.c,
 * chosen by op_conv.c for a fast target) against the reference kernel
 * (runtime-min/conv.c, chosen for `kernels: reference`) on many random
 * shapes, strides, dilations, pads, groups, biases and fused activations.
 * Both go through the real lowering (weight packing included); the scratch
 * and the output are filled with NaN first, so a kernel that reads scratch it
 * did not write, or leaves an output unwritten, fails. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdlib.h>
#include <unistd.h>

static const Target fast_target = {.name = (char *)"test-fast", .align = 16, .fpu = true};
static const Target ref_target = {.name = (char *)"test-ref", .align = 16, .fpu = true, .reference_kernels = true};
static const Target mcu_target = {.name = (char *)"test-mcu", .align = 8, .fpu = true, .ram_bytes = 256 * 1024};
static const Target *fast = &fast_target; /* the target check_case lowers for */


typedef struct {
    int nsp, n, c, m, group, k[2], s[2], d[2], p[4], in[2], bias, act;
} ConvCase;

static int last_mode; /* mlcc_conv_gemm_f32 / gemmc_f32: 0 pixels along the vector, 1 channels, 2 column planes */
static int n_in_place; /* reference calls also checked in place */
static const char *act_name[] = {"none", "relu", "clip", "leakyrelu", "hardswish", "hardsigmoid", "sigmoid", "tanh"};
static int n_nhwc, n_nhwc_dw; /* cases also checked channel-last (NhwcConv), of them depthwise */
static int n_nhwc_io[3]; /* by layout_io (depthwise ones all 0) */

/* a depthwise or 1x1 2-D case again as NhwcConv (pass_layout.c's node: the
 * same attributes, weights and activation on channel-last X and Y), lowered
 * for the fast target; its output, back in NCHW order, against the
 * reference. The 1x1 ones also from NCHW X (layout_io 1) and to NCHW Y
 * (layout_io 2). */
static void check_nhwc(Graph *g, const Node *n, const ConvCase *cc, const float *xv, const float *want)
{
    bool dw = cc->group == cc->c && cc->m == cc->c;
    bool pw = cc->group == 1 && cc->k[0] == 1 && cc->k[1] == 1 && cc->s[0] == 1 && cc->s[1] == 1 && !cc->p[0] &&
              !cc->p[1] && !cc->p[2] && !cc->p[3];
    if (cc->nsp != 2 || (!dw && !pw))
        return;
    const Tensor *ty = g->t[n->out[0]];
    const int64_t N = cc->n, C = cc->c, H = cc->in[0], W = cc->in[1], M = cc->m, oH = ty->dims[2], oW = ty->dims[3];
    static const char *const pw_kernel[3] = {"mlcc_conv_pwc_f32", "mlcc_conv_pwo_f32", "mlcc_conv_pwi_f32"};
    for (int io = 0; io < (dw ? 1 : 3); io++) {
        bool in_nchw = io == 1, out_nchw = io == 2;
        int64_t xd[4] = {N, H, W, C}, xdc[4] = {N, C, H, W};
        int xt = new_tensor(g, "xt", 4, in_nchw ? xdc : xd, false);
        int yt = new_tensor(g, "yt", 0, NULL, false);
        g->t[yt]->shaped = false;
        Node m = *n;
        m.in = xmalloc(sizeof(int) * 3);
        memcpy(m.in, n->in, sizeof(int) * (size_t)n->n_in);
        m.in[0] = xt;
        m.out = xmalloc(sizeof(int));
        m.out[0] = yt;
        m.op = (char *)"NhwcConv";
        m.domain = (char *)"mlcc";
        m.def = &op_nhwc_conv;
        m.attr = xmalloc(sizeof(Attr) * (size_t)(n->n_attr + 1));
        memcpy(m.attr, n->attr, sizeof(Attr) * (size_t)n->n_attr);
        m.attr[m.n_attr++] = (Attr){.name = (char *)"layout_io", .type = AT_INT, .i = io};
        m.def->infer(g, &m);
        const int64_t *yd = g->t[yt]->dims;
        assert_int_equal(yd[out_nchw ? 2 : 1], oH);
        assert_int_equal(yd[out_nchw ? 3 : 2], oW);
        assert_int_equal(yd[out_nchw ? 1 : 3], M);
        Call c = {0};
        const Target *saved = g_target;
        g_target = fast;
        m.def->lower(g, &m, &c);
        g_target = saved;
        assert_string_equal(c.kernel, dw ? "mlcc_conv_dwc_f32" : pw_kernel[io]);
        float *xh = xmalloc(sizeof(float) * (size_t)(N * H * W * C + 1)),
              *yh = xmalloc(sizeof(float) * (size_t)(N * oH * oW * M + 1));
        for (int64_t b = 0; b < N; b++)
            for (int64_t ch = 0; ch < C; ch++)
                for (int64_t i = 0; i < H * W; i++)
                    xh[in_nchw ? (b * C + ch) * H * W + i : (b * H * W + i) * C + ch] = xv[(b * C + ch) * H * W + i];
        for (int64_t i = 0; i < N * oH * oW * M; i++)
            yh[i] = NAN;
        run_calls(g, &c, xt, xh, yh);
        for (int64_t b = 0; b < N; b++)
            for (int64_t ch = 0; ch < M; ch++)
                for (int64_t i = 0; i < oH * oW; i++) {
                    float got = yh[out_nchw ? (b * M + ch) * oH * oW + i : (b * oH * oW + i) * M + ch];
                    float r = want[(b * M + ch) * oH * oW + i];
                    if (!(fabsf(got - r) <= 1e-4f + 1e-4f * fabsf(r))) {
                        print_error("%s (layout_io %d): n%d c%d m%d k %dx%d s %dx%d d %dx%d pads %d,%d,%d,%d in %dx%d "
                                    "act %s: image %lld channel %lld pixel %lld: %.9g, reference %.9g\n",
                                    c.kernel, io, cc->n, cc->c, cc->m, cc->k[0], cc->k[1], cc->s[0], cc->s[1],
                                    cc->d[0], cc->d[1], cc->p[0], cc->p[1], cc->p[2], cc->p[3], cc->in[0], cc->in[1],
                                    act_name[cc->act], (long long)b, (long long)ch, (long long)i, (double)got,
                                    (double)r);
                        fail();
                    }
                }
        n_nhwc++;
        n_nhwc_dw += dw;
        n_nhwc_io[io]++;
    }
}

/* one case: lower with each target, run both, compare; returns the fast kernel's name */
static const char *check_case(const ConvCase *cc)
{
    Graph *g = xmalloc(sizeof *g);
    g->opset = 13;
    int64_t xd[4] = {cc->n, cc->c}, wd[4] = {cc->m, cc->c / cc->group}, bd[1] = {cc->m};
    for (int i = 0; i < cc->nsp; i++) {
        xd[2 + i] = cc->in[i];
        wd[2 + i] = cc->k[i];
    }
    int x = new_tensor(g, "x", 2 + cc->nsp, xd, false);
    int w = new_tensor(g, "w", 2 + cc->nsp, wd, true);
    int b = cc->bias ? new_tensor(g, "b", 1, bd, true) : -1;
    int y = new_tensor(g, "y", 0, NULL, false);
    g->t[y]->shaped = false;
    int *ins = xmalloc(sizeof(int) * 3);
    ins[0] = x;
    ins[1] = w;
    ins[2] = b;
    Attr *at = xmalloc(sizeof(Attr) * 4);
    int64_t *s = xmalloc(sizeof(int64_t) * 2), *d = xmalloc(sizeof(int64_t) * 2), *p = xmalloc(sizeof(int64_t) * 4);
    for (int i = 0; i < cc->nsp; i++) {
        s[i] = cc->s[i];
        d[i] = cc->d[i];
        p[i] = cc->p[i];
        p[cc->nsp + i] = cc->p[2 + i];
    }
    at[0] = (Attr){.name = (char *)"strides", .type = AT_INTS, .ints = s, .n = cc->nsp};
    at[1] = (Attr){.name = (char *)"dilations", .type = AT_INTS, .ints = d, .n = cc->nsp};
    at[2] = (Attr){.name = (char *)"pads", .type = AT_INTS, .ints = p, .n = 2 * cc->nsp};
    at[3] = (Attr){.name = (char *)"group", .type = AT_INT, .i = cc->group};
    Node *n = xmalloc(sizeof *n);
    n->name = (char *)"conv";
    n->op = (char *)"Conv";
    n->domain = (char *)"";
    n->opset = 13;
    n->n_in = cc->bias ? 3 : 2;
    n->in = ins;
    n->n_out = 1;
    n->out = xmalloc(sizeof(int));
    n->out[0] = y;
    n->attr = at;
    n->n_attr = 4;
    n->def = op_lookup("Conv", 13);
    n->act.kind = cc->act;
    n->act.a = cc->act == ACT_CLIP ? -0.25f : cc->act == ACT_LEAKYRELU ? 0.1f : cc->act == ACT_HARDSIGMOID ? 0.3f : 0;
    n->act.b = cc->act == ACT_CLIP ? 0.5f : cc->act == ACT_HARDSIGMOID ? 0.4f : 0;
    FastRef r;
    run_fast_ref(g, n, x, fast, &ref_target, &r);
    Call cf = r.cf, cr = r.cr;
    const int64_t xn = r.xn, yn = r.yn;
    const float *xv = r.xv, *y1 = r.y1, *y2 = r.y2;
    assert_string_equal(cr.kernel, "mlcc_conv_f32");
    last_mode = !strncmp(cf.kernel, "mlcc_conv_gemm", 14) ? (int)cf.ip.v[14] : -1;
    if (last_mode >= 0)
        assert_string_equal(cf.kernel, last_mode == 1 ? "mlcc_conv_gemmc_f32" : "mlcc_conv_gemm_f32");
    /* Winograd's rounding follows the size of the sums it transforms, not of
     * each output: its tolerance is relative to the outputs' RMS value (as in
     * test_kernel_conv_winograd.c) */
    double rms = 0;
    if (!strcmp(cf.kernel, "mlcc_conv_wino_f32")) {
        for (int64_t i = 0; i < yn; i++)
            rms += (double)y2[i] * (double)y2[i];
        rms = sqrt(rms / (double)(yn ? yn : 1));
    }
    for (int64_t i = 0; i < yn; i++) {
        float tol = 1e-4f + 1e-4f * fmaxf(fabsf(y2[i]), (float)rms);
        if (!(fabsf(y1[i] - y2[i]) <= tol)) {
            print_error("%s: %dD n%d c%d m%d group %d k %dx%d s %dx%d d %dx%d pads %d,%d,%d,%d in %dx%d bias %d act %s: "
                        "element %lld: fast %.9g, reference %.9g\n",
                        cf.kernel, cc->nsp, cc->n, cc->c, cc->m, cc->group, cc->k[0], cc->k[1], cc->s[0], cc->s[1],
                        cc->d[0], cc->d[1], cc->p[0], cc->p[1], cc->p[2], cc->p[3], cc->in[0], cc->in[1], cc->bias,
                        act_name[cc->act], (long long)i, (double)y1[i], (double)y2[i]);
            fail();
        }
    }
    check_nhwc(g, n, cc, xv, y2);
    /* a reference call that may run in place (depthwise, or pointwise with
     * as many outputs as inputs; Y in X's buffer, as the memory plan gives it
     * when X dies there) gives the same values */
    if (cr.inplace & 1u) {
        assert_int_equal(xn, yn);
        float *buf = xmalloc(sizeof(float) * (size_t)xn);
        memcpy(buf, xv, sizeof(float) * (size_t)xn);
        run_calls(g, &cr, x, buf, buf);
        for (int64_t i = 0; i < yn; i++)
            if (!(fabsf(buf[i] - y2[i]) <= 1e-6f + 1e-6f * fabsf(y2[i]))) {
                print_error("mlcc_conv_f32 in place: element %lld: %.9g, out of place %.9g\n", (long long)i,
                            (double)buf[i], (double)y2[i]);
                fail();
            }
        n_in_place++;
    }
    return cf.kernel;
}

/* a random valid case: kernel extent fits the padded input */
static void random_case(ConvCase *cc, int kind)
{
    memset(cc, 0, sizeof *cc);
    cc->nsp = rint_in(0, 3) == 0 ? 1 : 2;
    cc->n = rint_in(0, 4) == 0 ? 2 : 1;
    cc->bias = rint_in(0, 2) != 0;
    cc->act = rint_in(0, 7);
    int small = rint_in(0, 1);
    for (int i = 0; i < 2; i++) {
        cc->k[i] = 1;
        cc->s[i] = cc->d[i] = 1;
        cc->in[i] = 1;
    }
    for (int i = 0; i < cc->nsp; i++) {
        int ax = cc->nsp == 1 ? 1 : i;
        cc->k[ax] = kind == 1 ? 1 : rint_in(1, 5);
        cc->s[ax] = kind == 1 ? 1 : rint_in(1, 3);
        cc->d[ax] = kind == 1 || rint_in(0, 3) ? 1 : 2;
        cc->p[ax] = kind == 1 ? 0 : rint_in(0, 2);
        cc->p[2 + ax] = kind == 1 ? 0 : rint_in(0, 2);
        cc->in[ax] = small ? rint_in(1, 9) : rint_in(5, 40);
        if (kind == 0 && !small && ax == 1 && rint_in(0, 1)) { /* wide rows: the row-vectorized depthwise kernels */
            cc->in[ax] = rint_in(48, 80);
            if (cc->nsp == 2 && rint_in(0, 1)) { /* 3x3: mlcc_conv_dw3r_f32 */
                cc->k[0] = cc->k[1] = 3;
                cc->d[0] = cc->d[1] = 1;
                if (cc->s[1] > 2)
                    cc->s[1] = 2;
            }
            if (cc->k[ax] % 2) { /* "same" pads, stride 1: mlcc_conv_dw1_f32 */
                cc->s[0] = cc->s[ax] = cc->d[ax] = 1;
                cc->p[ax] = cc->p[2 + ax] = cc->k[ax] / 2;
            }
        }
        int eff = (cc->k[ax] - 1) * cc->d[ax] + 1;
        if (cc->in[ax] + cc->p[ax] + cc->p[2 + ax] < eff)
            cc->in[ax] = eff;
    }
    switch (kind) {
    case 0: /* depthwise */
        cc->c = cc->m = cc->group = rint_in(1, 40);
        break;
    case 3: /* depthwise with a channel multiplier */
        cc->c = cc->group = rint_in(1, 8);
        cc->m = cc->c * rint_in(2, 3);
        break;
    case 4: { /* grouped */
        cc->group = rint_in(2, 4);
        cc->c = cc->group * rint_in(1, 6);
        cc->m = cc->group * rint_in(1, 12);
        break;
    }
    default: /* 1: pointwise, 2: general */
        cc->group = 1;
        cc->c = rint_in(1, small ? 70 : 24);
        cc->m = rint_in(1, small ? 90 : 40);
        break;
    }
}

static void test_conv_fast_random(void **state)
{
    (void)state;
    int dw = 0, dw1 = 0, dws = 0, dw3r = 0, dwt = 0, gemm = 0, modes[3] = {0, 0, 0};
    /* 800 cases: the small depthwise images mostly go to mlcc_conv_dwt_f32, enough left for the others */
    for (int it = 0; it < 800; it++) {
        ConvCase cc;
        random_case(&cc, it % 5);
        const char *k = check_case(&cc);
        if (!strcmp(k, "mlcc_conv_dw_f32"))
            dw++;
        else if (!strcmp(k, "mlcc_conv_dw1_f32") || !strcmp(k, "mlcc_conv_dw1c_f32"))
            dw1++;
        else if (!strcmp(k, "mlcc_conv_dws_f32"))
            dws++;
        else if (!strcmp(k, "mlcc_conv_dw3r_f32"))
            dw3r++;
        else if (!strcmp(k, "mlcc_conv_dwt_f32"))
            dwt++;
        else if (!strncmp(k, "mlcc_conv_gemm", 14)) {
            gemm++;
            modes[last_mode]++;
        }
        else
            fail_msg("unexpected fast kernel %s", k);
    }
    print_message("depthwise kernels: dw %d, dw1 %d, dws %d, dw3r %d, dwt %d; reference in place %d\n", dw, dw1, dws,
                  dw3r, dwt, n_in_place);
    /* dw1 is rarer since 3x3 rows of 16 or more go to dw3r and small outputs to dwt; it has its own cases */
    assert_true(dw >= 5 && dw1 >= 3 && dws >= 5 && dwt >= 5 && dw + dw1 + dws + dw3r + dwt >= 60);
    assert_true(n_in_place >= 10);
    assert_true(gemm >= 500);
    print_message("GEMM modes: 0 %d, 1 %d, 2 %d\n", modes[0], modes[1], modes[2]);
    assert_true(modes[0] >= 50 && modes[1] >= 20 && modes[2] >= 2);
    print_message("channel-last (NhwcConv): %d cases, %d of them depthwise\n", n_nhwc, n_nhwc_dw);
    print_message("1x1 from NCHW (layout_io 1): %d, to NCHW (layout_io 2): %d\n", n_nhwc_io[1], n_nhwc_io[2]);
    assert_true(n_nhwc_dw >= 100 && n_nhwc_io[0] - n_nhwc_dw >= 100 && n_nhwc_io[1] >= 100 && n_nhwc_io[2] >= 100);
}

/* the shapes of the bench models' layers, both GEMM orientations among them */
static void test_conv_fast_model_shapes(void **state)
{
    (void)state;
    static const ConvCase cases[] = {
        /* nsp n c m group k s d pads in bias act */
        {2, 1, 1, 64, 1, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {49, 10}, 1, ACT_RELU},  /* kws conv1 */
        {2, 1, 64, 64, 64, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {25, 5}, 1, ACT_RELU},  /* kws dw */
        {2, 1, 16, 16, 16, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {48, 48}, 1, ACT_CLIP}, /* dw, several pixel blocks */
        {2, 2, 8, 8, 8, {5, 5}, {1, 1}, {2, 2}, {4, 4, 4, 4}, {30, 30}, 0, ACT_HARDSWISH},
        {2, 1, 64, 64, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {25, 5}, 1, ACT_RELU},   /* kws pw */
        {2, 1, 3, 16, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {96, 96}, 1, ACT_CLIP},   /* mobilenet conv1 */
        {2, 1, 48, 48, 48, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {48, 48}, 1, ACT_CLIP}, /* dw stride 2 */
        {2, 1, 144, 24, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {6, 6}, 1, ACT_NONE},   /* small pw */
        {2, 1, 192, 192, 192, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_CLIP},
        {2, 2, 40, 40, 40, {3, 3}, {2, 2}, {1, 1}, {1, 0, 1, 2}, {11, 12}, 0, ACT_SIGMOID},
        {2, 1, 17, 17, 17, {5, 5}, {1, 1}, {1, 1}, {2, 2, 2, 2}, {6, 6}, 1, ACT_TANH},
        {2, 1, 3, 64, 1, {7, 7}, {2, 2}, {1, 1}, {3, 3, 3, 3}, {96, 96}, 1, ACT_RELU},   /* resnet conv1 */
        {2, 1, 64, 64, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {24, 24}, 1, ACT_RELU},
        {2, 1, 128, 256, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {12, 12}, 1, ACT_NONE},
        {2, 1, 256, 512, 1, {1, 1}, {2, 2}, {1, 1}, {0, 0, 0, 0}, {6, 6}, 1, ACT_NONE},  /* downsample */
        {2, 1, 512, 512, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_RELU},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
}

/* channel-last kernels' fast paths, through check_nhwc: mlcc_conv_dwc_f32's
 * whole rows (3x3, stride 1 along the rows, pads 1 left and right, whole
 * 16-channel blocks: 2 wide to 25 high, vertical stride 2, top and bottom
 * pads 0 and 2, batches, every activation) and neighbours that must not take
 * them (a right pad of 0, a channel count of 24, 40); mlcc_conv_pwc_f32's
 * panels read in place (M a multiple of 32: 12, 13, 24 and 125 pixels, K of
 * 1, 3 and 64, batches) and M = 48 beside them */
static void test_conv_fast_nhwc_paths(void **state)
{
    (void)state;
    static const ConvCase cases[] = {
        /* nsp n c m group k s d pads in bias act */
        {2, 1, 64, 64, 64, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {25, 5}, 1, ACT_RELU},
        {2, 2, 32, 32, 32, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 2}, 0, ACT_CLIP},
        {2, 1, 16, 16, 16, {3, 3}, {2, 1}, {1, 1}, {1, 1, 1, 1}, {9, 7}, 1, ACT_HARDSWISH},
        {2, 1, 48, 48, 48, {3, 3}, {1, 1}, {1, 1}, {0, 1, 2, 1}, {4, 3}, 1, ACT_LEAKYRELU},
        {2, 2, 16, 16, 16, {3, 3}, {2, 1}, {1, 1}, {2, 1, 0, 1}, {6, 12}, 0, ACT_SIGMOID},
        {2, 1, 32, 32, 32, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {1, 2}, 1, ACT_TANH},
        {2, 1, 16, 16, 16, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 0}, {5, 5}, 1, ACT_NONE},
        {2, 1, 24, 24, 24, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {5, 5}, 1, ACT_RELU},
        {2, 1, 40, 40, 40, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {4, 4}, 1, ACT_HARDSIGMOID},
        {2, 1, 64, 64, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {25, 5}, 1, ACT_RELU},
        {2, 1, 3, 32, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {3, 4}, 1, ACT_CLIP},
        {2, 2, 1, 64, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {13, 1}, 0, ACT_NONE},
        {2, 1, 17, 96, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {4, 6}, 1, ACT_HARDSWISH},
        {2, 1, 20, 48, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {5, 5}, 1, ACT_SIGMOID},
    };
    int before = n_nhwc;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
    /* each depthwise case once, each 1x1 case in three layouts */
    assert_int_equal(n_nhwc - before, 9 + 3 * 5);
}

/* mlcc_conv_im3_f32 (a 3x3 convolution with pads 1 on a 3x3 image: the 49
 * (pixel, tap) pairs inside it) and mlcc_conv_w6_f32 (the same on an image 6
 * wide, any height, a row at a time) against the reference: output channels
 * not a multiple of 32, batches, with and without bias, every activation;
 * shapes next to them (other pads, strides, image sizes, groups, a RAM
 * budget) take other kernels */
static void test_conv_fast_3x3_image(void **state)
{
    (void)state;
    static const struct {
        ConvCase cc;
        int im3;
    } w6[] = {
        /* nsp n c m group k s d pads in bias act; im3: 1 takes mlcc_conv_w6_f32 */
        {{2, 1, 256, 256, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {6, 6}, 1, ACT_RELU}, 1}, /* resnet18_96 */
        {{2, 2, 19, 40, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {1, 6}, 1, ACT_CLIP}, 1},   /* one row */
        {{2, 1, 7, 33, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {2, 6}, 0, ACT_NONE}, 1},
        {{2, 3, 33, 64, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {7, 6}, 1, ACT_LEAKYRELU}, 1},
        {{2, 1, 16, 5, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {12, 6}, 1, ACT_HARDSWISH}, 1},
        {{2, 1, 40, 70, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {6, 6}, 0, ACT_SIGMOID}, 1},
        {{2, 1, 32, 32, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {6, 5}, 1, ACT_RELU}, 0},   /* 5 wide */
        {{2, 1, 32, 32, 1, {3, 3}, {1, 1}, {1, 1}, {0, 1, 0, 1}, {6, 6}, 1, ACT_RELU}, 0},   /* no row pads */
        {{2, 1, 32, 32, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {6, 5}, 1, ACT_RELU}, 0},   /* stride 2, 5 wide */
    };
    /* with stride 2: 6x6 -> 3x3 (mlcc_conv_im3s2_f32), 12 wide -> 6 wide (mlcc_conv_w6s2_f32) */
    static const struct {
        ConvCase cc;
        const char *kernel;
    } s2[] = {
        {{2, 1, 256, 512, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {6, 6}, 1, ACT_NONE}, "mlcc_conv_im3s2_f32"},
        {{2, 2, 21, 45, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {6, 6}, 0, ACT_CLIP}, "mlcc_conv_im3s2_f32"},
        {{2, 1, 5, 64, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {6, 6}, 1, ACT_TANH}, "mlcc_conv_im3s2_f32"},
        {{2, 1, 128, 256, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {12, 12}, 1, ACT_RELU}, "mlcc_conv_w6s2_f32"},
        {{2, 2, 17, 40, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {1, 12}, 1, ACT_LEAKYRELU}, "mlcc_conv_w6s2_f32"},
        {{2, 1, 9, 33, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {7, 12}, 0, ACT_HARDSWISH}, "mlcc_conv_w6s2_f32"},
        {{2, 1, 9, 33, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 0}, {8, 12}, 1, ACT_SIGMOID}, "mlcc_conv_w6s2_f32"},
        {{2, 1, 16, 16, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {7, 7}, 1, ACT_RELU}, NULL},  /* 7x7 */
        {{2, 1, 16, 16, 1, {3, 3}, {2, 2}, {1, 1}, {0, 0, 0, 0}, {6, 6}, 1, ACT_RELU}, NULL},  /* no pads */
        {{2, 1, 16, 16, 1, {3, 3}, {2, 2}, {1, 1}, {1, 0, 1, 1}, {6, 12}, 1, ACT_RELU}, NULL}, /* no left pad */
    };
    for (size_t i = 0; i < sizeof s2 / sizeof s2[0]; i++) {
        const char *k = check_case(&s2[i].cc);
        if (s2[i].kernel)
            assert_string_equal(k, s2[i].kernel);
        else
            assert_true(strcmp(k, "mlcc_conv_im3s2_f32") && strcmp(k, "mlcc_conv_w6s2_f32"));
    }
    for (size_t i = 0; i < sizeof w6 / sizeof w6[0]; i++) {
        const char *k = check_case(&w6[i].cc);
        if (w6[i].im3)
            assert_string_equal(k, "mlcc_conv_w6_f32");
        else
            assert_string_not_equal(k, "mlcc_conv_w6_f32");
    }
    static const struct {
        ConvCase cc;
        int im3;
    } cases[] = {
        /* nsp n c m group k s d pads in bias act */
        {{2, 1, 512, 512, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_RELU}, 1}, /* resnet18_96 */
        {{2, 2, 17, 45, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_CLIP}, 1},
        {{2, 1, 1, 2, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 0, ACT_NONE}, 1},
        {{2, 3, 40, 33, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 0, ACT_LEAKYRELU}, 1},
        {{2, 1, 64, 96, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_HARDSWISH}, 1},
        {{2, 1, 30, 16, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_HARDSIGMOID}, 1},
        {{2, 1, 8, 70, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_SIGMOID}, 1},
        {{2, 2, 9, 31, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_TANH}, 1},
        {{2, 1, 32, 32, 1, {3, 3}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {3, 3}, 1, ACT_RELU}, 0},   /* no pads */
        {{2, 1, 32, 32, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 0, 0}, {3, 3}, 1, ACT_RELU}, 0},   /* 2x2 output */
        {{2, 1, 32, 32, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_RELU}, 0},   /* stride 2 */
        {{2, 1, 32, 32, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {4, 4}, 1, ACT_RELU}, 0},   /* 4x4 image */
        {{2, 1, 32, 32, 2, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_RELU}, 0},   /* two groups */
        {{2, 1, 32, 32, 1, {3, 3}, {1, 1}, {2, 2}, {2, 2, 2, 2}, {3, 3}, 1, ACT_RELU}, 0},   /* dilated */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *k = check_case(&cases[i].cc);
        if (cases[i].im3)
            assert_string_equal(k, "mlcc_conv_im3_f32");
        else
            assert_string_not_equal(k, "mlcc_conv_im3_f32");
    }
    /* a target with a RAM budget keeps mode 1 (the unrolled kernel is code) */
    const Target *keep = fast;
    fast = &mcu_target;
    ConvCase cc = cases[0].cc;
    assert_string_not_equal(check_case(&cc), "mlcc_conv_im3_f32");
    cc = w6[0].cc;
    assert_string_not_equal(check_case(&cc), "mlcc_conv_w6_f32");
    cc = s2[0].cc;
    assert_string_not_equal(check_case(&cc), "mlcc_conv_im3s2_f32");
    cc = s2[3].cc;
    assert_string_not_equal(check_case(&cc), "mlcc_conv_w6s2_f32");
    fast = keep;
}

/* mode 1 packs the pixels in panels of 12 and runs each through the
 * micro-kernel of 12, 9, 8, 4 or 2 rows that holds it: images of 1..4 x
 * 1..13 pixels (3x3 taps, so packed through runs of each output row) must
 * take mode 1 with every remainder of 12, with output channels not a
 * multiple of 32, batches and groups */
static void test_conv_fast_pixel_panels(void **state)
{
    (void)state;
    int seen[12] = {0}, n1 = 0;
    for (int h = 1; h <= 4; h++)
        for (int w = 1; w <= 13; w++) {
            ConvCase cc = {2, 1 + w % 2, 96, 33, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {h, w}, w % 3 != 0, ACT_RELU};
            if (w % 5 == 2) { /* two groups */
                cc.group = 2;
                cc.m = 70;
            }
            check_case(&cc);
            if (last_mode == 1) {
                seen[(h * w) % 12]++;
                n1++;
            }
        }
    print_message("mode 1 on %d of 52 images\n", n1);
    for (int r = 0; r < 12; r++)
        if (!seen[r])
            fail_msg("no mode 1 image with P %% 12 == %d", r);
    static const ConvCase cases[] = {
        /* nsp n c m group k s d pads in bias act */
        {2, 1, 96, 33, 1, {3, 3}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {5, 5}, 1, ACT_CLIP},  /* 9 pixels */
        {2, 2, 64, 65, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {5, 5}, 1, ACT_NONE},  /* 9, strided */
        {2, 1, 112, 96, 1, {1, 1}, {1, 1}, {1, 1}, {0, 0, 0, 0}, {5, 5}, 0, ACT_RELU}, /* 12 + 12 + 1 */
        {2, 1, 80, 64, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {4, 5}, 1, ACT_TANH},  /* 12 + 8 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_case(&cases[i]);
        if (i < 2) /* 3x3 images with many channels: one panel of 9 */
            assert_int_equal(last_mode, 1);
    }
}

/* a target with a RAM budget keeps the arena small: the digits model's
 * second convolution packs its pixels (mode 1) on the host, not there */
/* each depthwise kernel, on a shape op_conv.c gives it, against the reference */
static void test_conv_fast_depthwise_kernels(void **state)
{
    (void)state;
    static const struct {
        ConvCase cc;
        const char *kernel;
    } cases[] = {
        {{2, 1, 16, 16, 16, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {48, 48}, 1, ACT_CLIP}, "mlcc_conv_dw3r_f32"},
        {{2, 2, 24, 24, 24, {3, 3}, {2, 1}, {1, 1}, {1, 1, 1, 1}, {47, 47}, 1, ACT_RELU}, "mlcc_conv_dw3r_f32"},
        {{2, 1, 5, 5, 5, {3, 3}, {1, 1}, {1, 1}, {0, 0, 1, 2}, {33, 40}, 0, ACT_NONE}, "mlcc_conv_dw3r_f32"},
        {{2, 1, 7, 7, 7, {3, 3}, {1, 1}, {1, 1}, {2, 0, 0, 2}, {9, 37}, 1, ACT_HARDSWISH}, "mlcc_conv_dw3r_f32"},
        /* rows of 16 to 31 (blocks overlapping), MobileNet's 24x24 layers, the
         * first and last row of X read from copies (a batch, one channel),
         * two output rows a pass with an odd row left, pads of 2 either side */
        {{2, 1, 96, 96, 96, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {24, 24}, 1, ACT_CLIP}, "mlcc_conv_dw3r_f32"},
        {{2, 1, 48, 48, 48, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {24, 24}, 0, ACT_RELU}, "mlcc_conv_dw3r_f32"},
        {{2, 2, 1, 1, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {16, 16}, 1, ACT_NONE}, "mlcc_conv_dw3r_f32"},
        {{2, 2, 3, 3, 3, {3, 3}, {1, 1}, {1, 1}, {2, 2, 2, 2}, {7, 14}, 1, ACT_CLIP}, "mlcc_conv_dw3r_f32"},
        {{2, 1, 4, 4, 4, {3, 3}, {1, 1}, {1, 1}, {1, 0, 0, 2}, {17, 17}, 0, ACT_LEAKYRELU}, "mlcc_conv_dw3r_f32"},
        {{2, 1, 4, 4, 4, {3, 3}, {2, 1}, {1, 1}, {0, 2, 1, 0}, {18, 31}, 1, ACT_RELU}, "mlcc_conv_dw3r_f32"},
        /* a pad wider than 2: not the row kernel */
        {{2, 1, 4, 4, 4, {3, 3}, {1, 1}, {1, 1}, {1, 3, 1, 1}, {20, 40}, 1, ACT_RELU}, "mlcc_conv_dw_f32"},
        {{2, 1, 8, 8, 8, {5, 5}, {1, 1}, {1, 1}, {2, 2, 2, 2}, {40, 40}, 1, ACT_NONE}, "mlcc_conv_dw1_f32"},
        /* kws_dscnn's 25x5 depthwise and other narrow images: a copy a channel, column masks */
        {{2, 1, 64, 64, 64, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {25, 5}, 1, ACT_RELU}, "mlcc_conv_dw1c_f32"},
        {{2, 2, 9, 9, 9, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {25, 5}, 0, ACT_CLIP}, "mlcc_conv_dw1c_f32"},
        {{2, 1, 6, 6, 6, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {13, 5}, 1, ACT_NONE}, "mlcc_conv_dw1c_f32"},
        {{2, 1, 5, 5, 5, {3, 3}, {1, 1}, {1, 1}, {0, 1, 2, 1}, {11, 7}, 1, ACT_HARDSWISH}, "mlcc_conv_dw1c_f32"},
        {{2, 2, 4, 4, 4, {3, 3}, {1, 1}, {2, 2}, {3, 2, 1, 2}, {11, 6}, 1, ACT_SIGMOID}, "mlcc_conv_dw1c_f32"},
        {{2, 1, 3, 3, 3, {5, 3}, {1, 1}, {1, 1}, {2, 1, 2, 1}, {25, 5}, 1, ACT_RELU}, "mlcc_conv_dw1c_f32"},
        {{2, 1, 7, 7, 7, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {120, 5}, 1, ACT_CLIP}, "mlcc_conv_dw1c_f32"},
        /* small or wider images: masks a tap */
        {{2, 1, 6, 6, 6, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 6}, 1, ACT_NONE}, "mlcc_conv_dw1_f32"},
        {{2, 1, 144, 144, 144, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {6, 6}, 1, ACT_CLIP}, "mlcc_conv_dw1_f32"},
        /* small outputs (stride 1: up to 16 pixels; strides: up to 64), channels along
         * the vector: MobileNets' 3x3 and strided 6x6 and 3x3 layers, channels not a
         * multiple of 16, a batch, pads, dilations, strides, 5x5 */
        {{2, 1, 336, 336, 336, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {3, 3}, 1, ACT_CLIP}, "mlcc_conv_dwt_f32"},
        {{2, 1, 96, 96, 96, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {12, 12}, 1, ACT_CLIP}, "mlcc_conv_dwt_f32"},
        {{2, 1, 192, 192, 192, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {6, 6}, 1, ACT_CLIP}, "mlcc_conv_dwt_f32"},
        {{2, 2, 6, 6, 6, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {2, 2}, 1, ACT_RELU}, "mlcc_conv_dwt_f32"},
        {{2, 2, 21, 21, 21, {3, 3}, {2, 1}, {1, 2}, {2, 0, 1, 3}, {9, 5}, 0, ACT_HARDSWISH}, "mlcc_conv_dwt_f32"},
        {{2, 1, 17, 17, 17, {5, 5}, {2, 2}, {1, 1}, {2, 2, 2, 2}, {9, 9}, 1, ACT_LEAKYRELU}, "mlcc_conv_dwt_f32"},
        {{2, 1, 33, 33, 33, {3, 1}, {2, 1}, {1, 1}, {1, 0, 0, 0}, {2, 40}, 0, ACT_NONE}, "mlcc_conv_dwt_f32"},
        {{2, 1, 3, 3, 3, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {30, 15}, 0, ACT_LEAKYRELU}, "mlcc_conv_dw1_f32"},
        {{2, 1, 96, 96, 96, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {12, 12}, 1, ACT_CLIP}, "mlcc_conv_dw1_f32"},
        {{2, 1, 8, 8, 8, {5, 5}, {2, 2}, {1, 1}, {2, 2, 2, 2}, {40, 40}, 0, ACT_TANH}, "mlcc_conv_dws_f32"},
        {{2, 1, 4, 4, 4, {3, 3}, {3, 3}, {2, 2}, {0, 0, 0, 0}, {50, 50}, 1, ACT_NONE}, "mlcc_conv_dw_f32"},
    };
    int before = n_nhwc_dw;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ConvCase cc = cases[i].cc;
        assert_string_equal(check_case(&cc), cases[i].kernel);
    }
    /* every one of them channel-last too (mlcc_conv_dwc_f32) */
    assert_int_equal(n_nhwc_dw - before, (int)(sizeof cases / sizeof cases[0]));
}

/* mode 2 of mlcc_conv_gemm_f32 (column planes): narrow outputs of wide
 * kernels, kws_dscnn's first layer among them; strides, dilations, pads,
 * groups, a batch, fewer than 32 output pixels, output channels not a
 * multiple of 8 */
static void test_conv_fast_column_planes(void **state)
{
    (void)state;
    static const ConvCase cases[] = {
        /* nsp n c m group k s d pads in bias act */
        {2, 1, 1, 64, 1, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {49, 10}, 1, ACT_RELU}, /* kws conv1 */
        {2, 1, 1, 64, 1, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {49, 10}, 0, ACT_NONE},
        {2, 2, 1, 48, 1, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {49, 10}, 1, ACT_CLIP},
        {2, 1, 1, 61, 1, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {49, 10}, 1, ACT_HARDSWISH}, /* 5 rows left */
        {2, 1, 2, 64, 1, {8, 5}, {1, 3}, {1, 1}, {2, 2, 3, 1}, {30, 17}, 1, ACT_HARDSWISH},
        {2, 1, 1, 64, 1, {7, 3}, {2, 1}, {1, 2}, {0, 2, 1, 2}, {40, 6}, 1, ACT_LEAKYRELU},
        {2, 1, 1, 64, 1, {7, 3}, {2, 2}, {1, 2}, {0, 2, 1, 2}, {40, 6}, 1, ACT_LEAKYRELU},
        {2, 1, 2, 128, 2, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {49, 10}, 1, ACT_RELU},
        {2, 1, 1, 32, 1, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {11, 10}, 0, ACT_SIGMOID}, /* 30 pixels */
        {2, 1, 1, 64, 1, {10, 4}, {2, 2}, {1, 1}, {5, 1, 5, 1}, {20, 10}, 1, ACT_RELU},
        {2, 1, 3, 64, 1, {7, 7}, {2, 2}, {1, 1}, {3, 3, 3, 3}, {96, 96}, 1, ACT_RELU}, /* ResNet-18 96 stem */
        {2, 2, 3, 64, 1, {7, 7}, {2, 2}, {1, 1}, {3, 3, 3, 3}, {61, 67}, 1, ACT_RELU},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_case(&cases[i]);
        if (last_mode != 2)
            fail_msg("column planes case %zu: mode %d", i, last_mode);
    }
    /* MobileNet's 3x3 stride 2 stem measured slower in mode 2: mode 0 */
    ConvCase mb = {2, 1, 3, 16, 1, {3, 3}, {2, 2}, {1, 1}, {1, 1, 1, 1}, {96, 96}, 1, ACT_CLIP};
    assert_string_equal(check_case(&mb), "mlcc_conv_gemm_f32");
    assert_int_equal(last_mode, 0);
}

static void test_conv_fast_mcu_scratch(void **state)
{
    (void)state;
    /* 15 input channels: Winograd (conv_winograd.c) would take 16 on the host */
    ConvCase cc = {2, 1, 15, 32, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, {8, 8}, 1, ACT_RELU};
    check_case(&cc);
    assert_int_equal(last_mode, 1);
    fast = &mcu_target;
    check_case(&cc);
    fast = &fast_target;
    assert_int_equal(last_mode, 0);
}

/* the fused activation is applied exactly once, by the fast kernels too:
 * a 1x1 convolution of 2 channels with identity weights and no bias is the
 * identity (group 1: the GEMM kernel, group 2: the depthwise one) */
static void hand_act(const char *op_kernel, int group, int width)
{
    Graph *g = xmalloc(sizeof *g);
    g->opset = 13;
    int64_t xd[4] = {1, 2, 2, width}, wd[4] = {2, 2 / group, 1, 1};
    int x = new_tensor(g, "x", 4, xd, false), w = new_tensor(g, "w", 4, wd, true);
    float *wv = g->t[w]->data;
    if (group == 1) {
        wv[0] = wv[3] = 1.0f;
        wv[1] = wv[2] = 0.0f;
    } else {
        wv[0] = wv[1] = 1.0f;
    }
    int y = new_tensor(g, "y", 0, NULL, false);
    g->t[y]->shaped = false;
    int *ins = xmalloc(sizeof(int) * 2);
    ins[0] = x;
    ins[1] = w;
    Attr *at = xmalloc(sizeof(Attr));
    at[0] = (Attr){.name = (char *)"group", .type = AT_INT, .i = group};
    Node *n = xmalloc(sizeof *n);
    *n = (Node){.name = (char *)"conv", .op = (char *)"Conv", .domain = (char *)"", .opset = 13, .n_in = 2,
                .in = ins, .n_out = 1, .out = xmalloc(sizeof(int)), .attr = at, .n_attr = 1};
    n->out[0] = y;
    n->def = op_lookup("Conv", 13);
    n->act = (FusedAct){ACT_CLIP, -0.25f, 0.5f};
    n->def->infer(g, n);
    static const float pattern[] = {-1.0f, -0.25f, 0.0f, 0.3f, 0.5f, 2.0f, -0.5f, 0.1f, 0.2f, 0.7f, -0.1f, 3.0f};
    const int nv = 4 * width;
    float *xv = xmalloc(sizeof(float) * (size_t)nv), *yv = xmalloc(sizeof(float) * (size_t)nv);
    for (int i = 0; i < nv; i++)
        xv[i] = pattern[i % 12];
    const Target *saved = g_target;
    Call c = {0};
    g_target = &fast_target;
    n->def->lower(g, n, &c);
    g_target = saved;
    assert_string_equal(c.kernel, op_kernel);
    run_calls(g, &c, x, xv, yv);
    for (int i = 0; i < nv; i++) {
        float want = xv[i] < -0.25f ? -0.25f : xv[i] > 0.5f ? 0.5f : xv[i];
        assert_true(yv[i] == want);
    }
}

static void test_conv_fast_act_by_hand(void **state)
{
    (void)state;
    hand_act("mlcc_conv_gemm_f32", 1, 3);
    hand_act("mlcc_conv_dw1_f32", 2, 20);
}

/* ---- every fast kernel alone, as the emitter writes it (the pieces it
 * `uses`, in dependency order), compiles warning-free: a missing `uses`
 * entry or an unused helper shows here */

static void test_fast_kernels_compile_alone(void **state)
{
    (void)state;
    static const char *const kernels[] = {"mlcc_conv_dw_f32", "mlcc_conv_dw1_f32", "mlcc_conv_dw1c_f32", "mlcc_conv_dws_f32",
                                          "mlcc_conv_dw3r_f32", "mlcc_conv_dwt_f32", "mlcc_conv_dwc_f32",
                                          "mlcc_conv_pwc_f32", "mlcc_conv_pwo_f32", "mlcc_conv_pwi_f32", "mlcc_conv_im3_f32", "mlcc_conv_w6_f32", "mlcc_conv_im3s2_f32", "mlcc_conv_w6s2_f32",
                                          "mlcc_pool_max2d_f32", "mlcc_pool_gavg_f32",
                                          "mlcc_conv_gemm_f32", "mlcc_conv_gemmc_f32", "mlcc_gemm_fast_f32", "mlcc_conv_f32",
                                          "mlcc_convtranspose_f32", "mlcc_gemm_f32", "mlcc_matmul_f32"};
    if (system("cc --version > /dev/null 2>&1") != 0)
        skip();
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        Buf body = {0}, b = {0};
        char *seen[64];
        int n_seen = 0;
        bool libm = false;
        add_piece(&body, kernels[i], seen, &n_seen, &libm);
        buf_puts(&b, "#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n");
        if (libm)
            buf_puts(&b, "#include <math.h>\n");
        buf_puts(&b, "#define MLCC_K static\n");
        buf_puts(&b, kernel_prelude()->text);
        buf_puts(&b, body.s);
        buf_printf(&b, "void use_it(const int32_t *ip, const float *fp, const void *const *in, void *const *out);\n"
                       "void use_it(const int32_t *ip, const float *fp, const void *const *in, void *const *out)\n"
                       "{ %s(ip, fp, in, out); }\n", kernels[i]);
        char path[] = "/tmp/mlcc-unit-kernel-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_true(write(fd, b.s, b.len) == (ssize_t)b.len);
        close(fd);
        static const char *const flags[] = {"cc -O2", "cc -O3 -march=native", "clang -O3 -march=native"};
        for (int f = 0; f < 3; f++) {
            if (f == 2 && system("clang --version > /dev/null 2>&1") != 0)
                continue;
            char *cmd = xfmt("%s -x c -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -c -o /dev/null %s",
                             flags[f], path);
            if (system(cmd) != 0) {
                print_error("%s does not compile alone (%s)\n", kernels[i], cmd);
                unlink(path);
                fail();
            }
        }
        unlink(path);
    }
}

int main(void)
{
    *test_rng() = 12345u; /* the seed these cases were drawn with */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conv_fast_random),
        cmocka_unit_test(test_conv_fast_model_shapes),
        cmocka_unit_test(test_conv_fast_nhwc_paths),
        cmocka_unit_test(test_conv_fast_3x3_image),
        cmocka_unit_test(test_conv_fast_pixel_panels),
        cmocka_unit_test(test_conv_fast_depthwise_kernels),
        cmocka_unit_test(test_conv_fast_column_planes),
        cmocka_unit_test(test_conv_fast_mcu_scratch),
        cmocka_unit_test(test_conv_fast_act_by_hand),
        cmocka_unit_test(test_fast_kernels_compile_alone),
    };
    return cmocka_run_group_tests_name("kernel_conv_fast", tests, NULL, NULL);
}
