/* op_quant.c - quantization: QuantizeLinear and DequantizeLinear (per tensor;
 * per axis from opset 13), DynamicQuantizeLinear, ConvInteger and QLinearConv
 * (1-3 spatial dims, group, pads, auto_pad, strides, dilations, per-channel
 * weight parameters), MatMulInteger and QLinearMatMul (numpy batching, per-row
 * / per-column parameters). Scales and zero points may be runtime inputs: the
 * kernels read them from their buffers. (runtime-min/quant.c) */
#include "mlcc.h"

#include <string.h>

#define Q_LIMIT ((int64_t)1 << 31)
#define QCONV_MAX_SP 3

static bool is_q8(int dt) { return dt == DT_UINT8 || dt == DT_INT8; }

/* kernel mlcc_<base>_<suffix of each dtype> */
static void q_kernel(Node *n, Call *c, const char *base, int cnt, const int *dts)
{
    Buf b = {0}, names = {0};
    buf_printf(&b, "mlcc_%s", base);
    for (int i = 0; i < cnt; i++) {
        buf_printf(&b, "_%s", dtype_suffix(dts[i]));
        buf_printf(&names, "%s%s", i ? ", " : "", dtype_name(dts[i]));
    }
    if (!kernel_find(b.s))
        node_fail(n, "data types (%s) are not supported by this op", names.s);
    c->kernel = b.s;
}

static void q_small(const Node *n, const Tensor *t)
{
    if (tensor_numel(t) >= Q_LIMIT)
        node_fail(n, "tensor '%s' of 2^31 or more elements is not supported", t->name);
}

/* input k (if present) has data type dt */
static void need_dtype(const Node *n, const Tensor *t, int k, int dt, const char *what)
{
    if (t && t->dtype != dt)
        node_fail(n, "input %d ('%s', the %s) has data type %s, expected %s", k, t->name, what,
                  dtype_name(t->dtype), dtype_name(dt));
}

static void need_q8(const Node *n, const Tensor *t, int k, const char *what)
{
    if (t && !is_q8(t->dtype))
        node_fail(n, "input %d ('%s', the %s) has data type %s, expected uint8 or int8", k, t->name, what,
                  dtype_name(t->dtype));
}

/* a per-tensor parameter: one element */
static void need_scalar(const Node *n, const Tensor *t, int k, const char *what)
{
    if (t && tensor_numel(t) != 1)
        node_fail(n, "input %d ('%s', the %s) of shape %s is not supported (must be a scalar)", k, t->name, what,
                  shape_str(t));
}

/* --------------------------------------------- QuantizeLinear / DequantizeLinear */

/* The quantization axis and [outer, C, inner] view of x for scale input 1 and
 * zero point input 2 (C = 1 for per-tensor parameters). */
static void qdq_view(Graph *g, const Node *n, int64_t *outer, int64_t *cdim, int64_t *inner)
{
    Tensor *x = node_input(g, n, 0), *s = node_input(g, n, 1), *z = node_input(g, n, 2);
    int64_t total = tensor_numel(x);
    *outer = 1;
    *cdim = 1;
    *inner = total;
    if (tensor_numel(s) == 1) {
        if (z && tensor_numel(z) != 1)
            node_fail(n, "zero point of shape %s does not match the scale of shape %s", shape_str(z),
                      shape_str(s));
        return;
    }
    if (n->opset < 13)
        node_fail(n, "input 1 ('%s', the scale) of shape %s is not supported (a scalar before opset 13)", s->name,
                  shape_str(s));
    if (s->rank != 1)
        node_fail(n, "input 1 ('%s', the scale) of shape %s is not supported (a scalar or a 1-D tensor)",
                  s->name, shape_str(s));
    int64_t ax = attr_i(n, "axis", 1);
    if (x->rank < 1)
        node_fail(n, "attribute 'axis' = %lld is not supported for a scalar input", (long long)ax);
    int a = norm_axis(n, ax, x->rank);
    if (s->dims[0] != x->dims[a])
        node_fail(n, "scale of shape %s does not match dimension %d (%lld) of input x of shape %s", shape_str(s),
                  a, (long long)x->dims[a], shape_str(x));
    if (z && (z->rank != 1 || z->dims[0] != s->dims[0]))
        node_fail(n, "zero point of shape %s does not match the scale of shape %s", shape_str(z), shape_str(s));
    *cdim = x->dims[a];
    for (int i = 0; i < a; i++)
        *outer *= x->dims[i];
    *inner = 1;
    for (int i = a + 1; i < x->rank; i++)
        *inner *= x->dims[i];
}

