/* test_kernel_rnn.c - RNN, GRU and LSTM kernels against hand results, and the
 * shapes and refusals of op_rnn.c */
#include "testutil.h"

/* ip = [S, NB, I, H, ND, rev, layout, outmask, has_clip, extra, act ids...]
 * fp = [clip, (alpha, beta) per activation]
 * activation ids: 0 Relu 1 Tanh 2 Sigmoid 3 Affine 4 LeakyRelu 5 ThresholdedRelu
 * 6 ScaledTanh 7 HardSigmoid 8 Elu 9 Softsign 10 Softplus */
enum { RELU, TANH, SIGMOID, AFFINE, LEAKY, THRESH, STANH, HSIG, ELU, SOFTSIGN, SOFTPLUS };

static void test_rnn_forward_affine(void **state)
{
    (void)state;
    /* h_t = 2 x_t + 0.5 h_{t-1} + 1 (identity activation), h0 = 0 */
    const int32_t ip[] = {3, 1, 1, 1, 1, 0, 0, 3, 0, 0, AFFINE};
    const float fp[] = {0, 1, 0};
    const float x[] = {1, 2, 3}, w[] = {2}, r[] = {0.5f}, b[] = {1, 0};
    float y[3], yh[1], ws[8];
    run_kernel("mlcc_rnn_f32", ip, fp, (const void *const[]){x, w, r, b, NULL, NULL}, (void *const[]){y, yh, ws});
    const float want[] = {3, 6.5f, 10.25f};
    assert_floats_near(y, want, 3, 0);
    assert_floats_near(yh, want + 2, 1, 0);
}

static void test_rnn_reverse_seq_lens(void **state)
{
    (void)state;
    /* two batch entries, lengths 3 and 2; reverse: batch 1 starts at t = 1,
     * its Y at t = 2 is zero; initial_h only for the state */
    const int32_t ip[] = {3, 2, 1, 1, 1, 1, 0, 3, 0, 0, AFFINE};
    const float fp[] = {0, 1, 0};
    /* X [S=3, NB=2, 1] */
    const float x[] = {1, 1, 2, 2, 3, 9}, w[] = {2}, r[] = {0.5f}, b[] = {1, 0}, h0[] = {0, 4};
    const int32_t sl[] = {3, 2};
    float y[6], yh[2], ws[8];
    run_kernel("mlcc_rnn_f32", ip, fp, (const void *const[]){x, w, r, b, sl, h0}, (void *const[]){y, yh, ws});
    /* batch 0: t2: 7, t1: 4+3.5+1 = 8.5, t0: 2+4.25+1 = 7.25
     * batch 1: t1: 4+2+1 = 7, t0: 2+3.5+1 = 6.5 */
    const float want[] = {7.25f, 6.5f, 8.5f, 7, 7, 0};
    assert_floats_near(y, want, 6, 0);
    assert_float_equal(yh[0], 7.25f, 0);
    assert_float_equal(yh[1], 6.5f, 0);
}

static void test_rnn_bidirectional_layout1(void **state)
{
    (void)state;
    /* forward W = 1, R = 1; reverse W = 10, R = 1; layout 1: X [NB, S, I],
     * Y [NB, S, ND, H], Y_h [NB, ND, H]; lengths 2 and 1 */
    const int32_t ip[] = {2, 2, 1, 1, 2, 0, 1, 3, 0, 0, AFFINE, AFFINE};
    const float fp[] = {0, 1, 0, 1, 0};
    const float x[] = {1, 2, 3, 5}, w[] = {1, 10}, r[] = {1, 1};
    const int32_t sl[] = {2, 1};
    float y[8], yh[4], ws[8];
    run_kernel("mlcc_rnn_f32", ip, fp, (const void *const[]){x, w, r, NULL, sl, NULL}, (void *const[]){y, yh, ws});
    const float want_y[] = {1, 30, 3, 20, 3, 30, 0, 0};
    const float want_h[] = {3, 30, 3, 30};
    assert_floats_near(y, want_y, 8, 0);
    assert_floats_near(yh, want_h, 4, 0);
}

