/* op_reduce.c - reductions: ReduceSum ReduceMean ReduceMax ReduceMin ReduceProd
 * ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceSumSquare (any set of
 * axes, keepdims; ReduceSum 13+ takes its axes as a constant input with
 * noop_with_empty_axes), ArgMax ArgMin, CumSum (runtime-min/reduce.c) */
#include "mlcc.h"

#include <string.h>

/* ---------------------------------------------------------------- Reduce* */

static const char *reduce_base(const Node *n)
{
    static const char *const map[][2] = {
        {"ReduceSum", "reduce_sum"},       {"ReduceMean", "reduce_mean"},   {"ReduceMax", "reduce_max"},
        {"ReduceMin", "reduce_min"},       {"ReduceProd", "reduce_prod"},   {"ReduceL1", "reduce_l1"},
        {"ReduceL2", "reduce_l2"},         {"ReduceLogSum", "reduce_logsum"},
        {"ReduceLogSumExp", "reduce_logsumexp"}, {"ReduceSumSquare", "reduce_sumsq"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], n->op))
            return map[i][1];
    return "?";
}

/* Axes as input 1 (ReduceSum from opset 13) instead of an attribute. */
static bool axes_as_input(const Node *n)
{
    return !strcmp(n->op, "ReduceSum") && n->opset >= 13;
}

/* Which dims of the input are reduced. */
static void reduce_flags(Graph *g, Node *n, bool *red)
{
    Tensor *x = node_input(g, n, 0);
    int64_t axes[MLCC_MAX_RANK];
    int k;
    if (axes_as_input(n)) {
        need_inputs(n, 1, 2);
        k = -1;
        if (n->n_in > 1 && n->in[1] >= 0) {
            Tensor *a = node_input(g, n, 1);
            need_const(g, n, 1, "axes");
            if (a->rank > 1)
                node_fail(n, "input 'axes' must be 1-D, not %s", shape_str(a));
            k = const_ints(g, n, 1, axes, MLCC_MAX_RANK);
        }
    } else {
        need_inputs(n, 1, 1);
        const int64_t *a;
        k = attr_ints(n, "axes", &a);
        if (k > MLCC_MAX_RANK)
            node_fail(n, "attribute 'axes' has %d values, more than the rank limit %d", k, MLCC_MAX_RANK);
        if (k > 0)
            memcpy(axes, a, sizeof(int64_t) * (size_t)k);
    }
    int64_t noop = axes_as_input(n) ? attr_i(n, "noop_with_empty_axes", 0) : 0;
    if (noop != 0 && noop != 1)
        node_fail(n, "attribute 'noop_with_empty_axes' = %lld is not supported (0 or 1)", (long long)noop);
    for (int i = 0; i < x->rank; i++)
        red[i] = k <= 0 && !noop;
    for (int i = 0; i < k; i++)
        red[norm_axis(n, axes[i], x->rank)] = true;
}

static void infer_reduce(Graph *g, Node *n)
{
    Tensor *x = node_input(g, n, 0);
    bool red[MLCC_MAX_RANK];
    reduce_flags(g, n, red);
    int64_t keep = attr_i(n, "keepdims", 1);
    if (keep != 0 && keep != 1)
        node_fail(n, "attribute 'keepdims' = %lld is not supported (0 or 1)", (long long)keep);
    int64_t d[MLCC_MAX_RANK];
    int r = 0;
    for (int i = 0; i < x->rank; i++) {
        if (!red[i])
            d[r++] = x->dims[i];
        else if (keep)
            d[r++] = 1;
    }
    if (!dtype_size(x->dtype) || x->dtype == DT_STRING)
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    tensor_set_shape(node_output(g, n, 0), x->dtype, r, d);
    if (tensor_numel(x) > INT32_MAX)
        node_fail(n, "input '%s' has more than 2^31-1 elements", x->name);
}

static void lower_reduce(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    bool red[MLCC_MAX_RANK];
    reduce_flags(g, n, red);
    call_kernel(g, n, c, reduce_base(n), x->dtype);
    /* merge runs of dims that are all reduced or all kept; size-1 dims vanish */
    int64_t d[MLCC_MAX_RANK];
    bool rd[MLCC_MAX_RANK];
    int m = 0;
    for (int i = 0; i < x->rank; i++) {
        if (x->dims[i] == 1)
            continue;
        if (m > 0 && rd[m - 1] == red[i]) {
            d[m - 1] *= x->dims[i];
            continue;
        }
        d[m] = x->dims[i];
        rd[m++] = red[i];
    }
    if (m == 0) {
        d[0] = 1;
        rd[0] = true;
        m = 1;
    }
    int64_t os[MLCC_MAX_RANK], s = 1, nred = 1;
    for (int i = m - 1; i >= 0; i--) {
        if (rd[i]) {
            os[i] = 0;
            nred *= d[i];
        } else {
            os[i] = s;
            s *= d[i];
        }
    }
    ivec_push(&c->ip, m);
    ivec_push(&c->ip, tensor_numel(y));
    ivec_push(&c->ip, nred);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, d[i]);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, os[i]);
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    if (!strcmp(n->op, "ReduceLogSumExp"))
        c->scratch = tensor_bytes(y) ? tensor_bytes(y) : dtype_size(y->dtype);
}

/* ---------------------------------------------------------------- ArgMax / ArgMin */

