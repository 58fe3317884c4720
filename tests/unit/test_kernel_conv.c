/* test_kernel_conv.c - Conv / ConvTranspose kernels against hand results, and
 * the shapes and pads that op_conv.c infers for them */
#include "testutil.h"

/* ip = [N, G, Cg, Mg, iD, iH, iW, oD, oH, oW, kD, kH, kW, sD, sH, sW, dD, dH, dW, pD, pH, pW, act,
 *       in-place mode, block (Conv only)], fp = [act_a, act_b] */
static const float no_act[2] = {0, 0};

static void test_conv2d_pad1(void **state)
{
    (void)state;
    /* x = 0..24 (5x5), W = ones 3x3, pads 1: the ONNX "basic conv with padding" result */
    const int32_t ip[] = {1, 1, 1, 1, 1, 5, 5, 1, 5, 5, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0};
    float x[25], w[9], y[25];
    for (int i = 0; i < 25; i++)
        x[i] = (float)i;
    for (int i = 0; i < 9; i++)
        w[i] = 1;
    const float want[] = {12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81,
                          93, 144, 153, 162, 111, 72, 111, 117, 123, 84};
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, NULL}, (void *const[]){y});
    assert_floats_near(y, want, 25, 0);
}

static void test_conv2d_stride2_asymmetric_pads(void **state)
{
    (void)state;
    /* x = 0..34 (7x5), W ones 3x3, strides 2, pads H 1/1, W 0/0 -> 4x2 */
    const int32_t ip[] = {1, 1, 1, 1, 1, 7, 5, 1, 4, 2, 1, 3, 3, 1, 2, 2, 1, 1, 1, 0, 1, 0, 0, 0, 0};
    float x[35], w[9], y[8];
    for (int i = 0; i < 35; i++)
        x[i] = (float)i;
    for (int i = 0; i < 9; i++)
        w[i] = 1;
    const float want[] = {21, 33, 99, 117, 189, 207, 171, 183};
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, NULL}, (void *const[]){y});
    assert_floats_near(y, want, 8, 0);
}

static void test_conv1d_depthwise_bias(void **state)
{
    (void)state;
    /* 2 channels, group 2, kernel 2: ch0 [1,2,3]*[1,1] + 10, ch1 [4,5,6]*[2,-1] + 20 */
    const int32_t ip[] = {1, 2, 1, 1, 1, 1, 3, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    const float x[] = {1, 2, 3, 4, 5, 6}, w[] = {1, 1, 2, -1}, b[] = {10, 20};
    float y[4];
    const float want[] = {13, 15, 23, 24};
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, b}, (void *const[]){y});
    assert_floats_near(y, want, 4, 0);
}

static void test_conv1d_dilation_stride(void **state)
{
    (void)state;
    /* x = 1..8, w = [1,2,3], dilation 2 (extent 5), stride 3, pads 1/1:
     * padded x = [0,1..8,0]; outputs at padded offsets 0 and 3 */
    const int32_t ip[] = {1, 1, 1, 1, 1, 1, 8, 1, 1, 2, 1, 1, 3, 1, 1, 3, 1, 1, 2, 0, 0, 1, 0, 0, 0};
    const float x[] = {1, 2, 3, 4, 5, 6, 7, 8}, w[] = {1, 2, 3};
    float y[2];
    const float want[] = {0 * 1 + 2 * 2 + 4 * 3, 3 * 1 + 5 * 2 + 7 * 3};
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, NULL}, (void *const[]){y});
    assert_floats_near(y, want, 2, 0);
}

static void test_conv_pointwise_batch(void **state)
{
    (void)state;
    /* batch 2, 2 -> 3 channels, 1x1 kernel over 2 pixels (the flat path) */
    const int32_t ip[] = {2, 1, 2, 3, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    const float x[] = {1, 2, 3, 4, /* batch 1 */ -1, 0, 5, 1};
    const float w[] = {1, 0, 0, 1, 2, -1}, b[] = {0, 0, 1};
    float y[12];
    const float want[] = {1, 2, 3, 4, 0, 1, /* batch 1 */ -1, 0, 5, 1, -6, 0};
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, b}, (void *const[]){y});
    assert_floats_near(y, want, 12, 0);
}

