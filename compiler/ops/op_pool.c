/* op_pool.c - spatial pooling over N x C x D1 x ... : MaxPool AveragePool
 * LpPool GlobalMaxPool GlobalAveragePool GlobalLpPool (runtime-min/pool.c)
 *
 * Windowed pools take 1 to 3 spatial dims; the kernels always see 3 (leading
 * dims of size 1, kernel 1, stride 1, no padding). Global pools flatten every
 * spatial dim into one window, so they take any rank. */
#include "mlcc.h"

#include <string.h>

/* geometry of one windowed pool, spatial dims padded at the front to 3 */
typedef struct {
    int S;                       /* spatial dims of the model (1..3) */
    int64_t nc;                  /* N * C planes */
    int64_t in[3], out[3], k[3], s[3], d[3], pb[3], pe[3];
    int ceil_mode, count_include_pad, storage_order;
    double p;                    /* LpPool norm */
} PoolGeom;

static bool is_op(const Node *n, const char *op) { return strcmp(n->op, op) == 0; }

/* an ints attribute of exactly `want` values, or `dflt` for every value when absent */
static void get_ints(const Node *n, const char *name, int want, int64_t dflt, int64_t *out)
{
    const int64_t *v;
    int cnt = attr_ints(n, name, &v);
    if (cnt < 0) {
        for (int i = 0; i < want; i++)
            out[i] = dflt;
        return;
    }
    if (cnt != want)
        node_fail(n, "attribute '%s' has %d values, expected %d", name, cnt, want);
    memcpy(out, v, sizeof(int64_t) * (size_t)want);
}

/* LpPool / GlobalLpPool: p is a float before opset 2, an int after */
static double get_p(const Node *n)
{
    const Attr *a = attr_get(n, "p");
    double p = 2.0;
    if (a && a->type == AT_FLOAT)
        p = a->f;
    else if (a && a->type == AT_INT)
        p = (double)a->i;
    else if (a)
        node_fail(n, "attribute 'p' has the wrong type");
    if (!(p > 0) || p > 1e6)
        node_fail(n, "attribute 'p' = %g is not supported (must be positive)", p);
    return p;
}

/* every length the kernels see (extents, strides, pads, window) stays below
 * this, so sums of three of them still fit the kernels' int32 arithmetic */
#define POOL_LIM (INT32_MAX / 4)

/* an attribute value from the model, refused unless lo <= v <= hi */
static void attr_range(const Node *n, const char *name, int64_t v, int64_t lo, int64_t hi)
{
    if (v < lo || v > hi)
        node_fail(n, "attribute '%s' = %lld is out of range (%lld to %lld)", name, (long long)v, (long long)lo,
                  (long long)hi);
}