static void arg_dims(Tensor *x, int axis, int64_t *outer, int64_t *len, int64_t *inner)
{
    *outer = *inner = 1;
    for (int i = 0; i < axis; i++)
        *outer *= x->dims[i];
    for (int i = axis + 1; i < x->rank; i++)
        *inner *= x->dims[i];
    *len = x->rank ? x->dims[axis] : 1;
}

static void infer_argreduce(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    if (x->rank == 0)
        node_fail(n, "input '%s' is a scalar; ArgMax/ArgMin need rank >= 1", x->name);
    int axis = norm_axis(n, attr_i(n, "axis", 0), x->rank);
    int64_t keep = attr_i(n, "keepdims", 1), last = n->opset >= 12 ? attr_i(n, "select_last_index", 0) : 0;
    if (keep != 0 && keep != 1)
        node_fail(n, "attribute 'keepdims' = %lld is not supported (0 or 1)", (long long)keep);
    if (last != 0 && last != 1)
        node_fail(n, "attribute 'select_last_index' = %lld is not supported (0 or 1)", (long long)last);
    if (x->dims[axis] == 0)
        node_fail(n, "axis %d has size 0: there is no index to select", axis);
    int64_t d[MLCC_MAX_RANK];
    int r = 0;
    for (int i = 0; i < x->rank; i++) {
        if (i != axis)
            d[r++] = x->dims[i];
        else if (keep)
            d[r++] = 1;
    }
    tensor_set_shape(node_output(g, n, 0), DT_INT64, r, d);
}

static void lower_argreduce(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int axis = norm_axis(n, attr_i(n, "axis", 0), x->rank);
    call_kernel(g, n, c, !strcmp(n->op, "ArgMax") ? "argmax" : "argmin", x->dtype);
    int64_t outer, len, inner;
    arg_dims(x, axis, &outer, &len, &inner);
    ivec_push(&c->ip, outer);
    ivec_push(&c->ip, len);
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, n->opset >= 12 ? attr_i(n, "select_last_index", 0) : 0);
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
}

/* ---------------------------------------------------------------- CumSum */

static int cumsum_axis(Graph *g, Node *n)
{
    Tensor *x = node_input(g, n, 0), *a = node_input(g, n, 1);
    need_const(g, n, 1, "axis");
    if (tensor_numel(a) != 1 || a->rank > 1)
        node_fail(n, "input 'axis' must be a scalar, not %s", shape_str(a));
    int64_t v;
    const_ints(g, n, 1, &v, 1);
    return norm_axis(n, v, x->rank);
}

static void infer_cumsum(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    Tensor *x = node_input(g, n, 0);
    if (x->rank == 0)
        node_fail(n, "input '%s' is a scalar; CumSum needs rank >= 1", x->name);
    cumsum_axis(g, n);
    for (int i = 0; i < 2; i++) {
        const char *nm = i ? "reverse" : "exclusive";
        int64_t v = attr_i(n, nm, 0);
        if (v != 0 && v != 1)
            node_fail(n, "attribute '%s' = %lld is not supported (0 or 1)", nm, (long long)v);
    }
    same_shape_out(g, n, 0);
}

static void lower_cumsum(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int axis = cumsum_axis(g, n);
    call_kernel(g, n, c, "cumsum", x->dtype);
    int64_t outer, len, inner;
    arg_dims(x, axis, &outer, &len, &inner);
    ivec_push(&c->ip, outer);
    ivec_push(&c->ip, len);
    ivec_push(&c->ip, inner);
    ivec_push(&c->ip, attr_i(n, "exclusive", 0));
    ivec_push(&c->ip, attr_i(n, "reverse", 0));
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
}

GUARD_INFER(infer_argreduce)
GUARD_INFER(infer_cumsum)
GUARD_INFER(infer_reduce)
GUARD_LOWER(lower_argreduce)
GUARD_LOWER(lower_cumsum)
GUARD_LOWER(lower_reduce)

#define RED(NAME, NOTE) {NAME, 1, 17, infer_reduce_guarded, lower_reduce_guarded, 0, 0, "reduce", NOTE}

const OpDef ops_reduce[] = {
    {"ReduceSum", 1, 17, infer_reduce_guarded, lower_reduce_guarded, 1u << 1, 0, "reduce",
     "any axes; axes input (13+) constant; f32 f64 i32 i64"},
    RED("ReduceMean", "any axes; f32 f64 i32 i64"),
    RED("ReduceMax", "any axes; f32 f64 i32 i64 i8 u8"),
    RED("ReduceMin", "any axes; f32 f64 i32 i64 i8 u8"),
    RED("ReduceProd", "any axes; f32 f64 i32 i64"),
    RED("ReduceL1", "any axes; f32 f64 i32 i64"),
    RED("ReduceL2", "any axes; f32 f64 i32 i64"),
    RED("ReduceSumSquare", "any axes; f32 f64 i32 i64"),
    RED("ReduceLogSum", "any axes; f32 f64"),
    RED("ReduceLogSumExp", "any axes, max-shifted; f32 f64"),
    {"ArgMax", 1, 17, infer_argreduce_guarded, lower_argreduce_guarded, 0, 0, "reduce",
     "select_last_index; f32 f64 i32 i64 i8 u8"},
    {"ArgMin", 1, 17, infer_argreduce_guarded, lower_argreduce_guarded, 0, 0, "reduce",
     "select_last_index; f32 f64 i32 i64 i8 u8"},
    {"CumSum", 11, 17, infer_cumsum_guarded, lower_cumsum_guarded, 1u << 1, 0, "reduce",
     "constant axis; exclusive, reverse; f32 f64 i32 i64 u32 u64"},
    {0},
};
