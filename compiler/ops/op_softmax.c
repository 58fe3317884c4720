/* op_softmax.c - normalised exponentials along one axis: Softmax LogSoftmax
 * Hardmax (runtime-min/softmax.c)
 *
 * Opset < 13 coerces the input to 2D at `axis` (default 1) and normalises
 * over the flattened trailing block; opset 13+ normalises along the single
 * axis `axis` (default -1). Both lower to one kernel over [outer, n, inner]:
 * element (o, j, i) at o*n*inner + j*inner + i, normalised over j. */
#include "mlcc.h"

#include <string.h>

/* kernel params: outer, n, inner; the numbers of elements before, along and
 * after the normalised block */
static void softmax_split(const Node *n, const Tensor *x, int64_t *outer, int64_t *len, int64_t *inner)
{
    int r = x->rank;
    int64_t axis;
    int a;
    if (n->opset < 13) {
        axis = attr_i(n, "axis", 1);
        /* coerced to 2D [prod(d[:axis]), prod(d[axis:])]: axis may equal the rank */
        if (axis < -r || axis > r)
            node_fail(n, "attribute 'axis' = %lld is out of range for rank %d", (long long)axis, r);
        a = (int)(axis < 0 ? axis + r : axis);
    } else {
        axis = attr_i(n, "axis", -1);
        if (r == 0 && (axis == 0 || axis == -1))
            a = 0;
        else if (axis < -r || axis >= r)
            node_fail(n, "attribute 'axis' = %lld is out of range for rank %d", (long long)axis, r);
        else
            a = (int)(axis < 0 ? axis + r : axis);
    }
    int64_t o = 1, l = 1, i = 1;
    for (int k = 0; k < r; k++) {
        if (k < a)
            o *= x->dims[k];
        else if (n->opset < 13 || k == a)
            l *= x->dims[k];
        else
            i *= x->dims[k];
    }
    *outer = o;
    *len = l;
    *inner = i;
}

static void infer_softmax(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    if (!dtype_is_float(x->dtype))
        node_fail(n, "data type %s is not supported by this op (float16, float32, float64)", dtype_name(x->dtype));
    if (tensor_numel(x) > INT32_MAX)
        node_fail(n, "input %s has more than 2^31 elements", shape_str(x));
    int64_t o, l, i;
    softmax_split(n, x, &o, &l, &i); /* validates axis */
    same_shape_out(g, n, 0);
}

static void lower_softmax(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    const char *base = !strcmp(n->op, "Softmax")      ? "softmax"
                       : !strcmp(n->op, "LogSoftmax") ? "softmax_log"
                                                      : "softmax_hard";
    call_kernel(g, n, c, base, x->dtype);
    int64_t o, l, i;
    softmax_split(n, x, &o, &l, &i);
    ivec_push(&c->ip, o);
    ivec_push(&c->ip, l);
    ivec_push(&c->ip, i);
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    /* a strided axis keeps running max and sum (or argmax) per inner position */
    if (i > 1)
        c->scratch = 2 * i * (x->dtype == DT_DOUBLE ? 8 : 4);
}

GUARD_INFER(infer_softmax)
GUARD_LOWER(lower_softmax)

const OpDef ops_softmax[] = {
    {"Softmax", 1, 17, infer_softmax_guarded, lower_softmax_guarded, 0, 0, "softmax",
     "opset<13: 2D coercion at axis; max-subtracted"},
    {"LogSoftmax", 1, 17, infer_softmax_guarded, lower_softmax_guarded, 0, 0, "softmax",
     "opset<13: 2D coercion at axis; max-subtracted"},
    {"Hardmax", 1, 17, infer_softmax_guarded, lower_softmax_guarded, 0, 0, "softmax", "first maximum wins"},
    {0},
};
