/* op_gather.c - indexed data movement: Gather GatherElements GatherND
 * ScatterElements Scatter ScatterND OneHot (runtime-min/gather.c) */
#include "mlcc.h"

#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

/* the index kind mlcc_gather_index reads, -1 if the type cannot index */
static int index_kind(int dt)
{
    switch (dt) {
    case DT_INT32: return 0;
    case DT_INT64: return 1;
    case DT_FLOAT: return 2;
    case DT_DOUBLE: return 3;
    case DT_UINT8: return 4;
    case DT_INT8: return 5;
    case DT_UINT16: return 6;
    case DT_INT16: return 7;
    case DT_UINT32: return 8;
    case DT_UINT64: return 9;
    default: return -1;
    }
}

/* indices input k must be int32 or int64 */
static Tensor *int_indices(Graph *g, Node *n, int k)
{
    Tensor *t = node_input(g, n, k);
    if (t->dtype != DT_INT32 && t->dtype != DT_INT64)
        node_fail(n, "indices '%s' must be int32 or int64, not %s", t->name, dtype_name(t->dtype));
    return t;
}

/* kernels that only move elements exist per element size: base_x8 .. base_x64 */
static void sized_kernel(Node *n, Call *c, const char *base, int dtype)
{
    int sz = dtype_size(dtype);
    char *k = xfmt("mlcc_%s_x%d", base, 8 * sz);
    if (!sz || !kernel_find(k))
        node_fail(n, "data type %s is not supported by this op", dtype_name(dtype));
    c->kernel = k;
}

static void need_int32(const Node *n, const Tensor *t)
{
    if (tensor_bytes(t) > INT32_MAX)
        node_fail(n, "tensor '%s' (%s) is larger than 2 GiB", t->name, shape_str(t));
}

/* A constant index tensor is checked at compile time: every value within
 * [-len, len-1] (len of the axis it indexes: lens[i % nlen]). */
static void check_const_indices(Graph *g, Node *n, int k, const int64_t *lens, int nlen)
{
    Tensor *t = node_input(g, n, k);
    if (!t || !t->data)
        return;
    int64_t cnt = tensor_numel(t);
    for (int64_t i = 0; i < cnt; i++) {
        int64_t v = dtype_get_i(t->dtype, t->data, i), len = lens[i % nlen];
        if (v < -len || v >= len)
            node_fail(n, "index %lld (element %lld of '%s') is out of range for a dimension of size %lld",
                      (long long)v, (long long)i, t->name, (long long)len);
    }
}

static void push_strides(int64_t *st, const Tensor *t)
{
    int64_t s = 1;
    for (int i = t->rank - 1; i >= 0; i--) {
        st[i] = s;
        s *= t->dims[i];
    }
}

static const char *reduction_of(const Node *n, int since)
{
    const char *red = n->opset >= since ? attr_s(n, "reduction", "none") : "none";
    if (strcmp(red, "none") && strcmp(red, "add") && strcmp(red, "mul"))
        node_fail(n, "attribute 'reduction' = '%s' is not supported (none, add, mul)", red);
    return red;
}

static int reduction_code(const char *red)
{
    return !strcmp(red, "add") ? 1 : !strcmp(red, "mul") ? 2 : 0;
}

/* ---------------------------------------------------------------- Gather */

static void infer_gather(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    Tensor *x = node_input(g, n, 0), *ind = int_indices(g, n, 1);
    if (x->rank == 0)
        node_fail(n, "data '%s' is a scalar; Gather needs rank >= 1", x->name);
    int axis = norm_axis(n, attr_i(n, "axis", 0), x->rank);
    int r = x->rank - 1 + ind->rank;
    if (r > MLCC_MAX_RANK)
        node_fail(n, "output rank %d is above the limit of %d", r, MLCC_MAX_RANK);
    int64_t d[MLCC_MAX_RANK];
    int k = 0;
    for (int i = 0; i < axis; i++)
        d[k++] = x->dims[i];
    for (int i = 0; i < ind->rank; i++)
        d[k++] = ind->dims[i];
    for (int i = axis + 1; i < x->rank; i++)
        d[k++] = x->dims[i];
    if (!dtype_size(x->dtype))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    need_int32(n, x);
    check_const_indices(g, n, 1, &x->dims[axis], 1);
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, x->dtype, r, d);
    need_int32(n, y);
}

static void lower_gather(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *ind = node_input(g, n, 1);
    int axis = norm_axis(n, attr_i(n, "axis", 0), x->rank);
    int64_t outer = 1, inner = dtype_size(x->dtype);
    for (int i = 0; i < axis; i++)
        outer *= x->dims[i];
    for (int i = axis + 1; i < x->rank; i++)
        inner *= x->dims[i];
    c->kernel = "mlcc_gather";
    ivec_push(&c->ip, outer);
    ivec_push(&c->ip, x->dims[axis]);
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, tensor_numel(ind));
    ivec_push(&c->ip, index_kind(ind->dtype));
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_out(c, n->out[0]);
}