static void infer_quantize(Graph *g, Node *n)
{
    need_inputs(n, 2, 3);
    Tensor *x = node_input(g, n, 0), *s = node_input(g, n, 1), *z = node_input(g, n, 2);
    if (x->dtype != DT_FLOAT && x->dtype != DT_INT32)
        node_fail(n, "data type %s is not supported by this op (float32 or int32 input)", dtype_name(x->dtype));
    need_dtype(n, s, 1, DT_FLOAT, "scale");
    need_q8(n, z, 2, "zero point");
    q_small(n, x);
    int64_t o, c, i;
    qdq_view(g, n, &o, &c, &i);
    tensor_set_shape(node_output(g, n, 0), z ? z->dtype : DT_UINT8, x->rank, x->dims);
}

static void infer_dequantize(Graph *g, Node *n)
{
    need_inputs(n, 2, 3);
    Tensor *x = node_input(g, n, 0), *s = node_input(g, n, 1), *z = node_input(g, n, 2);
    if (!is_q8(x->dtype) && x->dtype != DT_INT32)
        node_fail(n, "data type %s is not supported by this op (uint8, int8 or int32 input)", dtype_name(x->dtype));
    need_dtype(n, s, 1, DT_FLOAT, "scale");
    need_dtype(n, z, 2, x->dtype, "zero point");
    q_small(n, x);
    int64_t o, c, i;
    qdq_view(g, n, &o, &c, &i);
    tensor_set_shape(node_output(g, n, 0), DT_FLOAT, x->rank, x->dims);
}

static void lower_qdq(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    if (!strcmp(n->op, "QuantizeLinear")) {
        int dts[2] = {x->dtype, y->dtype};
        q_kernel(n, c, "quantizelinear", 2, dts);
    } else {
        call_kernel(g, n, c, "dequantizelinear", x->dtype);
    }
    int64_t o, ch, i;
    qdq_view(g, n, &o, &ch, &i);
    ivec_push(&c->ip, o);
    ivec_push(&c->ip, ch);
    ivec_push(&c->ip, i);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_in(c, n->n_in > 2 ? n->in[2] : -1);
    call_out(c, n->out[0]);
}

/* ------------------------------------------------------- DynamicQuantizeLinear */

static void infer_dynquant(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    if (x->dtype != DT_FLOAT)
        node_fail(n, "data type %s is not supported by this op (float32 input)", dtype_name(x->dtype));
    if (n->n_out != 3)
        node_fail(n, "has %d outputs, expected 3", n->n_out);
    for (int k = 0; k < 3; k++)
        if (n->out[k] < 0)
            node_fail(n, "output %d is missing", k);
    q_small(n, x);
    tensor_set_shape(node_output(g, n, 0), DT_UINT8, x->rank, x->dims);
    tensor_set_shape(node_output(g, n, 1), DT_FLOAT, 0, NULL);
    tensor_set_shape(node_output(g, n, 2), DT_UINT8, 0, NULL);
}

static void lower_dynquant(Graph *g, Node *n, Call *c)
{
    call_kernel(g, n, c, "dynamicquantizelinear", DT_FLOAT);
    ivec_push(&c->ip, tensor_numel(node_input(g, n, 0)));
    call_in(c, n->in[0]);
    for (int k = 0; k < 3; k++)
        call_out(c, n->out[k]);
}

/* ----------------------------------------------------- ConvInteger / QLinearConv */

/* input positions of one conv-like op */
typedef struct {
    int x, w, xz, wz, xs, ws, ys, yz, b; /* -1: the op has none */
} QConvIn;

static const QConvIn convinteger_in = {0, 1, 2, 3, -1, -1, -1, -1, -1};
static const QConvIn qlinearconv_in = {0, 3, 2, 5, 1, 4, 6, 7, 8};

typedef struct {
    int nsp;
    int64_t n, c, m, group;
    int64_t in[QCONV_MAX_SP], out[QCONV_MAX_SP], k[QCONV_MAX_SP], s[QCONV_MAX_SP], d[QCONV_MAX_SP];
    int64_t pb[QCONV_MAX_SP];
} QConvGeom;

