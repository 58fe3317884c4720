/* op_layout.c - data movement for every dtype: Transpose Concat Split Slice
 * Pad Tile Expand DepthToSpace SpaceToDepth Trilu (runtime-min/layout.c).
 *
 * Kernels go by element size (mlcc_<base>_x1/x2/x4/x8), not by type. All but
 * Pad and Trilu are one strided copy over an index box (see layout.c), which
 * this file builds per op and simplifies (size-1 dims dropped, contiguous
 * dims merged) before it emits the parameters. */
#include "mlcc.h"

#include <stdlib.h>
#include <string.h>

/* ---- robustness, for every op of the families that use these (op_layout gather
 * reduce resize pool softmax logic unary quant rnn loss signal image; each
 * wraps the functions of its op table with GUARD_INFER / GUARD_LOWER, see
 * mlcc.h): the dims of each present input and output, zeros counted as
 * ones, must multiply to at most the tensor element limit and to less than
 * 2^31 bytes (a zero dim lets the others grow up to INT64_MAX within the
 * element limit), so no stride or size product overflows and no kernel loops
 * long over an empty tensor; every kernel parameter must fit the int32 the
 * kernels read; and a node folded at compile time (every present input a
 * constant) must not take more than 2^26 steps. */
static bool opguard_too_large(const Tensor *t)
{
    int64_t e = 1, es = dtype_size(t->dtype) > 0 ? dtype_size(t->dtype) : 1;
    for (int i = 0; i < t->rank; i++) {
        if (t->dims[i] > g_limits.tensor_elements)
            return true;
        if (t->dims[i] > 0)
            e *= t->dims[i]; /* both factors within the limit (< 2^31): no overflow */
        if (e > g_limits.tensor_elements)
            return true;
    }
    return e > INT32_MAX / es;
}

void opguard_tensors(Graph *g, const Node *n, bool outputs)
{
    for (int k = 0; k < (outputs ? n->n_out : n->n_in); k++) {
        const Tensor *t = outputs ? node_output(g, n, k) : node_input(g, n, k);
        if (t && t->shaped && opguard_too_large(t))
            node_fail(n, "%s '%s' of shape %s is too large (its dims multiply past the element limit or "
                      "2^31 bytes)", outputs ? "output" : "input", t->name, shape_str(t));
    }
}

void opguard_params(const Node *n, const Call *c)
{
    for (const Call *k = c; k; k = k->more)
        for (int i = 0; i < k->ip.n; i++)
            if (k->ip.v[i] < INT32_MIN || k->ip.v[i] > INT32_MAX)
                node_fail(n, "kernel parameter %lld is out of the int32 range", (long long)k->ip.v[i]);
}

/* `cost`: an upper bound of the kernel's steps */
void opguard_fold_cost(Graph *g, const Node *n, double cost)
{
    for (int k = 0; k < n->n_in; k++) {
        const Tensor *t = node_input(g, n, k);
        if (t && !t->data)
            return;
    }
    if (cost > (double)(1 << 26))
        node_fail(n, "computing it at compile time (every input is a constant) would take about %.3g steps; "
                  "not supported", cost);
}

#define BOX_MAX (2 * MLCC_MAX_RANK)

/* y[oy + sum i_k*sy_k] = x[ox + sum i_k*sx_k] over the box d */
typedef struct {
    int r;
    int64_t d[BOX_MAX], sx[BOX_MAX], sy[BOX_MAX];
    int64_t ox, oy;
} Box;

/* row-major element strides of a shape */
static void strides_of(int r, const int64_t *d, int64_t *s)
{
    int64_t m = 1;
    for (int i = r - 1; i >= 0; i--) {
        s[i] = m;
        m *= d[i];
    }
}

/* "mlcc_<base>_x<element size>", checked against the kernel registry */
static void size_kernel(Node *n, Call *c, const char *base, int dtype)
{
    int es = dtype_size(dtype);
    if (es != 1 && es != 2 && es != 4 && es != 8)
        node_fail(n, "data type %s is not supported by this op", dtype_name(dtype));
    char *k = xfmt("mlcc_%s_x%d", base, es);
    if (!kernel_find(k))
        node_fail(n, "data type %s is not supported by this op (no kernel %s)", dtype_name(dtype), k);
    c->kernel = k;
}

