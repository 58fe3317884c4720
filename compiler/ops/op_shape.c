/* op_shape.c - ops that only change the shape (zero-copy views), and shape
 * arithmetic folded at compile time: Reshape Flatten Squeeze Unsqueeze Identity
 * Dropout Constant Shape Size ConstantOfShape Range (runtime-min/shape.c) */
#include "mlcc.h"

#include <math.h>
#include <string.h>

static void set_view(Graph *g, Node *n, int rank, const int64_t *dims)
{
    Tensor *x = node_input(g, n, 0);
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, x->dtype, rank, dims);
    if (tensor_numel(y) != tensor_numel(x))
        node_fail(n, "cannot view %s as %s", shape_str(x), shape_str(y));
}

static void infer_reshape(Graph *g, Node *n)
{
    Tensor *x = node_input(g, n, 0);
    int64_t shape[MLCC_MAX_RANK];
    int r;
    if (n->opset < 5) {
        need_inputs(n, 1, 1);
        const int64_t *s;
        r = attr_ints(n, "shape", &s);
        if (r < 0 || r > MLCC_MAX_RANK)
            node_fail(n, "missing or too long 'shape' attribute");
        memcpy(shape, s, sizeof(int64_t) * (size_t)r);
    } else {
        need_inputs(n, 2, 2);
        need_const(g, n, 1, "target shape");
        r = const_ints(g, n, 1, shape, MLCC_MAX_RANK);
    }
    bool allowzero = attr_i(n, "allowzero", 0) != 0;
    int infer_at = -1;
    int64_t known = 1;
    for (int i = 0; i < r; i++) {
        if (shape[i] == 0 && !allowzero) {
            if (i >= x->rank)
                node_fail(n, "shape dim %d is 0 (copy) but the input has rank %d", i, x->rank);
            shape[i] = x->dims[i];
        }
        if (shape[i] == -1) {
            if (infer_at >= 0)
                node_fail(n, "more than one -1 in the target shape");
            infer_at = i;
            continue;
        }
        if (shape[i] < 0)
            node_fail(n, "invalid target dim %lld", (long long)shape[i]);
        known = checked_mul(known, shape[i], n->name);
    }
    if (infer_at >= 0) {
        if (known == 0 || tensor_numel(x) % known)
            node_fail(n, "cannot reshape %s: %lld elements do not divide", shape_str(x), (long long)tensor_numel(x));
        shape[infer_at] = tensor_numel(x) / known;
    }
    set_view(g, n, r, shape);
}

static void infer_flatten(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    int64_t axis = attr_i(n, "axis", 1);
    if (axis < 0)
        axis += x->rank;
    if (axis < 0 || axis > x->rank)
        node_fail(n, "axis %lld is out of range for rank %d", (long long)attr_i(n, "axis", 1), x->rank);
    int64_t d[2] = {1, 1};
    for (int i = 0; i < x->rank; i++)
        d[i >= axis] *= x->dims[i];
    set_view(g, n, 2, d);
}

/* axes from the attribute (older opsets) or the constant second input */
static int get_axes(Graph *g, Node *n, int from_opset, int64_t *axes)
{
    if (n->opset >= from_opset) {
        if (n->n_in < 2 || n->in[1] < 0)
            return -1;
        need_const(g, n, 1, "axes");
        return const_ints(g, n, 1, axes, MLCC_MAX_RANK);
    }
    const int64_t *a;
    int k = attr_ints(n, "axes", &a);
    if (k > MLCC_MAX_RANK)
        node_fail(n, "too many axes");
    if (k > 0)
        memcpy(axes, a, sizeof(int64_t) * (size_t)k);
    return k;
}