static bool qconv_ints(const Node *n, const char *name, int want, int64_t lo, int64_t *out)
{
    const int64_t *v;
    int cnt = attr_ints(n, name, &v);
    if (cnt < 0)
        return false;
    if (cnt != want)
        node_fail(n, "attribute '%s' has %d values, expected %d", name, cnt, want);
    for (int i = 0; i < cnt; i++) {
        if (v[i] < lo || v[i] > 1000000)
            node_fail(n, "attribute '%s' = %lld is not supported", name, (long long)v[i]);
        out[i] = v[i];
    }
    return true;
}

static Tensor *qin(Graph *g, const Node *n, int k) { return k >= 0 && k < n->n_in ? node_input(g, n, k) : NULL; }

static void qconv_geom(Graph *g, const Node *n, const QConvIn *ix, QConvGeom *cg)
{
    memset(cg, 0, sizeof *cg);
    Tensor *x = qin(g, n, ix->x), *w = qin(g, n, ix->w);
    if (x->rank < 3 || x->rank > 2 + QCONV_MAX_SP)
        node_fail(n, "input x of shape %s is not supported (1 to %d spatial dims)", shape_str(x), QCONV_MAX_SP);
    if (w->rank != x->rank)
        node_fail(n, "weight w of shape %s does not match input x of shape %s", shape_str(w), shape_str(x));
    int sp = x->rank - 2;
    cg->nsp = sp;
    cg->n = x->dims[0];
    cg->c = x->dims[1];
    cg->m = w->dims[0];
    cg->group = attr_i(n, "group", 1);
    if (cg->group < 1 || cg->group > cg->c || cg->c % cg->group)
        node_fail(n, "attribute 'group' = %lld is not supported for %lld input channels", (long long)cg->group,
                  (long long)cg->c);
    if (w->dims[1] != cg->c / cg->group)
        node_fail(n, "weight w of shape %s does not match %lld input channels in %lld groups", shape_str(w),
                  (long long)cg->c, (long long)cg->group);
    if (cg->m % cg->group)
        node_fail(n, "attribute 'group' = %lld does not divide %lld output channels", (long long)cg->group,
                  (long long)cg->m);
    int64_t ks[QCONV_MAX_SP], pads[2 * QCONV_MAX_SP] = {0};
    for (int i = 0; i < sp; i++) {
        cg->in[i] = x->dims[2 + i];
        cg->k[i] = w->dims[2 + i];
        cg->s[i] = cg->d[i] = 1;
    }
    if (qconv_ints(n, "kernel_shape", sp, 1, ks))
        for (int i = 0; i < sp; i++)
            if (ks[i] != cg->k[i])
                node_fail(n, "attribute 'kernel_shape' does not match weight w of shape %s", shape_str(w));
    qconv_ints(n, "strides", sp, 1, cg->s);
    qconv_ints(n, "dilations", sp, 1, cg->d);
    const char *ap = attr_s(n, "auto_pad", "NOTSET");
    bool same = !strcmp(ap, "SAME_UPPER") || !strcmp(ap, "SAME_LOWER");
    if (!same && strcmp(ap, "NOTSET") && strcmp(ap, "VALID") && ap[0])
        node_fail(n, "attribute 'auto_pad' = '%s' is not supported", ap);
    if (!strcmp(ap, "NOTSET") || !ap[0])
        qconv_ints(n, "pads", 2 * sp, 0, pads);
    for (int i = 0; i < sp; i++) {
        int64_t in = cg->in[i], s = cg->s[i], eff = (cg->k[i] - 1) * cg->d[i] + 1;
        /* the kernels' int32 arithmetic sums a few of these */
        if (in + pads[i] + pads[sp + i] > INT32_MAX / 4 || eff > INT32_MAX / 4)
            node_fail(n, "spatial axis %d: the padded input (%lld) or the dilated kernel (%lld) is too large", i,
                      (long long)(in + pads[i] + pads[sp + i]), (long long)eff);
        if (same) {
            int64_t o = (in + s - 1) / s, total = (o - 1) * s + eff - in;
            if (total < 0)
                total = 0;
            cg->out[i] = o;
            cg->pb[i] = !strcmp(ap, "SAME_UPPER") ? total / 2 : total - total / 2;
        } else {
            int64_t span = in + pads[i] + pads[sp + i];
            if (span < eff)
                node_fail(n, "kernel extent %lld is larger than the padded input (%lld) on spatial axis %d",
                          (long long)eff, (long long)span, i);
            cg->pb[i] = pads[i];
            cg->out[i] = (span - eff) / s + 1;
        }
    }
    int64_t ys = checked_mul(cg->n, cg->m, n->name);
    for (int i = 0; i < sp; i++)
        ys = checked_mul(ys, cg->out[i], n->name);
    q_small(n, x);
    q_small(n, w);
    if (ys >= Q_LIMIT)
        node_fail(n, "output of 2^31 or more elements is not supported");
}