static void lower_box(Graph *g, Node *n, Call *c, const char *base, int x, int y, const Box *b)
{
    size_kernel(n, c, base, g->t[x]->dtype);
    /* an empty box first: the other dims of an empty box may be anything */
    int64_t cnt = 1;
    for (int i = 0; i < b->r; i++)
        if (b->d[i] == 0)
            cnt = 0;
    for (int i = 0; i < b->r && cnt; i++)
        cnt = checked_mul(cnt, b->d[i], n->name);
    int64_t d[BOX_MAX], sx[BOX_MAX], sy[BOX_MAX];
    int m = 0;
    if (cnt > 0) {
        for (int i = 0; i < b->r; i++) {
            if (b->d[i] == 1)
                continue;
            if (m > 0 && sx[m - 1] == b->sx[i] * b->d[i] && sy[m - 1] == b->sy[i] * b->d[i]) {
                d[m - 1] *= b->d[i];
                sx[m - 1] = b->sx[i];
                sy[m - 1] = b->sy[i];
                continue;
            }
            d[m] = b->d[i];
            sx[m] = b->sx[i];
            sy[m] = b->sy[i];
            m++;
        }
    }
    if (m == 0) {
        d[0] = cnt > 0 ? 1 : 0;
        sx[0] = sy[0] = 0;
        m = 1;
    }
    ivec_push(&c->ip, cnt);
    ivec_push(&c->ip, m);
    ivec_push(&c->ip, cnt > 0 ? b->ox : 0);
    ivec_push(&c->ip, cnt > 0 ? b->oy : 0);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, d[i]);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, sx[i]);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, sy[i]);
    call_in(c, x);
    call_out(c, y);
}

/* box that writes all of y (contiguous) from x read through strides sx */
static void box_dense_out(Box *b, const Tensor *y)
{
    b->r = y->rank;
    memcpy(b->d, y->dims, sizeof(int64_t) * (size_t)y->rank);
    strides_of(y->rank, y->dims, b->sy);
    b->oy = 0;
}

static void need_data_type(const Node *n, const Tensor *x)
{
    int es = dtype_size(x->dtype);
    if (es != 1 && es != 2 && es != 4 && es != 8)
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
}

/* ------------------------------------------------------------ Transpose */

static int get_perm(const Node *n, const Tensor *x, int64_t *perm)
{
    const int64_t *p;
    int k = attr_ints(n, "perm", &p);
    if (k < 0) {
        for (int i = 0; i < x->rank; i++)
            perm[i] = x->rank - 1 - i;
        return x->rank;
    }
    if (k != x->rank)
        node_fail(n, "attribute 'perm' has %d values for an input of rank %d", k, x->rank);
    bool seen[MLCC_MAX_RANK] = {0};
    for (int i = 0; i < k; i++) {
        int64_t a = p[i] < 0 ? p[i] + x->rank : p[i]; /* negative values: tolerated like onnxruntime */
        if (a < 0 || a >= x->rank || seen[a])
            node_fail(n, "attribute 'perm' is not a permutation of 0..%d", x->rank - 1);
        seen[a] = true;
        perm[i] = a;
    }
    return k;
}

static void infer_transpose(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int64_t perm[MLCC_MAX_RANK], d[MLCC_MAX_RANK];
    get_perm(n, x, perm);
    for (int i = 0; i < x->rank; i++)
        d[i] = x->dims[perm[i]];
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, d);
}

/* y = transpose(reshape(x, vd), perm) into y's contiguous buffer */
static void lower_permuted(Graph *g, Node *n, Call *c, int r, const int64_t *vd, const int64_t *perm)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    int64_t vs[BOX_MAX];
    strides_of(r, vd, vs);
    Box b = {0};
    b.r = r;
    for (int i = 0; i < r; i++) {
        b.d[i] = vd[perm[i]];
        b.sx[i] = vs[perm[i]];
    }
    strides_of(r, b.d, b.sy);
    lower_box(g, n, c, "transpose", x->id, y->id, &b);
}

static void lower_transpose(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int64_t perm[MLCC_MAX_RANK];
    get_perm(n, x, perm);
    lower_permuted(g, n, c, x->rank, x->dims, perm);
}

/* ------------------------------------------------------------ Concat */

static int concat_axis(Graph *g, const Node *n)
{
    Tensor *x = node_input(g, n, 0);
    if (x->rank == 0)
        node_fail(n, "cannot concatenate scalars (input '%s' has rank 0)", x->name);
    const Attr *a = attr_get(n, "axis");
    if (!a && n->opset >= 4)
        node_fail(n, "attribute 'axis' is required");
    int64_t axis = a ? a->i : 1;
    return norm_axis(n, axis, x->rank);
}

