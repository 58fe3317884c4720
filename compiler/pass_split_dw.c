/* pass_split_dw.c - expand + depthwise chains split into channel chunks, so
 * that the expanded tensor is never whole in memory.
 *
 * An inverted-residual block (MobileNetV2 and its kind) widens a small tensor
 * X with a 1x1 convolution E to C channels, then filters each channel on its
 * own with a depthwise convolution D. Run whole, E's output (C planes of the
 * full image, often the biggest tensor of the network) and D's output are
 * live together: that sum is the model's peak. Depthwise channels are
 * independent, so E and D can run G channels at a time:
 *
 *   for each chunk [a, b) of the C channels:
 *       t_ab = E restricted to output channels [a, b)     (G planes)
 *       y_ab = D restricted to channels [a, b), from t_ab
 *   y = Concat(y_ab..., axis 1)
 *
 * The memory plan writes every y_ab straight into its slice of y (Concat in
 * place, plan.c) and reuses one chunk buffer for every t_ab, so the live set
 * becomes X + y + one chunk instead of X + E's whole output + y. Each piece is
 * an ordinary Conv (same kernels, same arithmetic: every output value is the
 * same sum in the same order), the weights are the same bytes cut in chunks.
 *
 * Taken when: E is a float32 Conv, 1x1, stride 1, no pads, group 1, constant
 * weights (and bias); D is a float32 2-D depthwise Conv (group = channels, one
 * output channel a group) with constant weights, the sole reader of E's output,
 * which is not a graph output; batch 1 (the slices of y must be contiguous);
 * D's output is not a graph output; more channels than one chunk. The pieces
 * go where D was, chunk after chunk, so the file's order of the result is
 * already the interleaved one.
 *
 * Splitting costs time (a call a chunk: each one sets up its own loops), so
 * the scheduler (pipeline.c) calls this with the plan of the current graph,
 * and only the chain at its memory peak is split, only when the estimate
 * says that lowers the peak, in the biggest chunks that reach the lowest
 * peak; it calls again while something was split. */
#include "mlcc.h"

#include <string.h>

enum { MAX_CHUNKS = 4096 };

/* E: 1x1, stride 1, no pads, dilation 1, group 1, 4-D, constant W (and B) */
static bool is_expand(Graph *g, const Node *e)
{
    if (!rw_op(e, "Conv") || e->n_in < 2 || e->in[0] < 0 || !rw_const_f32(g, e->in[1]) ||
        (e->n_in > 2 && e->in[2] >= 0 && !rw_const_f32(g, e->in[2])))
        return false;
    Tensor *x = g->t[e->in[0]], *w = g->t[e->in[1]];
    const char *ap = attr_s(e, "auto_pad", "NOTSET");
    return x->dtype == DT_FLOAT && x->rank == 4 && w->rank == 4 && w->dims[2] == 1 && w->dims[3] == 1 &&
           attr_i(e, "group", 1) == 1 && rw_ints_all(e, "strides", 1) && rw_ints_all(e, "pads", 0) &&
           rw_ints_all(e, "dilations", 1) && (!strcmp(ap, "NOTSET") || !strcmp(ap, "VALID") || !ap[0]);
}

/* D: 2-D depthwise (group = C, one output channel a group), constant W (and B) */
static bool is_depthwise(Graph *g, const Node *d)
{
    if (!rw_op(d, "Conv") || d->n_in < 2 || d->in[0] < 0 || !rw_const_f32(g, d->in[1]) ||
        (d->n_in > 2 && d->in[2] >= 0 && !rw_const_f32(g, d->in[2])))
        return false;
    Tensor *x = g->t[d->in[0]], *w = g->t[d->in[1]], *y = g->t[d->out[0]];
    int64_t c = x->rank == 4 ? x->dims[1] : -1;
    return x->dtype == DT_FLOAT && x->rank == 4 && w->rank == 4 && c > 0 && attr_i(d, "group", 1) == c &&
           w->dims[0] == c && w->dims[1] == 1 && y->rank == 4 && y->dims[1] == c;
}

/* rows [a, b) of constant `src` (first dim) as a new constant */
static int const_rows(Graph *g, int src, int64_t a, int64_t b, const char *tag)
{
    Tensor *s = g->t[src];
    int64_t dims[MLCC_MAX_RANK];
    memcpy(dims, s->dims, sizeof dims);
    dims[0] = b - a;
    int64_t row = s->dims[0] ? tensor_bytes(s) / s->dims[0] : 0;
    Tensor *t = rw_const(g, xfmt("%s.%s", s->name, tag), s->dtype, s->rank, dims);
    memcpy(t->data, (const char *)s->data + a * row, (size_t)((b - a) * row));
    return t->id;
}

/* a copy of conv node `p` reading `in` (n_in ids), writing `out` */
static Node piece(const Node *p, const char *name, const int *in, int n_in, int out)
{
    Node n = *p;
    n.name = xstrdup(name);
    n.dead = false;
    n.in = xmalloc(sizeof(int) * (size_t)(n_in + 1));
    memcpy(n.in, in, sizeof(int) * (size_t)n_in);
    n.n_in = n_in;
    n.out = xmalloc(sizeof(int) * 2);
    n.out[0] = out;
    n.n_out = 1;
    n.attr = xmalloc(sizeof(Attr) * (size_t)(p->n_attr + 1));
    if (p->n_attr)
        memcpy(n.attr, p->attr, sizeof(Attr) * (size_t)p->n_attr);
    return n;
}