/* a per-output-channel parameter: one element or a 1-D tensor of m; true if per channel */
static bool per_channel(const Node *n, const Tensor *t, int k, int64_t m, const char *what)
{
    if (!t || tensor_numel(t) == 1)
        return false;
    if (t->rank != 1 || t->dims[0] != m)
        node_fail(n, "input %d ('%s', the %s) of shape %s is not supported (a scalar or %lld values, one per "
                  "output channel)", k, t->name, what, shape_str(t), (long long)m);
    return true;
}

static void infer_qconv(Graph *g, Node *n)
{
    bool ql = !strcmp(n->op, "QLinearConv");
    const QConvIn *ix = ql ? &qlinearconv_in : &convinteger_in;
    need_inputs(n, ql ? 8 : 2, ql ? 9 : 4);
    QConvGeom cg;
    Tensor *x = qin(g, n, ix->x), *w = qin(g, n, ix->w);
    need_q8(n, x, ix->x, "input x");
    need_q8(n, w, ix->w, "weight w");
    qconv_geom(g, n, ix, &cg);
    Tensor *xz = qin(g, n, ix->xz), *wz = qin(g, n, ix->wz);
    need_dtype(n, xz, ix->xz, x->dtype, "x zero point");
    need_scalar(n, xz, ix->xz, "x zero point");
    need_dtype(n, wz, ix->wz, w->dtype, "w zero point");
    per_channel(n, wz, ix->wz, cg.m, "w zero point");
    int ydt = DT_INT32;
    if (ql) {
        Tensor *xs = qin(g, n, ix->xs), *ws = qin(g, n, ix->ws), *ys = qin(g, n, ix->ys), *yz = qin(g, n, ix->yz);
        Tensor *b = qin(g, n, ix->b);
        need_dtype(n, xs, ix->xs, DT_FLOAT, "x scale");
        need_scalar(n, xs, ix->xs, "x scale");
        need_dtype(n, ws, ix->ws, DT_FLOAT, "w scale");
        per_channel(n, ws, ix->ws, cg.m, "w scale");
        need_dtype(n, ys, ix->ys, DT_FLOAT, "y scale");
        need_scalar(n, ys, ix->ys, "y scale");
        need_q8(n, yz, ix->yz, "y zero point");
        need_scalar(n, yz, ix->yz, "y zero point");
        if (b) {
            need_dtype(n, b, ix->b, DT_INT32, "bias");
            if (b->rank != 1 || b->dims[0] != cg.m)
                node_fail(n, "bias B of shape %s does not match %lld output channels", shape_str(b),
                          (long long)cg.m);
        }
        ydt = yz->dtype;
    }
    int64_t d[2 + QCONV_MAX_SP] = {cg.n, cg.m};
    for (int i = 0; i < cg.nsp; i++)
        d[2 + i] = cg.out[i];
    tensor_set_shape(node_output(g, n, 0), ydt, 2 + cg.nsp, d);
}