static void infer_concat(Graph *g, Node *n)
{
    need_inputs(n, 1, 1 << 20);
    for (int k = 0; k < n->n_in; k++)
        if (n->in[k] < 0)
            node_fail(n, "input %d is missing", k);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int axis = concat_axis(g, n);
    int64_t d[MLCC_MAX_RANK];
    memcpy(d, x->dims, sizeof d);
    d[axis] = 0;
    for (int k = 0; k < n->n_in; k++) {
        Tensor *t = node_input(g, n, k);
        if (t->dtype != x->dtype)
            node_fail(n, "inputs have different types (%s and %s)", dtype_name(x->dtype), dtype_name(t->dtype));
        if (t->rank != x->rank)
            node_fail(n, "inputs have different ranks (%s and %s)", shape_str(x), shape_str(t));
        for (int i = 0; i < x->rank; i++)
            if (i != axis && t->dims[i] != x->dims[i])
                node_fail(n, "input shapes %s and %s differ outside axis %d", shape_str(x), shape_str(t), axis);
        d[axis] += t->dims[axis];
    }
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, d);
}

static void lower_concat(Graph *g, Node *n, Call *c)
{
    Tensor *y = node_output(g, n, 0);
    int axis = concat_axis(g, n);
    int64_t ys[MLCC_MAX_RANK], off = 0;
    strides_of(y->rank, y->dims, ys);
    Call *cur = NULL;
    for (int k = 0; k < n->n_in; k++) {
        Tensor *t = node_input(g, n, k);
        if (tensor_numel(t) == 0)
            continue;
        Box b = {0};
        b.r = t->rank;
        memcpy(b.d, t->dims, sizeof(int64_t) * (size_t)t->rank);
        strides_of(t->rank, t->dims, b.sx);
        memcpy(b.sy, ys, sizeof(int64_t) * (size_t)t->rank);
        b.oy = off * ys[axis];
        cur = cur ? call_next(c) : c;
        lower_box(g, n, cur, "concat", t->id, y->id, &b);
        off += t->dims[axis];
    }
    if (!cur) { /* every input is empty: one call that copies nothing */
        Box b = {.r = 1};
        lower_box(g, n, c, "concat", n->in[0], y->id, &b);
    }
}

/* ------------------------------------------------------------ Split */

/* the sizes of the parts along `axis`, one per output */
static int64_t *split_sizes(Graph *g, const Node *n, int *axis_out)
{
    Tensor *x = node_input(g, n, 0);
    if (x->rank == 0)
        node_fail(n, "cannot split a scalar");
    if (n->opset < 2 && !attr_get(n, "axis")) /* Split-1 gives no default */
        node_fail(n, "attribute 'axis' is required for Split-1");
    int64_t axis = attr_i(n, "axis", 0);
    int a = norm_axis(n, axis, x->rank);
    int64_t *sz = xmalloc(sizeof(int64_t) * (size_t)(n->n_out + 1));
    int cnt = -1;
    bool from_input = n->opset >= 13 || (n->opset < 2 && n->n_in > 1 && n->in[1] >= 0);
    if (from_input && n->n_in > 1 && n->in[1] >= 0) {
        need_const(g, n, 1, "split sizes");
        Tensor *s = node_input(g, n, 1);
        if (tensor_numel(s) != n->n_out)
            node_fail(n, "input 'split' has %lld values for %d outputs", (long long)tensor_numel(s), n->n_out);
        cnt = const_ints(g, n, 1, sz, n->n_out);
    } else if (!from_input) {
        const int64_t *v;
        int k = attr_ints(n, "split", &v);
        if (k >= 0) {
            if (k != n->n_out)
                node_fail(n, "attribute 'split' has %d values for %d outputs", k, n->n_out);
            memcpy(sz, v, sizeof(int64_t) * (size_t)k);
            cnt = k;
        }
    }
    if (cnt < 0) { /* equal parts */
        if (n->n_out < 1 || x->dims[a] % n->n_out)
            node_fail(n, "axis %d of size %lld does not split into %d equal parts", a, (long long)x->dims[a],
                      n->n_out);
        for (int k = 0; k < n->n_out; k++)
            sz[k] = x->dims[a] / n->n_out;
    } else {
        int64_t sum = 0;
        for (int k = 0; k < n->n_out; k++) {
            if (sz[k] < 0 || sz[k] > x->dims[a])
                node_fail(n, "split size %lld is out of range for axis %d of size %lld", (long long)sz[k], a,
                          (long long)x->dims[a]);
            sum += sz[k];
        }
        if (sum != x->dims[a])
            node_fail(n, "split sizes add up to %lld, not the size %lld of axis %d", (long long)sum,
                      (long long)x->dims[a], a);
    }
    *axis_out = a;
    return sz;
}