static int64_t ceil_div(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

static void pool_geom(Graph *g, const Node *n, PoolGeom *pg)
{
    Tensor *x = node_input(g, n, 0);
    memset(pg, 0, sizeof *pg);
    int S = x->rank - 2;
    if (x->rank < 3)
        node_fail(n, "input %s has rank %d; pooling needs N x C x spatial dims", shape_str(x), x->rank);
    if (S > 3)
        node_fail(n, "pooling over %d spatial dims is not supported (1 to 3)", S);
    pg->S = S;
    pg->nc = checked_mul(x->dims[0], x->dims[1], n->name);
    bool is_max = is_op(n, "MaxPool"), is_avg = is_op(n, "AveragePool");

    int64_t k[3], s[3], d[3], pads[6];
    const int64_t *ks;
    if (attr_ints(n, "kernel_shape", &ks) < 0)
        node_fail(n, "attribute 'kernel_shape' is missing");
    get_ints(n, "kernel_shape", S, 1, k);
    get_ints(n, "strides", S, 1, s);
    get_ints(n, "pads", 2 * S, 0, pads);
    get_ints(n, "dilations", S, 1, d);
    if (!is_max || n->opset < 10) { /* dilations: MaxPool from opset 10 (AveragePool from 19) */
        for (int i = 0; i < S; i++)
            if (d[i] != 1)
                node_fail(n, "attribute 'dilations' = %lld is not supported by %s opset %d", (long long)d[i],
                          n->op, n->opset);
    }
    /* ranges first: the kernels index in int32, and nothing below may overflow */
    for (int i = 0; i < S; i++) {
        attr_range(n, "kernel_shape", k[i], 1, POOL_LIM);
        attr_range(n, "strides", s[i], 1, POOL_LIM);
        attr_range(n, "dilations", d[i], 1, POOL_LIM);
        attr_range(n, "pads", pads[i], 0, POOL_LIM);
        attr_range(n, "pads", pads[S + i], 0, POOL_LIM);
        if (x->dims[2 + i] > POOL_LIM)
            node_fail(n, "input %s: spatial dim %d is too large (limit %d)", shape_str(x), i, POOL_LIM);
        if ((k[i] - 1) * d[i] + 1 > POOL_LIM)
            node_fail(n, "attributes 'kernel_shape' = %lld and 'dilations' = %lld: the window extent is too large",
                      (long long)k[i], (long long)d[i]);
    }
    if (pg->nc > INT32_MAX)
        node_fail(n, "input %s has more than 2^31 N x C planes", shape_str(x));
    int64_t v = (is_max || is_avg) && n->opset >= 10 ? attr_i(n, "ceil_mode", 0) : 0;
    attr_range(n, "ceil_mode", v, 0, 1);
    pg->ceil_mode = (int)v;
    v = is_avg && n->opset >= 7 ? attr_i(n, "count_include_pad", 0) : 0;
    attr_range(n, "count_include_pad", v, 0, 1);
    pg->count_include_pad = (int)v;
    v = is_max && n->opset >= 8 ? attr_i(n, "storage_order", 0) : 0;
    attr_range(n, "storage_order", v, 0, 1);
    pg->storage_order = (int)v;
    if (is_op(n, "LpPool"))
        pg->p = get_p(n);

    const char *ap = attr_s(n, "auto_pad", "NOTSET");
    bool same_up = !strcmp(ap, "SAME_UPPER"), same_lo = !strcmp(ap, "SAME_LOWER"), valid = !strcmp(ap, "VALID");
    if (!same_up && !same_lo && !valid && strcmp(ap, "NOTSET") != 0)
        node_fail(n, "attribute 'auto_pad' = '%s' is not supported", ap);

    /* model dims at the back of the 3 kernel dims */
    int off = 3 - S;
    for (int i = 0; i < 3; i++) {
        pg->in[i] = pg->out[i] = pg->k[i] = pg->s[i] = pg->d[i] = 1;
        pg->pb[i] = pg->pe[i] = 0;
    }
    for (int i = 0; i < S; i++) {
        int64_t in = x->dims[2 + i], ek = (k[i] - 1) * d[i] + 1, out, pb = pads[i], pe = pads[S + i];
        if (same_up || same_lo) {
            out = ceil_div(in, s[i]);
            int64_t total = (out - 1) * s[i] + ek - in;
            if (total < 0)
                total = 0;
            pb = same_up ? total / 2 : total - total / 2;
            pe = total - pb;
        } else if (valid) {
            pb = pe = 0;
            out = in >= ek ? (in - ek) / s[i] + 1 : 0;
        } else {
            int64_t span = in + pb + pe - ek;
            if (span < 0)
                node_fail(n, "kernel extent %lld is larger than the padded input %lld along spatial dim %d",
                          (long long)ek, (long long)(in + pb + pe), i);
            out = (pg->ceil_mode ? ceil_div(span, s[i]) : span / s[i]) + 1;
            /* ceil mode: the last window must start inside the input or the leading pad */
            if (pg->ceil_mode && (out - 1) * s[i] >= in + pb)
                out--;
        }
        if (out < 1)
            node_fail(n, "output spatial dim %d would be empty (input %s)", i, shape_str(x));
        pg->in[off + i] = in;
        pg->out[off + i] = out;
        pg->k[off + i] = k[i];
        pg->s[off + i] = s[i];
        pg->d[off + i] = d[i];
        pg->pb[off + i] = pb;
        pg->pe[off + i] = pe;
    }
    /* window tap counts (up to the padded extents) are multiplied in int32 */
    int64_t padded = 1;
    for (int i = 0; i < 3; i++)
        padded = checked_mul(padded, pg->in[i] + pg->pb[i] + pg->pe[i], n->name);
    if (padded > INT32_MAX)
        node_fail(n, "the padded input of %s is too large (more than 2^31 positions per plane)", shape_str(x));
}

static void check_size(const Node *n, const Tensor *t)
{
    if (tensor_numel(t) > INT32_MAX)
        node_fail(n, "tensor %s has more than 2^31 elements", shape_str(t));
}

static void infer_pool(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    bool is_max = is_op(n, "MaxPool");
    if (!dtype_is_float(x->dtype) && !(is_max && (x->dtype == DT_INT8 || x->dtype == DT_UINT8)))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    PoolGeom pg;
    pool_geom(g, n, &pg);
    int64_t dims[MLCC_MAX_RANK];
    dims[0] = x->dims[0];
    dims[1] = x->dims[1];
    for (int i = 0; i < pg.S; i++)
        dims[2 + i] = pg.out[3 - pg.S + i];
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, dims);
    check_size(n, x);
    check_size(n, node_output(g, n, 0));
    if (n->n_out > 1 && n->out[1] >= 0) {
        if (!is_max || n->opset < 8)
            node_fail(n, "has %d outputs, expected 1", n->n_out);
        tensor_set_shape(node_output(g, n, 1), DT_INT64, x->rank, dims);
    }
    if (n->n_out > 2)
        node_fail(n, "has %d outputs, expected at most 2", n->n_out);
}