static void infer_squeeze(Graph *g, Node *n)
{
    need_inputs(n, 1, 2);
    Tensor *x = node_input(g, n, 0);
    int64_t axes[MLCC_MAX_RANK];
    int k = get_axes(g, n, 13, axes);
    bool drop[MLCC_MAX_RANK] = {0};
    if (k < 0) {
        for (int i = 0; i < x->rank; i++)
            drop[i] = x->dims[i] == 1;
    } else {
        for (int i = 0; i < k; i++) {
            int a = norm_axis(n, axes[i], x->rank);
            if (x->dims[a] != 1)
                node_fail(n, "cannot squeeze axis %d of size %lld", a, (long long)x->dims[a]);
            drop[a] = true;
        }
    }
    int64_t d[MLCC_MAX_RANK];
    int r = 0;
    for (int i = 0; i < x->rank; i++)
        if (!drop[i])
            d[r++] = x->dims[i];
    set_view(g, n, r, d);
}

static void infer_unsqueeze(Graph *g, Node *n)
{
    need_inputs(n, 1, 2);
    Tensor *x = node_input(g, n, 0);
    int64_t axes[MLCC_MAX_RANK];
    int k = get_axes(g, n, 13, axes);
    if (k < 0)
        node_fail(n, "missing axes");
    int r = x->rank + k;
    if (r > MLCC_MAX_RANK)
        node_fail(n, "result rank %d is above the limit of %d", r, MLCC_MAX_RANK);
    bool ins[MLCC_MAX_RANK] = {0};
    for (int i = 0; i < k; i++) {
        int a = norm_axis(n, axes[i], r);
        if (ins[a])
            node_fail(n, "axis %d is repeated", a);
        ins[a] = true;
    }
    int64_t d[MLCC_MAX_RANK];
    for (int i = 0, j = 0; i < r; i++)
        d[i] = ins[i] ? 1 : x->dims[j++];
    set_view(g, n, r, d);
}

static void infer_identity(Graph *g, Node *n)
{
    need_inputs(n, 1, 3);
    Tensor *x = node_input(g, n, 0);
    set_view(g, n, x->rank, x->dims);
    if (!strcmp(n->op, "Dropout") && n->n_out > 1 && n->out[1] >= 0) {
        /* inference: the mask is all true, a constant */
        Tensor *m = node_output(g, n, 1);
        tensor_set_shape(m, DT_BOOL, x->rank, x->dims);
        int64_t cnt = tensor_numel(m);
        m->data = xmalloc((size_t)cnt + 1);
        memset(m->data, 1, (size_t)cnt);
    }
    if (!strcmp(n->op, "Dropout") && n->opset >= 12 && n->n_in > 2 && n->in[2] >= 0) {
        /* training mode draws a random mask, except with a ratio of 0: then the
         * output is the input (scale 1/(1-0)) and the mask is all true */
        Tensor *tm = node_input(g, n, 2);
        if (!tm->data || tensor_numel(tm) != 1)
            node_fail(n, "input 2 (training_mode) must be a constant scalar");
        if (dtype_get_i(tm->dtype, tm->data, 0)) {
            Tensor *r = node_input(g, n, 1);
            if (!r)
                node_fail(n, "training_mode = true with the default ratio 0.5 draws a random mask, which is not "
                             "supported (only ratio 0)");
            if (!r->data || tensor_numel(r) != 1)
                node_fail(n, "training_mode = true needs input 1 (ratio) to be a constant scalar (only ratio 0 is "
                             "supported)");
            double ratio = dtype_get_f(r->dtype, r->data, 0);
            if (ratio != 0)
                node_fail(n, "training_mode = true with ratio %g draws a random mask, which is not supported "
                             "(only ratio 0)", ratio);
        }
    }
}

static void set_const(Graph *g, Node *n, int k, int dt, int rank, const int64_t *dims, const void *data)
{
    Tensor *y = node_output(g, n, k);
    tensor_set_shape(y, dt, rank, dims);
    int64_t b = tensor_bytes(y);
    count_constant_bytes(b, y->name);
    y->data = xmalloc((size_t)b + 1);
    if (b)
        memcpy(y->data, data, (size_t)b);
}

