/* op_gemm.c - Gemm (transA, transB, alpha, beta, optional C broadcast to M x N;
 * opset < 7 `broadcast`, opset < 11 C required) and MatMul (numpy semantics:
 * 1-D operands promoted, batch dims broadcast). (runtime-min/gemm.c) */
#include "mlcc.h"

#include <string.h>

#define INT32_LIMIT ((int64_t)1 << 31)

static void need_small(const Node *n, const Tensor *t)
{
    if (tensor_numel(t) >= INT32_LIMIT)
        node_fail(n, "tensor '%s' of 2^31 or more elements is not supported", t->name);
}

/* ------------------------------------------------------------------ Gemm */

typedef struct {
    int64_t m, n, k, csm, csn;
    bool has_c;
} GemmGeom;

static void gemm_geom(Graph *g, const Node *n, GemmGeom *gg)
{
    Tensor *a = node_input(g, n, 0), *b = node_input(g, n, 1), *c = node_input(g, n, 2);
    if (a->rank != 2 || b->rank != 2)
        node_fail(n, "inputs A (%s) and B (%s) must be matrices", shape_str(a), shape_str(b));
    if (a->dtype != b->dtype || (c && c->dtype != a->dtype))
        node_fail(n, "inputs have different types (%s and %s)", dtype_name(a->dtype),
                  dtype_name(a->dtype != b->dtype ? b->dtype : c->dtype));
    int64_t ta = attr_i(n, "transA", 0), tb = attr_i(n, "transB", 0);
    if (ta != 0 && ta != 1)
        node_fail(n, "attribute 'transA' = %lld is not supported", (long long)ta);
    if (tb != 0 && tb != 1)
        node_fail(n, "attribute 'transB' = %lld is not supported", (long long)tb);
    gg->m = ta ? a->dims[1] : a->dims[0];
    gg->k = ta ? a->dims[0] : a->dims[1];
    int64_t kb = tb ? b->dims[1] : b->dims[0];
    gg->n = tb ? b->dims[0] : b->dims[1];
    if (kb != gg->k)
        node_fail(n, "inner dimensions of A (%s, transA=%lld) and B (%s, transB=%lld) differ", shape_str(a),
                  (long long)ta, shape_str(b), (long long)tb);
    gg->has_c = c != NULL;
    gg->csm = gg->csn = 0;
    if (c) {
        if (c->rank > 2)
            node_fail(n, "input C of shape %s does not broadcast to %lldx%lld", shape_str(c), (long long)gg->m,
                      (long long)gg->n);
        int64_t cm = c->rank == 2 ? c->dims[0] : 1, cn = c->rank >= 1 ? c->dims[c->rank - 1] : 1;
        if ((cm != 1 && cm != gg->m) || (cn != 1 && cn != gg->n))
            node_fail(n, "input C of shape %s does not broadcast to %lldx%lld", shape_str(c), (long long)gg->m,
                      (long long)gg->n);
        if (n->opset < 7 && !attr_i(n, "broadcast", 0) && (c->rank != 2 || cm != gg->m || cn != gg->n))
            node_fail(n, "attribute 'broadcast' = 0 requires C of shape %lldx%lld, not %s", (long long)gg->m,
                      (long long)gg->n, shape_str(c));
        gg->csn = cn == 1 ? 0 : 1;
        gg->csm = cm == 1 ? 0 : cn;
    }
    need_small(n, a);
    need_small(n, b);
    if (checked_mul(gg->m, gg->n, n->name) >= INT32_LIMIT)
        node_fail(n, "output of 2^31 or more elements is not supported");
}

static void infer_gemm(Graph *g, Node *n)
{
    need_inputs(n, n->opset < 11 ? 3 : 2, 3);
    GemmGeom gg;
    gemm_geom(g, n, &gg);
    Tensor *a = node_input(g, n, 0);
    if (!dtype_is_float(a->dtype))
        node_fail(n, "data type %s is not supported by this op", dtype_name(a->dtype));
    int64_t d[2] = {gg.m, gg.n};
    tensor_set_shape(node_output(g, n, 0), a->dtype, 2, d);
}

/* the fused activation: kind into ip, its parameters into fp (float32 only) */
static void push_act(Graph *g, const Node *n, Call *c)
{
    if (n->act.kind && node_output(g, n, 0)->dtype != DT_FLOAT)
        node_fail(n, "a fused activation on %s is not supported", dtype_name(node_output(g, n, 0)->dtype));
    ivec_push(&c->ip, n->act.kind);
    fvec_push(&c->fp, n->act.a);
    fvec_push(&c->fp, n->act.b);
}