static void infer_split(Graph *g, Node *n)
{
    need_inputs(n, 1, n->opset >= 2 && n->opset < 13 ? 1 : 2);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int axis;
    int64_t *sz = split_sizes(g, n, &axis);
    for (int k = 0; k < n->n_out; k++) {
        Tensor *y = node_output(g, n, k);
        if (!y)
            continue;
        int64_t d[MLCC_MAX_RANK];
        memcpy(d, x->dims, sizeof d);
        d[axis] = sz[k];
        tensor_set_shape(y, x->dtype, x->rank, d);
    }
}

static void lower_split(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int axis;
    int64_t *sz = split_sizes(g, n, &axis);
    int64_t xs[MLCC_MAX_RANK], off = 0;
    strides_of(x->rank, x->dims, xs);
    Call *cur = NULL;
    int first = -1;
    for (int k = 0; k < n->n_out; k++) {
        Tensor *y = node_output(g, n, k);
        int64_t at = off;
        off += sz[k];
        if (!y)
            continue;
        if (first < 0)
            first = y->id;
        if (tensor_numel(y) == 0)
            continue;
        Box b = {0};
        box_dense_out(&b, y);
        memcpy(b.sx, xs, sizeof(int64_t) * (size_t)x->rank);
        b.ox = at * xs[axis];
        cur = cur ? call_next(c) : c;
        lower_box(g, n, cur, "slice", x->id, y->id, &b);
    }
    if (!cur) {
        if (first < 0)
            node_fail(n, "has no output");
        Box b = {.r = 1}; /* d[0] = 0: copies nothing */
        lower_box(g, n, c, "slice", x->id, first, &b);
    }
}

/* ------------------------------------------------------------ Slice */

/* start, step and length along every axis of the input */
static void slice_params(Graph *g, const Node *n, int64_t *start, int64_t *step, int64_t *len)
{
    Tensor *x = node_input(g, n, 0);
    int r = x->rank;
    int64_t st[MLCC_MAX_RANK], en[MLCC_MAX_RANK], ax[MLCC_MAX_RANK], sp[MLCC_MAX_RANK];
    int ns, ne, na = -1, np = -1;
    if (n->opset < 10) {
        const int64_t *v;
        ns = attr_ints(n, "starts", &v);
        if (ns < 0 || ns > r)
            node_fail(n, "attribute 'starts' is missing or has more values than the rank %d", r);
        memcpy(st, v, sizeof(int64_t) * (size_t)ns);
        ne = attr_ints(n, "ends", &v);
        if (ne < 0 || ne > r)
            node_fail(n, "attribute 'ends' is missing or has more values than the rank %d", r);
        memcpy(en, v, sizeof(int64_t) * (size_t)ne);
        na = attr_ints(n, "axes", &v);
        if (na > r)
            node_fail(n, "attribute 'axes' has more values than the rank %d", r);
        if (na > 0)
            memcpy(ax, v, sizeof(int64_t) * (size_t)na);
    } else {
        ns = const_ints(g, n, 1, st, r);
        ne = const_ints(g, n, 2, en, r);
        if (n->n_in > 3 && n->in[3] >= 0)
            na = const_ints(g, n, 3, ax, r);
        if (n->n_in > 4 && n->in[4] >= 0)
            np = const_ints(g, n, 4, sp, r);
    }
    if (ne != ns)
        node_fail(n, "'starts' has %d values and 'ends' %d", ns, ne);
    if (na >= 0 && na != ns)
        node_fail(n, "'axes' has %d values and 'starts' %d", na, ns);
    if (np >= 0 && np != ns)
        node_fail(n, "'steps' has %d values and 'starts' %d", np, ns);
    for (int i = 0; i < r; i++) {
        start[i] = 0;
        step[i] = 1;
        len[i] = x->dims[i];
    }
    bool seen[MLCC_MAX_RANK] = {0};
    for (int i = 0; i < ns; i++) {
        int64_t a = na >= 0 ? ax[i] : i;
        int k = norm_axis(n, a, r);
        if (seen[k])
            node_fail(n, "axis %d is repeated in 'axes'", k);
        seen[k] = true;
        int64_t dim = x->dims[k], s = st[i], e = en[i], p = np >= 0 ? sp[i] : 1;
        if (p == 0)
            node_fail(n, "'steps' value for axis %d is 0", k);
        if (s < 0)
            s += dim;
        if (e < 0)
            e += dim;
        if (p > 0) {
            s = s < 0 ? 0 : s > dim ? dim : s;
            e = e < 0 ? 0 : e > dim ? dim : e;
        } else {
            s = s < 0 ? 0 : s > dim - 1 ? dim - 1 : s;
            e = e < -1 ? -1 : e > dim - 1 ? dim - 1 : e;
        }
        /* a step longer than the axis takes at most one element: shorten it so
         * that the stride stays small (no overflow for INT64_MIN/MAX steps) */
        int64_t big = dim > 1 ? dim : 1;
        if (p > big)
            p = big;
        if (p < -big)
            p = -big;
        int64_t l = p > 0 ? (e > s ? 1 + (e - s - 1) / p : 0) : (s > e ? 1 + (s - e - 1) / -p : 0);
        start[k] = s;
        step[k] = p;
        len[k] = l > 0 ? l : 0;
    }
}