/* ---------------------------------------------------------------- GatherElements / ScatterElements */

/* indices (and updates) of data's rank, no larger than data off the axis */
static int elements_check(Graph *g, Node *n, bool scatter)
{
    Tensor *x = node_input(g, n, 0), *ind = int_indices(g, n, 1);
    if (x->rank == 0)
        node_fail(n, "data '%s' is a scalar; this op needs rank >= 1", x->name);
    int axis = norm_axis(n, attr_i(n, "axis", 0), x->rank);
    if (ind->rank != x->rank)
        node_fail(n, "indices %s and data %s must have the same rank", shape_str(ind), shape_str(x));
    for (int i = 0; i < x->rank; i++)
        if (i != axis && ind->dims[i] > x->dims[i])
            node_fail(n, "indices %s exceed data %s on axis %d", shape_str(ind), shape_str(x), i);
    if (scatter) {
        Tensor *u = node_input(g, n, 2);
        if (u->dtype != x->dtype)
            node_fail(n, "updates (%s) and data (%s) have different types", dtype_name(u->dtype),
                      dtype_name(x->dtype));
        if (u->rank != ind->rank || memcmp(u->dims, ind->dims, sizeof(int64_t) * (size_t)ind->rank))
            node_fail(n, "updates %s must have the shape of indices %s", shape_str(u), shape_str(ind));
    }
    need_int32(n, x);
    check_const_indices(g, n, 1, &x->dims[axis], 1);
    return axis;
}

static void push_elements_params(Graph *g, Node *n, Call *c, int axis, bool scatter)
{
    Tensor *x = node_input(g, n, 0), *ind = node_input(g, n, 1);
    int64_t st[MLCC_MAX_RANK];
    push_strides(st, x);
    ivec_push(&c->ip, x->rank);
    ivec_push(&c->ip, index_kind(ind->dtype));
    ivec_push(&c->ip, x->dims[axis]);
    ivec_push(&c->ip, st[axis]);
    if (scatter) {
        ivec_push(&c->ip, tensor_numel(x));
        ivec_push(&c->ip, reduction_code(reduction_of(n, 16)));
    }
    for (int i = 0; i < x->rank; i++)
        ivec_push(&c->ip, ind->dims[i]);
    for (int i = 0; i < x->rank; i++)
        ivec_push(&c->ip, i == axis ? 0 : st[i]);
}

static void infer_gather_elements(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    elements_check(g, n, false);
    Tensor *x = node_input(g, n, 0), *ind = node_input(g, n, 1);
    tensor_set_shape(node_output(g, n, 0), x->dtype, ind->rank, ind->dims);
}

static void lower_gather_elements(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int axis = norm_axis(n, attr_i(n, "axis", 0), x->rank);
    sized_kernel(n, c, "gather_elements", x->dtype);
    push_elements_params(g, n, c, axis, false);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_out(c, n->out[0]);
}

static void infer_scatter_elements(Graph *g, Node *n)
{
    need_inputs(n, 3, 3);
    elements_check(g, n, true);
    reduction_of(n, 16);
    same_shape_out(g, n, 0);
}

static void lower_scatter_elements(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int axis = norm_axis(n, attr_i(n, "axis", 0), x->rank);
    if (reduction_code(reduction_of(n, 16)))
        call_kernel(g, n, c, "scatter_elements_red", x->dtype);
    else
        sized_kernel(n, c, "scatter_elements", x->dtype);
    push_elements_params(g, n, c, axis, true);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_in(c, n->in[2]);
    call_out(c, n->out[0]);
}

/* ---------------------------------------------------------------- GatherND / ScatterND */

static void infer_gather_nd(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    Tensor *x = node_input(g, n, 0), *ind = node_input(g, n, 1);
    if (ind->dtype != DT_INT64)
        node_fail(n, "indices '%s' must be int64, not %s", ind->name, dtype_name(ind->dtype));
    int64_t b = n->opset >= 12 ? attr_i(n, "batch_dims", 0) : 0;
    if (x->rank < 1 || ind->rank < 1)
        node_fail(n, "data and indices must have rank >= 1 (%s, %s)", shape_str(x), shape_str(ind));
    if (b < 0 || b >= x->rank || b >= ind->rank)
        node_fail(n, "attribute 'batch_dims' = %lld is out of range for ranks %d and %d", (long long)b, x->rank,
                  ind->rank);
    int64_t m = ind->dims[ind->rank - 1];
    if (m < 1 || m > x->rank - b)
        node_fail(n, "the last dim of indices %s must be in [1, %lld]", shape_str(ind), (long long)(x->rank - b));
    for (int i = 0; i < b; i++)
        if (ind->dims[i] != x->dims[i])
            node_fail(n, "batch dim %d differs: indices %s, data %s", i, shape_str(ind), shape_str(x));
    int64_t d[MLCC_MAX_RANK * 2];
    int r = 0;
    for (int i = 0; i < ind->rank - 1; i++)
        d[r++] = ind->dims[i];
    for (int i = (int)(b + m); i < x->rank; i++)
        d[r++] = x->dims[i];
    if (r > MLCC_MAX_RANK)
        node_fail(n, "output rank %d is above the limit of %d", r, MLCC_MAX_RANK);
    need_int32(n, x);
    check_const_indices(g, n, 1, &x->dims[b], (int)m);
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, x->dtype, r, d);
    need_int32(n, y);
}

