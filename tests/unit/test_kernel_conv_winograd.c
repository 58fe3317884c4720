/* test_kernel_conv_winograd.c - the Winograd convolution (runtime-min/conv_winograd.c,
 * chosen by op_conv.c for a 3x3 stride-1 Conv on a fast target) against the
 * reference kernel (runtime-min/conv.c, chosen for `kernels: reference`) on
 * random shapes (partial tiles at the right and bottom edges, asymmetric
 * pads), realistic channel counts, with and without bias, every fused
 * activation and a batch of 2. Both go through the real lowering (the weight
 * transform included); the scratch and the output are filled with NaN first,
 * so a kernel that reads scratch it did not write, or leaves an output
 * unwritten, fails. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdlib.h>
#include <unistd.h>

static const Target fast_target = {.name = (char *)"test-fast", .align = 16, .fpu = true};
static const Target ref_target = {.name = (char *)"test-ref", .align = 16, .fpu = true, .reference_kernels = true};
static const Target mcu_target = {.name = (char *)"test-mcu", .align = 8, .fpu = true, .ram_bytes = 256 * 1024};

typedef struct {
    int n, c, m, p[4], in[2], bias, act, wscale;
} WinoCase;

static const char *act_name[] = {"none", "relu", "clip", "leakyrelu", "hardswish", "hardsigmoid", "sigmoid", "tanh"};
/* the largest errors seen: absolute with realistic weights, relative to the
 * output's RMS value with weights in [-1, 1] */
static double max_abs_err_s, max_rms_err;

/* the Conv node of a 3x3 case (stride 1) in a new graph *gp; *xp its input */
static Node *conv_node(const WinoCase *wc, Graph **gp, int *xp)
{
    Graph *g = xmalloc(sizeof *g);
    g->opset = 13;
    int64_t xd[4] = {wc->n, wc->c, wc->in[0], wc->in[1]}, wd[4] = {wc->m, wc->c, 3, 3}, bd[1] = {wc->m};
    int x = new_tensor(g, "x", 4, xd, false);
    int w = new_tensor(g, "w", 4, wd, true);
    int b = wc->bias ? new_tensor(g, "b", 1, bd, true) : -1;
    int y = new_tensor(g, "y", 0, NULL, false);
    g->t[y]->shaped = false;
    if (wc->wscale) {
        float *wv = g->t[w]->data, sc = 1.0f / sqrtf(9.0f * (float)wc->c);
        for (int64_t i = 0; i < tensor_numel(g->t[w]); i++)
            wv[i] *= sc;
    }
    int *ins = xmalloc(sizeof(int) * 3);
    ins[0] = x;
    ins[1] = w;
    ins[2] = b;
    Attr *at = xmalloc(sizeof(Attr));
    int64_t *p = xmalloc(sizeof(int64_t) * 4);
    for (int i = 0; i < 4; i++)
        p[i] = wc->p[i];
    at[0] = (Attr){.name = (char *)"pads", .type = AT_INTS, .ints = p, .n = 4};
    Node *n = xmalloc(sizeof *n);
    *n = (Node){.name = (char *)"conv", .op = (char *)"Conv", .domain = (char *)"", .opset = 13,
                .n_in = wc->bias ? 3 : 2, .in = ins, .n_out = 1, .out = xmalloc(sizeof(int)), .attr = at, .n_attr = 1};
    n->out[0] = y;
    n->def = op_lookup("Conv", 13);
    n->act.kind = wc->act;
    n->act.a = wc->act == ACT_CLIP ? -0.25f : wc->act == ACT_LEAKYRELU ? 0.1f : wc->act == ACT_HARDSIGMOID ? 0.3f : 0;
    n->act.b = wc->act == ACT_CLIP ? 0.5f : wc->act == ACT_HARDSIGMOID ? 0.4f : 0;
    *gp = g;
    *xp = x;
    return n;
}

/* the tolerance on an output: weights of a realistic size (scaled by
 * 1 / sqrt(9 C), outputs about 0.6): 1e-4 absolute + 1e-4 relative; weights
 * in [-1, 1] (outputs about sqrt(C)), where F(4x4)'s rounding grows with the
 * values it adds up: 1e-4 + 1e-4 of the reference's RMS value */
