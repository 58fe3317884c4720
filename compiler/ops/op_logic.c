/* op_logic.c - comparisons, boolean logic, Where and BitShift (runtime-min/logic.c):
 * Equal Less Greater LessOrEqual GreaterOrEqual And Or Xor Not Where BitShift.
 *
 * Two-input ops broadcast like numpy (opset >= 7) through lower_binary(); the
 * opset 1 forms of Equal/Less/Greater/And/Or/Xor use the legacy `broadcast` /
 * `axis` rule (B matched against a contiguous run of A's dims), lowered with
 * the general broadcast below, which also serves Where's three inputs.
 * Greater and GreaterOrEqual run the Less / LessOrEqual kernels with the inputs
 * swapped (a > b is b < a, NaN included). */
#include "mlcc.h"

#include <string.h>

bool logic_legacy_b_dims(Graph *g, const Node *n, int64_t *vd);
void logic_lower_bcast(Graph *g, Call *c, int nin, const int *ids, int64_t (*vd)[MLCC_MAX_RANK], int y);

enum { K_EQUAL, K_ORDER, K_BOOL, K_SHIFT }; /* what an op accepts */

static int kind_of(const Node *n)
{
    if (!strcmp(n->op, "Equal"))
        return K_EQUAL;
    if (!strcmp(n->op, "And") || !strcmp(n->op, "Or") || !strcmp(n->op, "Xor"))
        return K_BOOL;
    if (!strcmp(n->op, "BitShift"))
        return K_SHIFT;
    return K_ORDER;
}

static bool is_numeric(int dt) { return dtype_is_int(dt) || dtype_is_float(dt); }

static bool is_unsigned(int dt) { return dt == DT_UINT8 || dt == DT_UINT16 || dt == DT_UINT32 || dt == DT_UINT64; }

/* opset < 7: legacy broadcast. Writes B's dims aligned to A's rank (1 elsewhere);
 * returns false when the node uses plain same-shape semantics (broadcast=0).
 * Also used by op_elementwise.c (Add Sub Mul Div Pow before opset 7). */
bool logic_legacy_b_dims(Graph *g, const Node *n, int64_t *vd)
{
    Tensor *a = node_input(g, n, 0), *b = node_input(g, n, 1);
    int ra = a->rank, rb = b->rank;
    if (!attr_i(n, "broadcast", 0)) {
        if (ra != rb || memcmp(a->dims, b->dims, sizeof(int64_t) * (size_t)ra) != 0)
            node_fail(n, "attribute 'broadcast' = 0 but the input shapes %s and %s differ", shape_str(a),
                      shape_str(b));
        return false;
    }
    int64_t axis0 = attr_i(n, "axis", ra - rb), axis = axis0 < 0 ? axis0 + ra : axis0;
    if (axis < 0 || axis > ra - rb) /* not axis + rb: axis may be near INT64_MAX */
        node_fail(n, "attribute 'axis' = %lld does not place a %s tensor inside a %s tensor", (long long)axis0,
                  shape_str(b), shape_str(a));
    for (int i = 0; i < ra; i++)
        vd[i] = 1;
    for (int i = 0; i < rb; i++) {
        if (b->dims[i] != 1 && b->dims[i] != a->dims[axis + i])
            node_fail(n, "attribute 'broadcast' = 1: shape %s does not match %s at axis %lld", shape_str(b),
                      shape_str(a), (long long)axis);
        vd[axis + i] = b->dims[i];
    }
    return true;
}