static void test_rnn_only_yh_and_zero_length(void **state)
{
    (void)state;
    /* outmask 2: out = [Y_h, scratch]; a length-0 entry gives a zero Y_h */
    const int32_t ip[] = {2, 2, 1, 1, 1, 0, 0, 2, 0, 0, RELU};
    const float fp[] = {0, 0, 0};
    const float x[] = {1, 1, -3, 1}, w[] = {1}, r[] = {1}, h0[] = {5, 5};
    const int32_t sl[] = {2, 0};
    float yh[2], ws[8];
    run_kernel("mlcc_rnn_f32", ip, fp, (const void *const[]){x, w, r, NULL, sl, h0}, (void *const[]){yh, ws});
    /* batch 0: relu(1 + 5) = 6, relu(-3 + 6) = 3 */
    assert_float_equal(yh[0], 3, 0);
    assert_float_equal(yh[1], 0, 0);
}

/* each activation through a one-unit RNN: h = act(x) with W = 1, R = 0 */
static float act1(int id, float a, float b, float xv)
{
    const int32_t ip[] = {1, 1, 1, 1, 1, 0, 0, 2, 0, 0, id};
    const float fp[] = {0, a, b};
    const float x[] = {xv}, w[] = {1}, r[] = {0};
    float yh[1], ws[8];
    run_kernel("mlcc_rnn_f32", ip, fp, (const void *const[]){x, w, r, NULL, NULL, NULL}, (void *const[]){yh, ws});
    return yh[0];
}

static void test_rnn_activations(void **state)
{
    (void)state;
    const float xs[] = {-2.0f, -0.5f, 0.5f, 2.0f};
    for (int i = 0; i < 4; i++) {
        float x = xs[i];
        assert_float_equal(act1(RELU, 0, 0, x), x > 0 ? x : 0, 0);
        assert_float_equal(act1(TANH, 0, 0, x), tanhf(x), 1e-6);
        assert_float_equal(act1(SIGMOID, 0, 0, x), 1 / (1 + expf(-x)), 1e-6);
        assert_float_equal(act1(AFFINE, 3, -1, x), 3 * x - 1, 1e-6);
        assert_float_equal(act1(LEAKY, 0.1f, 0, x), x < 0 ? 0.1f * x : x, 1e-6);
        assert_float_equal(act1(THRESH, 1, 0, x), x > 1 ? x : 0, 0);
        assert_float_equal(act1(STANH, 2, 0.5f, x), 2 * tanhf(0.5f * x), 1e-6);
        float hs = 0.2f * x + 0.5f;
        assert_float_equal(act1(HSIG, 0.2f, 0.5f, x), hs < 0 ? 0 : hs > 1 ? 1 : hs, 1e-6);
        assert_float_equal(act1(ELU, 1.5f, 0, x), x < 0 ? 1.5f * (expf(x) - 1) : x, 1e-6);
        assert_float_equal(act1(SOFTSIGN, 0, 0, x), x / (1 + fabsf(x)), 1e-6);
        assert_float_equal(act1(SOFTPLUS, 0, 0, x), logf(1 + expf(x)), 1e-6);
    }
    /* hard cases: ThresholdedRelu at the threshold, HardSigmoid saturating */
    assert_float_equal(act1(THRESH, 0.5f, 0, 0.5f), 0, 0);
    assert_float_equal(act1(HSIG, 0.2f, 0.5f, 10), 1, 0);
    assert_float_equal(act1(SOFTPLUS, 0, 0, 100), 100, 1e-4);
}

static void test_rnn_clip(void **state)
{
    (void)state;
    /* clip 1 before the activation: h = 3 x clipped to [-1, 1] */
    const int32_t ip[] = {2, 1, 1, 1, 1, 0, 0, 1, 1, 0, AFFINE};
    const float fp[] = {1, 1, 0};
    const float x[] = {2, -0.25f}, w[] = {3}, r[] = {0};
    float y[2], ws[8];
    run_kernel("mlcc_rnn_f32", ip, fp, (const void *const[]){x, w, r, NULL, NULL, NULL}, (void *const[]){y, ws});
    assert_float_equal(y[0], 1, 0);
    assert_float_equal(y[1], -0.75f, 0);
}

/* GRU, one unit: f = HardSigmoid(0.25, 0.5), g = Relu; x = 1, h0 = 1
 * W = [z 1, r 2, h 1], R = [z 0, r -2, h 2], Rbh = 1:
 * z = hs(1) = 0.75, r = hs(0) = 0.5
 * linear_before_reset 0: h~ = relu(1 + 2 (r h0) + 1) = 3,   h = 0.25 * 3 + 0.75 = 1.5
 * linear_before_reset 1: h~ = relu(1 + r (2 h0 + 1)) = 2.5, h = 0.625 + 0.75 = 1.375 */
