/* op_norm.c - normalisation: BatchNormalization (inference and training mode)
 * InstanceNormalization LayerNormalization LRN MeanVarianceNormalization
 * LpNormalization (runtime-min/norm.c) */
#include "mlcc.h"

#include <math.h>
#include <string.h>

static void need_float(const Node *n, const Tensor *x)
{
    if (x->dtype != DT_FLOAT && x->dtype != DT_DOUBLE && x->dtype != DT_FLOAT16)
        node_fail(n, "data type %s is not supported by this op (float16, float32, float64)", dtype_name(x->dtype));
    if (tensor_numel(x) > INT32_MAX)
        node_fail(n, "input %s has more than 2^31 elements", shape_str(x));
}

/* a constant copy of `t` in dtype `dt` (parameters of another float type) */
static int const_as(Graph *g, const Tensor *t, int dt)
{
    if (t->dtype == dt)
        return t->id;
    Tensor *c = tensor_new(g, xfmt("%s_as_%s", t->name, dtype_name(dt)));
    tensor_set_shape(c, dt, t->rank, t->dims);
    int64_t cnt = tensor_numel(t);
    c->data = xmalloc((size_t)tensor_bytes(c) + 1);
    for (int64_t i = 0; i < cnt; i++)
        dtype_set_f(dt, c->data, i, dtype_get_f(t->dtype, t->data, i));
    return c->id;
}

/* a parameter input of X's dtype, or a constant convertible to it */
static void need_param_type(Graph *g, const Node *n, int k, const char *what)
{
    Tensor *x = node_input(g, n, 0), *p = node_input(g, n, k);
    if (!p || p->dtype == x->dtype)
        return;
    if (!dtype_is_float(p->dtype))
        node_fail(n, "input %d ('%s', the %s) has data type %s; a float type is needed", k, p->name, what,
                  dtype_name(p->dtype));
    if (!p->data)
        node_fail(n, "input %d ('%s', the %s) is %s while X is %s; mixed types need a constant %s", k, p->name, what,
                  dtype_name(p->dtype), dtype_name(x->dtype), what);
}

static void need_numel(Graph *g, const Node *n, int k, int64_t want, const char *what)
{
    Tensor *p = node_input(g, n, k);
    if (p && tensor_numel(p) != want)
        node_fail(n, "input %d ('%s', the %s) has shape %s; %lld values are needed", k, p->name, what, shape_str(p),
                  (long long)want);
}

/* N, C and the size of the rest for N x C x D1 x ... inputs */
static void nc_inner(const Tensor *x, int64_t *nn, int64_t *cc, int64_t *inner)
{
    *nn = x->rank > 0 ? x->dims[0] : 1;
    *cc = x->rank > 1 ? x->dims[1] : 1;
    *inner = 1;
    for (int i = 2; i < x->rank; i++)
        *inner *= x->dims[i];
}

/* ------------------------------------------------------------ BatchNormalization */

/* Training mode: opset < 7 is_test = 0 (refused); opsets 7-13 any of the
 * outputs mean, var, saved_mean, saved_var; opset 14+ training_mode = 1. */
static bool batchnorm_training(const Node *n)
{
    if (n->opset >= 14)
        return attr_i(n, "training_mode", 0) != 0;
    if (n->opset < 7)
        return false;
    for (int k = 1; k < n->n_out; k++)
        if (n->out[k] >= 0)
            return true;
    return false;
}