static void infer_binary_logic(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    Tensor *a = node_input(g, n, 0), *b = node_input(g, n, 1);
    int kind = kind_of(n), dt = a->dtype;
    if (b->dtype != dt)
        node_fail(n, "inputs have different types (%s and %s)", dtype_name(dt), dtype_name(b->dtype));
    bool ok = kind == K_EQUAL ? is_numeric(dt) || dt == DT_BOOL
            : kind == K_ORDER ? is_numeric(dt)
            : kind == K_BOOL  ? dt == DT_BOOL
                              : is_unsigned(dt);
    if (!ok)
        node_fail(n, "data type %s is not supported by this op", dtype_name(dt));
    if (kind == K_SHIFT) {
        const char *dir = attr_s(n, "direction", NULL);
        if (!dir)
            node_fail(n, "attribute 'direction' is required (LEFT or RIGHT)");
        if (strcmp(dir, "LEFT") != 0 && strcmp(dir, "RIGHT") != 0)
            node_fail(n, "attribute 'direction' = '%s' is not supported (LEFT or RIGHT)", dir);
    }
    int out_dt = kind == K_SHIFT ? dt : DT_BOOL;
    if (n->opset < 7) {
        int64_t vd[MLCC_MAX_RANK];
        logic_legacy_b_dims(g, n, vd);
        tensor_set_shape(node_output(g, n, 0), out_dt, a->rank, a->dims);
        return;
    }
    int r;
    int64_t d[MLCC_MAX_RANK];
    if (!broadcast_shapes(a->rank, a->dims, b->rank, b->dims, &r, d))
        node_fail(n, "shapes %s and %s do not broadcast", shape_str(a), shape_str(b));
    tensor_set_shape(node_output(g, n, 0), out_dt, r, d);
}

/* General broadcast lowering for nin (<= 3) inputs whose dims vd[k] are already
 * aligned to the output's rank: ip = [n, m, dims[m], s0[m], s1[m], ...] with
 * size-1 output dims dropped and dims merged where every input stays contiguous.
 * Also used by op_elementwise.c. */
void logic_lower_bcast(Graph *g, Call *c, int nin, const int *ids, int64_t (*vd)[MLCC_MAX_RANK], int y)
{
    Tensor *ty = g->t[y];
    int r = ty->rank, m = 0;
    int64_t st[3][MLCC_MAX_RANK], d[MLCC_MAX_RANK + 1], ms[3][MLCC_MAX_RANK + 1];
    for (int k = 0; k < nin; k++) {
        int64_t s = 1;
        for (int i = r - 1; i >= 0; i--) {
            st[k][i] = vd[k][i] == 1 ? 0 : s;
            s *= vd[k][i];
        }
    }
    for (int i = 0; i < r; i++) {
        if (ty->dims[i] == 1)
            continue;
        bool merge = m > 0;
        for (int k = 0; k < nin && merge; k++)
            merge = ms[k][m - 1] == st[k][i] * ty->dims[i];
        if (merge) {
            d[m - 1] *= ty->dims[i];
            for (int k = 0; k < nin; k++)
                ms[k][m - 1] = st[k][i];
            continue;
        }
        d[m] = ty->dims[i];
        for (int k = 0; k < nin; k++)
            ms[k][m] = st[k][i];
        m++;
    }
    if (m == 0) {
        d[0] = 1;
        for (int k = 0; k < nin; k++)
            ms[k][0] = 0;
        m = 1;
    }
    ivec_push(&c->ip, tensor_numel(ty));
    ivec_push(&c->ip, m);
    for (int i = 0; i < m; i++)
        ivec_push(&c->ip, d[i]);
    for (int k = 0; k < nin; k++)
        for (int i = 0; i < m; i++)
            ivec_push(&c->ip, ms[k][i]);
    for (int k = 0; k < nin; k++) {
        call_in(c, ids[k]);
        /* an input of the output's size is read at index i just before Y[i] is written */
        if (tensor_numel(g->t[ids[k]]) == tensor_numel(ty))
            c->inplace |= 1u << k;
    }
    call_out(c, y);
}

/* dims of t right-aligned to rank r (numpy) */
static void align_dims(const Tensor *t, int r, int64_t *vd)
{
    for (int i = 0; i < r; i++) {
        int j = i - (r - t->rank);
        vd[i] = j >= 0 ? t->dims[j] : 1;
    }
}