static void push_geom(Call *c, const PoolGeom *pg)
{
    ivec_push(&c->ip, pg->nc);
    const int64_t *arr[] = {pg->in, pg->out, pg->k, pg->s, pg->d, pg->pb, pg->pe};
    for (int a = 0; a < 7; a++)
        for (int i = 0; i < 3; i++)
            ivec_push(&c->ip, arr[a][i]);
}

/* the fast float32 kernels (runtime-min/pool_fast.c) for targets that want them */
static bool fast_pool(const Tensor *x) { return x->dtype == DT_FLOAT && !(g_target && g_target->reference_kernels); }

static void lower_pool(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    PoolGeom pg;
    pool_geom(g, n, &pg);
    double cost = (double)pg.nc;
    for (int i = 0; i < 3; i++)
        cost *= (double)pg.out[i] * (double)pg.k[i];
    opguard_fold_cost(g, n, cost);
    bool idx = n->n_out > 1 && n->out[1] >= 0;
    if (is_op(n, "MaxPool") && fast_pool(x) && !idx && pg.in[0] == 1 && pg.k[0] == 1 && pg.k[1] == 2 &&
        pg.k[2] == 2 && pg.s[1] == 2 && pg.s[2] == 2 && pg.d[1] == 1 && pg.d[2] == 1 && !pg.pb[1] && !pg.pb[2] &&
        2 * pg.out[1] <= pg.in[1] && 2 * pg.out[2] <= pg.in[2]) {
        /* 2x2, stride 2, no pads, every window inside the input: four values
         * an output (digits' 8x8 -> 4x4: 0.91 us in mlcc_pool_max_f32, 0.75 in
         * mlcc_pool_max2d_f32) */
        call_kernel(g, n, c, "pool_max22", DT_FLOAT);
        push_geom(c, &pg);
        ivec_push(&c->ip, 0);
        ivec_push(&c->ip, 0);
        call_in(c, n->in[0]);
        call_out(c, n->out[0]);
        return;
    }
    if (is_op(n, "MaxPool") && fast_pool(x) && !idx && pg.in[0] == 1 && pg.out[0] == 1 && pg.k[0] == 1 &&
        pg.out[2] >= 16) {
        /* 1 or 2 spatial dims, no Indices, output rows of at least one vector (on
         * shorter rows the loops cost more than they save): the row-vectorized
         * kernel, row buffers of scratch for a band of 8 output rows (1 on a
         * target with a RAM budget) */
        int64_t rows = g_target && g_target->ram_bytes > 0 ? 1 : 8;
        if (rows > pg.out[1])
            rows = pg.out[1];
        call_kernel(g, n, c, "pool_max2d", DT_FLOAT);
        push_geom(c, &pg);
        ivec_push(&c->ip, 0);
        ivec_push(&c->ip, 0);
        ivec_push(&c->ip, rows);
        call_in(c, n->in[0]);
        call_out(c, n->out[0]);
        c->scratch = rows * ((pg.out[2] - 1) * pg.s[2] + (pg.k[2] - 1) * pg.d[2] + 1) * (int64_t)sizeof(float);
        return;
    }
    if (is_op(n, "MaxPool"))
        call_kernel(g, n, c, "pool_max", x->dtype);
    else if (is_op(n, "AveragePool"))
        call_kernel(g, n, c, "pool_avg", x->dtype);
    else
        call_kernel(g, n, c, "pool_lp", x->dtype);
    push_geom(c, &pg);
    if (is_op(n, "MaxPool")) {
        ivec_push(&c->ip, idx);
        ivec_push(&c->ip, pg.storage_order);
    } else if (is_op(n, "AveragePool")) {
        ivec_push(&c->ip, pg.count_include_pad);
    } else {
        fvec_push(&c->fp, (float)pg.p);
    }
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    if (idx)
        call_out(c, n->out[1]);
}