static void lower_gather_nd(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *ind = node_input(g, n, 1);
    int b = (int)(n->opset >= 12 ? attr_i(n, "batch_dims", 0) : 0);
    int m = (int)ind->dims[ind->rank - 1];
    int64_t es = dtype_size(x->dtype), st[MLCC_MAX_RANK], nb = 1, ng = 1;
    push_strides(st, x);
    for (int i = 0; i < b; i++)
        nb *= x->dims[i];
    for (int i = b; i < ind->rank - 1; i++)
        ng *= ind->dims[i];
    c->kernel = "mlcc_gather_nd";
    ivec_push(&c->ip, nb);
    ivec_push(&c->ip, ng);
    ivec_push(&c->ip, m);
    ivec_push(&c->ip, (b + m < x->rank ? st[b + m - 1] : 1) * es);
    ivec_push(&c->ip, b > 0 ? st[b - 1] * es : 0);
    ivec_push(&c->ip, index_kind(ind->dtype));
    for (int j = 0; j < m; j++)
        ivec_push(&c->ip, x->dims[b + j]);
    for (int j = 0; j < m; j++)
        ivec_push(&c->ip, st[b + j] * es);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_out(c, n->out[0]);
}

static void infer_scatter_nd(Graph *g, Node *n)
{
    need_inputs(n, 3, 3);
    Tensor *x = node_input(g, n, 0), *ind = node_input(g, n, 1), *u = node_input(g, n, 2);
    if (ind->dtype != DT_INT64)
        node_fail(n, "indices '%s' must be int64, not %s", ind->name, dtype_name(ind->dtype));
    if (x->rank < 1 || ind->rank < 1)
        node_fail(n, "data and indices must have rank >= 1 (%s, %s)", shape_str(x), shape_str(ind));
    int64_t m = ind->dims[ind->rank - 1];
    if (m < 1 || m > x->rank)
        node_fail(n, "the last dim of indices %s must be in [1, %d]", shape_str(ind), x->rank);
    if (u->dtype != x->dtype)
        node_fail(n, "updates (%s) and data (%s) have different types", dtype_name(u->dtype), dtype_name(x->dtype));
    int64_t d[MLCC_MAX_RANK * 2];
    int r = 0;
    for (int i = 0; i < ind->rank - 1; i++)
        d[r++] = ind->dims[i];
    for (int i = (int)m; i < x->rank; i++)
        d[r++] = x->dims[i];
    bool ok = r == u->rank;
    for (int i = 0; ok && i < r; i++)
        ok = d[i] == u->dims[i];
    if (!ok)
        node_fail(n, "updates %s must have shape indices[:-1] + data[%lld:] for indices %s and data %s",
                  shape_str(u), (long long)m, shape_str(ind), shape_str(x));
    reduction_of(n, 16);
    need_int32(n, x);
    check_const_indices(g, n, 1, x->dims, (int)m);
    same_shape_out(g, n, 0);
}

static void lower_scatter_nd(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *ind = node_input(g, n, 1);
    int m = (int)ind->dims[ind->rank - 1];
    int64_t st[MLCC_MAX_RANK], ng = 1;
    push_strides(st, x);
    for (int i = 0; i < ind->rank - 1; i++)
        ng *= ind->dims[i];
    int red = reduction_code(reduction_of(n, 16));
    if (red)
        call_kernel(g, n, c, "scatter_nd_red", x->dtype);
    else
        c->kernel = "mlcc_scatter_nd";
    ivec_push(&c->ip, ng);
    ivec_push(&c->ip, m);
    ivec_push(&c->ip, m < x->rank ? st[m - 1] : 1);
    ivec_push(&c->ip, dtype_size(x->dtype));
    ivec_push(&c->ip, tensor_numel(x));
    ivec_push(&c->ip, index_kind(ind->dtype));
    ivec_push(&c->ip, red);
    for (int j = 0; j < m; j++)
        ivec_push(&c->ip, x->dims[j]);
    for (int j = 0; j < m; j++)
        ivec_push(&c->ip, st[j]);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_in(c, n->in[2]);
    call_out(c, n->out[0]);
}