static void lower_binary_logic(Graph *g, Node *n, Call *c)
{
    const char *base;
    bool swap = false;
    if (!strcmp(n->op, "Equal"))
        base = "equal";
    else if (!strcmp(n->op, "Less"))
        base = "less";
    else if (!strcmp(n->op, "Greater"))
        base = "less", swap = true;
    else if (!strcmp(n->op, "LessOrEqual"))
        base = "lessequal";
    else if (!strcmp(n->op, "GreaterOrEqual"))
        base = "lessequal", swap = true;
    else if (!strcmp(n->op, "And"))
        base = "and";
    else if (!strcmp(n->op, "Or"))
        base = "or";
    else if (!strcmp(n->op, "Xor"))
        base = "xor";
    else
        base = strcmp(attr_s(n, "direction", ""), "LEFT") == 0 ? "shl" : "shr";
    int a = n->in[0], b = n->in[1], y = n->out[0];
    int64_t vd[2][MLCC_MAX_RANK];
    if (n->opset < 7 && logic_legacy_b_dims(g, n, vd[swap ? 0 : 1])) {
        Tensor *ta = g->t[a];
        align_dims(ta, ta->rank, vd[swap ? 1 : 0]);
        int ids[2] = {swap ? b : a, swap ? a : b};
        call_kernel(g, n, c, base, ta->dtype);
        logic_lower_bcast(g, c, 2, ids, vd, y);
        return;
    }
    lower_binary(g, n, c, base, swap ? b : a, swap ? a : b, y);
}

static void infer_not(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    if (x->dtype != DT_BOOL)
        node_fail(n, "data type %s is not supported by this op (bool only)", dtype_name(x->dtype));
    same_shape_out(g, n, 0);
}

static void lower_not(Graph *g, Node *n, Call *c)
{
    call_kernel(g, n, c, "not", DT_BOOL);
    ivec_push(&c->ip, tensor_numel(node_output(g, n, 0)));
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    c->inplace = 1u;
}

static void infer_where(Graph *g, Node *n)
{
    need_inputs(n, 3, 3);
    Tensor *cnd = node_input(g, n, 0), *x = node_input(g, n, 1), *y = node_input(g, n, 2);
    if (cnd->dtype != DT_BOOL)
        node_fail(n, "input 'condition' must be bool, not %s", dtype_name(cnd->dtype));
    if (x->dtype != y->dtype)
        node_fail(n, "inputs X and Y have different types (%s and %s)", dtype_name(x->dtype), dtype_name(y->dtype));
    int sz = dtype_size(x->dtype);
    if (sz != 1 && sz != 2 && sz != 4 && sz != 8)
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    int r, r2;
    int64_t d[MLCC_MAX_RANK], d2[MLCC_MAX_RANK];
    if (!broadcast_shapes(cnd->rank, cnd->dims, x->rank, x->dims, &r, d) ||
        !broadcast_shapes(r, d, y->rank, y->dims, &r2, d2))
        node_fail(n, "shapes %s, %s and %s do not broadcast", shape_str(cnd), shape_str(x), shape_str(y));
    tensor_set_shape(node_output(g, n, 0), x->dtype, r2, d2);
}

static void lower_where(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 1), *out = node_output(g, n, 0);
    char *k = xfmt("mlcc_where_x%d", 8 * dtype_size(x->dtype));
    if (!kernel_find(k))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    c->kernel = k;
    int64_t vd[3][MLCC_MAX_RANK];
    for (int i = 0; i < 3; i++)
        align_dims(node_input(g, n, i), out->rank, vd[i]);
    logic_lower_bcast(g, c, 3, n->in, vd, n->out[0]);
}

GUARD_INFER(infer_binary_logic)
GUARD_INFER(infer_not)
GUARD_INFER(infer_where)
GUARD_LOWER(lower_binary_logic)
GUARD_LOWER(lower_not)
GUARD_LOWER(lower_where)

const OpDef ops_logic[] = {
    {"Equal", 1, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "numeric and bool"},
    {"Less", 1, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "numeric"},
    {"Greater", 1, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "numeric"},
    {"LessOrEqual", 12, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "numeric"},
    {"GreaterOrEqual", 12, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "numeric"},
    {"And", 1, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "bool"},
    {"Or", 1, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "bool"},
    {"Xor", 1, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic", "bool"},
    {"Not", 1, 17, infer_not_guarded, lower_not_guarded, 0, 0, "logic", "bool"},
    {"Where", 9, 17, infer_where_guarded, lower_where_guarded, 0, 0, "logic", "any dtype, 3-way broadcasting"},
    {"BitShift", 11, 17, infer_binary_logic_guarded, lower_binary_logic_guarded, 0, 0, "logic",
     "uint8-64; shift >= width gives 0"},
    {0},
};
