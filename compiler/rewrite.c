/* rewrite.c - helpers the graph-rewrite passes share: who reads a tensor,
 * rewiring readers, nodes taking over tensors, editing ops, inputs and
 * attributes, new constants, and folding a per-channel affine map into the
 * weights of a Conv / ConvTranspose / Gemm / MatMul.
 *
 * Every change to the graph made through these helpers keeps the cached use
 * counts honest; a pass calls rw_begin() before it looks at the graph. */
#include "mlcc.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------ uses */

static struct {
    Graph *g;
    int n_t;
    int *count;      /* input slots of live nodes reading the tensor */
    int *consumer;   /* the last live node reading it */
    bool fresh;
} U;

void rw_begin(Graph *g)
{
    U.g = g;
    U.fresh = false;
}

static void stale(void) { U.fresh = false; }

static void refresh(Graph *g)
{
    if (U.fresh && U.g == g && U.n_t == g->n_t)
        return;
    U.g = g;
    U.n_t = g->n_t;
    U.count = xmalloc(sizeof(int) * (size_t)(g->n_t + 1));
    U.consumer = xmalloc(sizeof(int) * (size_t)(g->n_t + 1));
    for (int i = 0; i < g->n_t; i++)
        U.consumer[i] = -1;
    for (int i = 0; i < g->n_nodes; i++) {
        Node *n = &g->nodes[i];
        if (n->dead)
            continue;
        for (int k = 0; k < n->n_in; k++)
            if (n->in[k] >= 0) {
                U.count[n->in[k]]++;
                U.consumer[n->in[k]] = i;
            }
    }
    U.fresh = true;
}

int rw_use_count(Graph *g, int tid)
{
    refresh(g);
    return tid >= 0 && tid < g->n_t ? U.count[tid] : 0;
}

int rw_sole_consumer(Graph *g, int tid)
{
    if (tid < 0 || g->t[tid]->is_output)
        return -1;
    refresh(g);
    return U.count[tid] == 1 ? U.consumer[tid] : -1;
}

Node *rw_producer(Graph *g, int tid)
{
    if (tid < 0)
        return NULL;
    Tensor *t = g->t[tid];
    if (t->data || t->producer < 0 || g->nodes[t->producer].dead)
        return NULL;
    Node *p = &g->nodes[t->producer];
    for (int k = 0; k < p->n_out; k++)
        if (p->out[k] == tid)
            return p;
    return NULL;
}

Node *rw_sole_producer_of(Graph *g, int tid, int consumer)
{
    Node *p = rw_producer(g, tid);
    if (!p || rw_sole_consumer(g, tid) != consumer || p->out[0] != tid)
        return NULL;
    return p;
}

bool rw_is_const(Graph *g, int tid) { return tid >= 0 && g->t[tid]->data != NULL; }

bool rw_op(const Node *n, const char *op) { return !n->dead && strcmp(n->op, op) == 0; }

/* ------------------------------------------------------------ rewiring */

void rw_replace_uses(Graph *g, int from, int to)
{
    for (int i = 0; i < g->n_nodes; i++) {
        Node *n = &g->nodes[i];
        if (n->dead)
            continue;
        for (int k = 0; k < n->n_in; k++)
            if (n->in[k] == from)
                n->in[k] = to;
    }
    stale();
}

void rw_take_output(Graph *g, Node *n, int k, int tid)
{
    int old = n->out[k];
    if (old >= 0 && g->t[old]->producer == n->index)
        g->t[old]->producer = -1;
    n->out[k] = tid;
    g->t[tid]->producer = n->index;
    stale();
}

void rw_kill(Graph *g, Node *n, PassStats *st)
{
    (void)g;
    n->dead = true;
    if (st)
        st->removed++;
    stale();
}

bool rw_forward(Graph *g, int y, int x)
{
    Tensor *ty = g->t[y], *tx = g->t[x];
    if (y == x)
        return true;
    if (!ty->is_output) {
        rw_replace_uses(g, y, x);
        return true;
    }
    /* y is a graph output: x's producer writes y directly, x's readers read y */
    Node *p = rw_producer(g, x);
    if (!p || tx->is_output || tx->is_input)
        return false;
    for (int k = 0; k < p->n_out; k++)
        if (p->out[k] == x) {
            rw_take_output(g, p, k, y);
            break;
        }
    rw_replace_uses(g, x, y);
    return true;
}

