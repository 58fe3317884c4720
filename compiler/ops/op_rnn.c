/* op_rnn.c - recurrent layers: RNN GRU LSTM (runtime-min/rnn.c).
 *
 * Every direction, layout 0/1 (opset 14), the eleven gate activations with
 * activation_alpha / activation_beta, clip, optional B, sequence_lens (a
 * constant or a run-time input), initial_h, initial_c, P, input_forget,
 * linear_before_reset; any of Y, Y_h, Y_c may be omitted. One kernel call does
 * every direction; it gets the present outputs in order and a scratch buffer. */
#include "mlcc.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { K_RNN, K_GRU, K_LSTM };

static int kind_of(const Node *n)
{
    return n->op[0] == 'R' ? K_RNN : n->op[0] == 'G' ? K_GRU : K_LSTM;
}

/* gates per direction (rows of W / R per hidden unit) and activations per direction */
static int gates_of(int kind) { return kind == K_RNN ? 1 : kind == K_GRU ? 3 : 4; }
static int acts_of(int kind) { return kind + 1; }

/* The activation names the ops accept, with the ONNX operator defaults of
 * alpha / beta; uses: 1 alpha, 2 beta (consumed from activation_alpha /
 * activation_beta in order by the activations that take them). */
static const struct {
    const char *name;
    int uses;
    float alpha, beta;
} acts[] = {
    {"Relu", 0, 0, 0},
    {"Tanh", 0, 0, 0},
    {"Sigmoid", 0, 0, 0},
    {"Affine", 3, 1.0f, 0.0f},
    {"LeakyRelu", 1, 0.01f, 0},
    {"ThresholdedRelu", 1, 1.0f, 0},
    {"ScaledTanh", 3, 1.0f, 1.0f},
    {"HardSigmoid", 3, 0.2f, 0.5f},
    {"Elu", 1, 1.0f, 0},
    {"Softsign", 0, 0, 0},
    {"Softplus", 0, 0, 0},
};
#define N_ACTS (int)(sizeof acts / sizeof acts[0])

typedef struct {
    int kind, G, NA;
    int64_t S, NB, I, H;
    int ND, rev, layout;
    int act[6];
    float ab[12];
    int has_clip;
    float clip;
    int extra;
} Rnn;

static int num_directions(const Node *n, int *rev)
{
    const char *dir = attr_s(n, "direction", "forward");
    *rev = 0;
    if (!strcasecmp(dir, "forward"))
        return 1;
    if (!strcasecmp(dir, "reverse")) {
        *rev = 1;
        return 1;
    }
    if (!strcasecmp(dir, "bidirectional"))
        return 2;
    node_fail(n, "attribute 'direction' = '%s' is not supported (forward, reverse, bidirectional)", dir);
}

static void parse_activations(const Node *n, Rnn *p)
{
    static const char *const dflt[3][3] = {{"Tanh"}, {"Sigmoid", "Tanh"}, {"Sigmoid", "Tanh", "Tanh"}};
    const Attr *a = attr_get(n, "activations");
    int want = p->NA * p->ND;
    if (a && a->type != AT_STRINGS)
        node_fail(n, "attribute 'activations' must be a list of strings");
    if (a && a->n != want && !(p->ND == 2 && a->n == p->NA))
        node_fail(n, "attribute 'activations' has %d names; %d are needed (%d per direction)", a->n, want, p->NA);
    const float *alpha = NULL, *beta = NULL;
    int na = attr_floats(n, "activation_alpha", &alpha), nb = attr_floats(n, "activation_beta", &beta);
    int ia = 0, ib = 0;
    for (int k = 0; k < want; k++) {
        const char *name = a ? a->strings[k % a->n] : dflt[p->kind][k % p->NA];
        int id = -1;
        for (int i = 0; i < N_ACTS; i++)
            if (!strcasecmp(name, acts[i].name))
                id = i;
        if (id < 0)
            node_fail(n, "attribute 'activations' = '%s' is not supported (Relu, Tanh, Sigmoid, Affine, LeakyRelu, "
                      "ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, Softplus)", name);
        p->act[k] = id;
        p->ab[2 * k] = acts[id].alpha;
        p->ab[2 * k + 1] = acts[id].beta;
        if ((acts[id].uses & 1) && ia < na)
            p->ab[2 * k] = alpha[ia++];
        if ((acts[id].uses & 2) && ib < nb)
            p->ab[2 * k + 1] = beta[ib++];
    }
}

