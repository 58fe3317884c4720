/* pass_layout.c - channel-last (NHWC) stretches of depthwise-separable
 * networks on small images, for the fast kernels.
 *
 * Held NCHW, a depthwise convolution filters one channel plane at a time: on
 * a 12x12 or 6x6 image a plane row fills part of a 16-lane vector, and every
 * channel pays its own loop set-up and border masks; a 1x1 convolution on a
 * small image computes channels along the vector and transposes as it stores.
 * Held channel-last, the channels of a pixel are contiguous: the depthwise
 * sum runs along them with no copy and no mask (mlcc_conv_dwc_f32), and a
 * 1x1 convolution is a GEMM of pixels x channels (mlcc_conv_pwc_f32).
 *
 * In graph order, the pass rewrites
 *  - a depthwise Conv (float32, 2-D, constant weights and bias, one input and
 *    one output channel a group) whose input and output both have at most
 *    LAYOUT_MAX_PIXELS pixels, or with stride 2 and an input of at most
 *    half the values of the graph's largest activation (island_max), and a
 *    1x1 Conv (stride 1, no pads, group 1, constant weights and bias) whose
 *    input is already channel-last or whose only reader is such a depthwise
 *    Conv, into NhwcConv (op_conv.c), which reads and writes [N, H, W, C]
 *    with the same attributes, weights and fused activation; a 1x1 Conv whose
 *    input is NCHW and read by it alone reads it as it is (layout_io 1), and
 *    one on an image of more than LAYOUT_MAX_PIXELS pixels that no such
 *    depthwise Conv reads writes NCHW (layout_io 2);
 *  - an Add of two channel-last values of one shape into an Add of those;
 *  - a GlobalAveragePool of a channel-last value into ReduceMean over its H
 *    and W (the result, [N, 1, 1, C], has the bytes of [N, C, 1, 1]) and a
 *    Reshape (a view): a stretch that ends in the pooling has no Transpose
 *    back.
 * Every NCHW value a rewritten node reads is transposed once (Transpose, perm
 * 0,2,3,1) and every value it writes is transposed back (perm 0,3,1,2) for the
 * readers that stay NCHW; dce removes the transposes nothing reads. Every
 * output value is the same sum in the same order as before. Reference-kernel
 * targets are left as they are (no channel-last kernels there). */
#include "mlcc.h"

#include <string.h>

/* Input and output pixels of a depthwise Conv made channel-last at most:
 * 12x12. On the bench host whole models ran fastest with this bound
 * (mlcc_timer, -O3 -march=native, kernels specialized by the C compiler,
 * two interleaved runs: kws_dscnn, 25x5, 61.1 us with 36 pixels, 54.9 with
 * 144; mobilenet_96 223 and 210; MobileNetV2 0.35 368 and 360). It was 36
 * (6x6) before mlcc_conv_dwc_f32 computed whole rows with its weights in
 * registers and mlcc_conv_pwc_f32 read its pixels in place: then 144 was
 * slower on all three (kws_dscnn 64.3 NCHW, 76 with 144). On larger images
 * NCHW's row kernels (mlcc_conv_dw3r_f32, mode 0's pixel tiles) fill the
 * vectors and the transposes at the ends cost more than the stretch gains. */
#define LAYOUT_MAX_PIXELS 144

/* A stride-2 depthwise Conv of a larger image is made channel-last too (an
 * island: its 1x1 Conv before reads NCHW and writes NHWC, the one after reads
 * NHWC and writes NCHW, no transposes) when its input holds at most half as
 * many values as the graph's largest activation. In NCHW the stride-2 kernel
 * gathers every other column; channel-last it is the stride-1 loop
 * (MobileNet's 24x24 -> 12x12 layer 6.4 -> 2.3 us, 12x12 -> 6x6 5.4 -> 1.3,
 * its 1x1 neighbours together 4.5 us slower; whole models 2% faster,
 * mlcc_timer). The bound leaves split_dw (the memory rewrite) the chains at
 * the memory peak, where the largest activation is: it cuts them into channel
 * chunks, which it cannot do channel-last. MobileNet's 48x48 -> 24x24 layer
 * as an island measured 4% faster still, but with its whole 442 KB input at
 * the peak the arena was 562,176 bytes instead of 361,856. */