/* ------------------------------------------------------------ editing nodes */

void rw_set_inputs(Node *n, int cnt, const int *ids)
{
    int *in = xmalloc(sizeof(int) * (size_t)(cnt + 1));
    memcpy(in, ids, sizeof(int) * (size_t)cnt);
    n->in = in;
    n->n_in = cnt;
    stale();
}

void rw_set_op(Node *n, const char *op, int opset)
{
    const OpDef *d = op_lookup(op, opset);
    if (!d)
        fail(EXIT_INTERNAL, "internal: a pass rewrote node '%s' into %s opset %d, which mlcc lacks", n->name, op,
             opset);
    n->op = xstrdup(op);
    n->opset = opset;
    n->def = d;
    n->n_attr = 0;
    n->attr = NULL;
}

static Attr *attr_slot(Node *n, const char *name)
{
    for (int i = 0; i < n->n_attr; i++)
        if (strcmp(n->attr[i].name, name) == 0) {
            memset(&n->attr[i], 0, sizeof n->attr[i]);
            n->attr[i].name = xstrdup(name);
            return &n->attr[i];
        }
    Attr *a = xmalloc(sizeof(Attr) * (size_t)(n->n_attr + 1));
    if (n->n_attr)
        memcpy(a, n->attr, sizeof(Attr) * (size_t)n->n_attr);
    n->attr = a;
    Attr *s = &n->attr[n->n_attr++];
    s->name = xstrdup(name);
    return s;
}

void rw_set_attr_i(Node *n, const char *name, int64_t v)
{
    Attr *a = attr_slot(n, name);
    a->type = AT_INT;
    a->i = v;
}

void rw_set_attr_f(Node *n, const char *name, float v)
{
    Attr *a = attr_slot(n, name);
    a->type = AT_FLOAT;
    a->f = v;
}

void rw_set_attr_ints(Node *n, const char *name, const int64_t *v, int cnt)
{
    Attr *a = attr_slot(n, name);
    a->type = AT_INTS;
    a->ints = xmalloc(sizeof(int64_t) * (size_t)(cnt + 1));
    if (cnt)
        memcpy(a->ints, v, sizeof(int64_t) * (size_t)cnt);
    a->n = cnt;
}

void rw_del_attr(Node *n, const char *name)
{
    for (int i = 0; i < n->n_attr; i++)
        if (strcmp(n->attr[i].name, name) == 0) {
            memmove(&n->attr[i], &n->attr[i + 1], sizeof(Attr) * (size_t)(n->n_attr - i - 1));
            n->n_attr--;
            return;
        }
}

Tensor *rw_const(Graph *g, const char *name, int dtype, int rank, const int64_t *dims)
{
    Tensor *t = tensor_new(g, name);
    tensor_set_shape(t, dtype, rank, dims);
    /* replaces a constant of the same size, which the program stops reading:
     * not counted again against --limit constant-bytes */
    t->data = xmalloc((size_t)tensor_bytes(t) + 8);
    stale();
    return t;
}

void rw_reinfer(Graph *g, Node *n)
{
    int64_t dims[8][MLCC_MAX_RANK];
    int rank[8], dt[8], m = n->n_out < 8 ? n->n_out : 8;
    for (int k = 0; k < m; k++) {
        Tensor *t = node_output(g, n, k);
        if (!t)
            continue;
        rank[k] = t->rank;
        dt[k] = t->dtype;
        memcpy(dims[k], t->dims, sizeof dims[k]);
    }
    n->def->infer(g, n);
    for (int k = 0; k < m; k++) {
        Tensor *t = node_output(g, n, k);
        if (t && (t->rank != rank[k] || t->dtype != dt[k] ||
                  memcmp(dims[k], t->dims, sizeof(int64_t) * (size_t)t->rank) != 0))
            fail(EXIT_INTERNAL, "internal: a pass changed the shape of '%s' (node '%s')", t->name, n->name);
    }
}

/* ------------------------------------------------------------ affine folding */