static void infer_constant(Graph *g, Node *n)
{
    need_inputs(n, 0, 0);
    n->dead = true;
    const Attr *a;
    if ((a = attr_get(n, "value")) && a->type == AT_TENSOR) {
        set_const(g, n, 0, a->t->dtype, a->t->rank, a->t->dims, a->t->data);
    } else if ((a = attr_get(n, "value_float")) && a->type == AT_FLOAT) {
        set_const(g, n, 0, DT_FLOAT, 0, NULL, &a->f);
    } else if ((a = attr_get(n, "value_int")) && a->type == AT_INT) {
        set_const(g, n, 0, DT_INT64, 0, NULL, &a->i);
    } else if ((a = attr_get(n, "value_floats")) && a->type == AT_FLOATS) {
        int64_t d = a->n;
        set_const(g, n, 0, DT_FLOAT, 1, &d, a->floats);
    } else if ((a = attr_get(n, "value_ints")) && a->type == AT_INTS) {
        int64_t d = a->n;
        set_const(g, n, 0, DT_INT64, 1, &d, a->ints);
    } else if (attr_get(n, "sparse_value")) {
        node_fail(n, "sparse_value is not supported");
    } else {
        node_fail(n, "no value attribute (value, value_float(s), value_int(s))");
    }
}

static void infer_shape_op(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    n->dead = true;
    int64_t r = x->rank;
    int64_t start = attr_i(n, "start", 0), end = attr_i(n, "end", r);
    if (n->opset < 15)
        start = 0, end = r;
    if (start < 0)
        start += r;
    if (end < 0)
        end += r;
    start = start < 0 ? 0 : start > r ? r : start;
    end = end < 0 ? 0 : end > r ? r : end;
    int64_t len = end > start ? end - start : 0;
    set_const(g, n, 0, DT_INT64, 1, &len, x->dims + start);
}

static void infer_size(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    n->dead = true;
    int64_t cnt = tensor_numel(node_input(g, n, 0));
    set_const(g, n, 0, DT_INT64, 0, NULL, &cnt);
}

static void infer_constant_of_shape(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    need_const(g, n, 0, "shape");
    int64_t d[MLCC_MAX_RANK];
    Tensor *s = node_input(g, n, 0);
    if (tensor_numel(s) > MLCC_MAX_RANK)
        node_fail(n, "shape has more than %d dims", MLCC_MAX_RANK);
    int r = const_ints(g, n, 0, d, MLCC_MAX_RANK);
    const Attr *a = attr_get(n, "value");
    int dt = a && a->type == AT_TENSOR ? a->t->dtype : DT_FLOAT;
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, dt, r, d);
    int64_t cnt = tensor_numel(y), es = dtype_size(dt);
    count_constant_bytes(cnt * es, y->name);
    y->data = xmalloc((size_t)(cnt * es) + 1);
    if (a && a->type == AT_TENSOR && tensor_numel(a->t) >= 1)
        for (int64_t i = 0; i < cnt; i++)
            memcpy((char *)y->data + i * es, a->t->data, (size_t)es);
    n->dead = true;
}