static void test_gru_linear_before_reset(void **state)
{
    (void)state;
    const float fp[] = {0, 0.25f, 0.5f, 0, 0};
    const float x[] = {1}, w[] = {1, 2, 1}, r[] = {0, -2, 2}, b[] = {0, 0, 0, 0, 0, 1}, h0[] = {1};
    float y[1], yh[1], ws[16];
    const int32_t ip0[] = {1, 1, 1, 1, 1, 0, 0, 3, 0, 0, HSIG, RELU};
    run_kernel("mlcc_gru_f32", ip0, fp, (const void *const[]){x, w, r, b, NULL, h0}, (void *const[]){y, yh, ws});
    assert_float_equal(y[0], 1.5f, 1e-6);
    assert_float_equal(yh[0], 1.5f, 1e-6);
    const int32_t ip1[] = {1, 1, 1, 1, 1, 0, 0, 3, 0, 1, HSIG, RELU};
    run_kernel("mlcc_gru_f32", ip1, fp, (const void *const[]){x, w, r, b, NULL, h0}, (void *const[]){y, yh, ws});
    assert_float_equal(y[0], 1.375f, 1e-6);
}

static void test_gru_two_steps_default_acts(void **state)
{
    (void)state;
    /* H = 1, I = 1, sigmoid / tanh, no bias, two steps, against the formula */
    const int32_t ip[] = {2, 1, 1, 1, 1, 0, 0, 1, 0, 0, SIGMOID, TANH};
    const float fp[] = {0, 0, 0, 0, 0};
    const float x[] = {0.5f, -1}, w[] = {0.3f, -0.2f, 0.8f}, r[] = {0.1f, 0.4f, -0.6f};
    float y[2], ws[16];
    run_kernel("mlcc_gru_f32", ip, fp, (const void *const[]){x, w, r, NULL, NULL, NULL}, (void *const[]){y, ws});
    float h = 0;
    for (int t = 0; t < 2; t++) {
        float z = 1 / (1 + expf(-(0.3f * x[t] + 0.1f * h)));
        float rr = 1 / (1 + expf(-(-0.2f * x[t] + 0.4f * h)));
        float hh = tanhf(0.8f * x[t] - 0.6f * (rr * h));
        h = (1 - z) * hh + z * h;
        assert_float_equal(y[t], h, 1e-6);
    }
}

/* LSTM, one unit: f = HardSigmoid(0.25, 0.5), g = h = Affine(1, 0)
 * W = [i 1, o 1, f 1, c 1], R = 0, x = 1, c0 = 0.4, P = [pi 0.5, po 0.25, pf -0.5]
 * i = hs(1 + 0.2) = 0.8, f = hs(1 - 0.2) = 0.7, c~ = 1, C = 0.28 + 0.8 = 1.08
 * o = hs(1 + 0.27) = 0.8175, h = 0.8175 * 1.08 = 0.8829 */
static void test_lstm_peepholes(void **state)
{
    (void)state;
    const int32_t ip[] = {1, 1, 1, 1, 1, 0, 0, 7, 0, 0, HSIG, AFFINE, AFFINE};
    const float fp[] = {0, 0.25f, 0.5f, 1, 0, 1, 0};
    const float x[] = {1}, w[] = {1, 1, 1, 1}, r[] = {0, 0, 0, 0}, c0[] = {0.4f}, p[] = {0.5f, 0.25f, -0.5f};
    float y[1], yh[1], yc[1], ws[16];
    run_kernel("mlcc_lstm_f32", ip, fp, (const void *const[]){x, w, r, NULL, NULL, NULL, c0, p},
               (void *const[]){y, yh, yc, ws});
    assert_float_equal(yc[0], 1.08f, 1e-6);
    assert_float_equal(yh[0], 0.8829f, 1e-6);
    assert_float_equal(y[0], 0.8829f, 1e-6);
}