static void infer_slice(Graph *g, Node *n)
{
    if (n->opset < 10)
        need_inputs(n, 1, 1);
    else
        need_inputs(n, 3, 5);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int64_t start[MLCC_MAX_RANK], step[MLCC_MAX_RANK], len[MLCC_MAX_RANK];
    slice_params(g, n, start, step, len);
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, len);
}

static void lower_slice(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    int64_t start[MLCC_MAX_RANK], step[MLCC_MAX_RANK], len[MLCC_MAX_RANK], xs[MLCC_MAX_RANK];
    slice_params(g, n, start, step, len);
    strides_of(x->rank, x->dims, xs);
    Box b = {0};
    box_dense_out(&b, y);
    for (int i = 0; i < x->rank; i++) {
        b.sx[i] = xs[i] * step[i];
        b.ox += start[i] * xs[i];
    }
    lower_box(g, n, c, "slice", x->id, y->id, &b);
}

/* ------------------------------------------------------------ Tile */

static void tile_repeats(Graph *g, const Node *n, int64_t *rep)
{
    Tensor *x = node_input(g, n, 0);
    for (int i = 0; i < x->rank; i++)
        rep[i] = 1;
    if (n->opset < 6) { /* Tile-1: inputs tiles (scalar count) and axis (scalar) */
        int64_t t, a;
        if (const_ints(g, n, 1, &t, 1) != 1 || const_ints(g, n, 2, &a, 1) != 1)
            node_fail(n, "inputs 'tiles' and 'axis' must be constant scalars");
        int k = norm_axis(n, a, x->rank);
        if (t < 0 || t > INT32_MAX)
            node_fail(n, "input 'tiles' = %lld is out of range (0 to 2^31-1)", (long long)t);
        rep[k] = t;
        return;
    }
    need_const(g, n, 1, "repeats");
    Tensor *rt = node_input(g, n, 1);
    if (tensor_numel(rt) != x->rank)
        node_fail(n, "input 'repeats' has %lld values for an input of rank %d", (long long)tensor_numel(rt),
                  x->rank);
    const_ints(g, n, 1, rep, MLCC_MAX_RANK);
    for (int i = 0; i < x->rank; i++)
        if (rep[i] < 0 || rep[i] > INT32_MAX)
            node_fail(n, "input 'repeats' value %lld is out of range (0 to 2^31-1)", (long long)rep[i]);
}

static void infer_tile(Graph *g, Node *n)
{
    need_inputs(n, n->opset < 6 ? 3 : 2, n->opset < 6 ? 3 : 2);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int64_t rep[MLCC_MAX_RANK], d[MLCC_MAX_RANK];
    tile_repeats(g, n, rep);
    for (int i = 0; i < x->rank; i++)
        d[i] = checked_mul(x->dims[i], rep[i], n->name);
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, d);
}

/* y viewed as [rep0, d0, rep1, d1, ...] row-major: x read with stride 0 on the reps */
static void lower_tile(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    int64_t rep[MLCC_MAX_RANK], xs[MLCC_MAX_RANK];
    tile_repeats(g, n, rep);
    strides_of(x->rank, x->dims, xs);
    Box b = {0};
    if (tensor_numel(y) == 0) { /* nothing to copy (the repeats of an empty axis may be large) */
        b.r = 1;
        lower_box(g, n, c, "expand", x->id, y->id, &b);
        return;
    }
    b.r = 2 * x->rank;
    for (int i = 0; i < x->rank; i++) {
        b.d[2 * i] = rep[i];
        b.sx[2 * i] = 0;
        b.d[2 * i + 1] = x->dims[i];
        b.sx[2 * i + 1] = xs[i];
    }
    strides_of(b.r, b.d, b.sy);
    lower_box(g, n, c, "expand", x->id, y->id, &b);
}