static void infer_batchnorm(Graph *g, Node *n)
{
    need_inputs(n, 5, 5);
    Tensor *x = node_input(g, n, 0);
    need_float(n, x);
    if (x->rank < 2)
        node_fail(n, "input %s has rank %d; N x C x ... is needed", shape_str(x), x->rank);
    if (n->opset < 7 && attr_i(n, "is_test", 0) == 0)
        node_fail(n, "attribute 'is_test' = 0 (training mode) is not supported; only inference (is_test=1)");
    int64_t tm = n->opset >= 14 ? attr_i(n, "training_mode", 0) : 0;
    if (tm != 0 && tm != 1)
        node_fail(n, "attribute 'training_mode' = %lld is not 0 or 1", (long long)tm);
    bool training = batchnorm_training(n);
    int max_out = n->opset >= 14 ? 3 : 5;
    if (n->n_out > max_out)
        node_fail(n, "has %d outputs; at most %d are defined at this opset", n->n_out, max_out);
    for (int k = 1; k < n->n_out; k++) {
        if (n->out[k] < 0)
            continue;
        if (!training)
            node_fail(n, "output %d ('%s') is only defined in training mode (training_mode = 1)", k,
                      node_output(g, n, k)->name);
        if (k == 4)
            node_fail(n, "output 4 ('%s', saved_var) is not supported: its definition is ambiguous (variance or "
                         "inverse standard deviation)", node_output(g, n, k)->name);
    }
    int64_t spatial = n->opset < 9 ? attr_i(n, "spatial", 1) : 1;
    int64_t nn, cc, inner;
    nc_inner(x, &nn, &cc, &inner);
    static const char *const what[] = {"", "scale", "bias", "mean", "variance"};
    for (int k = 1; k < 5; k++) {
        need_param_type(g, n, k, what[k]);
        need_numel(g, n, k, spatial ? cc : cc * inner, what[k]);
    }
    if (training) {
        for (int k = 3; k < 5; k++) {
            Tensor *p = node_input(g, n, k);
            if (p->dtype != x->dtype)
                node_fail(n, "training mode: input %d ('%s', the %s) is %s while X is %s; the same type is needed",
                          k, p->name, what[k], dtype_name(p->dtype), dtype_name(x->dtype));
        }
        if (nn * (spatial ? inner : 1) == 0)
            node_fail(n, "training mode: input %s has no elements to take the batch statistics of", shape_str(x));
        /* running mean / var, then saved_mean (opset < 14): shaped like input_mean */
        Tensor *m = node_input(g, n, 3);
        for (int k = 1; k < n->n_out && k < 4; k++)
            if (n->out[k] >= 0)
                tensor_set_shape(node_output(g, n, k), m->dtype, m->rank, m->dims);
    }
    same_shape_out(g, n, 0);
}

static void lower_batchnorm(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    bool training = batchnorm_training(n);
    call_kernel(g, n, c, training ? "norm_batch_train" : "norm_batch", x->dtype);
    int64_t nn, cc, inner;
    nc_inner(x, &nn, &cc, &inner);
    int64_t spatial = n->opset < 9 ? attr_i(n, "spatial", 1) : 1;
    ivec_push(&c->ip, nn);
    ivec_push(&c->ip, cc);
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, spatial ? 0 : 1);
    fvec_push(&c->fp, attr_f(n, "epsilon", 1e-5f));
    call_in(c, n->in[0]);
    for (int k = 1; k < 5; k++)
        call_in(c, const_as(g, node_input(g, n, k), x->dtype));
    call_out(c, n->out[0]);
    if (training) {
        fvec_push(&c->fp, attr_f(n, "momentum", 0.9f));
        for (int k = 1; k < 4; k++)
            call_out(c, k < n->n_out ? n->out[k] : -1);
        /* batch mean and variance accumulators: C values (C*inner per activation) */
        c->scratch = 2 * cc * (spatial ? 1 : inner) * (x->dtype == DT_DOUBLE ? 8 : 4);
    }
}

/* ------------------------------------------------------------ InstanceNormalization */

static void infer_instancenorm(Graph *g, Node *n)
{
    need_inputs(n, 3, 3);
    Tensor *x = node_input(g, n, 0);
    need_float(n, x);
    if (x->rank < 2)
        node_fail(n, "input %s has rank %d; N x C x ... is needed", shape_str(x), x->rank);
    int64_t nn, cc, inner;
    nc_inner(x, &nn, &cc, &inner);
    need_param_type(g, n, 1, "scale");
    need_param_type(g, n, 2, "bias");
    need_numel(g, n, 1, cc, "scale");
    need_numel(g, n, 2, cc, "bias");
    same_shape_out(g, n, 0);
}