static void infer_range(Graph *g, Node *n)
{
    need_inputs(n, 3, 3);
    for (int k = 0; k < 3; k++)
        need_const(g, n, k, k == 0 ? "start" : k == 1 ? "limit" : "delta");
    Tensor *ts = node_input(g, n, 0);
    int dt = ts->dtype;
    for (int k = 0; k < 3; k++) {
        const Tensor *t = node_input(g, n, k);
        if (t->dtype != dt)
            node_fail(n, "start, limit and delta must have one type (input %d is %s, start is %s)", k,
                      dtype_name(t->dtype), dtype_name(dt));
        if (tensor_numel(t) != 1)
            node_fail(n, "input %d must be a scalar", k);
    }
    if (!dtype_is_float(dt) && !dtype_is_int(dt))
        node_fail(n, "type %s is not supported", dtype_name(dt));
    double s = dtype_get_f(dt, ts->data, 0), l = dtype_get_f(dt, node_input(g, n, 1)->data, 0),
           d = dtype_get_f(dt, node_input(g, n, 2)->data, 0);
    if (d == 0)
        node_fail(n, "delta is 0");
    double cnt = ceil((l - s) / d);
    if (!dtype_is_float(dt)) {
        /* integers exactly (a double rounds past 2^53): ceil(|limit - start| /
         * |delta|) when delta points from start to limit, else 0; the distance
         * and |delta| fit in uint64 (dtype_get_i reads a uint64 as its bits) */
        int64_t si = dtype_get_i(dt, ts->data, 0), li = dtype_get_i(dt, node_input(g, n, 1)->data, 0),
                di = dtype_get_i(dt, node_input(g, n, 2)->data, 0);
        bool u = dt == DT_UINT64;
        uint64_t span = 0, step = 1;
        if (u ? (uint64_t)li > (uint64_t)si : di > 0 && li > si) {
            span = (uint64_t)li - (uint64_t)si;
            step = (uint64_t)di;
        } else if (!u && di < 0 && li < si) {
            span = (uint64_t)si - (uint64_t)li;
            step = 0u - (uint64_t)di;
        }
        cnt = (double)(span / step + (span % step != 0));
    }
    if (!(cnt < 1e8))
        node_fail(n, "range has too many elements");
    int64_t len = cnt > 0 ? (int64_t)cnt : 0;
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, dt, 1, &len);
    count_constant_bytes(len * dtype_size(dt), y->name);
    y->data = xmalloc((size_t)(len * dtype_size(dt)) + 1);
    if (dtype_is_float(dt)) {
        for (int64_t i = 0; i < len; i++) /* accumulate in the element type, like the reference */
            dtype_set_f(dt, y->data, i, i ? dtype_get_f(dt, y->data, i - 1) + d : s);
    } else {
        /* start + i * delta wrapping (no UB), stored by width: exact, where a
         * double would round past 2^53 */
        uint64_t si = (uint64_t)dtype_get_i(dt, ts->data, 0);
        uint64_t di = (uint64_t)dtype_get_i(dt, node_input(g, n, 2)->data, 0);
        for (int64_t i = 0; i < len; i++) {
            uint64_t v = si + (uint64_t)i * di;
            switch (dtype_size(dt)) {
            case 1: ((uint8_t *)y->data)[i] = (uint8_t)v; break;
            case 2: ((uint16_t *)y->data)[i] = (uint16_t)v; break;
            case 4: ((uint32_t *)y->data)[i] = (uint32_t)v; break;
            default: ((uint64_t *)y->data)[i] = v; break;
            }
        }
    }
    n->dead = true;
}

const OpDef ops_shape[] = {
    {"Reshape", 1, 17, infer_reshape, NULL, 1u << 1, OPF_VIEW, "shape", "zero-copy view"},
    {"Flatten", 1, 17, infer_flatten, NULL, 0, OPF_VIEW, "shape", "zero-copy view"},
    {"Squeeze", 1, 17, infer_squeeze, NULL, 1u << 1, OPF_VIEW, "shape", "zero-copy view"},
    {"Unsqueeze", 1, 17, infer_unsqueeze, NULL, 1u << 1, OPF_VIEW, "shape", "zero-copy view"},
    {"Identity", 1, 17, infer_identity, NULL, 0, OPF_VIEW, "shape", "zero-copy view (tensors only)"},
    {"Dropout", 1, 17, infer_identity, NULL, (1u << 1) | (1u << 2), OPF_VIEW, "shape",
     "identity, mask all true: inference, or training_mode with a constant ratio 0"},
    {"Constant", 1, 17, infer_constant, NULL, 0, 0, "shape", "folded"},
    {"Shape", 1, 17, infer_shape_op, NULL, 0, 0, "shape", "folded (static shapes)"},
    {"Size", 1, 17, infer_size, NULL, 0, 0, "shape", "folded (static shapes)"},
    {"ConstantOfShape", 9, 17, infer_constant_of_shape, NULL, 1u << 0, 0, "shape", "folded"},
    {"Range", 11, 17, infer_range, NULL, 7u, 0, "shape", "folded"},
    {0},
};
