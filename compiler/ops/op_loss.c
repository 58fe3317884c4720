/* op_loss.c - loss functions: NegativeLogLikelihoodLoss SoftmaxCrossEntropyLoss
 * (runtime-min/loss.c)
 *
 * Both take scores (N, C, d1..dk), integer targets (N, d1..dk) and an
 * optional per-class weight (C). The inputs are seen as [N, C, D] with
 * D = d1*..*dk: the score of sample (n, d) for class c is at (n*C + c)*D + d.
 * reduction none gives the per-sample losses (N, d1..dk); sum and mean give a
 * scalar, mean dividing by the sum of the applied weights (the count of
 * non-ignored samples without a weight input). A target equal to
 * ignore_index, or outside [0, C), contributes neither loss nor weight.
 * SoftmaxCrossEntropyLoss applies LogSoftmax over C first, and can return
 * it as its optional second output. */
#include "mlcc.h"

#include <string.h>

enum { LOSS_NONE = 0, LOSS_SUM = 1, LOSS_MEAN = 2 };

static int loss_reduction(const Node *n)
{
    const char *r = attr_s(n, "reduction", "mean");
    if (!strcmp(r, "none"))
        return LOSS_NONE;
    if (!strcmp(r, "sum"))
        return LOSS_SUM;
    if (!strcmp(r, "mean"))
        return LOSS_MEAN;
    node_fail(n, "attribute 'reduction' = '%s' is not supported (none, sum, mean)", r);
}

static bool loss_is_sce(const Node *n) { return !strcmp(n->op, "SoftmaxCrossEntropyLoss"); }

static void infer_loss(Graph *g, Node *n)
{
    bool sce = loss_is_sce(n);
    need_inputs(n, 2, 3);
    if (n->n_out > (sce ? 2 : 1))
        node_fail(n, "has %d outputs, expected at most %d", n->n_out, sce ? 2 : 1);
    Tensor *x = node_input(g, n, 0), *t = node_input(g, n, 1), *w = node_input(g, n, 2);
    if (!dtype_is_float(x->dtype))
        node_fail(n, "data type %s is not supported by this op (float16, float32, float64)", dtype_name(x->dtype));
    if (t->dtype != DT_INT32 && t->dtype != DT_INT64)
        node_fail(n, "target data type %s is not supported (int32, int64)", dtype_name(t->dtype));
    if (x->rank < 2)
        node_fail(n, "input %s must have rank 2 or more (N, C, d1..dk)", shape_str(x));
    if (t->rank != x->rank - 1)
        node_fail(n, "target %s does not match input %s (expected N, d1..dk)", shape_str(t), shape_str(x));
    for (int i = 0; i < t->rank; i++)
        if (t->dims[i] != x->dims[i ? i + 1 : 0])
            node_fail(n, "target %s does not match input %s (expected N, d1..dk)", shape_str(t), shape_str(x));
    if (w) {
        if (w->dtype != x->dtype)
            node_fail(n, "weight type %s differs from the input type %s", dtype_name(w->dtype), dtype_name(x->dtype));
        if (w->rank != 1 || w->dims[0] != x->dims[1])
            node_fail(n, "weight %s must have shape (C) = (%lld)", shape_str(w), (long long)x->dims[1]);
    }
    if (tensor_numel(x) > INT32_MAX)
        node_fail(n, "input %s has more than 2^31 elements", shape_str(x));
    int red = loss_reduction(n);
    Tensor *y = node_output(g, n, 0);
    if (!y)
        node_fail(n, "output 0 (the loss) is required");
    if (red == LOSS_NONE)
        tensor_set_shape(y, x->dtype, t->rank, t->dims);
    else
        tensor_set_shape(y, x->dtype, 0, NULL);
    Tensor *lp = node_output(g, n, 1);
    if (lp)
        tensor_set_shape(lp, x->dtype, x->rank, x->dims);
}

/* ip = [N, C, D, reduction, ignore (class in [0, C) or -1), target is int64,
 *       has weight, has log_prob output (SoftmaxCrossEntropyLoss)] */
static void lower_loss(Graph *g, Node *n, Call *c)
{
    bool sce = loss_is_sce(n);
    Tensor *x = node_input(g, n, 0), *t = node_input(g, n, 1), *w = node_input(g, n, 2);
    call_kernel(g, n, c, sce ? "loss_sce" : "loss_nll", x->dtype);
    int64_t N = x->dims[0], C = x->dims[1], D = 1;
    for (int i = 2; i < x->rank; i++)
        D *= x->dims[i];
    /* targets outside [0, C) are skipped anyway: only an in-range ignore_index matters */
    int64_t ii = -1;
    if (attr_get(n, "ignore_index")) {
        int64_t v = attr_i(n, "ignore_index", -1);
        if (v >= 0 && v < C)
            ii = v;
    }
    Tensor *lp = node_output(g, n, 1);
    ivec_push(&c->ip, N);
    ivec_push(&c->ip, C);
    ivec_push(&c->ip, D);
    ivec_push(&c->ip, loss_reduction(n));
    ivec_push(&c->ip, ii);
    ivec_push(&c->ip, t->dtype == DT_INT64);
    ivec_push(&c->ip, w != NULL);
    ivec_push(&c->ip, lp != NULL);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_in(c, w ? n->in[2] : -1);
    call_out(c, n->out[0]);
    if (lp)
        call_out(c, n->out[1]);
    /* per sample position d: the running maximum and log-sum-exp over C */
    if (sce)
        c->scratch = 2 * (D > 0 ? D : 1) * (x->dtype == DT_DOUBLE ? 8 : 4);
}

GUARD_INFER(infer_loss)
GUARD_LOWER(lower_loss)

const OpDef ops_loss[] = {
    {"NegativeLogLikelihoodLoss", 12, 17, infer_loss_guarded, lower_loss_guarded, 0, 0, "loss",
     "reduction none/sum/mean, weight, ignore_index, int32/int64 targets"},
    {"SoftmaxCrossEntropyLoss", 12, 17, infer_loss_guarded, lower_loss_guarded, 0, 0, "loss",
     "reduction none/sum/mean, weight, ignore_index, optional log_prob output"},
    {0},
};