static void lower_instancenorm(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    call_kernel(g, n, c, "norm_instance", x->dtype);
    int64_t nn, cc, inner;
    nc_inner(x, &nn, &cc, &inner);
    ivec_push(&c->ip, nn);
    ivec_push(&c->ip, cc);
    ivec_push(&c->ip, inner);
    fvec_push(&c->fp, attr_f(n, "epsilon", 1e-5f));
    call_in(c, n->in[0]);
    call_in(c, const_as(g, node_input(g, n, 1), x->dtype));
    call_in(c, const_as(g, node_input(g, n, 2), x->dtype));
    call_out(c, n->out[0]);
}

/* ------------------------------------------------------------ LayerNormalization */

static int ln_axis(const Node *n, const Tensor *x)
{
    int64_t axis = attr_i(n, "axis", -1);
    if (axis < -x->rank || axis >= x->rank)
        node_fail(n, "attribute 'axis' = %lld is out of range for rank %d", (long long)axis, x->rank);
    return (int)(axis < 0 ? axis + x->rank : axis);
}

/* Element strides over every dim of X of a parameter broadcast to X (numpy
 * rules, 0 on broadcast dims); true if it is exactly one contiguous row of
 * the normalised block, the same for every row. */
static bool ln_param_strides(const Node *n, const Tensor *x, const Tensor *p, int axis, int64_t *st)
{
    int r = x->rank;
    if (p->rank > r)
        node_fail(n, "input '%s' %s has a higher rank than X %s", p->name, shape_str(p), shape_str(x));
    int64_t s = 1;
    bool row = true;
    for (int i = r - 1; i >= 0; i--) {
        int j = i - (r - p->rank);
        int64_t d = j >= 0 ? p->dims[j] : 1;
        if (d != 1 && d != x->dims[i])
            node_fail(n, "input '%s' %s does not broadcast to X %s", p->name, shape_str(p), shape_str(x));
        st[i] = d == 1 ? 0 : s;
        bool before_axis = i < axis;
        if (x->dims[i] != 1 && (before_axis ? d != 1 : d != x->dims[i]))
            row = false;
        s *= d;
    }
    return row;
}

static void infer_layernorm(Graph *g, Node *n)
{
    need_inputs(n, 2, 3);
    Tensor *x = node_input(g, n, 0);
    need_float(n, x);
    int axis = ln_axis(n, x);
    int64_t st[MLCC_MAX_RANK];
    need_param_type(g, n, 1, "scale");
    need_param_type(g, n, 2, "bias");
    ln_param_strides(n, x, node_input(g, n, 1), axis, st);
    if (node_input(g, n, 2))
        ln_param_strides(n, x, node_input(g, n, 2), axis, st);
    int64_t stash = attr_i(n, "stash_type", 1);
    if (stash != DT_FLOAT)
        node_fail(n, "attribute 'stash_type' = %lld is not supported (1, float32)", (long long)stash);
    if (n->n_out > 3)
        node_fail(n, "has %d outputs, expected 1 to 3", n->n_out);
    same_shape_out(g, n, 0);
    int64_t d[MLCC_MAX_RANK];
    for (int i = 0; i < x->rank; i++)
        d[i] = i < axis ? x->dims[i] : 1;
    for (int k = 1; k < n->n_out; k++)
        if (n->out[k] >= 0)
            tensor_set_shape(node_output(g, n, k), DT_FLOAT, x->rank, d);
}