/* the fast kernels: float32 and a constant B, unless the target wants the reference */
static bool fast_b(Graph *g, const Node *n, const Tensor *b)
{
    return !(g_target && g_target->reference_kernels) && node_input(g, n, 0)->dtype == DT_FLOAT &&
           b->dtype == DT_FLOAT && b->data != NULL;
}

/* B (K x N, or N x K when transposed) packed for mlcc_gemm_fast_f32 (and
 * op_conv.c's mlcc_conv_pwc_f32): ceil(N / 32) panels of K x 32, the columns
 * past N zero */
int gemm_pack_b(Graph *g, const Tensor *b, int64_t k, int64_t nn, bool trans)
{
    const int64_t nr = 32, panels = (nn + nr - 1) / nr, len = panels * k * nr;
    Tensor *t = tensor_new(g, xfmt("%s.packed%d", b->name, g->n_t));
    tensor_set_shape(t, DT_FLOAT, 1, &len);
    count_constant_bytes(checked_mul(len, (int64_t)sizeof(float), b->name), t->name); /* the copy is a constant too */
    float *d = xmalloc((size_t)len * sizeof(float));
    const float *s = b->data;
    for (int64_t p = 0; p < panels; p++)
        for (int64_t kk = 0; kk < k; kk++)
            for (int64_t j = 0; j < nr; j++) {
                int64_t col = p * nr + j;
                d[(p * k + kk) * nr + j] = col >= nn ? 0.0f : trans ? s[col * k + kk] : s[kk * nn + col];
            }
    t->data = d;
    return t->id;
}

static void lower_gemm_fast(Graph *g, Node *n, Call *c, const GemmGeom *gg)
{
    call_kernel(g, n, c, "gemm_fast", DT_FLOAT);
    ivec_push(&c->ip, gg->m);
    ivec_push(&c->ip, gg->n);
    ivec_push(&c->ip, gg->k);
    ivec_push(&c->ip, attr_i(n, "transA", 0));
    ivec_push(&c->ip, gg->csm);
    ivec_push(&c->ip, gg->csn);
    fvec_push(&c->fp, attr_f(n, "alpha", 1.0f));
    fvec_push(&c->fp, attr_f(n, "beta", 1.0f));
    push_act(g, n, c);
    call_in(c, n->in[0]);
    call_in(c, gemm_pack_b(g, node_input(g, n, 1), gg->k, gg->n, attr_i(n, "transB", 0) != 0));
    call_in(c, gg->has_c ? n->in[2] : -1);
    call_out(c, n->out[0]);
    /* the packed rows of A (M > 1); some scratch always, so that out[1] exists */
    c->scratch = (gg->m > 1 ? gg->k * 8 : 32) * (int64_t)sizeof(float);
}

static void lower_gemm(Graph *g, Node *n, Call *c)
{
    GemmGeom gg;
    gemm_geom(g, n, &gg);
    if (fast_b(g, n, node_input(g, n, 1))) {
        lower_gemm_fast(g, n, c, &gg);
        return;
    }
    call_kernel(g, n, c, "gemm", node_input(g, n, 0)->dtype);
    ivec_push(&c->ip, gg.m);
    ivec_push(&c->ip, gg.n);
    ivec_push(&c->ip, gg.k);
    ivec_push(&c->ip, attr_i(n, "transA", 0));
    ivec_push(&c->ip, attr_i(n, "transB", 0));
    ivec_push(&c->ip, gg.csm);
    ivec_push(&c->ip, gg.csn);
    fvec_push(&c->fp, attr_f(n, "alpha", 1.0f));
    fvec_push(&c->fp, attr_f(n, "beta", 1.0f));
    push_act(g, n, c);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_in(c, gg.has_c ? n->in[2] : -1);
    call_out(c, n->out[0]);
}

/* ---------------------------------------------------------------- MatMul */

typedef struct {
    int64_t m, k, n;
    int nb;                                /* batch rank */
    int64_t bd[MLCC_MAX_RANK], sa[MLCC_MAX_RANK], sb[MLCC_MAX_RANK];
    int rank;                              /* output */
    int64_t dims[MLCC_MAX_RANK];
} MatMulGeom;