static float tolerance(const WinoCase *wc, float ref, double rms)
{
    return 1e-4f + 1e-4f * (wc->wscale ? fabsf(ref) : (float)rms);
}

/* one 3x3 case (stride 1): lower for `fast` and for the reference target,
 * run both, compare; returns the fast kernel's name */
static const char *check_case(const WinoCase *wc, const Target *fast)
{
    Graph *g;
    int x;
    Node *n = conv_node(wc, &g, &x);
    FastRef r;
    run_fast_ref(g, n, x, fast, &ref_target, &r);
    const Call cf = r.cf, cr = r.cr;
    const int64_t yn = r.yn;
    const float *y1 = r.y1, *y2 = r.y2;
    assert_string_equal(cr.kernel, "mlcc_conv_f32");
    double rms = 0;
    for (int64_t i = 0; i < yn; i++)
        rms += (double)y2[i] * (double)y2[i];
    rms = sqrt(rms / (double)yn);
    for (int64_t i = 0; i < yn; i++) {
        double e = fabs((double)y1[i] - (double)y2[i]);
        float tol = tolerance(wc, y2[i], rms);
        if (wc->wscale ? e > max_abs_err_s : e / rms > max_rms_err)
            *(wc->wscale ? &max_abs_err_s : &max_rms_err) = wc->wscale ? e : e / rms;
        if (!(fabsf(y1[i] - y2[i]) <= tol)) {
            print_error("%s: n%d c%d m%d pads %d,%d,%d,%d in %dx%d bias %d act %s: "
                        "element %lld: fast %.9g, reference %.9g\n",
                        cf.kernel, wc->n, wc->c, wc->m, wc->p[0], wc->p[1], wc->p[2], wc->p[3], wc->in[0],
                        wc->in[1], wc->bias, act_name[wc->act], (long long)i, (double)y1[i], (double)y2[i]);
            fail();
        }
    }
    return cf.kernel;
}

static void test_wino_random(void **state)
{
    (void)state;
    int wino = 0;
    for (int it = 0; it < 64; it++) {
        WinoCase wc;
        memset(&wc, 0, sizeof wc);
        wc.n = rint_in(0, 3) == 0 ? 2 : 1;
        wc.bias = rint_in(0, 2) != 0;
        wc.act = it % 8;
        /* weights in [-1, 1] with the activations that keep the output's
         * scale (the RMS tolerance) */
        wc.wscale = (it / 8) % 2 || (wc.act != ACT_NONE && wc.act != ACT_RELU && wc.act != ACT_LEAKYRELU);
        wc.c = rint_in(16, 128);
        wc.m = rint_in(16, 16384 / wc.c);
        for (int i = 0; i < 4; i++)
            wc.p[i] = rint_in(0, 3) ? 1 : rint_in(0, 2);
        wc.in[0] = rint_in(8, 29);
        wc.in[1] = rint_in(8, 29);
        int oh = wc.in[0] + wc.p[0] + wc.p[2] - 2, ow = wc.in[1] + wc.p[1] + wc.p[3] - 2;
        bool want = oh >= 8 && ow >= 8;
        const char *k = check_case(&wc, &fast_target);
        assert_int_equal(!strcmp(k, "mlcc_conv_wino_f32"), want);
        wino += want;
    }
    print_message("winograd F(4x4): %d cases; max error %.3g (realistic weights), %.3g of the RMS output (weights "
                  "in [-1, 1])\n",
                  wino, max_abs_err_s, max_rms_err);
    assert_true(wino >= 40);
}

/* the layers of resnet18_96 it takes (64 channels at 24x24, 128 at 12x12)
 * and the 256-channel one it leaves to mlcc_conv_gemmc_f32 (the weights would
 * grow too much), with realistic weights and weights in [-1, 1] */