/* ---------------------------------------------------------------- OneHot */

static int64_t onehot_depth(Graph *g, Node *n)
{
    Tensor *d = node_input(g, n, 1);
    need_const(g, n, 1, "depth");
    if (tensor_numel(d) != 1 || d->rank > 1)
        node_fail(n, "input 'depth' must hold one value, not %s", shape_str(d));
    if (index_kind(d->dtype) < 0)
        node_fail(n, "input 'depth' has unsupported type %s", dtype_name(d->dtype));
    double v = dtype_get_f(d->dtype, d->data, 0);
    if (!(v >= 1 && v < 1e9))
        node_fail(n, "input 'depth' = %g is not a positive count", v);
    return (int64_t)v;
}

static int onehot_axis(const Node *n, int rank)
{
    int64_t a = attr_i(n, "axis", -1);
    if (a < -(rank + 1) || a > rank)
        node_fail(n, "attribute 'axis' = %lld is out of range for output rank %d", (long long)a, rank + 1);
    return (int)(a < 0 ? a + rank + 1 : a);
}

static void infer_onehot(Graph *g, Node *n)
{
    need_inputs(n, 3, 3);
    Tensor *ind = node_input(g, n, 0), *v = node_input(g, n, 2);
    if (index_kind(ind->dtype) < 0)
        node_fail(n, "indices '%s' have unsupported type %s", ind->name, dtype_name(ind->dtype));
    if (tensor_numel(v) != 2 || v->rank != 1)
        node_fail(n, "input 'values' must be [off_value, on_value], not %s", shape_str(v));
    if (ind->rank + 1 > MLCC_MAX_RANK)
        node_fail(n, "output rank %d is above the limit of %d", ind->rank + 1, MLCC_MAX_RANK);
    int64_t depth = onehot_depth(g, n);
    int axis = onehot_axis(n, ind->rank);
    int64_t d[MLCC_MAX_RANK];
    for (int i = 0, k = 0; i <= ind->rank; i++)
        d[i] = i == axis ? depth : ind->dims[k++];
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, v->dtype, ind->rank + 1, d);
    need_int32(n, y);
}

static void lower_onehot(Graph *g, Node *n, Call *c)
{
    Tensor *ind = node_input(g, n, 0), *v = node_input(g, n, 2);
    int axis = onehot_axis(n, ind->rank);
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < ind->rank; i++)
        *(i < axis ? &outer : &inner) *= ind->dims[i];
    sized_kernel(n, c, "onehot", v->dtype);
    ivec_push(&c->ip, outer);
    ivec_push(&c->ip, onehot_depth(g, n));
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, index_kind(ind->dtype));
    call_in(c, n->in[0]);
    call_in(c, -1);
    call_in(c, n->in[2]);
    call_out(c, n->out[0]);
}

GUARD_INFER(infer_gather)
GUARD_INFER(infer_gather_elements)
GUARD_INFER(infer_gather_nd)
GUARD_INFER(infer_onehot)
GUARD_INFER(infer_scatter_elements)
GUARD_INFER(infer_scatter_nd)
GUARD_LOWER(lower_gather)
GUARD_LOWER(lower_gather_elements)
GUARD_LOWER(lower_gather_nd)
GUARD_LOWER(lower_onehot)
GUARD_LOWER(lower_scatter_elements)
GUARD_LOWER(lower_scatter_nd)

const OpDef ops_gather[] = {
    {"Gather", 1, 17, infer_gather_guarded, lower_gather_guarded, 0, 0, "gather", "any data type; int32/int64 indices"},
    {"GatherElements", 11, 17, infer_gather_elements_guarded, lower_gather_elements_guarded, 0, 0, "gather",
     "any data type; int32/int64 indices"},
    {"GatherND", 11, 17, infer_gather_nd_guarded, lower_gather_nd_guarded, 0, 0, "gather", "batch_dims; any data type"},
    {"ScatterElements", 11, 17, infer_scatter_elements_guarded, lower_scatter_elements_guarded, 0, 0, "gather",
     "reduction none (any type), add/mul (f32 f64 i32 i64)"},
    {"Scatter", 9, 10, infer_scatter_elements_guarded, lower_scatter_elements_guarded, 0, 0, "gather",
     "deprecated alias of ScatterElements"},
    {"ScatterND", 11, 17, infer_scatter_nd_guarded, lower_scatter_nd_guarded, 0, 0, "gather",
     "reduction none (any type), add/mul (f32 f64 i32 i64)"},
    {"OneHot", 9, 17, infer_onehot_guarded, lower_onehot_guarded, 1u << 1, 0, "gather",
     "constant depth; any values type"},
    {0},
};