/* Global pools: every spatial dim folded into one window */
static void infer_global(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    if (!dtype_is_float(x->dtype))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    if (x->rank < 2)
        node_fail(n, "input %s has rank %d; pooling needs N x C x spatial dims", shape_str(x), x->rank);
    if (is_op(n, "GlobalLpPool"))
        get_p(n);
    int64_t dims[MLCC_MAX_RANK];
    for (int i = 0; i < x->rank; i++)
        dims[i] = i < 2 ? x->dims[i] : 1;
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, dims);
    check_size(n, x);
}

static void lower_global(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    PoolGeom pg;
    memset(&pg, 0, sizeof pg);
    int64_t plane = 1;
    for (int i = 2; i < x->rank; i++)
        plane = checked_mul(plane, x->dims[i], n->name);
    pg.nc = checked_mul(x->dims[0], x->dims[1], n->name);
    if (plane > INT32_MAX || pg.nc > INT32_MAX)
        node_fail(n, "input %s is too large (more than 2^31 planes or positions per plane)", shape_str(x));
    for (int i = 0; i < 3; i++) {
        pg.in[i] = pg.out[i] = pg.k[i] = pg.s[i] = pg.d[i] = 1;
        pg.pb[i] = pg.pe[i] = 0;
    }
    pg.in[2] = pg.k[2] = plane;
    if (plane == 0) /* an empty window: no taps */
        pg.k[2] = 1;
    if (is_op(n, "GlobalMaxPool")) {
        call_kernel(g, n, c, "pool_max", x->dtype);
        push_geom(c, &pg);
        ivec_push(&c->ip, 0);
        ivec_push(&c->ip, 0);
    } else if (is_op(n, "GlobalAveragePool")) {
        call_kernel(g, n, c, fast_pool(x) ? "pool_gavg" : "pool_avg", x->dtype);
        push_geom(c, &pg);
        ivec_push(&c->ip, 0);
    } else {
        call_kernel(g, n, c, "pool_lp", x->dtype);
        push_geom(c, &pg);
        fvec_push(&c->fp, (float)get_p(n));
    }
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
}

GUARD_INFER(infer_global)
GUARD_INFER(infer_pool)
GUARD_LOWER(lower_global)
GUARD_LOWER(lower_pool)

const OpDef ops_pool[] = {
    {"MaxPool", 1, 17, infer_pool_guarded, lower_pool_guarded, 0, 0, "pool",
     "1-3 spatial dims; pads, auto_pad, dilations, ceil_mode, Indices (storage_order); f16/f32/f64/i8/u8"},
    {"AveragePool", 1, 17, infer_pool_guarded, lower_pool_guarded, 0, 0, "pool",
     "1-3 spatial dims; pads, auto_pad, ceil_mode, count_include_pad"},
    {"LpPool", 1, 17, infer_pool_guarded, lower_pool_guarded, 0, 0, "pool", "1-3 spatial dims; pads, auto_pad, p"},
    {"GlobalMaxPool", 1, 17, infer_global_guarded, lower_global_guarded, 0, 0, "pool", "any spatial rank"},
    {"GlobalAveragePool", 1, 17, infer_global_guarded, lower_global_guarded, 0, 0, "pool", "any spatial rank"},
    {"GlobalLpPool", 1, 17, infer_global_guarded, lower_global_guarded, 0, 0, "pool", "any spatial rank"},
    {0},
};