static int64_t island_max(const Graph *g)
{
    int64_t big = 0;
    for (int i = 0; i < g->n_t; i++) {
        const Tensor *t = g->t[i];
        if (!t->data && t->dtype == DT_FLOAT && t->shaped && tensor_numel(t) > big)
            big = tensor_numel(t);
    }
    return big / 2;
}

/* a 2-D float32 Conv with constant W (and B), explicit pads, no dilation */
static bool plain_conv(Graph *g, const Node *n)
{
    if (!rw_op(n, "Conv") || n->n_in < 2 || n->in[0] < 0 || n->n_out < 1 || n->out[0] < 0 ||
        !rw_const_f32(g, n->in[1]) || (n->n_in > 2 && n->in[2] >= 0 && !rw_const_f32(g, n->in[2])))
        return false;
    const Tensor *x = g->t[n->in[0]], *w = g->t[n->in[1]], *y = g->t[n->out[0]];
    const char *ap = attr_s(n, "auto_pad", "NOTSET");
    return x->dtype == DT_FLOAT && x->rank == 4 && w->rank == 4 && y->rank == 4 && rw_ints_all(n, "dilations", 1) &&
           (!strcmp(ap, "NOTSET") || !ap[0]);
}

static bool is_depthwise(Graph *g, const Node *n, int64_t island)
{
    if (!plain_conv(g, n))
        return false;
    const Tensor *x = g->t[n->in[0]], *w = g->t[n->in[1]], *y = g->t[n->out[0]];
    int64_t c = x->dims[1];
    return c > 0 && attr_i(n, "group", 1) == c && w->dims[0] == c && w->dims[1] == 1 && y->dims[1] == c &&
           ((x->dims[2] * x->dims[3] <= LAYOUT_MAX_PIXELS && y->dims[2] * y->dims[3] <= LAYOUT_MAX_PIXELS) ||
            (rw_ints_all(n, "strides", 2) && tensor_numel(x) <= island));
}

static bool is_pointwise(Graph *g, const Node *n)
{
    if (!plain_conv(g, n))
        return false;
    const Tensor *w = g->t[n->in[1]];
    return w->dims[2] == 1 && w->dims[3] == 1 && attr_i(n, "group", 1) == 1 && rw_ints_all(n, "strides", 1) &&
           rw_ints_all(n, "pads", 0);
}

/* more pixels than LAYOUT_MAX_PIXELS: an image the stretches only cross at
 * a stride-2 depthwise Conv */
static bool large(const Graph *g, int tid)
{
    const Tensor *t = g->t[tid];
    return t->rank == 4 && t->dims[2] * t->dims[3] > LAYOUT_MAX_PIXELS;
}

typedef struct {
    Graph *g;
    NodeList l;
    int *nhwc;       /* tensor id -> its channel-last copy, or -1 */
    int cap;
    int n_tr;        /* transposes made */
} Layout;

/* the channel-last copy of tensor tid, or -1 */
static int held(const Layout *s, int tid)
{
    return tid >= 0 && tid < s->cap ? s->nhwc[tid] : -1;
}

/* a new tensor; the map grows with the graph */
static int new_tensor(Layout *s, const char *name)
{
    Tensor *t = tensor_new(s->g, name);
    if (t->id >= s->cap) {
        int cap = 2 * (t->id + 1);
        s->nhwc = xrealloc(s->nhwc, sizeof(int) * (size_t)cap);
        for (int i = s->cap; i < cap; i++)
            s->nhwc[i] = -1;
        s->cap = cap;
    }
    return t->id;
}

/* x -> y through Transpose(perm) */
static void transpose(Layout *s, int x, int y, const int64_t perm[4], const char *name)
{
    Node t = rw_new_node("Transpose", 13, name, &x, 1, y);
    rw_set_attr_ints(&t, "perm", perm, 4);
    t.def->infer(s->g, &t);
    nodelist_push(&s->l, &t);
    s->n_tr++;
}