int rw_channel_axis(Graph *g, const Node *p)
{
    Tensor *y = node_output(g, p, 0);
    if (!strcmp(p->op, "Conv") || !strcmp(p->op, "ConvTranspose"))
        return 1;
    if (!strcmp(p->op, "Gemm") || !strcmp(p->op, "MatMul"))
        return y->rank - 1;
    return -1;
}

static bool gemm_kernel_for(int dt) { return kernel_find(xfmt("mlcc_gemm_%s", dtype_suffix(dt))) != NULL; }

/* a new constant: W with element i scaled by s[chan(i)], its output channel */
static Tensor *scaled_copy(Graph *g, Tensor *w, const char *tag, const double *s, int64_t (*chan)(int64_t, const void *),
                           const void *ctx)
{
    Tensor *nw = rw_const(g, xfmt("%s_%s", w->name, tag), w->dtype, w->rank, w->dims);
    int64_t cnt = tensor_numel(w);
    for (int64_t i = 0; i < cnt; i++)
        dtype_set_f(w->dtype, nw->data, i, dtype_get_f(w->dtype, w->data, i) * s[chan(i, ctx)]);
    return nw;
}

typedef struct {
    int64_t inner;      /* elements per (row of the channel index) */
    int64_t cin_g, mg;  /* ConvTranspose: input channels per group, output channels per group */
    int64_t n;          /* Gemm/MatMul: columns */
    int trans;
} ChanMap;

static int64_t chan_conv(int64_t i, const void *c)
{
    const ChanMap *m = c;
    return i / m->inner;
}

static int64_t chan_convt(int64_t i, const void *c)
{
    const ChanMap *m = c;
    int64_t row = i / m->inner, ci = row / m->mg, j = row % m->mg;
    return (ci / m->cin_g) * m->mg + j;
}

static int64_t chan_cols(int64_t i, const void *c)
{
    const ChanMap *m = c;
    return m->trans ? i / m->inner : i % m->n;
}