/* ------------------------------------------------------------ Expand */

static int expand_shape(Graph *g, const Node *n, int64_t *d)
{
    Tensor *x = node_input(g, n, 0);
    need_const(g, n, 1, "shape");
    Tensor *s = node_input(g, n, 1);
    if (s->rank != 1)
        node_fail(n, "input 'shape' must be 1-D, not %s", shape_str(s));
    int64_t sh[MLCC_MAX_RANK];
    int k = const_ints(g, n, 1, sh, MLCC_MAX_RANK);
    for (int i = 0; i < k; i++)
        if (sh[i] < 0)
            node_fail(n, "input 'shape' value %lld is negative", (long long)sh[i]);
    int r;
    if (!broadcast_shapes(x->rank, x->dims, k, sh, &r, d))
        node_fail(n, "input shape %s does not broadcast to the target shape", shape_str(x));
    return r;
}

static void infer_expand(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int64_t d[MLCC_MAX_RANK];
    int r = expand_shape(g, n, d);
    tensor_set_shape(node_output(g, n, 0), x->dtype, r, d);
}

static void lower_expand(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    int64_t xs[MLCC_MAX_RANK];
    strides_of(x->rank, x->dims, xs);
    Box b = {0};
    box_dense_out(&b, y);
    for (int i = 0; i < y->rank; i++) {
        int j = i - (y->rank - x->rank);
        b.sx[i] = j >= 0 && x->dims[j] != 1 ? xs[j] : 0;
    }
    lower_box(g, n, c, "expand", x->id, y->id, &b);
}

/* ------------------------------------------------------- DepthToSpace SpaceToDepth */

static int64_t blocksize(const Node *n, const Tensor *x)
{
    if (x->rank != 4)
        node_fail(n, "input must be 4-D (N, C, H, W), not %s", shape_str(x));
    const Attr *a = attr_get(n, "blocksize");
    if (!a)
        node_fail(n, "attribute 'blocksize' is required");
    if (a->i < 1 || a->i > (1 << 15))
        node_fail(n, "attribute 'blocksize' = %lld is not supported", (long long)a->i);
    return a->i;
}

static bool d2s_crd(const Node *n)
{
    const char *m = n->opset >= 11 ? attr_s(n, "mode", "DCR") : "DCR";
    if (!strcmp(m, "DCR"))
        return false;
    if (!strcmp(m, "CRD"))
        return true;
    node_fail(n, "attribute 'mode' = '%s' is not supported (DCR or CRD)", m);
}

static void infer_d2s(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int64_t b = blocksize(n, x);
    d2s_crd(n);
    if (x->dims[1] % (b * b))
        node_fail(n, "channels %lld are not a multiple of blocksize^2 = %lld", (long long)x->dims[1],
                  (long long)(b * b));
    int64_t d[4] = {x->dims[0], x->dims[1] / (b * b), x->dims[2] * b, x->dims[3] * b};
    tensor_set_shape(node_output(g, n, 0), x->dtype, 4, d);
}

static void lower_d2s(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int64_t b = blocksize(n, x), N = x->dims[0], C = x->dims[1] / (b * b), H = x->dims[2], W = x->dims[3];
    if (d2s_crd(n)) {
        const int64_t vd[6] = {N, C, b, b, H, W}, perm[6] = {0, 1, 4, 2, 5, 3};
        lower_permuted(g, n, c, 6, vd, perm);
    } else {
        const int64_t vd[6] = {N, b, b, C, H, W}, perm[6] = {0, 3, 4, 1, 5, 2};
        lower_permuted(g, n, c, 6, vd, perm);
    }
}

static void infer_s2d(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    int64_t b = blocksize(n, x);
    if (x->dims[2] % b || x->dims[3] % b)
        node_fail(n, "spatial dims %lldx%lld are not multiples of blocksize %lld", (long long)x->dims[2],
                  (long long)x->dims[3], (long long)b);
    int64_t d[4] = {x->dims[0], x->dims[1] * b * b, x->dims[2] / b, x->dims[3] / b};
    tensor_set_shape(node_output(g, n, 0), x->dtype, 4, d);
}