static void matmul_geom(Graph *g, const Node *n, MatMulGeom *mg)
{
    Tensor *a = node_input(g, n, 0), *b = node_input(g, n, 1);
    memset(mg, 0, sizeof *mg);
    if (a->rank < 1 || b->rank < 1)
        node_fail(n, "inputs must have rank 1 or more, not %s and %s", shape_str(a), shape_str(b));
    if (a->dtype != b->dtype)
        node_fail(n, "inputs have different types (%s and %s)", dtype_name(a->dtype), dtype_name(b->dtype));
    mg->m = a->rank >= 2 ? a->dims[a->rank - 2] : 1;
    mg->k = a->dims[a->rank - 1];
    int64_t kb = b->rank >= 2 ? b->dims[b->rank - 2] : b->dims[0];
    mg->n = b->rank >= 2 ? b->dims[b->rank - 1] : 1;
    if (kb != mg->k)
        node_fail(n, "inner dimensions of %s and %s differ", shape_str(a), shape_str(b));
    int ra = a->rank > 2 ? a->rank - 2 : 0, rb = b->rank > 2 ? b->rank - 2 : 0;
    if (!broadcast_shapes(ra, a->dims, rb, b->dims, &mg->nb, mg->bd))
        node_fail(n, "batch dimensions of %s and %s do not broadcast", shape_str(a), shape_str(b));
    /* per-operand element strides of each output batch dim (an empty operand:
     * no element is read, and its other dims may be anything, so 0) */
    bool ea = tensor_numel(a) == 0, eb = tensor_numel(b) == 0;
    int64_t s = ea ? 0 : mg->m * mg->k;
    for (int i = ra - 1; i >= 0; i--) {
        mg->sa[i + (mg->nb - ra)] = a->dims[i] == 1 ? 0 : s;
        s = ea ? 0 : s * a->dims[i];
    }
    s = eb ? 0 : mg->k * mg->n;
    for (int i = rb - 1; i >= 0; i--) {
        mg->sb[i + (mg->nb - rb)] = b->dims[i] == 1 ? 0 : s;
        s = eb ? 0 : s * b->dims[i];
    }
    mg->rank = mg->nb;
    memcpy(mg->dims, mg->bd, sizeof(int64_t) * (size_t)mg->nb);
    if (a->rank >= 2)
        mg->dims[mg->rank++] = mg->m;
    if (b->rank >= 2) {
        if (mg->rank >= MLCC_MAX_RANK)
            node_fail(n, "result rank is above the limit of %d", MLCC_MAX_RANK);
        mg->dims[mg->rank++] = mg->n;
    }
    need_small(n, a);
    need_small(n, b);
    int64_t ys = 1;
    for (int i = 0; i < mg->rank; i++)
        ys = checked_mul(ys, mg->dims[i], n->name);
    if (ys >= INT32_LIMIT)
        node_fail(n, "output of 2^31 or more elements is not supported");
}

static void infer_matmul(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    MatMulGeom mg;
    matmul_geom(g, n, &mg);
    tensor_set_shape(node_output(g, n, 0), node_input(g, n, 0)->dtype, mg.rank, mg.dims);
}

static void lower_matmul(Graph *g, Node *n, Call *c)
{
    MatMulGeom mg;
    matmul_geom(g, n, &mg);
    Tensor *a = node_input(g, n, 0), *b = node_input(g, n, 1);
    if (b->rank == 2 && mg.n > 1 && fast_b(g, n, b)) {
        /* a constant matrix B: every row of A (batch dims flattened) times B */
        GemmGeom gg = {tensor_numel(a) / (mg.k ? mg.k : 1), mg.n, mg.k, 0, 0, false};
        if (mg.k > 0) {
            lower_gemm_fast(g, n, c, &gg);
            return;
        }
    }
    call_kernel(g, n, c, "matmul", a->dtype);
    /* drop batch dims of size 1 */
    int nb = 0;
    int64_t bd[MLCC_MAX_RANK], sa[MLCC_MAX_RANK], sb[MLCC_MAX_RANK];
    for (int i = 0; i < mg.nb; i++) {
        if (mg.bd[i] == 1)
            continue;
        bd[nb] = mg.bd[i];
        sa[nb] = mg.sa[i];
        sb[nb] = mg.sb[i];
        nb++;
    }
    ivec_push(&c->ip, mg.m);
    ivec_push(&c->ip, mg.k);
    ivec_push(&c->ip, mg.n);
    ivec_push(&c->ip, nb);
    for (int i = 0; i < nb; i++)
        ivec_push(&c->ip, bd[i]);
    for (int i = 0; i < nb; i++)
        ivec_push(&c->ip, sa[i]);
    for (int i = 0; i < nb; i++)
        ivec_push(&c->ip, sb[i]);
    push_act(g, n, c);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_out(c, n->out[0]);
}

const OpDef ops_gemm[] = {
    {"Gemm", 1, 17, infer_gemm, lower_gemm, 0, OPF_FUSE_ACT, "gemm",
     "transA/transB, alpha, beta, C broadcast to MxN (optional from opset 11); float32/float64"},
    {"MatMul", 1, 17, infer_matmul, lower_matmul, 0, OPF_FUSE_ACT, "gemm",
     "numpy semantics, batch broadcasting; float32/float64/int32/int64/uint32/uint64"},
    {0},
};