static void test_lstm_clip_and_input_forget(void **state)
{
    (void)state;
    const float fp[] = {1.1f, 0.25f, 0.5f, 1, 0, 1, 0};
    const float x[] = {1}, w[] = {1, 1, 1, 1}, r[] = {0, 0, 0, 0}, c0[] = {0.4f}, p[] = {0.5f, 0.25f, -0.5f};
    float yh[1], yc[1], ws[16];
    /* clip 1.1: i = hs(1.1) = 0.775, f = 0.7, C = 0.28 + 0.775 = 1.055,
     * o = hs(min(1.26375, 1.1)) = 0.775, h = 0.775 * 1.055 (h's input is not clipped) */
    const int32_t ipc[] = {1, 1, 1, 1, 1, 0, 0, 6, 1, 0, HSIG, AFFINE, AFFINE};
    run_kernel("mlcc_lstm_f32", ipc, fp, (const void *const[]){x, w, r, NULL, NULL, NULL, c0, p},
               (void *const[]){yh, yc, ws});
    assert_float_equal(yc[0], 1.055f, 1e-6);
    assert_float_equal(yh[0], 0.775f * 1.055f, 1e-6);
    /* input_forget (no clip): f = 1 - i = 0.2, C = 0.08 + 0.8 = 0.88,
     * o = hs(1 + 0.22) = 0.805, h = 0.805 * 0.88; outmask 4: only Y_c */
    const int32_t ipf[] = {1, 1, 1, 1, 1, 0, 0, 4, 0, 1, HSIG, AFFINE, AFFINE};
    run_kernel("mlcc_lstm_f32", ipf, fp, (const void *const[]){x, w, r, NULL, NULL, NULL, c0, p},
               (void *const[]){yc, ws});
    assert_float_equal(yc[0], 0.88f, 1e-6);
}

static void test_lstm_f64_bias_initial_h(void **state)
{
    (void)state;
    /* sigmoid / tanh / tanh, H = 1, one step, biases and initial_h */
    const int32_t ip[] = {1, 1, 1, 1, 1, 0, 0, 6, 0, 0, SIGMOID, TANH, TANH};
    const float fp[] = {0, 0, 0, 0, 0, 0, 0};
    const double x[] = {0.5}, w[] = {0.1, 0.2, 0.3, 0.4}, r[] = {-0.1, 0.5, 0.2, -0.3};
    const double b[] = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08}, h0[] = {0.7}, c0[] = {-0.2};
    double yh[1], yc[1], ws[16];
    run_kernel("mlcc_lstm_f64", ip, fp, (const void *const[]){x, w, r, b, NULL, h0, c0, NULL},
               (void *const[]){yh, yc, ws});
    double pre[4];
    for (int k = 0; k < 4; k++)
        pre[k] = w[k] * 0.5 + r[k] * 0.7 + b[k] + b[4 + k];
    double i = 1 / (1 + exp(-pre[0])), o = 1 / (1 + exp(-pre[1])), f = 1 / (1 + exp(-pre[2]));
    double c = f * -0.2 + i * tanh(pre[3]);
    assert_true(fabs(yc[0] - c) < 1e-12);
    assert_true(fabs(yh[0] - o * tanh(c)) < 1e-12);
}

/* ---------------------------------------------------- shapes (op_rnn.c) */

static int tensor(Graph *g, const char *name, int dtype, int rank, const int64_t *dims)
{
    Tensor *t = tensor_new(g, name);
    if (rank >= 0)
        tensor_set_shape(t, dtype, rank, dims);
    return t->id;
}

static Attr attr_int(const char *name, int64_t v)
{
    Attr a = {0};
    a.name = (char *)name;
    a.type = AT_INT;
    a.i = v;
    return a;
}

static Attr attr_str(const char *name, const char *v)
{
    Attr a = {0};
    a.name = (char *)name;
    a.type = AT_STRING;
    a.s = (char *)v;
    return a;
}

static Attr attr_strs(const char *name, char **v, int n)
{
    Attr a = {0};
    a.name = (char *)name;
    a.type = AT_STRINGS;
    a.strings = v;
    a.n = n;
    return a;
}

/* infer + lower one node with outputs present per `outs` (bit k: output k);
 * false if the op refused it */