/* split E -> D (D at index di); false if the graph stays as it is */
static bool split(Graph *g, int di, int64_t G, PassStats *st)
{
    Node *d = &g->nodes[di];
    if (!is_depthwise(g, d))
        return false;
    int mid = d->in[0];
    Node *e = rw_producer(g, mid);
    if (!e || e->out[0] != mid || !is_expand(g, e) || rw_sole_consumer(g, mid) != d->index)
        return false;
    Tensor *tm = g->t[mid], *ty = g->t[d->out[0]];
    int64_t C = tm->dims[1];
    if (tm->dims[0] != 1 || ty->is_output || C <= G || (C + G - 1) / G > MAX_CHUNKS)
        return false;
    if ((int64_t)g->n_nodes + 2 * ((C + G - 1) / G) + 1 > g_limits.nodes)
        return false;

    int ei = e->index;
    NodeList l = {0};
    int n_parts = 0;
    int *parts = xmalloc(sizeof(int) * (size_t)((C + G - 1) / G + 1));
    for (int64_t a = 0; a < C; a += G) {
        int64_t b = a + G < C ? a + G : C;
        Node *en = &g->nodes[ei], *dn = &g->nodes[di];
        const char *tag = xfmt("c%lld_%lld", (long long)a, (long long)b);
        int ein[3] = {en->in[0], const_rows(g, en->in[1], a, b, tag), -1};
        if (en->n_in > 2 && en->in[2] >= 0)
            ein[2] = const_rows(g, en->in[2], a, b, tag);
        Tensor *t = tensor_new(g, xfmt("%s.%s", g->t[mid]->name, tag));
        Node ne = piece(en, xfmt("%s/%s", en->name, tag), ein, ein[2] >= 0 ? 3 : 2, t->id);
        nodelist_push(&l, &ne);

        dn = &g->nodes[di];
        int din[3] = {t->id, const_rows(g, dn->in[1], a, b, tag), -1};
        if (dn->n_in > 2 && dn->in[2] >= 0)
            din[2] = const_rows(g, dn->in[2], a, b, tag);
        Tensor *y = tensor_new(g, xfmt("%s.%s", g->t[dn->out[0]]->name, tag));
        Node nd = piece(dn, xfmt("%s/%s", dn->name, tag), din, din[2] >= 0 ? 3 : 2, y->id);
        rw_set_attr_i(&nd, "group", b - a);
        nodelist_push(&l, &nd);
        parts[n_parts++] = y->id;
    }
    Node *dn = &g->nodes[di];
    Node cat = rw_new_node("Concat", dn->opset < 4 ? 4 : dn->opset, xfmt("%s/concat", dn->name), parts, n_parts,
                           dn->out[0]);
    rw_set_attr_i(&cat, "axis", 1);
    nodelist_push(&l, &cat);

    rw_kill(g, &g->nodes[ei], st);
    rw_kill(g, &g->nodes[di], st);
    graph_splice_nodes(g, di + 1, &l);
    for (int k = 0; k < l.n; k++)
        infer_node(g, &g->nodes[di + 1 + k]);
    rw_begin(g);
    st->changed++;
    return true;
}

void pass_split_dw(Graph *g, const Program *p, PassStats *st)
{
    rw_begin(g);
    int node = p->peak_node;
    if (node < 0 || node >= g->n_nodes || g->nodes[node].dead || !p->live)
        return;
    /* node is D, or E whose sole reader is D */
    Node *n = &g->nodes[node];
    int d = node;
    if (rw_op(n, "Conv") && n->n_out > 0 && n->out[0] >= 0) {
        int r = rw_sole_consumer(g, n->out[0]);
        if (r >= 0 && is_depthwise(g, &g->nodes[r]))
            d = r;
    }
    Node *dn = &g->nodes[d];
    if (!is_depthwise(g, dn))
        return;
    Node *e = rw_producer(g, dn->in[0]);
    if (!e)
        return;
    /* the live bytes at E's and D's steps, and the most at any other step */
    int64_t le = 0, ld = 0, rest = 0;
    for (int s = 0; s < p->n_calls; s++) {
        int64_t v = p->live[s];
        if (p->calls[s].node == e->index)
            le = v > le ? v : le;
        else if (p->calls[s].node == d)
            ld = v > ld ? v : ld;
        else
            rest = v > rest ? v : rest;
    }
    /* split, E's output M is live a chunk at a time; X (E's input) stays
     * live until the last chunk's E and D's output Y from the first chunk's
     * D, so at worst: max(le + Y, ld + X) - M + chunk */
    int a = p->align > 0 ? p->align : 16;
    Tensor *tm = g->t[dn->in[0]];
    int64_t M = align_up(tensor_bytes(tm), a), X = align_up(tensor_bytes(node_input(g, e, 0)), a);
    int64_t Y = align_up(tensor_bytes(node_output(g, dn, 0)), a), C = tm->rank == 4 ? tm->dims[1] : 0;
    int64_t base = (le + Y > ld + X ? le + Y : ld + X) - M;
    /* the smallest chunk: 4 channels for the reference kernels, 8 (one weight
     * panel of the fast kernels) under a RAM budget, else 16 (smaller chunks
     * cost more time than they save on a host) */
    int64_t gmin = g_target && g_target->reference_kernels ? 4 : g_target && g_target->ram_bytes > 0 ? 8 : 16;
    if (C <= gmin)
        return;
    /* the biggest chunk (fewest calls) whose peak is no higher than the
     * smallest chunk's, nor than the rest of the network's */
    int64_t best_peak = base + align_up(M / C * gmin, a);
    if (best_peak < rest)
        best_peak = rest;
    if (best_peak >= p->lower_bound)
        return; /* splitting would not lower the peak */
    int64_t G = gmin;
    for (int64_t k = gmin; k <= C / 2; k += gmin) {
        int64_t pk = base + align_up(M / C * k, a);
        if ((pk > rest ? pk : rest) <= best_peak)
            G = k;
    }
    split(g, d, G, st);
}