static void lower_qconv(Graph *g, Node *n, Call *c)
{
    bool ql = !strcmp(n->op, "QLinearConv");
    const QConvIn *ix = ql ? &qlinearconv_in : &convinteger_in;
    QConvGeom cg;
    qconv_geom(g, n, ix, &cg);
    double cost = (double)cg.n * (double)cg.m * (double)(cg.c / cg.group);
    for (int i = 0; i < cg.nsp; i++)
        cost *= (double)cg.out[i] * (double)cg.k[i];
    opguard_fold_cost(g, n, cost);
    Tensor *x = qin(g, n, ix->x), *w = qin(g, n, ix->w), *y = node_output(g, n, 0);
    int dts[3] = {x->dtype, w->dtype, y->dtype};
    q_kernel(n, c, ql ? "qlinearconv" : "convinteger", ql ? 3 : 2, dts);
    int64_t in[3], out[3], k[3], s[3], d[3], p[3];
    int lead = QCONV_MAX_SP - cg.nsp;
    for (int i = 0; i < QCONV_MAX_SP; i++) {
        int j = i - lead;
        in[i] = j >= 0 ? cg.in[j] : 1;
        out[i] = j >= 0 ? cg.out[j] : 1;
        k[i] = j >= 0 ? cg.k[j] : 1;
        s[i] = j >= 0 ? cg.s[j] : 1;
        d[i] = j >= 0 ? cg.d[j] : 1;
        p[i] = j >= 0 ? cg.pb[j] : 0;
    }
    ivec_push(&c->ip, cg.n);
    ivec_push(&c->ip, cg.group);
    ivec_push(&c->ip, cg.c / cg.group);
    ivec_push(&c->ip, cg.m / cg.group);
    const int64_t *rows[] = {in, out, k, s, d, p};
    for (int r = 0; r < 6; r++)
        for (int i = 0; i < QCONV_MAX_SP; i++)
            ivec_push(&c->ip, rows[r][i]);
    ivec_push(&c->ip, ql && per_channel(n, qin(g, n, ix->ws), ix->ws, cg.m, "w scale"));
    ivec_push(&c->ip, per_channel(n, qin(g, n, ix->wz), ix->wz, cg.m, "w zero point"));
    int cnt = ql ? 9 : 4;
    for (int i = 0; i < cnt; i++)
        call_in(c, i < n->n_in ? n->in[i] : -1);
    call_out(c, n->out[0]);
    if (ql)
        c->scratch = 4 * out[0] * out[1] * out[2];
}

/* ------------------------------------------------- MatMulInteger / QLinearMatMul */

typedef struct {
    int a, b, az, bz, as, bs, ys, yz; /* input positions, -1: none */
} QMMIn;

static const QMMIn matmulinteger_in = {0, 1, 2, 3, -1, -1, -1, -1};
static const QMMIn qlinearmatmul_in = {0, 3, 2, 5, 1, 4, 6, 7};

typedef struct {
    int64_t m, k, n;
    int nb;
    int64_t bd[MLCC_MAX_RANK], sa[MLCC_MAX_RANK], sb[MLCC_MAX_RANK];
    int rank;
    int64_t dims[MLCC_MAX_RANK];
} QMMGeom;