static void test_conv_pointwise_blocked_groups(void **state)
{
    (void)state;
    /* 2 groups, each 2 -> 5 channels, 1x1 over 3 pixels: four channels a pass, then one */
    const int32_t ip[] = {1, 2, 2, 5, 1, 1, 3, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    float x[12], w[20], b[10], y[30], want[30];
    for (int i = 0; i < 12; i++)
        x[i] = (float)(i + 1);
    for (int i = 0; i < 20; i++)
        w[i] = (float)(i % 7) - 3.0f;
    for (int i = 0; i < 10; i++)
        b[i] = 0.5f * (float)i;
    for (int oc = 0; oc < 10; oc++) {
        int g = oc / 5;
        for (int p = 0; p < 3; p++) {
            float acc = b[oc];
            for (int c = 0; c < 2; c++)
                acc += w[oc * 2 + c] * x[(g * 2 + c) * 3 + p];
            want[oc * 3 + p] = acc;
        }
    }
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, b}, (void *const[]){y});
    assert_floats_near(y, want, 30, 0);
}

static void test_conv3d_f64(void **state)
{
    (void)state;
    /* 2x2x2 input of ones, 2x2x2 kernel 1..8, bias 0.5 -> 36.5 */
    const int32_t ip[] = {1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    const double x[] = {1, 1, 1, 1, 1, 1, 1, 1}, w[] = {1, 2, 3, 4, 5, 6, 7, 8}, b[] = {0.5};
    double y[1];
    run_kernel("mlcc_conv_f64", ip, no_act, (const void *const[]){x, w, b}, (void *const[]){y});
    assert_true(y[0] == 36.5);
}

/* a depthwise Conv run in place (Y is X, as the memory plan makes it when X
 * dies there) through its scratch plane gives what it gives out of place;
 * without the scratch flag it would read values it already overwrote */
static void test_conv_depthwise_in_place(void **state)
{
    (void)state;
    /* 2 channels of 3x4, 3x3 kernels, pads 1, bias, Relu */
    const int32_t ip[] = {1, 2, 1, 1, 1, 3, 4, 1, 3, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0};
    float x[24], w[18], b[2] = {0.25f, -0.5f}, y[24], buf[24], s[12];
    for (int i = 0; i < 24; i++)
        x[i] = (float)((i * 7) % 11) - 4.0f;
    for (int i = 0; i < 18; i++)
        w[i] = (float)((i * 5) % 7) * 0.25f - 0.5f;
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, b}, (void *const[]){y, s});
    memcpy(buf, x, sizeof buf);
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){buf, w, b}, (void *const[]){buf, s});
    assert_floats_near(buf, y, 24, 0);
    /* and it is a real convolution: channel 0, pixel (1, 1) by hand */
    float want = b[0];
    for (int kh = 0; kh < 3; kh++)
        for (int kw = 0; kw < 3; kw++)
            want += w[kh * 3 + kw] * x[kh * 4 + kw];
    assert_true(fabsf(y[5] - (want > 0 ? want : 0)) < 1e-5f);
}

/* a pointwise Conv with as many outputs as inputs, in place through blocks
 * of pixels (35 pixels: blocks of 16, 16 and 3): the same as out of place */
static void test_conv_pointwise_in_place(void **state)
{
    (void)state;
    const int32_t ip[] = {1, 1, 3, 3, 1, 5, 7, 1, 5, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 2, 16};
    float x[105], w[9], b[3] = {0.5f, -0.25f, 0.0f}, y[105], buf[105], s[48];
    for (int i = 0; i < 105; i++)
        x[i] = (float)((i * 13) % 17) * 0.125f - 1.0f;
    for (int i = 0; i < 9; i++)
        w[i] = (float)((i * 3) % 5) * 0.5f - 1.0f;
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){x, w, b}, (void *const[]){y, s});
    memcpy(buf, x, sizeof buf);
    run_kernel("mlcc_conv_f32", ip, no_act, (const void *const[]){buf, w, b}, (void *const[]){buf, s});
    assert_floats_near(buf, y, 105, 0);
    /* by hand: output channel 2, pixel 34 (in the last, short block) */
    float want = b[2] + w[6] * x[34] + w[7] * x[35 + 34] + w[8] * x[70 + 34];
    assert_true(fabsf(y[70 + 34] - (want > 0 ? want : 0)) < 1e-6f);
}