/* GlobalAveragePool of a value held channel-last: ReduceMean over H and W of
 * the channel-last copy gives [N, 1, 1, C], the bytes of [N, C, 1, 1]: a
 * Reshape (a view) makes it the node's output, and no Transpose is needed */
static void global_pool(Layout *s, const Node *n)
{
    Graph *g = s->g;
    int y = n->out[0], z = new_tensor(s, xfmt("%s.nhwc", g->t[y]->name));
    Node r = rw_new_node("ReduceMean", 13, xfmt("%s/nhwc", n->name), &s->nhwc[n->in[0]], 1, z);
    static const int64_t axes[2] = {1, 2};
    rw_set_attr_ints(&r, "axes", axes, 2);
    rw_set_attr_i(&r, "keepdims", 1);
    r.def->infer(g, &r);
    nodelist_push(&s->l, &r);
    int64_t four = 4;
    Tensor *shape = rw_const(g, xfmt("%s.shape", g->t[y]->name), DT_INT64, 1, &four);
    memcpy(shape->data, g->t[y]->dims, sizeof(int64_t) * 4);
    int in[2] = {z, shape->id};
    Node v = rw_new_node("Reshape", 13, xfmt("%s/nchw", n->name), in, 2, y);
    v.def->infer(g, &v);
    nodelist_push(&s->l, &v);
}

/* the channel-last copy of NCHW value x, made by a Transpose the first time */
static int to_nhwc(Layout *s, int x)
{
    if (s->nhwc[x] < 0) {
        static const int64_t perm[4] = {0, 2, 3, 1};
        const char *name = xfmt("%s.nhwc", s->g->t[x]->name);
        int t = new_tensor(s, name);
        transpose(s, x, t, perm, name);
        s->nhwc[x] = t;
    }
    return s->nhwc[x];
}

/* node n (a copy), rewritten to read `in` and write a new channel-last
 * tensor, then that tensor transposed back into n's output; a Conv with
 * layout_io io (op_conv.c's NhwcConv): with 2 it writes n's NCHW output itself */
static void rewrite(Layout *s, Node *n, const int *in, bool conv, int io)
{
    static const int64_t back[4] = {0, 3, 1, 2};
    int y = n->out[0];
    int yt = io == 2 ? y : new_tensor(s, xfmt("%s.nhwc", s->g->t[y]->name));
    int *ni = xmalloc(sizeof(int) * (size_t)(n->n_in + 1));
    memcpy(ni, n->in, sizeof(int) * (size_t)n->n_in);
    memcpy(ni, in, sizeof(int) * (size_t)(conv ? 1 : n->n_in));
    n->in = ni;
    n->out = xmalloc(sizeof(int) * 2);
    n->out[0] = yt;
    n->n_out = 1;
    if (conv) {
        n->op = xstrdup("NhwcConv");
        n->domain = xstrdup("mlcc");
        n->opset = 1;
        n->def = &op_nhwc_conv;
        if (io)
            rw_set_attr_i(n, "layout_io", io);
    }
    n->def->infer(s->g, n);
    nodelist_push(&s->l, n);
    if (io == 2)
        return;
    transpose(s, yt, y, back, xfmt("%s/nchw", n->name));
    s->nhwc[y] = yt;
}