static bool run_node(Graph *g, const char *op, int opset, int *ins, int n_in, Attr *attrs, int n_attr, int n_out,
                     unsigned outs, Node **pn, Call *c)
{
    Node *n = xmalloc(sizeof *n);
    n->name = (char *)"n0";
    n->op = (char *)op;
    n->domain = (char *)"";
    n->opset = opset;
    n->n_in = n_in;
    n->in = ins;
    n->n_out = n_out;
    n->out = xmalloc(sizeof(int) * (size_t)n_out);
    for (int k = 0; k < n_out; k++)
        n->out[k] = (outs >> k & 1) ? tensor(g, xfmt("y%d_%d", k, g->n_t), DT_FLOAT, -1, NULL) : -1;
    n->attr = attrs;
    n->n_attr = n_attr;
    n->def = op_lookup(op, opset);
    assert_non_null(n->def);
    *pn = n;
    jmp_buf jb, *saved = g_fail_jmp;
    g_fail_jmp = &jb;
    if (setjmp(jb) != 0) {
        g_fail_jmp = saved;
        return false;
    }
    n->def->infer(g, n);
    n->def->lower(g, n, c);
    g_fail_jmp = saved;
    return true;
}

static void assert_dims(const Tensor *t, int rank, const int64_t *d)
{
    assert_true(t->shaped);
    assert_int_equal(t->rank, rank);
    for (int i = 0; i < rank; i++)
        assert_int_equal(t->dims[i], d[i]);
}

static void test_infer_lstm_bidirectional_layout1(void **state)
{
    (void)state;
    Graph *g = xmalloc(sizeof *g);
    /* layout 1: X [NB=2, S=5, I=3], H = 4, bidirectional; Y omitted */
    int ins[] = {tensor(g, "x", DT_FLOAT, 3, (int64_t[]){2, 5, 3}), tensor(g, "w", DT_FLOAT, 3, (int64_t[]){2, 16, 3}),
                 tensor(g, "r", DT_FLOAT, 3, (int64_t[]){2, 16, 4}), -1,
                 tensor(g, "sl", DT_INT32, 1, (int64_t[]){2}), tensor(g, "h0", DT_FLOAT, 3, (int64_t[]){2, 2, 4})};
    Attr at[] = {attr_int("layout", 1), attr_str("direction", "bidirectional"), attr_int("hidden_size", 4)};
    Node *n;
    Call c = {0};
    assert_true(run_node(g, "LSTM", 14, ins, 6, at, 3, 3, 6, &n, &c));
    assert_dims(g->t[n->out[1]], 3, (int64_t[]){2, 2, 4});
    assert_dims(g->t[n->out[2]], 3, (int64_t[]){2, 2, 4});
    /* header, two directions of f g h, the present outputs only, scratch (4 + 3) H floats */
    const int64_t want[] = {5, 2, 3, 4, 2, 0, 1, 6, 0, 0, 2, 1, 1, 2, 1, 1};
    assert_int_equal(c.ip.n, 16);
    for (int i = 0; i < 16; i++)
        assert_int_equal(c.ip.v[i], want[i]);
    assert_int_equal(c.n_in, 8);
    assert_int_equal(c.in[3], -1);
    assert_int_equal(c.in[7], -1);
    assert_int_equal(c.n_out, 2);
    assert_int_equal(c.out[0], n->out[1]);
    assert_int_equal(c.scratch, 7 * 4 * 4);
}

/* fills the stack below the caller with a pattern, so a value the compiler
 * reads without setting it shows up as the pattern instead of a lucky 0 */
static void __attribute__((noinline)) dirty_stack(void)
{
    volatile unsigned char b[16384];
    for (size_t i = 0; i < sizeof b; i++)
        b[i] = 0x5a;
}

static void test_infer_rnn_shapes_and_acts(void **state)
{
    (void)state;
    Graph *g = xmalloc(sizeof *g);
    dirty_stack();
    /* opset 7, reverse, hidden_size taken from R, alpha list consumed in order */
    int ins[] = {tensor(g, "x", DT_FLOAT, 3, (int64_t[]){6, 2, 3}), tensor(g, "w", DT_FLOAT, 3, (int64_t[]){1, 5, 3}),
                 tensor(g, "r", DT_FLOAT, 3, (int64_t[]){1, 5, 5})};
    char *names[] = {(char *)"leakyrelu"};
    Attr at[] = {attr_str("direction", "reverse"), attr_strs("activations", names, 1)};
    Node *n;
    Call c = {0};
    assert_true(run_node(g, "RNN", 7, ins, 3, at, 2, 2, 3, &n, &c));
    assert_dims(g->t[n->out[0]], 4, (int64_t[]){6, 1, 2, 5});
    assert_dims(g->t[n->out[1]], 3, (int64_t[]){1, 2, 5});
    assert_int_equal(c.ip.v[5], 1);     /* reverse */
    assert_int_equal(c.ip.v[9], 0);     /* no GRU / LSTM option: the same emitted code every run */
    assert_int_equal(c.ip.v[10], LEAKY);
    assert_float_equal(c.fp.v[1], 0.01f, 0); /* LeakyRelu's default alpha */
    assert_string_equal(c.kernel, "mlcc_rnn_f32");
}

