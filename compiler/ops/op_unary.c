/* op_unary.c - elementwise math on one tensor: Neg Abs Sqrt Exp Log Reciprocal
 * Floor Ceil Round Sign Sin Cos Tan Asin Acos Atan Sinh Cosh Asinh Acosh Atanh
 * IsNaN IsInf (runtime-min/unary.c)
 *
 * Each lowers to one kernel over the flat element count, ip = [n]
 * (IsInf: [n, detect_negative, detect_positive]). The dtypes an op takes are
 * the kernels runtime-min/unary.c defines: float16/32/64 for all, signed
 * integers for Neg, every integer for Abs and Sign. */
#include "mlcc.h"

#include <ctype.h>
#include <string.h>

/* kernel base name: the op name in lower case */
static const char *un_base(const Node *n)
{
    char *b = xstrdup(n->op);
    for (char *p = b; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return b;
}

static void infer_unary(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    Tensor *x = node_input(g, n, 0);
    if (!kernel_find(xfmt("mlcc_%s_%s", un_base(n), dtype_suffix(x->dtype))))
        node_fail(n, "data type %s of input '%s' is not supported by this op", dtype_name(x->dtype), x->name);
    if (tensor_numel(x) > INT32_MAX)
        node_fail(n, "input '%s' (%s) has more than 2^31-1 elements", x->name, shape_str(x));
    bool to_bool = !strcmp(n->op, "IsNaN") || !strcmp(n->op, "IsInf");
    tensor_set_shape(node_output(g, n, 0), to_bool ? DT_BOOL : x->dtype, x->rank, x->dims);
}

static void lower_unary(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    call_kernel(g, n, c, un_base(n), x->dtype);
    ivec_push(&c->ip, tensor_numel(x));
    if (!strcmp(n->op, "IsInf")) {
        ivec_push(&c->ip, attr_i(n, "detect_negative", 1) != 0);
        ivec_push(&c->ip, attr_i(n, "detect_positive", 1) != 0);
    }
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
    c->inplace = 1u; /* elementwise: X[i] is read before Y[i] is written */
}

GUARD_INFER(infer_unary)
GUARD_LOWER(lower_unary)

#define UN(name, since, notes) {name, since, 17, infer_unary_guarded, lower_unary_guarded, 0, 0, "unary", notes}
const OpDef ops_unary[] = {
    UN("Neg", 6, "float16/32/64, int8-int64 (wraps around)"),
    UN("Abs", 6, "float16/32/64, all integers"),
    UN("Sqrt", 6, "float16/32/64"),
    UN("Exp", 6, "float16/32/64"),
    UN("Log", 6, "float16/32/64"),
    UN("Reciprocal", 6, "float16/32/64"),
    UN("Floor", 6, "float16/32/64"),
    UN("Ceil", 6, "float16/32/64"),
    UN("Round", 11, "half to even; float16/32/64"),
    UN("Sign", 9, "float16/32/64, all integers"),
    UN("Sin", 7, "float16/32/64"),
    UN("Cos", 7, "float16/32/64"),
    UN("Tan", 7, "float16/32/64"),
    UN("Asin", 7, "float16/32/64"),
    UN("Acos", 7, "float16/32/64"),
    UN("Atan", 7, "float16/32/64"),
    UN("Sinh", 9, "float16/32/64"),
    UN("Cosh", 9, "float16/32/64"),
    UN("Asinh", 9, "float16/32/64"),
    UN("Acosh", 9, "float16/32/64"),
    UN("Atanh", 9, "float16/32/64"),
    UN("IsNaN", 9, "float16/32/64 -> bool"),
    UN("IsInf", 10, "detect_negative, detect_positive; float16/32/64 -> bool"),
    {0},
};