bool rw_fold_affine(Graph *g, Node *p, const double *s, const double *t, int64_t nch, const char *tag)
{
    Tensor *y = node_output(g, p, 0);
    int ax = rw_channel_axis(g, p);
    if (ax < 0 || p->act.kind || y->dims[ax] != nch || !dtype_is_float(y->dtype))
        return false;
    bool has_t = false;
    for (int64_t c = 0; t && c < nch; c++)
        has_t |= t[c] != 0.0;
    for (int64_t c = 0; c < nch; c++)
        if (!isfinite(s[c]) || (t && !isfinite(t[c])))
            return false;
    bool conv = !strcmp(p->op, "Conv"), convt = !strcmp(p->op, "ConvTranspose");
    if (conv || convt) {
        Tensor *w = node_input(g, p, 1), *b = node_input(g, p, 2);
        if (!w || !w->data || (b && !b->data) || w->rank < 3)
            return false;
        ChanMap m = {0};
        m.inner = 1;
        for (int i = 2; i < w->rank; i++)
            m.inner *= w->dims[i];
        int64_t (*fn)(int64_t, const void *) = chan_conv;
        if (convt) {
            int64_t grp = attr_i(p, "group", 1);
            if (grp < 1 || w->dims[0] % grp || w->dims[1] * grp != nch)
                return false;
            m.cin_g = w->dims[0] / grp;
            m.mg = w->dims[1];
            fn = chan_convt;
        } else {
            if (w->dims[0] != nch)
                return false;
            m.inner *= w->dims[1];
        }
        Tensor *nw = scaled_copy(g, w, tag, s, fn, &m);
        int64_t d = nch;
        Tensor *nb = rw_const(g, xfmt("%s_%s_bias", p->name, tag), w->dtype, 1, &d);
        for (int64_t c = 0; c < nch; c++) {
            double bv = b ? dtype_get_f(b->dtype, b->data, c) : 0.0;
            dtype_set_f(w->dtype, nb->data, c, bv * s[c] + (t ? t[c] : 0.0));
        }
        int ins[3] = {p->in[0], nw->id, nb->id};
        rw_set_inputs(p, 3, ins);
        return true;
    }
    bool gemm = !strcmp(p->op, "Gemm"), matmul = !strcmp(p->op, "MatMul");
    if (!gemm && !matmul)
        return false;
    Tensor *a = node_input(g, p, 0), *bm = node_input(g, p, 1), *cm = gemm ? node_input(g, p, 2) : NULL;
    if (!bm || !bm->data || bm->rank != 2 || (cm && !cm->data))
        return false;
    int trans = gemm ? (int)attr_i(p, "transB", 0) : 0;
    ChanMap m = {0};
    m.n = nch;
    m.inner = bm->dims[1];
    m.trans = trans;
    if ((trans ? bm->dims[0] : bm->dims[1]) != nch)
        return false;
    if (matmul && !has_t) {
        /* a pure column scale: the MatMul keeps its form (any batch rank) */
        Tensor *nw = scaled_copy(g, bm, tag, s, chan_cols, &m);
        int ins[2] = {p->in[0], nw->id};
        rw_set_inputs(p, 2, ins);
        return true;
    }
    if (gemm && !cm && !has_t) {
        Tensor *nw = scaled_copy(g, bm, tag, s, chan_cols, &m);
        int ins[2] = {p->in[0], nw->id};
        rw_set_inputs(p, 2, ins);
        return true;
    }
    if (matmul && (a->rank != 2 || y->rank != 2 || !gemm_kernel_for(y->dtype)))
        return false;
    int64_t rows = y->dims[0];
    double beta = gemm ? attr_f(p, "beta", 1.0f) : 1.0;
    /* C' = s * beta * C + t, per output column; [N] unless C varies by row */
    bool by_row = cm && cm->rank == 2 && cm->dims[0] != 1;
    if (gemm && p->opset < 7)
        by_row = true; /* legacy Gemm: an MxN C needs no broadcast attribute */
    int64_t cd[2] = {rows, nch};
    Tensor *nc = by_row ? rw_const(g, xfmt("%s_%s_c", p->name, tag), y->dtype, 2, cd)
                        : rw_const(g, xfmt("%s_%s_c", p->name, tag), y->dtype, 1, &cd[1]);
    int64_t cnt = tensor_numel(nc);
    for (int64_t i = 0; i < cnt; i++) {
        int64_t col = i % nch, row = by_row ? i / nch : 0, ci = 0;
        double cv = 0.0;
        if (cm) {
            int64_t cr = cm->rank == 2 ? cm->dims[0] : 1, cc = cm->rank >= 1 ? cm->dims[cm->rank - 1] : 1;
            ci = (cr == 1 ? 0 : row) * cc + (cc == 1 ? 0 : col);
            cv = dtype_get_f(cm->dtype, cm->data, ci);
        }
        dtype_set_f(nc->dtype, nc->data, i, s[col] * beta * cv + (t ? t[col] : 0.0));
    }
    Tensor *nw = scaled_copy(g, bm, tag, s, chan_cols, &m);
    int ins[3] = {p->in[0], nw->id, nc->id};
    if (matmul) {
        rw_set_op(p, "Gemm", p->opset < 11 ? 11 : p->opset);
    } else {
        rw_set_attr_f(p, "beta", 1.0f);
    }
    rw_set_inputs(p, 3, ins);
    return true;
}

Node rw_new_node(const char *op, int opset, const char *name, const int *in, int n_in, int out)
{
    Node t = {0};
    t.name = xstrdup(name);
    t.op = xstrdup(op);
    t.domain = xstrdup("");
    t.opset = opset;
    t.def = op_lookup(op, opset);
    if (!t.def)
        fail(EXIT_INTERNAL, "internal: a %s node (opset %d) was made, which mlcc lacks", op, opset);
    t.n_in = n_in;
    t.n_out = 1;
    t.in = xmalloc(sizeof(int) * (size_t)(n_in + 1));
    memcpy(t.in, in, sizeof(int) * (size_t)n_in);
    t.out = xmalloc(sizeof(int) * 2);
    t.out[0] = out;
    return t;
}

/* ------------------------------------------------------------ conditions */

bool rw_const_f32(Graph *g, int tid)
{
    return tid >= 0 && g->t[tid]->data && g->t[tid]->dtype == DT_FLOAT;
}

bool rw_ints_all(const Node *n, const char *name, int64_t v)
{
    const int64_t *p;
    int cnt = attr_ints(n, name, &p);
    for (int i = 0; i < cnt; i++)
        if (p[i] != v)
            return false;
    return true;
}