void pass_layout(Graph *g, PassStats *st)
{
    rw_begin(g);
    if (!g_target || g_target->reference_kernels || g->n_nodes > 4000)
        return;
    int n0 = g->n_nodes, t0 = g->n_t;
    /* what changes: depthwise Convs first, then the 1x1 ones around them */
    char *kind = xmalloc((size_t)n0 + 1); /* 'd' depthwise, 'p' pointwise, 'a' Add, 'g' global pool, 0 */
    int cands = 0;
    int64_t island = island_max(g);
    for (int i = 0; i < n0; i++)
        if (is_depthwise(g, &g->nodes[i], island))
            kind[i] = 'd', cands++;
    if (!cands)
        return;
    Layout s = {.g = g};
    s.cap = t0 + 1;
    s.nhwc = xmalloc(sizeof(int) * (size_t)s.cap);
    for (int i = 0; i < s.cap; i++)
        s.nhwc[i] = -1;
    /* at most a Transpose in and one out for each node rewritten */
    if ((int64_t)n0 + 2 * (int64_t)n0 > g_limits.nodes)
        return;
    int *newidx = xmalloc(sizeof(int) * (size_t)(n0 + 1));
    for (int i = 0; i < n0; i++) {
        Node n = g->nodes[i];
        /* the only reader of n's output, or -1 */
        int r = !n.dead && n.n_out > 0 && n.out[0] >= 0 ? rw_sole_consumer(g, n.out[0]) : -1;
        if (!n.dead && !kind[i] && is_pointwise(g, &n) && (held(&s, n.in[0]) >= 0 || (r >= 0 && kind[r] == 'd')))
            kind[i] = 'p';
        if (rw_op(&n, "Add") && n.n_in == 2 && n.n_out == 1 && held(&s, n.in[0]) >= 0 && held(&s, n.in[1]) >= 0) {
            const Tensor *a = g->t[n.in[0]], *b = g->t[n.in[1]];
            if (a->rank == 4 && b->rank == 4 && a->dtype == DT_FLOAT && b->dtype == DT_FLOAT &&
                !memcmp(a->dims, b->dims, sizeof(int64_t) * 4))
                kind[i] = 'a';
        }
        if (rw_op(&n, "GlobalAveragePool") && n.n_in == 1 && n.n_out == 1 && held(&s, n.in[0]) >= 0 &&
            g->t[n.in[0]]->rank == 4 && g->t[n.in[0]]->dtype == DT_FLOAT)
            kind[i] = 'g';
        newidx[i] = s.l.n;
        if (kind[i] == 'g') {
            global_pool(&s, &n);
        } else if (kind[i] == 'p' && held(&s, n.in[0]) < 0 && rw_sole_consumer(g, n.in[0]) == i) {
            /* a stretch's first 1x1 Conv reads NCHW itself (unless a
             * Transpose of its input would serve other readers too) */
            rewrite(&s, &n, n.in, true, 1);
        } else if (kind[i] == 'p' && large(g, n.out[0]) && !(r >= 0 && kind[r] == 'd')) {
            /* one on a large image that no depthwise Conv of the stretch
             * reads: the stretch ends, the Conv writes NCHW itself */
            int in[1] = {s.nhwc[n.in[0]]};
            rewrite(&s, &n, in, true, 2);
        } else if (kind[i] == 'd' || kind[i] == 'p') {
            int in[1] = {to_nhwc(&s, n.in[0])};
            rewrite(&s, &n, in, true, 0);
        } else if (kind[i] == 'a') {
            int in[2] = {s.nhwc[n.in[0]], s.nhwc[n.in[1]]};
            rewrite(&s, &n, in, false, 0);
        } else {
            nodelist_push(&s.l, &n);
        }
        st->changed += kind[i] != 0;
    }
    /* the new node array: producers follow */
    g->nodes = xrealloc(s.l.v, sizeof(Node) * (size_t)(s.l.n + 1));
    g->n_nodes = s.l.n;
    for (int i = 0; i < t0; i++)
        if (g->t[i]->producer >= 0 && g->t[i]->producer < n0)
            g->t[i]->producer = newidx[g->t[i]->producer];
    for (int i = 0; i < g->n_nodes; i++) {
        Node *n = &g->nodes[i];
        n->index = i;
        if (n->dead)
            continue;
        for (int k = 0; k < n->n_out; k++)
            if (n->out[k] >= 0)
                g->t[n->out[k]]->producer = i;
    }
    rw_begin(g);
    PassStats ds = {0};
    pass_dce(g, &ds); /* the transposes back that nothing reads */
    int left = s.n_tr - ds.removed;
    st->detail = xfmt("%d transpose%s at the ends of the channel-last stretches", left, left == 1 ? "" : "s");
}