static void need_dims(const Node *n, const Tensor *t, const char *what, int rank, const int64_t *dims)
{
    bool ok = t->rank == rank;
    for (int i = 0; ok && i < rank; i++)
        ok = t->dims[i] == dims[i];
    if (ok)
        return;
    char want[160] = "";
    int len = 0;
    for (int i = 0; i < rank; i++)
        len += snprintf(want + len, sizeof want - (size_t)len, "%s%lld", i ? "x" : "", (long long)dims[i]);
    node_fail(n, "input '%s' (%s) has shape %s; %s is needed", t->name, what, shape_str(t), want);
}

static void need_type(const Node *n, const Tensor *t, const Tensor *x, const char *what)
{
    if (t->dtype != x->dtype)
        node_fail(n, "input '%s' (%s) has data type %s while X is %s", t->name, what, dtype_name(t->dtype),
                  dtype_name(x->dtype));
}

/* validate the node, fill p, set the output shapes */
static void analyse(Graph *g, const Node *n, Rnn *p)
{
    /* every field starts at 0: those a kind has no use for (extra for a
     * plain RNN) still reach the call's parameters */
    memset(p, 0, sizeof *p);
    p->kind = kind_of(n);
    p->G = gates_of(p->kind);
    p->NA = acts_of(p->kind);
    int max_in = p->kind == K_LSTM ? 8 : 6, max_out = p->kind == K_LSTM ? 3 : 2;
    if (n->n_in < 3 || n->n_in > max_in)
        node_fail(n, "has %d inputs, expected 3 to %d", n->n_in, max_in);
    for (int k = 0; k < 3; k++)
        if (n->in[k] < 0)
            node_fail(n, "required input %d is missing", k);
    if (n->n_out > max_out)
        node_fail(n, "has %d outputs, expected at most %d", n->n_out, max_out);
    Tensor *x = node_input(g, n, 0), *w = node_input(g, n, 1), *r = node_input(g, n, 2);
    if (x->dtype != DT_FLOAT && x->dtype != DT_DOUBLE)
        node_fail(n, "data type %s is not supported by this op (float32, float64)", dtype_name(x->dtype));
    p->ND = num_directions(n, &p->rev);
    int64_t layout = n->opset >= 14 ? attr_i(n, "layout", 0) : 0;
    if (layout != 0 && layout != 1)
        node_fail(n, "attribute 'layout' = %lld is not supported (0, 1)", (long long)layout);
    p->layout = (int)layout;
    if (x->rank != 3)
        node_fail(n, "input X has shape %s; rank 3 is needed", shape_str(x));
    p->S = x->dims[p->layout ? 1 : 0];
    p->NB = x->dims[p->layout ? 0 : 1];
    p->I = x->dims[2];
    if (r->rank != 3)
        node_fail(n, "input R has shape %s; rank 3 is needed", shape_str(r));
    p->H = attr_i(n, "hidden_size", r->dims[2]);
    if (p->H <= 0)
        node_fail(n, "attribute 'hidden_size' = %lld is not supported (must be positive)", (long long)p->H);
    if (p->H != r->dims[2])
        node_fail(n, "attribute 'hidden_size' = %lld does not match input R of shape %s", (long long)p->H,
                  shape_str(r));
    int64_t GH = p->G * p->H;
    need_type(n, w, x, "W");
    need_type(n, r, x, "R");
    need_dims(n, w, "W", 3, (int64_t[]){p->ND, GH, p->I});
    need_dims(n, r, "R", 3, (int64_t[]){p->ND, GH, p->H});
    int64_t sd[3] = {p->ND, p->NB, p->H};
    if (p->layout)
        sd[0] = p->NB, sd[1] = p->ND;
    Tensor *b = node_input(g, n, 3), *sl = node_input(g, n, 4), *h0 = node_input(g, n, 5);
    if (b) {
        need_type(n, b, x, "B");
        need_dims(n, b, "B", 2, (int64_t[]){p->ND, 2 * GH});
    }
    if (sl) {
        if (sl->dtype != DT_INT32)
            node_fail(n, "input '%s' (sequence_lens) has data type %s; int32 is needed", sl->name,
                      dtype_name(sl->dtype));
        need_dims(n, sl, "sequence_lens", 1, (int64_t[]){p->NB});
    }
    if (h0) {
        need_type(n, h0, x, "initial_h");
        need_dims(n, h0, "initial_h", 3, sd);
    }
    if (p->kind == K_LSTM) {
        Tensor *c0 = node_input(g, n, 6), *pp = node_input(g, n, 7);
        if (c0) {
            need_type(n, c0, x, "initial_c");
            need_dims(n, c0, "initial_c", 3, sd);
        }
        if (pp) {
            need_type(n, pp, x, "P");
            need_dims(n, pp, "P", 2, (int64_t[]){p->ND, 3 * p->H});
        }
    }
    /* every index the kernel computes stays in int32 */
    int64_t biggest = checked_mul(checked_mul(p->S, p->NB, "RNN sizes"), checked_mul(p->ND, p->H, "RNN sizes"),
                                  "RNN sizes");
    if (biggest > INT32_MAX || tensor_numel(x) > INT32_MAX || tensor_numel(w) > INT32_MAX ||
        tensor_numel(r) > INT32_MAX)
        node_fail(n, "tensors with more than 2^31 elements are not supported");
    parse_activations(n, p);
    const Attr *ca = attr_get(n, "clip");
    p->has_clip = ca != NULL;
    p->clip = ca ? ca->f : 0.0f;
    if (ca && !(p->clip >= 0.0f))
        node_fail(n, "attribute 'clip' = %g is not supported (must be a non-negative threshold)", (double)p->clip);
    if (p->kind == K_GRU) {
        p->extra = attr_i(n, "linear_before_reset", 0) != 0;
    } else if (p->kind == K_LSTM) {
        int64_t f = attr_i(n, "input_forget", 0);
        if (f != 0 && f != 1)
            node_fail(n, "attribute 'input_forget' = %lld is not supported (0, 1)", (long long)f);
        p->extra = (int)f;
    }
}