static void lower_s2d(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    int64_t b = blocksize(n, x);
    const int64_t vd[6] = {x->dims[0], x->dims[1], x->dims[2] / b, b, x->dims[3] / b, b},
                  perm[6] = {0, 3, 5, 1, 2, 4};
    lower_permuted(g, n, c, 6, vd, perm);
}

/* ------------------------------------------------------------ Pad */

enum { PAD_CONSTANT, PAD_REFLECT, PAD_EDGE };

static int pad_mode(const Node *n)
{
    const char *m = attr_s(n, "mode", "constant");
    if (!strcmp(m, "constant"))
        return PAD_CONSTANT;
    if (!strcmp(m, "reflect"))
        return PAD_REFLECT;
    if (!strcmp(m, "edge"))
        return PAD_EDGE;
    node_fail(n, "attribute 'mode' = '%s' is not supported (constant, reflect or edge)", m);
}

/* pads[2r] = begin[r] then end[r]; returns the output shape in d */
static void pad_params(Graph *g, const Node *n, int64_t *pads, int64_t *d)
{
    Tensor *x = node_input(g, n, 0);
    int r = x->rank, k;
    if (n->opset >= 11) {
        need_const(g, n, 1, "pads");
        Tensor *p = node_input(g, n, 1);
        if (tensor_numel(p) != 2 * r)
            node_fail(n, "input 'pads' has %lld values for an input of rank %d", (long long)tensor_numel(p), r);
        k = const_ints(g, n, 1, pads, 2 * MLCC_MAX_RANK);
    } else {
        const char *nm = n->opset < 2 ? "paddings" : "pads";
        const int64_t *v;
        k = attr_ints(n, nm, &v);
        if (k < 0)
            node_fail(n, "attribute '%s' is required", nm);
        if (k != 2 * r)
            node_fail(n, "attribute '%s' has %d values for an input of rank %d", nm, k, r);
        memcpy(pads, v, sizeof(int64_t) * (size_t)k);
    }
    int mode = pad_mode(n);
    for (int i = 0; i < 2 * r; i++)
        if (pads[i] > (1 << 28) || pads[i] < -(1 << 28))
            node_fail(n, "pad %lld on axis %d is not supported", (long long)pads[i], i % (r ? r : 1));
    for (int i = 0; i < r; i++) {
        d[i] = x->dims[i] + pads[i] + pads[r + i];
        if (d[i] < 0)
            node_fail(n, "pads %lld, %lld on axis %d of size %lld give a negative size", (long long)pads[i],
                      (long long)pads[r + i], i, (long long)x->dims[i]);
        if (mode != PAD_CONSTANT && x->dims[i] == 0 && d[i] > 0)
            node_fail(n, "mode '%s' cannot pad axis %d of size 0", attr_s(n, "mode", ""), i);
    }
}

static void infer_pad(Graph *g, Node *n)
{
    if (n->opset >= 11)
        need_inputs(n, 2, 3);
    else
        need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    if (n->opset >= 11 && n->n_in > 2 && n->in[2] >= 0) {
        Tensor *v = node_input(g, n, 2);
        if (v->dtype != x->dtype)
            node_fail(n, "input 'constant_value' is %s, the data %s", dtype_name(v->dtype), dtype_name(x->dtype));
        if (tensor_numel(v) != 1)
            node_fail(n, "input 'constant_value' must hold one value, not %s", shape_str(v));
    }
    int64_t pads[2 * MLCC_MAX_RANK], d[MLCC_MAX_RANK];
    pad_params(g, n, pads, d);
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, d);
}

static void lower_pad(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    int64_t pads[2 * MLCC_MAX_RANK], d[MLCC_MAX_RANK];
    pad_params(g, n, pads, d);
    size_kernel(n, c, "pad", x->dtype);
    int r = x->rank, mode = pad_mode(n);
    if (r == 0) {
        ivec_push(&c->ip, 1);
        ivec_push(&c->ip, mode);
        ivec_push(&c->ip, 1);
        ivec_push(&c->ip, 1);
        ivec_push(&c->ip, 0);
    } else {
        ivec_push(&c->ip, r);
        ivec_push(&c->ip, mode);
        for (int i = 0; i < r; i++)
            ivec_push(&c->ip, x->dims[i]);
        for (int i = 0; i < r; i++)
            ivec_push(&c->ip, d[i]);
        for (int i = 0; i < r; i++)
            ivec_push(&c->ip, pads[i]);
    }
    int value = -1;
    if (mode == PAD_CONSTANT) {
        if (n->opset >= 11) {
            value = n->n_in > 2 ? n->in[2] : -1;
        } else {
            float v = attr_f(n, "value", 0.0f);
            if (v != 0.0f)
                value = const_scalar(g, x->dtype, v)->id;
        }
    }
    call_in(c, x->id);
    call_in(c, value);
    call_out(c, y->id);
}