static void qmm_geom(Graph *g, const Node *n, const QMMIn *ix, QMMGeom *mg)
{
    Tensor *a = qin(g, n, ix->a), *b = qin(g, n, ix->b);
    memset(mg, 0, sizeof *mg);
    if (a->rank < 1 || b->rank < 1)
        node_fail(n, "inputs must have rank 1 or more, not %s and %s", shape_str(a), shape_str(b));
    mg->m = a->rank >= 2 ? a->dims[a->rank - 2] : 1;
    mg->k = a->dims[a->rank - 1];
    int64_t kb = b->rank >= 2 ? b->dims[b->rank - 2] : b->dims[0];
    mg->n = b->rank >= 2 ? b->dims[b->rank - 1] : 1;
    if (kb != mg->k)
        node_fail(n, "inner dimensions of %s and %s differ", shape_str(a), shape_str(b));
    int ra = a->rank > 2 ? a->rank - 2 : 0, rb = b->rank > 2 ? b->rank - 2 : 0;
    if (!broadcast_shapes(ra, a->dims, rb, b->dims, &mg->nb, mg->bd))
        node_fail(n, "batch dimensions of %s and %s do not broadcast", shape_str(a), shape_str(b));
    int64_t s = mg->m * mg->k;
    for (int i = ra - 1; i >= 0; i--) {
        mg->sa[i + (mg->nb - ra)] = a->dims[i] == 1 ? 0 : s;
        s *= a->dims[i];
    }
    s = mg->k * mg->n;
    for (int i = rb - 1; i >= 0; i--) {
        mg->sb[i + (mg->nb - rb)] = b->dims[i] == 1 ? 0 : s;
        s *= b->dims[i];
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
    q_small(n, a);
    q_small(n, b);
    int64_t ys = 1;
    for (int i = 0; i < mg->rank; i++)
        ys = checked_mul(ys, mg->dims[i], n->name);
    if (ys >= Q_LIMIT)
        node_fail(n, "output of 2^31 or more elements is not supported");
}

/* Layout of a parameter of operand A (row side) or B (column side): per
 * output batch dim an element stride (pst), and the stride along the rows of A
 * or the columns of B (*inner). Accepted: one element; a 1-D vector of M (A) /
 * N (B); an N-D tensor [..., M, 1] (A) / [..., 1, N] (B) whose leading dims
 * broadcast to the operand's batch dims. */
static void qmm_param(Graph *g, const Node *n, const QMMIn *ix, int k, bool row, const QMMGeom *mg, int64_t *pst,
                      int64_t *inner, const char *what)
{
    Tensor *t = qin(g, n, k), *op = qin(g, n, row ? ix->a : ix->b);
    for (int i = 0; i < mg->nb; i++)
        pst[i] = 0;
    *inner = 0;
    if (!t || tensor_numel(t) == 1)
        return;
    int64_t len = row ? mg->m : mg->n;
    if (t->rank == 1) {
        if (t->dims[0] != len)
            goto bad;
        *inner = 1;
        return;
    }
    int r = t->rank, ro = op->rank;
    int64_t lastr = row ? t->dims[r - 2] : t->dims[r - 1], one = row ? t->dims[r - 1] : t->dims[r - 2];
    if (ro < 2 || r > ro || one != 1 || (lastr != len && lastr != 1))
        goto bad;
    *inner = lastr == len && len > 1;
    /* leading dims: right-aligned with the operand's batch dims */
    int64_t s = lastr;
    int rbo = ro - 2, rbt = r - 2;
    for (int i = rbt - 1; i >= 0; i--) {
        int j = i + (rbo - rbt); /* operand batch dim */
        if (t->dims[i] != 1 && t->dims[i] != op->dims[j])
            goto bad;
        pst[j + (mg->nb - rbo)] = t->dims[i] == 1 ? 0 : s;
        s *= t->dims[i];
    }
    return;
bad:
    node_fail(n, "input %d ('%s', the %s) of shape %s is not supported (a scalar or one value per %s of %s)", k,
              t->name, what, shape_str(t), row ? "row" : "column", shape_str(op));
}

static void infer_qmm(Graph *g, Node *n)
{
    bool ql = !strcmp(n->op, "QLinearMatMul");
    const QMMIn *ix = ql ? &qlinearmatmul_in : &matmulinteger_in;
    need_inputs(n, ql ? 8 : 2, ql ? 8 : 4);
    Tensor *a = qin(g, n, ix->a), *b = qin(g, n, ix->b);
    need_q8(n, a, ix->a, "input a");
    need_q8(n, b, ix->b, "input b");
    QMMGeom mg;
    qmm_geom(g, n, ix, &mg);
    int64_t p1[MLCC_MAX_RANK], p2[MLCC_MAX_RANK], i1, i2;
    need_dtype(n, qin(g, n, ix->az), ix->az, a->dtype, "a zero point");
    need_dtype(n, qin(g, n, ix->bz), ix->bz, b->dtype, "b zero point");
    qmm_param(g, n, ix, ix->az, true, &mg, p1, &i1, "a zero point");
    qmm_param(g, n, ix, ix->bz, false, &mg, p2, &i2, "b zero point");
    int ydt = DT_INT32;
    if (ql) {
        Tensor *ys = qin(g, n, ix->ys), *yz = qin(g, n, ix->yz);
        need_dtype(n, qin(g, n, ix->as), ix->as, DT_FLOAT, "a scale");
        need_dtype(n, qin(g, n, ix->bs), ix->bs, DT_FLOAT, "b scale");
        need_dtype(n, ys, ix->ys, DT_FLOAT, "y scale");
        need_scalar(n, ys, ix->ys, "y scale");
        need_q8(n, yz, ix->yz, "y zero point");
        need_scalar(n, yz, ix->yz, "y zero point");
        /* scale and zero point of an operand share one layout */
        int64_t q1[MLCC_MAX_RANK], q2[MLCC_MAX_RANK], j1, j2;
        qmm_param(g, n, ix, ix->as, true, &mg, q1, &j1, "a scale");
        qmm_param(g, n, ix, ix->bs, false, &mg, q2, &j2, "b scale");
        size_t sz = sizeof(int64_t) * (size_t)mg.nb;
        if (i1 != j1 || memcmp(p1, q1, sz))
            node_fail(n, "a scale of shape %s and a zero point of shape %s differ",
                      shape_str(qin(g, n, ix->as)), shape_str(qin(g, n, ix->az)));
        if (i2 != j2 || memcmp(p2, q2, sz))
            node_fail(n, "b scale of shape %s and b zero point of shape %s differ",
                      shape_str(qin(g, n, ix->bs)), shape_str(qin(g, n, ix->bz)));
        ydt = yz->dtype;
    }
    tensor_set_shape(node_output(g, n, 0), ydt, mg.rank, mg.dims);
}

static void lower_qmm(Graph *g, Node *n, Call *c)
{
    bool ql = !strcmp(n->op, "QLinearMatMul");
    const QMMIn *ix = ql ? &qlinearmatmul_in : &matmulinteger_in;
    QMMGeom mg;
    qmm_geom(g, n, ix, &mg);
    double cost = (double)mg.m * (double)mg.k * (double)mg.n;
    for (int i = 0; i < mg.nb; i++)
        cost *= (double)mg.bd[i];
    opguard_fold_cost(g, n, cost);
    int dts[3] = {qin(g, n, ix->a)->dtype, qin(g, n, ix->b)->dtype, node_output(g, n, 0)->dtype};
    q_kernel(n, c, ql ? "qlinearmatmul" : "matmulinteger", ql ? 3 : 2, dts);
    int64_t pa[MLCC_MAX_RANK], pb[MLCC_MAX_RANK], pam, pbn;
    /* for QLinearMatMul the scales share the zero points' layout (checked in infer) */
    qmm_param(g, n, ix, ql ? ix->as : ix->az, true, &mg, pa, &pam, "a parameters");
    qmm_param(g, n, ix, ql ? ix->bs : ix->bz, false, &mg, pb, &pbn, "b parameters");
    int keep[MLCC_MAX_RANK], nb = 0;
    for (int i = 0; i < mg.nb; i++)
        if (mg.bd[i] != 1)
            keep[nb++] = i;
    ivec_push(&c->ip, mg.m);
    ivec_push(&c->ip, mg.k);
    ivec_push(&c->ip, mg.n);
    ivec_push(&c->ip, nb);
    const int64_t *rows[] = {mg.bd, mg.sa, mg.sb, pa, pb};
    for (int r = 0; r < 5; r++)
        for (int i = 0; i < nb; i++)
            ivec_push(&c->ip, rows[r][keep[i]]);
    ivec_push(&c->ip, pam);
    ivec_push(&c->ip, pbn);
    int cnt = ql ? 8 : 4;
    for (int i = 0; i < cnt; i++)
        call_in(c, i < n->n_in ? n->in[i] : -1);
    call_out(c, n->out[0]);
    if (ql)
        c->scratch = 4 * mg.n;
}

GUARD_INFER(infer_dequantize)
GUARD_INFER(infer_dynquant)
GUARD_INFER(infer_qconv)
GUARD_INFER(infer_qmm)
GUARD_INFER(infer_quantize)
GUARD_LOWER(lower_dynquant)
GUARD_LOWER(lower_qconv)
GUARD_LOWER(lower_qdq)
GUARD_LOWER(lower_qmm)

const OpDef ops_quant[] = {
    {"QuantizeLinear", 10, 17, infer_quantize_guarded, lower_qdq_guarded, 0, 0, "quant",
     "float32/int32 to uint8/int8, round half to even, saturate; per-axis from opset 13"},
    {"DequantizeLinear", 10, 17, infer_dequantize_guarded, lower_qdq_guarded, 0, 0, "quant",
     "uint8/int8/int32 to float32; per-axis from opset 13"},
    {"DynamicQuantizeLinear", 11, 17, infer_dynquant_guarded, lower_dynquant_guarded, 0, 0, "quant",
     "float32 to uint8 with run-time scale and zero point"},
    {"ConvInteger", 10, 17, infer_qconv_guarded, lower_qconv_guarded, 0, 0, "quant",
     "uint8/int8, 1-3 spatial dims, Conv attributes, per-channel w zero point; int32 output"},
    {"QLinearConv", 10, 17, infer_qconv_guarded, lower_qconv_guarded, 0, 0, "quant",
     "uint8/int8, 1-3 spatial dims, Conv attributes, per-channel w scale/zero point, int32 bias"},
    {"MatMulInteger", 10, 17, infer_qmm_guarded, lower_qmm_guarded, 0, 0, "quant",
     "uint8/int8, batched, per-row a / per-column b zero points; int32 output"},
    {"QLinearMatMul", 10, 17, infer_qmm_guarded, lower_qmm_guarded, 0, 0, "quant",
     "uint8/int8, batched, per-row a / per-column b scales and zero points"},
    {0},
};