static void lower_layernorm(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *sc = node_input(g, n, 1), *b = node_input(g, n, 2);
    call_kernel(g, n, c, "norm_layer", x->dtype);
    int axis = ln_axis(n, x);
    int64_t ss[MLCC_MAX_RANK], sb[MLCC_MAX_RANK] = {0};
    bool fast = ln_param_strides(n, x, sc, axis, ss);
    if (b)
        fast = ln_param_strides(n, x, b, axis, sb) && fast;
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < x->rank; i++)
        *(i < axis ? &outer : &inner) *= x->dims[i];
    /* X's dims: drop size-1 dims, merge dims contiguous for both parameters */
    int64_t md[MLCC_MAX_RANK], ms[MLCC_MAX_RANK], mb[MLCC_MAX_RANK];
    int m = 0;
    for (int i = 0; i < x->rank; i++) {
        int64_t dim = x->dims[i];
        if (dim == 1)
            continue;
        if (m > 0 && ms[m - 1] == ss[i] * dim && mb[m - 1] == sb[i] * dim) {
            md[m - 1] *= dim;
            ms[m - 1] = ss[i];
            mb[m - 1] = sb[i];
            continue;
        }
        md[m] = dim;
        ms[m] = ss[i];
        mb[m] = sb[i];
        m++;
    }
    if (m == 0) {
        md[0] = 1;
        ms[0] = mb[0] = 0;
        m = 1;
    }
    bool has_mean = n->n_out > 1 && n->out[1] >= 0, has_inv = n->n_out > 2 && n->out[2] >= 0;
    ivec_push(&c->ip, outer);
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, b != NULL);
    ivec_push(&c->ip, has_mean);
    ivec_push(&c->ip, has_inv);
    ivec_push(&c->ip, fast);
    ivec_push(&c->ip, m);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, md[i]);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, ms[i]);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, mb[i]);
    fvec_push(&c->fp, attr_f(n, "epsilon", 1e-5f));
    call_in(c, n->in[0]);
    call_in(c, const_as(g, sc, x->dtype));
    call_in(c, b ? const_as(g, b, x->dtype) : -1);
    call_out(c, n->out[0]);
    if (has_mean)
        call_out(c, n->out[1]);
    if (has_inv)
        call_out(c, n->out[2]);
}

/* ------------------------------------------------------------ LRN */

static void infer_lrn(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    need_float(n, x);
    if (x->rank < 2)
        node_fail(n, "input %s has rank %d; N x C x ... is needed", shape_str(x), x->rank);
    if (!attr_get(n, "size"))
        node_fail(n, "attribute 'size' is missing");
    int64_t size = attr_i(n, "size", 1);
    if (size < 1 || size > INT32_MAX)
        node_fail(n, "attribute 'size' = %lld is not supported (must be >= 1)", (long long)size);
    same_shape_out(g, n, 0);
}

static void lower_lrn(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    call_kernel(g, n, c, "norm_lrn", x->dtype);
    int64_t nn, cc, inner;
    nc_inner(x, &nn, &cc, &inner);
    int64_t size = attr_i(n, "size", 1);
    ivec_push(&c->ip, nn);
    ivec_push(&c->ip, cc);
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, size);
    fvec_push(&c->fp, attr_f(n, "alpha", 1e-4f) / (float)size);
    fvec_push(&c->fp, attr_f(n, "beta", 0.75f));
    fvec_push(&c->fp, attr_f(n, "bias", 1.0f));
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    c->scratch = inner * (x->dtype == DT_DOUBLE ? 8 : 4);
}

/* ------------------------------------------------------------ MeanVarianceNormalization */

/* merged dims of X and, per merged dim, whether it is reduced; returns the count */
static int mvn_dims(const Node *n, const Tensor *x, int64_t *md, bool *mr, int64_t *kept)
{
    bool red[MLCC_MAX_RANK] = {0};
    const int64_t *axes;
    int na = attr_ints(n, "axes", &axes);
    static const int64_t dflt[] = {0, 2, 3};
    if (na < 0) {
        axes = dflt;
        na = 3;
    }
    for (int i = 0; i < na; i++) {
        int64_t a = axes[i] < 0 ? axes[i] + x->rank : axes[i];
        if (a < 0 || a >= x->rank)
            node_fail(n, "attribute 'axes' value %lld is out of range for rank %d", (long long)axes[i], x->rank);
        if (red[a])
            node_fail(n, "attribute 'axes' repeats axis %lld", (long long)a);
        red[a] = true;
    }
    int m = 0;
    *kept = 1;
    for (int i = 0; i < x->rank; i++) {
        if (!red[i])
            *kept *= x->dims[i];
        if (x->dims[i] == 1)
            continue;
        if (m > 0 && mr[m - 1] == red[i]) {
            md[m - 1] *= x->dims[i];
            continue;
        }
        md[m] = x->dims[i];
        mr[m++] = red[i];
    }
    if (m == 0) {
        md[0] = 1;
        mr[0] = true;
        m = 1;
    }
    return m;
}