static void infer_rnn(Graph *g, Node *n)
{
    Rnn p;
    analyse(g, n, &p);
    Tensor *x = node_input(g, n, 0);
    int64_t yd[4] = {p.S, p.ND, p.NB, p.H}, sd[3] = {p.ND, p.NB, p.H};
    if (p.layout) {
        yd[0] = p.NB, yd[1] = p.S, yd[2] = p.ND;
        sd[0] = p.NB, sd[1] = p.ND;
    }
    bool any = false;
    for (int k = 0; k < n->n_out; k++) {
        Tensor *t = node_output(g, n, k);
        if (!t)
            continue;
        any = true;
        if (k == 0)
            tensor_set_shape(t, x->dtype, 4, yd);
        else
            tensor_set_shape(t, x->dtype, 3, sd);
    }
    if (!any)
        node_fail(n, "has no output");
}

static void lower_rnn(Graph *g, Node *n, Call *c)
{
    static const char *const base[] = {"rnn", "gru", "lstm"};
    Rnn p;
    analyse(g, n, &p);
    opguard_fold_cost(g, n, (double)p.S * (double)p.NB * (double)p.ND * (double)p.G * (double)p.H *
                                (double)(p.I + p.H + 8));
    Tensor *x = node_input(g, n, 0);
    call_kernel(g, n, c, base[p.kind], x->dtype);
    int mask = 0;
    for (int k = 0; k < n->n_out; k++)
        if (n->out[k] >= 0)
            mask |= 1 << k;
    const int64_t hdr[] = {p.S, p.NB, p.I, p.H, p.ND, p.rev, p.layout, mask, p.has_clip, p.extra};
    for (size_t i = 0; i < sizeof hdr / sizeof hdr[0]; i++)
        ivec_push(&c->ip, hdr[i]);
    fvec_push(&c->fp, p.clip);
    for (int k = 0; k < p.NA * p.ND; k++) {
        ivec_push(&c->ip, p.act[k]);
        fvec_push(&c->fp, p.ab[2 * k]);
        fvec_push(&c->fp, p.ab[2 * k + 1]);
    }
    int n_in = p.kind == K_LSTM ? 8 : 6;
    for (int k = 0; k < n_in; k++)
        call_in(c, k < n->n_in ? n->in[k] : -1);
    for (int k = 0; k < n->n_out; k++)
        if (n->out[k] >= 0)
            call_out(c, n->out[k]);
    c->scratch = (int64_t)(p.G + 3) * p.H * dtype_size(x->dtype);
}

GUARD_INFER(infer_rnn)
GUARD_LOWER(lower_rnn)

const OpDef ops_rnn[] = {
    {"RNN", 1, 17, infer_rnn_guarded, lower_rnn_guarded, 0, 0, "rnn",
     "all directions, layout 0/1, 11 activations, clip, run-time sequence_lens; float32/float64"},
    {"GRU", 1, 17, infer_rnn_guarded, lower_rnn_guarded, 0, 0, "rnn",
     "all directions, layout 0/1, linear_before_reset, 11 activations, clip, run-time sequence_lens; float32/float64"},
    {"LSTM", 1, 17, infer_rnn_guarded, lower_rnn_guarded, 0, 0, "rnn",
     "all directions, layout 0/1, peepholes, input_forget, 11 activations, clip, run-time sequence_lens; "
     "float32/float64"},
    {0},
};