static void test_infer_refusals(void **state)
{
    (void)state;
    Graph *g = xmalloc(sizeof *g);
    int x = tensor(g, "x", DT_FLOAT, 3, (int64_t[]){4, 2, 3}), w = tensor(g, "w", DT_FLOAT, 3, (int64_t[]){1, 9, 3});
    int r = tensor(g, "r", DT_FLOAT, 3, (int64_t[]){1, 9, 3});
    Node *n;
    Call c = {0};
    int ins[] = {x, w, r};
    assert_true(run_node(g, "GRU", 14, ins, 3, NULL, 0, 2, 2, &n, &c));
    /* unknown direction */
    Attr bad_dir = attr_str("direction", "sideways");
    assert_false(run_node(g, "GRU", 14, ins, 3, &bad_dir, 1, 2, 2, &n, &c));
    /* unknown activation, wrong activation count */
    char *bad[] = {(char *)"Sigmoid", (char *)"Swish"};
    Attr bad_act = attr_strs("activations", bad, 2);
    assert_false(run_node(g, "GRU", 14, ins, 3, &bad_act, 1, 2, 2, &n, &c));
    Attr one_act = attr_strs("activations", bad, 1);
    assert_false(run_node(g, "GRU", 14, ins, 3, &one_act, 1, 2, 2, &n, &c));
    /* layout 2 */
    Attr lay = attr_int("layout", 2);
    assert_false(run_node(g, "GRU", 14, ins, 3, &lay, 1, 2, 2, &n, &c));
    /* W with the gate count of an LSTM */
    int ins_w[] = {x, tensor(g, "w4", DT_FLOAT, 3, (int64_t[]){1, 12, 3}), r};
    assert_false(run_node(g, "GRU", 14, ins_w, 3, NULL, 0, 2, 2, &n, &c));
    /* hidden_size disagreeing with R */
    Attr hs = attr_int("hidden_size", 4);
    assert_false(run_node(g, "GRU", 14, ins, 3, &hs, 1, 2, 2, &n, &c));
    /* int64 sequence_lens */
    int ins_sl[] = {x, w, r, -1, tensor(g, "sl", DT_INT64, 1, (int64_t[]){2})};
    assert_false(run_node(g, "GRU", 14, ins_sl, 5, NULL, 0, 2, 2, &n, &c));
    /* integer X */
    int ins_i[] = {tensor(g, "xi", DT_INT32, 3, (int64_t[]){4, 2, 3}), w, r};
    assert_false(run_node(g, "GRU", 14, ins_i, 3, NULL, 0, 2, 2, &n, &c));
    /* no output at all */
    assert_false(run_node(g, "GRU", 14, ins, 3, NULL, 0, 2, 0, &n, &c));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rnn_forward_affine),
        cmocka_unit_test(test_rnn_reverse_seq_lens),
        cmocka_unit_test(test_rnn_bidirectional_layout1),
        cmocka_unit_test(test_rnn_only_yh_and_zero_length),
        cmocka_unit_test(test_rnn_activations),
        cmocka_unit_test(test_rnn_clip),
        cmocka_unit_test(test_gru_linear_before_reset),
        cmocka_unit_test(test_gru_two_steps_default_acts),
        cmocka_unit_test(test_lstm_peepholes),
        cmocka_unit_test(test_lstm_clip_and_input_forget),
        cmocka_unit_test(test_lstm_f64_bias_initial_h),
        cmocka_unit_test(test_infer_lstm_bidirectional_layout1),
        cmocka_unit_test(test_infer_rnn_shapes_and_acts),
        cmocka_unit_test(test_infer_refusals),
    };
    return cmocka_run_group_tests_name("kernel_rnn", tests, NULL, NULL);
}