static void infer_mvn(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    need_float(n, x);
    int64_t md[MLCC_MAX_RANK], kept;
    bool mr[MLCC_MAX_RANK];
    mvn_dims(n, x, md, mr, &kept);
    same_shape_out(g, n, 0);
}

static void lower_mvn(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    call_kernel(g, n, c, "norm_mvn", x->dtype);
    int64_t md[MLCC_MAX_RANK], kept;
    bool mr[MLCC_MAX_RANK];
    int m = mvn_dims(n, x, md, mr, &kept);
    /* ip = [total, kept, r, dims[r], kept-stride of each dim (0 where reduced)] */
    int64_t ks[MLCC_MAX_RANK], s = 1;
    for (int i = m - 1; i >= 0; i--) {
        ks[i] = mr[i] ? 0 : s;
        if (!mr[i])
            s *= md[i];
    }
    ivec_push(&c->ip, tensor_numel(x));
    ivec_push(&c->ip, kept);
    ivec_push(&c->ip, m);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, md[i]);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, ks[i]);
    fvec_push(&c->fp, 1e-9f);
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    c->scratch = 2 * (kept ? kept : 1) * (x->dtype == DT_DOUBLE ? 8 : 4);
}

/* ------------------------------------------------------------ LpNormalization */

static void infer_lpnorm(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    need_float(n, x);
    norm_axis(n, attr_i(n, "axis", -1), x->rank);
    int64_t p = attr_i(n, "p", 2);
    if (p != 1 && p != 2)
        node_fail(n, "attribute 'p' = %lld is not supported (1 or 2)", (long long)p);
    same_shape_out(g, n, 0);
}

static void lower_lpnorm(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    call_kernel(g, n, c, "norm_lp", x->dtype);
    int a = norm_axis(n, attr_i(n, "axis", -1), x->rank);
    int64_t outer = 1, len = 1, inner = 1;
    for (int i = 0; i < x->rank; i++)
        *(i < a ? &outer : i == a ? &len : &inner) *= x->dims[i];
    ivec_push(&c->ip, outer);
    ivec_push(&c->ip, len);
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, attr_i(n, "p", 2));
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    if (inner > 1)
        c->scratch = inner * (x->dtype == DT_DOUBLE ? 8 : 4);
}

const OpDef ops_norm[] = {
    {"BatchNormalization", 1, 17, infer_batchnorm, lower_batchnorm, 0, 0, "norm",
     "inference; training mode (batch statistics, running mean/var with momentum; saved_mean, not saved_var); "
     "spatial=0 per-activation"},
    {"InstanceNormalization", 1, 17, infer_instancenorm, lower_instancenorm, 0, 0, "norm", "per (n, c) over the spatial dims"},
    {"LayerNormalization", 17, 17, infer_layernorm, lower_layernorm, 0, 0, "norm",
     "Scale/B numpy-broadcast; Mean, InvStdDev outputs; stash_type 1"},
    {"LRN", 1, 17, infer_lrn, lower_lrn, 0, 0, "norm", "across channels"},
    {"MeanVarianceNormalization", 9, 17, infer_mvn, lower_mvn, 0, 0, "norm", "any axes"},
    {"LpNormalization", 1, 17, infer_lpnorm, lower_lpnorm, 0, 0, "norm", "p = 1 or 2; zero norm gives 0"},
    {0},
};