static void test_convtranspose1d_two_outputs(void **state)
{
    (void)state;
    /* x = [1,2,3], W (1,2,3): ch0 ones, ch1 [1,2,3] */
    const int32_t ip[] = {1, 1, 1, 2, 1, 1, 3, 1, 1, 5, 1, 1, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
    const float x[] = {1, 2, 3}, w[] = {1, 1, 1, 1, 2, 3};
    float y[10];
    const float want[] = {1, 3, 6, 5, 3, 1, 4, 10, 12, 9};
    run_kernel("mlcc_convtranspose_f32", ip, no_act, (const void *const[]){x, w, NULL}, (void *const[]){y});
    assert_floats_near(y, want, 10, 0);
}

static void test_conv_fused_act(void **state)
{
    (void)state;
    /* the depthwise case above with biases -14 and 6 and W [-2, 1] for
     * channel 1: [3, 5] - 14 = [-11, -9] and [-3, -4] + 6 = [3, 2], then
     * LeakyRelu(0.5): [-5.5, -4.5, 3, 2];
     * Clip [0, 2] with the pointwise path: y = 2x - 3 over [0, 1, 2] -> [0, 0, 1] */
    const int32_t ip[] = {1, 2, 1, 1, 1, 1, 3, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 3, 0, 0};
    const float fp[] = {0.5f, 0.0f};
    const float x[] = {1, 2, 3, 4, 5, 6}, w[] = {1, 1, -2, 1}, b[] = {-14, 6};
    float y[4];
    const float want[] = {-5.5f, -4.5f, 3, 2};
    run_kernel("mlcc_conv_f32", ip, fp, (const void *const[]){x, w, b}, (void *const[]){y});
    assert_floats_near(y, want, 4, 1e-6f);
    const int32_t ip2[] = {1, 1, 1, 1, 1, 1, 3, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 2, 0, 0};
    const float fp2[] = {0.0f, 2.0f}, x2[] = {0, 1, 2}, w2[] = {2}, b2[] = {-3};
    const float want2[] = {0, 0, 1};
    float y2[3];
    run_kernel("mlcc_conv_f32", ip2, fp2, (const void *const[]){x2, w2, b2}, (void *const[]){y2});
    assert_floats_near(y2, want2, 3, 0);
    /* ConvTranspose: [1, 2] * ones(2) stride 1 = [1, 3, 2], minus 2, Relu -> [0, 1, 0] */
    const int32_t ip3[] = {1, 1, 1, 1, 1, 1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1};
    const float x3[] = {1, 2}, w3[] = {1, 1}, b3[] = {-2}, want3[] = {0, 1, 0};
    run_kernel("mlcc_convtranspose_f32", ip3, no_act, (const void *const[]){x3, w3, b3}, (void *const[]){y2});
    assert_floats_near(y2, want3, 3, 0);
}

static void test_convtranspose_stride_pads(void **state)
{
    (void)state;
    /* x = [1,2], w ones(3), stride 2: full output [1,1,3,2,2].
     * leading pad 1, 4 outputs -> [1,3,2,2];
     * leading pad 0, 6 outputs (trailing pad -1) -> [1,1,3,2,2,0], plus bias */
    const float x[] = {1, 2}, w[] = {1, 1, 1}, b[] = {0.5f};
    float y[6];
    const int32_t ip1[] = {1, 1, 1, 1, 1, 1, 2, 1, 1, 4, 1, 1, 3, 1, 1, 2, 1, 1, 1, 0, 0, 1, 0};
    const float want1[] = {1, 3, 2, 2};
    run_kernel("mlcc_convtranspose_f32", ip1, no_act, (const void *const[]){x, w, NULL}, (void *const[]){y});
    assert_floats_near(y, want1, 4, 0);
    const int32_t ip2[] = {1, 1, 1, 1, 1, 1, 2, 1, 1, 6, 1, 1, 3, 1, 1, 2, 1, 1, 1, 0, 0, 0, 0};
    const float want2[] = {1.5f, 1.5f, 3.5f, 2.5f, 2.5f, 0.5f};
    run_kernel("mlcc_convtranspose_f32", ip2, no_act, (const void *const[]){x, w, b}, (void *const[]){y});
    assert_floats_near(y, want2, 6, 0);
}

static void test_convtranspose_groups(void **state)
{
    (void)state;
    /* 2 groups of one channel each: ch0 [1,2] * [1,1], ch1 [3,4] * [1,-1] */
    const int32_t ip[] = {1, 2, 1, 1, 1, 1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
    const float x[] = {1, 2, 3, 4}, w[] = {1, 1, 1, -1};
    float y[6];
    const float want[] = {1, 3, 2, 3, 1, -4};
    run_kernel("mlcc_convtranspose_f32", ip, no_act, (const void *const[]){x, w, NULL}, (void *const[]){y});
    assert_floats_near(y, want, 6, 0);
}

static void test_convtranspose2d_dilation(void **state)
{
    (void)state;
    /* x 2x2, W ones 2x2 with dilation 2: each 2x2 quadrant of the 4x4 output is x */
    const int32_t ip[] = {1, 1, 1, 1, 1, 2, 2, 1, 4, 4, 1, 2, 2, 1, 1, 1, 1, 2, 2, 0, 0, 0, 0};
    const float x[] = {1, 2, 3, 4}, w[] = {1, 1, 1, 1};
    float y[16];
    const float want[] = {1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4};
    run_kernel("mlcc_convtranspose_f32", ip, no_act, (const void *const[]){x, w, NULL}, (void *const[]){y});
    assert_floats_near(y, want, 16, 0);
}

/* ---------------------------------------------------- shapes and pads (op_conv.c) */

extern jmp_buf *g_fail_jmp; /* util.c: where fail() leaves to */

static Graph *new_graph(void)
{
    Graph *g = xmalloc(sizeof *g);
    g->opset = 13;
    return g;
}

static int tensor(Graph *g, const char *name, int rank, const int64_t *dims)
{
    Tensor *t = tensor_new(g, name);
    if (rank >= 0)
        tensor_set_shape(t, DT_FLOAT, rank, dims);
    return t->id;
}

static Attr ints_attr(const char *name, int n, const int64_t *v)
{
    Attr a = {0};
    a.name = (char *)name;
    a.type = AT_INTS;
    a.n = n;
    a.ints = (int64_t *)v;
    return a;
}

static Attr str_attr(const char *name, const char *s)
{
    Attr a = {0};
    a.name = (char *)name;
    a.type = AT_STRING;
    a.s = (char *)s;
    return a;
}

/* infer + lower one node; the Call's ip is returned through c */
static Tensor *run_node(Graph *g, const char *op, int *ins, int n_in, Attr *attrs, int n_attr, Call *c)
{
    int out = tensor(g, "y", -1, NULL);
    Node *n = xmalloc(sizeof *n);
    n->name = (char *)"n0";
    n->op = (char *)op;
    n->domain = (char *)"";
    n->opset = g->opset;
    n->n_in = n_in;
    n->in = ins;
    n->n_out = 1;
    n->out = xmalloc(sizeof(int));
    n->out[0] = out;
    n->attr = attrs;
    n->n_attr = n_attr;
    n->def = op_lookup(op, n->opset);
    assert_non_null(n->def);
    n->def->infer(g, n);
    n->def->lower(g, n, c);
    return g->t[out];
}

static void test_infer_conv_same_lower(void **state)
{
    (void)state;
    /* 1x1x5x6 input, 3x3 kernel, stride 2, SAME_LOWER: out 3x3, total pad H 2 (1/1), W 1 (1 before, 0 after) */
    Graph *g = new_graph();
    int64_t xd[] = {1, 1, 5, 6}, wd[] = {1, 1, 3, 3}, s[] = {2, 2};
    int ins[] = {tensor(g, "x", 4, xd), tensor(g, "w", 4, wd)};
    Attr at[] = {str_attr("auto_pad", "SAME_LOWER"), ints_attr("strides", 2, s)};
    Call c = {0};
    Tensor *y = run_node(g, "Conv", ins, 2, at, 2, &c);
    assert_int_equal(y->rank, 4);
    assert_int_equal(y->dims[2], 3);
    assert_int_equal(y->dims[3], 3);
    assert_int_equal(c.ip.n, 25);
    assert_int_equal(c.ip.v[23], 0); /* output planes smaller than the input's: never in place */
    assert_int_equal(c.scratch, 0);
    assert_int_equal(c.ip.v[20], 1); /* pH */
    assert_int_equal(c.ip.v[21], 1); /* pW: the odd pad goes first */
    assert_int_equal(c.in[2], -1);   /* no bias */
}

static void test_infer_conv1d_kernel_from_w(void **state)
{
    (void)state;
    /* no kernel_shape: from W; pads 2/1, dilation 2 -> out (10 + 3 - 5) / 1 + 1 = 9 */
    Graph *g = new_graph();
    int64_t xd[] = {2, 4, 10}, wd[] = {6, 2, 3}, bd[] = {6}, p[] = {2, 1}, d[] = {2}, grp = 2;
    int ins[] = {tensor(g, "x", 3, xd), tensor(g, "w", 3, wd), tensor(g, "b", 1, bd)};
    Attr at[] = {ints_attr("pads", 2, p), ints_attr("dilations", 1, d), {0}};
    at[2].name = (char *)"group";
    at[2].type = AT_INT;
    at[2].i = grp;
    Call c = {0};
    Tensor *y = run_node(g, "Conv", ins, 3, at, 3, &c);
    assert_int_equal(y->rank, 3);
    assert_int_equal(y->dims[0], 2);
    assert_int_equal(y->dims[1], 6);
    assert_int_equal(y->dims[2], 9);
    /* N, G, Cg, Mg */
    assert_int_equal(c.ip.v[0], 2);
    assert_int_equal(c.ip.v[1], 2);
    assert_int_equal(c.ip.v[2], 2);
    assert_int_equal(c.ip.v[3], 3);
    assert_int_equal(c.ip.v[12], 3);  /* kW */
    assert_int_equal(c.ip.v[18], 2);  /* dW */
    assert_int_equal(c.ip.v[21], 2);  /* pW */
}

static void test_infer_convtranspose_output_shape(void **state)
{
    (void)state;
    /* 3x3 input, 3x3 kernel, strides 3/2, output_shape 10x8: total pads -1 and -1:
     * leading pad 0, the extra row/column at the end */
    Graph *g = new_graph();
    int64_t xd[] = {1, 1, 3, 3}, wd[] = {1, 2, 3, 3}, s[] = {3, 2}, os[] = {10, 8};
    int ins[] = {tensor(g, "x", 4, xd), tensor(g, "w", 4, wd)};
    Attr at[] = {ints_attr("strides", 2, s), ints_attr("output_shape", 2, os)};
    Call c = {0};
    Tensor *y = run_node(g, "ConvTranspose", ins, 2, at, 2, &c);
    assert_int_equal(y->dims[1], 2);
    assert_int_equal(y->dims[2], 10);
    assert_int_equal(y->dims[3], 8);
    assert_int_equal(c.ip.v[20], 0);
    assert_int_equal(c.ip.v[21], 0);
}

static void test_infer_convtranspose_same_upper(void **state)
{
    (void)state;
    /* SAME_UPPER, stride 2: output = 2 * input; total pad 1 goes to the end */
    Graph *g = new_graph();
    int64_t xd[] = {1, 1, 3, 3}, wd[] = {1, 2, 3, 3}, s[] = {2, 2};
    int ins[] = {tensor(g, "x", 4, xd), tensor(g, "w", 4, wd)};
    Attr at[] = {str_attr("auto_pad", "SAME_UPPER"), ints_attr("strides", 2, s)};
    Call c = {0};
    Tensor *y = run_node(g, "ConvTranspose", ins, 2, at, 2, &c);
    assert_int_equal(y->dims[2], 6);
    assert_int_equal(y->dims[3], 6);
    assert_int_equal(c.ip.v[20], 0);
}

static void test_conv_refuses_bad_auto_pad(void **state)
{
    (void)state;
    Graph *g = new_graph();
    int64_t xd[] = {1, 1, 5, 5}, wd[] = {1, 1, 3, 3};
    int ins[] = {tensor(g, "x", 4, xd), tensor(g, "w", 4, wd)};
    Attr at[] = {str_attr("auto_pad", "SAME_MIDDLE")};
    Call c = {0};
    jmp_buf jb, *saved = g_fail_jmp;
    int failed = 0;
    g_fail_jmp = &jb;
    if (setjmp(jb) == 0)
        run_node(g, "Conv", ins, 2, at, 1, &c);
    else
        failed = 1;
    g_fail_jmp = saved;
    assert_int_equal(failed, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conv2d_pad1),
        cmocka_unit_test(test_conv2d_stride2_asymmetric_pads),
        cmocka_unit_test(test_conv1d_depthwise_bias),
        cmocka_unit_test(test_conv1d_dilation_stride),
        cmocka_unit_test(test_conv_pointwise_batch),
        cmocka_unit_test(test_conv_pointwise_blocked_groups),
        cmocka_unit_test(test_conv3d_f64),
        cmocka_unit_test(test_conv_depthwise_in_place),
        cmocka_unit_test(test_conv_pointwise_in_place),
        cmocka_unit_test(test_convtranspose1d_two_outputs),
        cmocka_unit_test(test_conv_fused_act),
        cmocka_unit_test(test_convtranspose_stride_pads),
        cmocka_unit_test(test_convtranspose_groups),
        cmocka_unit_test(test_convtranspose2d_dilation),
        cmocka_unit_test(test_infer_conv_same_lower),
        cmocka_unit_test(test_infer_conv1d_kernel_from_w),
        cmocka_unit_test(test_infer_convtranspose_output_shape),
        cmocka_unit_test(test_infer_convtranspose_same_upper),
        cmocka_unit_test(test_conv_refuses_bad_auto_pad),
    };
    return cmocka_run_group_tests_name("kernel_conv", tests, NULL, NULL);
}