static void test_wino_model_shapes(void **state)
{
    (void)state;
    static const struct {
        WinoCase wc;
        int wino;
    } cases[] = {
        /* n c m pads in bias act wscale */
        {{1, 64, 64, {1, 1, 1, 1}, {24, 24}, 1, ACT_RELU, 1}, 1},
        {{1, 64, 64, {1, 1, 1, 1}, {24, 24}, 1, ACT_NONE, 0}, 1},
        {{1, 128, 128, {1, 1, 1, 1}, {12, 12}, 1, ACT_RELU, 1}, 1},
        {{2, 128, 128, {1, 1, 1, 1}, {12, 12}, 0, ACT_NONE, 0}, 1},
        {{1, 256, 256, {1, 1, 1, 1}, {6, 6}, 1, ACT_RELU, 1}, 0},
        {{1, 16, 16, {0, 0, 0, 0}, {10, 10}, 1, ACT_CLIP, 1}, 1},  /* 8x8, the smallest */
        {{1, 16, 16, {0, 0, 0, 0}, {9, 12}, 1, ACT_NONE, 1}, 0},   /* 7 rows: too small */
        {{1, 15, 16, {1, 1, 1, 1}, {16, 16}, 1, ACT_NONE, 1}, 0},  /* 15 channels */
        /* channels past a group of 16 (the transforms' lanes), partial
         * tiles at the right and bottom, tile counts that end in a GEMM
         * tile of 4 rows (12 tiles), 2 (9) and 8 with a padding row (15),
         * batches */
        {{3, 17, 33, {0, 1, 2, 1}, {9, 13}, 1, ACT_RELU, 1}, 1},
        {{1, 40, 20, {1, 1, 1, 1}, {12, 12}, 1, ACT_NONE, 0}, 1},
        {{2, 24, 48, {2, 0, 1, 2}, {10, 17}, 0, ACT_CLIP, 1}, 1},
        {{1, 31, 47, {1, 1, 1, 1}, {8, 8}, 1, ACT_LEAKYRELU, 1}, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *k = check_case(&cases[i].wc, &fast_target);
        if (cases[i].wino)
            assert_string_equal(k, "mlcc_conv_wino_f32");
        else
            assert_string_not_equal(k, "mlcc_conv_wino_f32");
    }
    /* a target with a RAM budget keeps mlcc_conv_gemm*: smaller weights and scratch */
    WinoCase wc = {1, 64, 64, {1, 1, 1, 1}, {24, 24}, 1, ACT_RELU, 1};
    assert_string_not_equal(check_case(&wc, &mcu_target), "mlcc_conv_wino_f32");
}

/* ConvMaxPool (pass_fuse_pool.c's Conv + MaxPool 2x2 stride 2): the kernel's
 * pooled output against the 2x2 maxima of the reference kernel's convolution,
 * on random even-sized outputs (partial tiles of 2 rows or columns among
 * them), every fused activation, batches */
static void test_wino_maxpool(void **state)
{
    (void)state;
    int tested = 0;
    for (int it = 0; it < 40; it++) {
        WinoCase wc;
        memset(&wc, 0, sizeof wc);
        wc.n = it % 5 == 0 ? 2 : 1;
        wc.bias = it % 3 != 0;
        wc.act = it % 8;
        wc.wscale = 1;
        wc.c = rint_in(16, 64);
        wc.m = rint_in(16, 80);
        for (int i = 0; i < 4; i++)
            wc.p[i] = 1;
        wc.in[0] = 2 * rint_in(4, 13);
        wc.in[1] = 2 * rint_in(4, 13);
        if (it == 0)
            wc.in[0] = wc.in[1] = 8, wc.c = 16, wc.m = 32, wc.act = ACT_RELU; /* digits' conv2 */
        Graph *g;
        int x;
        Node *n = conv_node(&wc, &g, &x);
        FastRef r;
        run_fast_ref(g, n, x, &fast_target, &ref_target, &r);
        assert_string_equal(r.cf.kernel, "mlcc_conv_wino_f32");
        const int64_t oH = wc.in[0], oW = wc.in[1], pH = oH / 2, pW = oW / 2, planes = (int64_t)wc.n * wc.m;
        /* the same node as pass_fuse_pool leaves it */
        n->op = (char *)"ConvMaxPool";
        n->domain = (char *)"mlcc";
        n->opset = 1;
        n->def = &op_conv_maxpool;
        n->def->infer(g, n);
        const Tensor *yt = g->t[n->out[0]];
        assert_int_equal(yt->rank, 4);
        assert_int_equal(yt->dims[2], pH);
        assert_int_equal(yt->dims[3], pW);
        const int64_t pn = planes * pH * pW;
        float *yp = xmalloc(sizeof(float) * (size_t)pn);
        for (int64_t i = 0; i < pn; i++)
            yp[i] = NAN;
        Call cp;
        memset(&cp, 0, sizeof cp);
        const Target *saved = g_target;
        g_target = &fast_target;
        n->def->lower(g, n, &cp);
        g_target = saved;
        assert_string_equal(cp.kernel, "mlcc_conv_wino_f32");
        run_calls(g, &cp, x, r.xv, yp);
        double rms = 0;
        for (int64_t i = 0; i < r.yn; i++)
            rms += (double)r.y2[i] * (double)r.y2[i];
        rms = sqrt(rms / (double)r.yn);
        for (int64_t pl = 0; pl < planes; pl++)
            for (int64_t h = 0; h < pH; h++)
                for (int64_t w = 0; w < pW; w++) {
                    const float *q = r.y2 + (pl * oH + 2 * h) * oW + 2 * w;
                    float want = fmaxf(fmaxf(q[0], q[1]), fmaxf(q[oW], q[oW + 1]));
                    float got = yp[(pl * pH + h) * pW + w];
                    if (!(fabsf(got - want) <= tolerance(&wc, want, rms))) {
                        print_error("ConvMaxPool: n%d c%d m%d in %dx%d bias %d act %s: plane %lld (%lld, %lld): "
                                    "fast %.9g, reference conv then max %.9g\n",
                                    wc.n, wc.c, wc.m, wc.in[0], wc.in[1], wc.bias, act_name[wc.act], (long long)pl,
                                    (long long)h, (long long)w, (double)got, (double)want);
                        fail();
                    }
                }
        tested++;
    }
    assert_int_equal(tested, 40);
}

/* the kernel alone, as the emitter writes it (the pieces it `uses`, in
 * dependency order), compiles warning-free with gcc, clang and
 * arm-none-eabi-gcc: a missing `uses` entry or an unused helper shows here */
static void test_wino_compiles_alone(void **state)
{
    (void)state;
    if (system("cc --version > /dev/null 2>&1") != 0)
        skip();
    Buf body = {0}, b = {0};
    char *seen[64];
    int n_seen = 0;
    bool libm = false;
    add_piece(&body, "mlcc_conv_wino_f32", seen, &n_seen, &libm);
    buf_puts(&b, "#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n");
    if (libm)
        buf_puts(&b, "#include <math.h>\n");
    buf_puts(&b, "#define MLCC_K static\n");
    buf_puts(&b, kernel_prelude()->text);
    buf_puts(&b, body.s);
    buf_puts(&b, "void use_it(const int32_t *ip, const float *fp, const void *const *in, void *const *out);\n"
                 "void use_it(const int32_t *ip, const float *fp, const void *const *in, void *const *out)\n"
                 "{ mlcc_conv_wino_f32(ip, fp, in, out); }\n");
    char path[] = "/tmp/mlcc-unit-wino-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_true(write(fd, b.s, b.len) == (ssize_t)b.len);
    close(fd);
    static const char *const cc[] = {"cc -O2", "cc -O3 -march=native", "clang -O3 -march=native",
                                     "arm-none-eabi-gcc -O2 -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16"};
    for (int f = 0; f < 4; f++) {
        char *probe = xfmt("%.*s --version > /dev/null 2>&1", (int)strcspn(cc[f], " "), cc[f]);
        if (f >= 2 && system(probe) != 0)
            continue;
        char *cmd = xfmt("%s -x c -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -c -o /dev/null %s",
                         cc[f], path);
        if (system(cmd) != 0) {
            print_error("mlcc_conv_wino_f32 does not compile alone (%s)\n", cmd);
            unlink(path);
            fail();
        }
    }
    unlink(path);
}

int main(void)
{
    *test_rng() = 4242u;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wino_random),
        cmocka_unit_test(test_wino_model_shapes),
        cmocka_unit_test(test_wino_maxpool),
        cmocka_unit_test(test_wino_compiles_alone),
    };
    return cmocka_run_group_tests_name("kernel_conv_winograd", tests, NULL, NULL);
}