/* ------------------------------------------------------------ Trilu */

static int64_t trilu_k(Graph *g, const Node *n)
{
    if (n->n_in < 2 || n->in[1] < 0)
        return 0;
    need_const(g, n, 1, "diagonal offset k");
    int64_t k;
    if (tensor_numel(node_input(g, n, 1)) != 1 || const_ints(g, n, 1, &k, 1) != 1)
        node_fail(n, "input 'k' must be a scalar");
    return k;
}

static void infer_trilu(Graph *g, Node *n)
{
    need_inputs(n, 1, 2);
    Tensor *x = node_input(g, n, 0);
    need_data_type(n, x);
    if (x->rank < 2)
        node_fail(n, "input must have rank 2 or more, not %s", shape_str(x));
    trilu_k(g, n);
    same_shape_out(g, n, 0);
}

static void lower_trilu(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    int r = x->rank;
    int64_t rows = x->dims[r - 2], cols = x->dims[r - 1], batch = 1, k = trilu_k(g, n);
    for (int i = 0; i < r - 2; i++)
        batch *= x->dims[i];
    /* outside [-(rows+1), cols+1] every k gives the same result */
    k = k < -(rows + 1) ? -(rows + 1) : k > cols + 1 ? cols + 1 : k;
    size_kernel(n, c, "trilu", x->dtype);
    if (tensor_numel(x) == 0) /* nothing to do (and no long loop over the empty rows) */
        batch = 0;
    ivec_push(&c->ip, batch);
    ivec_push(&c->ip, rows);
    ivec_push(&c->ip, cols);
    ivec_push(&c->ip, k);
    ivec_push(&c->ip, attr_i(n, "upper", 1) != 0);
    call_in(c, x->id);
    call_out(c, y->id);
}

GUARD_INFER(infer_concat)
GUARD_INFER(infer_d2s)
GUARD_INFER(infer_expand)
GUARD_INFER(infer_pad)
GUARD_INFER(infer_s2d)
GUARD_INFER(infer_slice)
GUARD_INFER(infer_split)
GUARD_INFER(infer_tile)
GUARD_INFER(infer_transpose)
GUARD_INFER(infer_trilu)
GUARD_LOWER(lower_concat)
GUARD_LOWER(lower_d2s)
GUARD_LOWER(lower_expand)
GUARD_LOWER(lower_pad)
GUARD_LOWER(lower_s2d)
GUARD_LOWER(lower_slice)
GUARD_LOWER(lower_split)
GUARD_LOWER(lower_tile)
GUARD_LOWER(lower_transpose)
GUARD_LOWER(lower_trilu)

const OpDef ops_layout[] = {
    {"Transpose", 1, 17, infer_transpose_guarded, lower_transpose_guarded, 0, 0, "layout", "perm (default: reversed)"},
    {"Concat", 1, 17, infer_concat_guarded, lower_concat_guarded, 0, 0, "layout",
     "any number of inputs, negative axis"},
    {"Split", 1, 17, infer_split_guarded, lower_split_guarded, 1u << 1, 0, "layout",
     "split sizes constant; equal parts when absent"},
    {"Slice", 1, 17, infer_slice_guarded, lower_slice_guarded, 0xfu << 1, 0, "layout",
     "starts/ends/axes/steps constant; negative steps"},
    {"Pad", 1, 17, infer_pad_guarded, lower_pad_guarded, 1u << 1, 0, "layout",
     "constant/reflect/edge; pads constant, negative pads crop; constant_value may be a runtime input"},
    {"Tile", 1, 17, infer_tile_guarded, lower_tile_guarded, 3u << 1, 0, "layout", "repeats constant"},
    {"Expand", 8, 17, infer_expand_guarded, lower_expand_guarded, 1u << 1, 0, "layout",
     "shape constant; bidirectional broadcast"},
    {"DepthToSpace", 1, 17, infer_d2s_guarded, lower_d2s_guarded, 0, 0, "layout", "DCR and CRD modes"},
    {"SpaceToDepth", 1, 17, infer_s2d_guarded, lower_s2d_guarded, 0, 0, "layout", ""},
    {"Trilu", 14, 17, infer_trilu_guarded, lower_trilu_guarded, 1u << 1, 0, "layout", "k constant"},
    {0},
};
