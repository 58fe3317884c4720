/* pass_fuse_pool.c - pooling fusion: a float32 MaxPool of kernel 2x2, stride
 * 2, no pads, no dilation and no Indices output, reading a Conv's even-sized
 * output that nothing else reads, becomes part of that Conv: the node turns
 * into ConvMaxPool (op_conv.c), whose kernel pools each output tile of the
 * convolution before it stores it, so the full-size output is never written
 * nor read back (digits: the 32 x 8 x 8 output of its second Conv).
 *
 * Only after the rewrites (the activation between the two is then the Conv's
 * Node.act, applied before the pooling as in the graph) and only where
 * op_conv.c lowers the Conv to the Winograd kernel (conv_wino_ok: a fast
 * target without a RAM budget, 3x3, stride 1), the one kernel that pools. */
#include "mlcc.h"

#include <string.h>

/* MaxPool node n: 2x2 windows at stride 2 over a 4-D float32 input of even
 * spatial size, no pads, one output (no Indices) */
static bool pool_2x2(Graph *g, const Node *n)
{
    if (!rw_op(n, "MaxPool") || n->n_in != 1 || n->in[0] < 0 || n->out[0] < 0 ||
        (n->n_out > 1 && n->out[1] >= 0))
        return false;
    const Tensor *x = g->t[n->in[0]], *y = g->t[n->out[0]];
    const int64_t *k, *s;
    if (x->dtype != DT_FLOAT || x->rank != 4 || y->rank != 4 || x->dims[2] % 2 || x->dims[3] % 2 ||
        y->dims[2] * 2 != x->dims[2] || y->dims[3] * 2 != x->dims[3])
        return false;
    if (attr_ints(n, "kernel_shape", &k) != 2 || k[0] != 2 || k[1] != 2 || attr_ints(n, "strides", &s) != 2 ||
        s[0] != 2 || s[1] != 2 || !rw_ints_all(n, "pads", 0) || !rw_ints_all(n, "dilations", 1))
        return false;
    const char *ap = attr_s(n, "auto_pad", "NOTSET");
    return !strcmp(ap, "NOTSET") || !strcmp(ap, "VALID") || !ap[0];
}

void pass_fuse_pool(Graph *g, PassStats *st)
{
    rw_begin(g);
    if (!g_target || g_target->reference_kernels)
        return;
    for (int i = 0; i < g->n_nodes; i++) {
        Node *n = &g->nodes[i];
        if (!pool_2x2(g, n))
            continue;
        Node *p = rw_sole_producer_of(g, n->in[0], n->index);
        if (!p || !rw_op(p, "Conv") || p->n_out != 1 || g->t[n->in[0]]->is_output || !conv_wino_ok(g, p))
            continue;
        p->op = xstrdup("ConvMaxPool");
        p->domain = xstrdup("mlcc");
        p->opset = 1;
        p->def = &op_conv_maxpool;
        rw_take_output(g, p, 0, n->out[0]);
        rw_kill(g, n, st);
        p->def->infer(g, p);
        st->changed++;
    }
}
