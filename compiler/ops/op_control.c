/* op_control.c - control flow: If, Loop and Scan, expanded at compile time
 * into the plain nodes that compute them.
 *
 * A static memory plan needs a static program, so:
 *   If    a constant condition keeps one branch; otherwise both branches run
 *         and Where picks each output (the branches must agree on its shape);
 *   Loop  unrolled: the trip count and the condition must be constants, and
 *         the body's condition output must fold to a constant every iteration
 *         (when it matters); scan outputs are Unsqueeze + Concat on axis 0;
 *   Scan  unrolled over the static sequence length: Gather takes each scan
 *         input's element, state variables are chained, scan outputs are
 *         Unsqueeze + Concat on their axis (directions honoured); opset 8 runs
 *         the batch axis too, with constant sequence_lens.
 * The body (a SubGraph from the frontend) is instantiated once per iteration
 * with fresh tensors "<node>/<iteration>/<name>"; names it takes from
 * enclosing graphs are bound through Attr.outer. Each new node is inferred
 * (and folded) as it is made; nodes that fold away are dropped. A nested
 * control node expands the same way, into the same list. */
#include "mlcc.h"

#include <string.h>

#define MAX_TRIPS 4096 /* iterations one Loop or Scan may unroll to */

typedef struct Ctx {
    Graph *g;
    const Node *ctl; /* the control node: errors name it */
    NodeList *out;
    int helper;      /* helper nodes made, for their names */
} Ctx;

/* ------------------------------------------------------------ making nodes */

/* Infer the node and append it to the list (a control node: its expansion);
 * a node folded to constants is dropped again. */
static void add_node(Ctx *x, const Node *proto)
{
    if (proto->def->expand) {
        proto->def->expand(x->g, proto, x->out);
        return;
    }
    NodeList *l = x->out;
    if ((int64_t)x->g->n_nodes + l->n + 1 > g_limits.nodes)
        node_fail(x->ctl, "unrolling gives more than %lld nodes, the limit (raise it with --limit nodes=N)",
                  (long long)g_limits.nodes);
    if (++l->made > 4 * g_limits.nodes) /* nested loops that fold: bounded work all the same */
        node_fail(x->ctl, "unrolling makes more than %lld nodes, folded ones included (4 times the node limit; "
                  "raise it with --limit nodes=N)", (long long)(4 * g_limits.nodes));
    nodelist_push(l, proto);
    Node *n = &l->v[l->n - 1];
    infer_node(x->g, n);
    if (!n->dead)
        return;
    for (int k = 0; k < n->n_out; k++)
        if (n->out[k] >= 0 && !x->g->t[n->out[k]]->data)
            return;
    for (int k = 0; k < n->n_out; k++)
        if (n->out[k] >= 0)
            x->g->t[n->out[k]]->producer = -1; /* a constant now */
    l->n--;
}

static Attr *attr_int(const char *name, int64_t v)
{
    Attr *a = xmalloc(sizeof *a);
    a->name = xstrdup(name);
    a->type = AT_INT;
    a->i = v;
    return a;
}

static Attr *attr_ints1(const char *name, int64_t v)
{
    Attr *a = xmalloc(sizeof *a);
    a->name = xstrdup(name);
    a->type = AT_INTS;
    a->n = 1;
    a->ints = xmalloc(sizeof(int64_t));
    a->ints[0] = v;
    return a;
}

/* a helper node of the expansion: one output, `out` */
static void plain(Ctx *x, const char *op, int opset, int n_in, const int *in, int out, Attr *attr, int n_attr)
{
    Node nd = rw_new_node(op, opset, xfmt("%s/%s_%d", x->ctl->name, op, x->helper++), in, n_in, out);
    nd.n_attr = n_attr;
    nd.attr = attr;
    add_node(x, &nd);
}

static int fresh(Ctx *x, const char *what)
{
    return tensor_new(x->g, xfmt("%s/%s_%d", x->ctl->name, what, x->helper))->id;
}

static void identity(Ctx *x, int src, int dst)
{
    plain(x, "Identity", 16, 1, &src, dst, NULL, 0);
}

static int unsqueeze(Ctx *x, int src, int axis)
{
    int y = fresh(x, "unsqueezed");
    plain(x, "Unsqueeze", 11, 1, &src, y, attr_ints1("axes", axis), 1);
    return y;
}

static void concat(Ctx *x, int n, const int *ids, int axis, int dst)
{
    plain(x, "Concat", 11, n, ids, dst, attr_int("axis", axis), 1);
}

/* src indexed at `index` along `axis` (that axis removed) */
static int gather(Ctx *x, int src, int64_t index, int axis)
{
    int in[2] = {src, const_scalar(x->g, DT_INT64, (double)index)->id};
    int y = fresh(x, "element");
    plain(x, "Gather", 11, 2, in, y, attr_int("axis", axis), 1);
    return y;
}

/* a zero-filled constant */
static int zeros(Ctx *x, int dtype, int rank, const int64_t *dims)
{
    Tensor *t = tensor_new(x->g, xfmt("%s/zeros_%d", x->ctl->name, x->helper++));
    tensor_set_shape(t, dtype, rank, dims);
    int64_t b = tensor_bytes(t);
    count_constant_bytes(b, t->name);
    t->data = xmalloc((size_t)b + 1);
    return t->id;
}

/* ------------------------------------------------------------ subgraphs */

static const Attr *body_attr(const Node *n, const char *name)
{
    const Attr *a = attr_get(n, name);
    if (!a)
        node_fail(n, "attribute '%s' is required", name);
    if (a->type != AT_GRAPH || !a->g)
        node_fail(n, "attribute '%s' must be a graph", name);
    const SubGraph *sg = a->g;
    for (int i = 0; i < sg->n_in + sg->n_out; i++) {
        const SubValue *v = i < sg->n_in ? &sg->in[i] : &sg->out[i - sg->n_in];
        if (!v->tensor)
            node_fail(n, "subgraph '%s' (attribute '%s'): %s '%s' is not a tensor; sequence, map and optional "
                      "values are not supported", sg->name, name, i < sg->n_in ? "input" : "output", v->name);
    }
    return a;
}

static bool same_shape(const Tensor *a, const Tensor *b)
{
    if (a->rank != b->rank)
        return false;
    for (int i = 0; i < a->rank; i++)
        if (a->dims[i] != b->dims[i])
            return false;
    return true;
}

/* One copy of the subgraph of attribute `a`: its formal inputs bound to the
 * tensors in[], its nodes made (names prefixed) and inferred; out[] receives
 * the tensors of its outputs. */
static void instantiate(Ctx *x, const Attr *a, const int *in, const char *prefix, int *out)
{
    const SubGraph *sg = a->g;
    Graph *g = x->g;
    int *slot = xmalloc(sizeof(int) * (size_t)(sg->n_slots + 1));
    for (int i = 0; i < sg->n_slots; i++)
        slot[i] = -1;
    /* in is NULL only for If branches, and expand_if refuses a branch that
     * declares inputs before it instantiates one: cppcheck does not follow
     * that guard across the call */
    for (int i = 0; i < sg->n_in; i++) {
        const SubValue *v = &sg->in[i];
        // cppcheck-suppress nullPointer
        const Tensor *t = g->t[in[i]];
        if (v->dtype && v->dtype != t->dtype)
            node_fail(x->ctl, "subgraph '%s' input '%s' is declared %s but receives %s ('%s')", sg->name, v->name,
                      dtype_name(v->dtype), dtype_name(t->dtype), t->name);
        // cppcheck-suppress nullPointer
        slot[i] = in[i];
    }
    for (int i = 0; i < sg->n_init; i++) {
        const Tensor *c = sg->init[i];
        Tensor *t = tensor_new(g, xfmt("%s/%s", prefix, c->name));
        tensor_set_shape(t, c->dtype, c->rank, c->dims);
        t->data = c->data;
        slot[sg->n_in + i] = t->id;
    }
    for (int i = 0; i < sg->n_outer; i++)
        slot[sg->n_slots - sg->n_outer + i] = a->outer[i];
    for (int i = 0; i < sg->n_nodes; i++) {
        const SubNode *s = &sg->nodes[i];
        Node nd = {0};
        nd.name = xfmt("%s/%s", prefix, s->name);
        nd.op = s->op;
        nd.domain = s->domain;
        nd.opset = s->opset;
        bool dflt = !s->domain[0] || !strcmp(s->domain, "ai.onnx");
        nd.def = dflt ? op_lookup(s->op, s->opset) : NULL;
        if (!nd.def)
            node_fail(&nd, "unsupported operator (in subgraph '%s')", sg->name);
        nd.n_in = s->n_in;
        nd.in = xmalloc(sizeof(int) * (size_t)(s->n_in + 1));
        for (int k = 0; k < s->n_in; k++) {
            nd.in[k] = s->in[k] < 0 ? -1 : slot[s->in[k]];
            if (s->in[k] >= 0 && nd.in[k] < 0)
                fail(EXIT_INTERNAL, "internal: subgraph '%s' value '%s' is unbound", sg->name,
                     sg->slot_name[s->in[k]]);
        }
        nd.n_out = s->n_out;
        nd.out = xmalloc(sizeof(int) * (size_t)(s->n_out + 1));
        for (int k = 0; k < s->n_out; k++) {
            nd.out[k] = -1;
            if (s->out[k] < 0)
                continue;
            Tensor *t = tensor_new(g, xfmt("%s/%s", prefix, sg->slot_name[s->out[k]]));
            slot[s->out[k]] = nd.out[k] = t->id;
        }
        nd.n_attr = s->n_attr;
        nd.attr = s->attr;
        for (int k = 0; k < s->n_attr; k++) {
            if (!s->attr[k].g)
                continue;
            /* a nested subgraph: its outer names become this copy's tensors */
            if (nd.attr == s->attr) {
                nd.attr = xmalloc(sizeof(Attr) * (size_t)(s->n_attr + 1));
                memcpy(nd.attr, s->attr, sizeof(Attr) * (size_t)s->n_attr);
            }
            const SubGraph *inner = s->attr[k].g;
            nd.attr[k].outer = xmalloc(sizeof(int) * (size_t)(inner->n_outer + 1));
            for (int j = 0; j < inner->n_outer; j++) {
                nd.attr[k].outer[j] = slot[s->attr[k].outer[j]];
                if (nd.attr[k].outer[j] < 0)
                    fail(EXIT_INTERNAL, "internal: subgraph '%s' value '%s' is unbound", sg->name,
                         sg->slot_name[s->attr[k].outer[j]]);
            }
        }
        add_node(x, &nd);
    }
    for (int i = 0; i < sg->n_out; i++) {
        out[i] = slot[sg->out[i].slot];
        if (out[i] < 0)
            fail(EXIT_INTERNAL, "internal: subgraph '%s' output '%s' is unbound", sg->name, sg->out[i].name);
        const Tensor *t = g->t[out[i]];
        if (sg->out[i].dtype && sg->out[i].dtype != t->dtype)
            node_fail(x->ctl, "subgraph '%s' output '%s' is declared %s but computes %s", sg->name,
                      sg->out[i].name, dtype_name(sg->out[i].dtype), dtype_name(t->dtype));
    }
}

/* a scan output no iteration computed: `len` zeros (0 when no iteration ran)
 * along `axis`, after `lead` leading dims; the element's shape comes from the
 * body's declared output type */
static void const_scan_output(Ctx *x, const SubGraph *sg, int k, int lead, const int64_t *lead_dims, int64_t axis,
                              int64_t len, const char *attr, int dst)
{
    const SubValue *v = &sg->out[k];
    bool known = v->dtype && v->rank >= 0 && dtype_size(v->dtype);
    for (int i = 0; known && i < v->rank; i++)
        known = v->dims[i] >= 0;
    if (!known)
        node_fail(x->ctl, "no iteration computes scan output '%s', and its shape is unknown: subgraph '%s' does "
                  "not declare a static shape for it", v->name, sg->name);
    int r = v->rank + 1;
    if (lead + r > MLCC_MAX_RANK)
        node_fail(x->ctl, "scan output '%s' would have rank %d, above the limit of %d", v->name, lead + r,
                  MLCC_MAX_RANK);
    if (axis < -r || axis >= r)
        node_fail(x->ctl, "attribute '%s' = %lld is out of range for scan output rank %d", attr, (long long)axis, r);
    int a = (int)(axis < 0 ? axis + r : axis);
    int64_t d[MLCC_MAX_RANK];
    for (int i = 0; i < lead; i++)
        d[i] = lead_dims[i];
    for (int i = 0, j = 0; i < r; i++)
        d[lead + i] = i == a ? len : v->dims[j++];
    Tensor *t = x->g->t[dst];
    tensor_set_shape(t, v->dtype, lead + r, d);
    int64_t b = tensor_bytes(t);
    count_constant_bytes(b, t->name);
    t->data = xmalloc((size_t)b + 1);
    t->producer = -1;
}

/* the value of a constant scalar-like (one element) input */
static double const_value(Graph *g, const Node *n, int k, const char *what)
{
    Tensor *t = node_input(g, n, k);
    need_const(g, n, k, what);
    if (tensor_numel(t) != 1)
        node_fail(n, "input %d ('%s', the %s) has %lld elements, expected one", k, t->name, what,
                  (long long)tensor_numel(t));
    return dtype_get_f(t->dtype, t->data, 0);
}

/* an optional list attribute of `count` ints (default 0) */
static void flags_attr(const Node *n, const char *name, int count, int64_t *out, bool direction)
{
    const int64_t *v;
    int c = attr_ints(n, name, &v);
    for (int i = 0; i < count; i++)
        out[i] = 0;
    if (c < 0)
        return;
    if (c != count)
        node_fail(n, "attribute '%s' has %d values, expected %d", name, c, count);
    for (int i = 0; i < count; i++) {
        if (direction && v[i] != 0 && v[i] != 1)
            node_fail(n, "attribute '%s' = %lld is not supported (0: forward, 1: reverse)", name, (long long)v[i]);
        out[i] = v[i];
    }
}

/* ------------------------------------------------------------ If */

static void expand_if(Graph *g, const Node *n, NodeList *list)
{
    Ctx x = {g, n, list, 0};
    need_inputs(n, 1, 1);
    const Attr *br[2] = {body_attr(n, "then_branch"), body_attr(n, "else_branch")};
    static const char *const names[2] = {"then_branch", "else_branch"};
    for (int b = 0; b < 2; b++) {
        if (br[b]->g->n_in)
            node_fail(n, "attribute '%s': an If branch takes no inputs, this one declares %d", names[b],
                      br[b]->g->n_in);
        if (br[b]->g->n_out != n->n_out)
            node_fail(n, "attribute '%s' has %d outputs, the node %d", names[b], br[b]->g->n_out, n->n_out);
    }
    Tensor *c = node_input(g, n, 0);
    if (tensor_numel(c) != 1)
        node_fail(n, "the condition '%s' has %lld elements, expected one", c->name, (long long)tensor_numel(c));
    int *out[2];
    for (int b = 0; b < 2; b++)
        out[b] = xmalloc(sizeof(int) * (size_t)(n->n_out + 1));
    if (c->data) { /* folded: only the branch taken */
        int b = dtype_get_f(c->dtype, c->data, 0) != 0 ? 0 : 1;
        instantiate(&x, br[b], NULL, xfmt("%s/%s", n->name, b ? "else" : "then"), out[b]);
        for (int k = 0; k < n->n_out; k++)
            if (n->out[k] >= 0)
                identity(&x, out[b][k], n->out[k]);
        return;
    }
    if (c->dtype != DT_BOOL)
        node_fail(n, "the condition '%s' is %s, expected bool", c->name, dtype_name(c->dtype));
    instantiate(&x, br[0], NULL, xfmt("%s/then", n->name), out[0]);
    instantiate(&x, br[1], NULL, xfmt("%s/else", n->name), out[1]);
    int cond = c->id;
    if (c->rank) {
        cond = fresh(&x, "cond");
        plain(&x, "Squeeze", 11, 1, &c->id, cond, NULL, 0);
    }
    for (int k = 0; k < n->n_out; k++) {
        if (n->out[k] < 0)
            continue;
        Tensor *a = g->t[out[0][k]], *b = g->t[out[1][k]];
        if (a->dtype != b->dtype)
            node_fail(n, "output %d: the then branch gives %s and the else branch %s", k, dtype_name(a->dtype),
                      dtype_name(b->dtype));
        if (!same_shape(a, b))
            node_fail(n, "output %d: the then branch gives %s and the else branch %s; with a condition that is "
                      "not a compile-time constant ('%s') both must have one shape (if it is a graph input, "
                      "freeze it with --freeze %s=FILE.pb)", k, shape_str(a), shape_str(b), c->name, c->name);
        int in[3] = {cond, out[0][k], out[1][k]};
        plain(&x, "Where", 16, 3, in, n->out[k], NULL, 0);
    }
}

/* ------------------------------------------------------------ Loop */

/* per scan output, the element of each iteration */
typedef struct Elems {
    int *v;
    int n, cap;
} Elems;

static void elems_push(Elems *e, int id)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 16;
        e->v = xrealloc(e->v, sizeof(int) * (size_t)e->cap);
    }
    e->v[e->n++] = id;
}

/* scan output `dst`: the elements stacked along `axis` (a new axis), in
 * reverse order when `reverse` */
static void stack(Ctx *x, const Elems *e, int64_t axis, bool reverse, const char *attr, int dst)
{
    int r = x->g->t[e->v[0]]->rank + 1;
    if (axis < -r || axis >= r)
        node_fail(x->ctl, "attribute '%s' = %lld is out of range for scan output rank %d", attr, (long long)axis, r);
    int a = (int)(axis < 0 ? axis + r : axis);
    int *ids = xmalloc(sizeof(int) * (size_t)(e->n + 1));
    for (int t = 0; t < e->n; t++)
        ids[t] = unsqueeze(x, e->v[reverse ? e->n - 1 - t : t], a);
    concat(x, e->n, ids, a, dst);
}

static void expand_loop(Graph *g, const Node *n, NodeList *list)
{
    Ctx x = {g, n, list, 0};
    const Attr *ba = body_attr(n, "body");
    const SubGraph *sg = ba->g;
    int nc = n->n_in > 2 ? n->n_in - 2 : 0; /* loop-carried values */
    int ns = n->n_out - nc;                 /* scan outputs */
    if (ns < 0)
        node_fail(n, "has %d outputs, fewer than its %d loop-carried values", n->n_out, nc);
    if (sg->n_in != nc + 2)
        node_fail(n, "attribute 'body' has %d inputs, expected %d (iteration number, condition, %d loop-carried)",
                  sg->n_in, nc + 2, nc);
    if (sg->n_out != n->n_out + 1)
        node_fail(n, "attribute 'body' has %d outputs, expected %d (condition, %d loop-carried, %d scan outputs)",
                  sg->n_out, n->n_out + 1, nc, ns);
    for (int k = 0; k < nc; k++)
        if (n->in[2 + k] < 0)
            node_fail(n, "loop-carried input %d is missing", 2 + k);
    bool has_m = node_input(g, n, 0) != NULL, has_cond = node_input(g, n, 1) != NULL;
    if (!has_m && !has_cond)
        node_fail(n, "has neither a trip count nor a condition: an unbounded loop cannot be unrolled");
    int64_t m = 0;
    if (has_m) {
        Tensor *tm = node_input(g, n, 0);
        if (!dtype_is_int(tm->dtype))
            node_fail(n, "the trip count '%s' is %s, expected int64", tm->name, dtype_name(tm->dtype));
        double v = const_value(g, n, 0, "trip count");
        m = v < 0 ? 0 : v > MAX_TRIPS ? MAX_TRIPS + 1 : (int64_t)v;
        if (m > MAX_TRIPS)
            node_fail(n, "trip count %.0f is above the limit of %d iterations mlcc unrolls", v, MAX_TRIPS);
    }
    bool go = true;
    int cond = -1;
    if (has_cond) {
        go = const_value(g, n, 1, "loop condition") != 0;
        cond = n->in[1];
    } else {
        cond = const_scalar(g, DT_BOOL, 1)->id;
    }
    int *carried = xmalloc(sizeof(int) * (size_t)(nc + 1));
    for (int k = 0; k < nc; k++)
        carried[k] = n->in[2 + k];
    Elems *scan = xmalloc(sizeof(Elems) * (size_t)(ns + 1));
    int *in = xmalloc(sizeof(int) * (size_t)(nc + 3));
    int *out = xmalloc(sizeof(int) * (size_t)(sg->n_out + 1));
    int64_t i;
    for (i = 0; go && (!has_m || i < m); i++) {
        if (i == MAX_TRIPS)
            node_fail(n, "the loop runs more than %d iterations, the limit mlcc unrolls", MAX_TRIPS);
        in[0] = const_scalar(g, DT_INT64, (double)i)->id;
        in[1] = cond;
        memcpy(in + 2, carried, sizeof(int) * (size_t)nc);
        instantiate(&x, ba, in, xfmt("%s/iter%lld", n->name, (long long)i), out);
        cond = out[0];
        if (has_cond) { /* the condition decides whether another iteration runs */
            Tensor *c = g->t[cond];
            if (!c->data)
                node_fail(n, "the body's condition output ('%s') is not a compile-time constant in iteration "
                          "%lld: a data-dependent trip count cannot be unrolled into a static program",
                          c->name, (long long)i);
            if (tensor_numel(c) != 1)
                node_fail(n, "the body's condition output ('%s') has %lld elements, expected one", c->name,
                          (long long)tensor_numel(c));
            go = dtype_get_f(c->dtype, c->data, 0) != 0;
        }
        memcpy(carried, out + 1, sizeof(int) * (size_t)nc);
        for (int k = 0; k < ns; k++)
            elems_push(&scan[k], out[1 + nc + k]);
    }
    for (int k = 0; k < nc; k++)
        if (n->out[k] >= 0)
            identity(&x, carried[k], n->out[k]);
    for (int k = 0; k < ns; k++) {
        int dst = n->out[nc + k];
        if (dst < 0)
            continue;
        if (i == 0)
            const_scan_output(&x, sg, 1 + nc + k, 0, NULL, 0, 0, "body", dst);
        else
            stack(&x, &scan[k], 0, false, "body", dst);
    }
}

/* ------------------------------------------------------------ Scan */

/* Scan-8: batch axis 0, sequence axis 1, optional sequence_lens (input 0) */
static void expand_scan8(Graph *g, const Node *n, NodeList *list)
{
    Ctx x = {g, n, list, 0};
    const Attr *ba = body_attr(n, "body");
    const SubGraph *sg = ba->g;
    if (!attr_get(n, "num_scan_inputs"))
        node_fail(n, "attribute 'num_scan_inputs' is required");
    int64_t nsi = attr_i(n, "num_scan_inputs", 0);
    if (nsi < 1 || nsi > n->n_in - 1)
        node_fail(n, "attribute 'num_scan_inputs' = %lld is out of range (the node has %d inputs after "
                  "sequence_lens)", (long long)nsi, n->n_in - 1);
    int mi = (int)nsi, nst = n->n_in - 1 - mi, nso = n->n_out - nst;
    if (nso < 0)
        node_fail(n, "has %d outputs, fewer than its %d state variables", n->n_out, nst);
    if (sg->n_in != nst + mi)
        node_fail(n, "attribute 'body' has %d inputs, expected %d (%d states, %d scan inputs)", sg->n_in, nst + mi,
                  nst, mi);
    if (sg->n_out != nst + nso)
        node_fail(n, "attribute 'body' has %d outputs, expected %d (%d states, %d scan outputs)", sg->n_out,
                  nst + nso, nst, nso);
    for (int k = 1; k < n->n_in; k++)
        if (n->in[k] < 0)
            node_fail(n, "input %d is missing", k);
    int64_t *dir = xmalloc(sizeof(int64_t) * (size_t)(mi + 1));
    flags_attr(n, "directions", mi, dir, true);
    int64_t batch = 0, seq = 0;
    for (int k = 0; k < mi; k++) {
        Tensor *s = node_input(g, n, 1 + nst + k);
        if (s->rank < 2)
            node_fail(n, "scan input '%s' has rank %d; Scan-8 needs a batch and a sequence axis", s->name, s->rank);
        if (k && (s->dims[0] != batch || s->dims[1] != seq))
            node_fail(n, "scan inputs have different batch or sequence sizes (%s and %s)",
                      shape_str(node_input(g, n, 1 + nst)), shape_str(s));
        batch = s->dims[0];
        seq = s->dims[1];
    }
    for (int k = 0; k < nst; k++) {
        Tensor *s = node_input(g, n, 1 + k);
        if (s->rank < 1 || s->dims[0] != batch)
            node_fail(n, "state variable '%s' (%s) does not have the batch size %lld as its first dim", s->name,
                      shape_str(s), (long long)batch);
    }
    if (batch < 1)
        node_fail(n, "the batch size is 0");
    if (batch > MAX_TRIPS || batch * seq > MAX_TRIPS)
        node_fail(n, "batch %lld x sequence %lld is above the limit of %d iterations mlcc unrolls",
                  (long long)batch, (long long)seq, MAX_TRIPS);
    int64_t *lens = xmalloc(sizeof(int64_t) * (size_t)(batch + 1));
    for (int64_t b = 0; b < batch; b++)
        lens[b] = seq;
    if (node_input(g, n, 0)) {
        Tensor *tl = node_input(g, n, 0);
        if (tl->rank != 1 || tl->dims[0] != batch)
            node_fail(n, "sequence_lens '%s' is %s, expected %lld values", tl->name, shape_str(tl), (long long)batch);
        const_ints(g, n, 0, lens, (int)batch);
        for (int64_t b = 0; b < batch; b++)
            if (lens[b] < 0 || lens[b] > seq)
                node_fail(n, "sequence_lens[%lld] = %lld is outside [0, %lld]", (long long)b, (long long)lens[b],
                          (long long)seq);
    }
    int *in = xmalloc(sizeof(int) * (size_t)(sg->n_in + 1));
    int *out = xmalloc(sizeof(int) * (size_t)(sg->n_out + 1));
    int *xs = xmalloc(sizeof(int) * (size_t)(mi + 1));
    int **st_final = xmalloc(sizeof(int *) * (size_t)(nst + 1));
    for (int k = 0; k < nst; k++)
        st_final[k] = xmalloc(sizeof(int) * (size_t)(batch + 1));
    Elems **so = xmalloc(sizeof(Elems *) * (size_t)(nso + 1)); /* so[k][b] */
    for (int k = 0; k < nso; k++)
        so[k] = xmalloc(sizeof(Elems) * (size_t)(batch + 1));
    for (int64_t b = 0; b < batch; b++) {
        for (int k = 0; k < nst; k++)
            in[k] = gather(&x, n->in[1 + k], b, 0);
        for (int k = 0; k < mi; k++)
            xs[k] = gather(&x, n->in[1 + nst + k], b, 0);
        int64_t len = lens[b];
        for (int64_t t = 0; t < len; t++) {
            for (int k = 0; k < mi; k++)
                in[nst + k] = gather(&x, xs[k], dir[k] ? len - 1 - t : t, 0);
            instantiate(&x, ba, in, xfmt("%s/b%lld/t%lld", n->name, (long long)b, (long long)t), out);
            memcpy(in, out, sizeof(int) * (size_t)nst);
            for (int k = 0; k < nso; k++)
                elems_push(&so[k][b], out[nst + k]);
        }
        for (int k = 0; k < nst; k++)
            st_final[k][b] = in[k];
    }
    int *ids = xmalloc(sizeof(int) * (size_t)(batch + 1));
    for (int k = 0; k < nst; k++) {
        if (n->out[k] < 0)
            continue;
        for (int64_t b = 0; b < batch; b++)
            ids[b] = unsqueeze(&x, st_final[k][b], 0);
        concat(&x, (int)batch, ids, 0, n->out[k]);
    }
    for (int k = 0; k < nso; k++) {
        int dst = n->out[nst + k];
        if (dst < 0)
            continue;
        const Tensor *like = NULL; /* an element: the shape of the padding */
        for (int64_t b = 0; b < batch && !like; b++)
            if (so[k][b].n)
                like = g->t[so[k][b].v[0]];
        if (!like) { /* no iteration ran: zeros (the padding) */
            const_scan_output(&x, sg, nst + k, 1, &batch, 0, seq, "body", dst);
            continue;
        }
        for (int64_t b = 0; b < batch; b++) {
            Elems *e = &so[k][b];
            int *parts = xmalloc(sizeof(int) * (size_t)(e->n + 2));
            for (int t = 0; t < e->n; t++)
                parts[t] = unsqueeze(&x, e->v[t], 0);
            int np = e->n;
            if (e->n < seq) { /* past the sequence's length: zeros */
                int64_t d[MLCC_MAX_RANK];
                if (like->rank + 1 > MLCC_MAX_RANK)
                    node_fail(n, "scan output rank %d is above the limit of %d", like->rank + 1, MLCC_MAX_RANK);
                d[0] = seq - e->n;
                memcpy(d + 1, like->dims, sizeof(int64_t) * (size_t)like->rank);
                parts[np++] = zeros(&x, like->dtype, like->rank + 1, d);
            }
            int item = fresh(&x, "sequence");
            concat(&x, np, parts, 0, item);
            ids[b] = unsqueeze(&x, item, 0);
        }
        concat(&x, (int)batch, ids, 0, dst);
    }
}

static void expand_scan(Graph *g, const Node *n, NodeList *list)
{
    if (n->opset < 9) {
        expand_scan8(g, n, list);
        return;
    }
    Ctx x = {g, n, list, 0};
    const Attr *ba = body_attr(n, "body");
    const SubGraph *sg = ba->g;
    if (!attr_get(n, "num_scan_inputs"))
        node_fail(n, "attribute 'num_scan_inputs' is required");
    int64_t nsi = attr_i(n, "num_scan_inputs", 0);
    if (nsi < 1 || nsi > n->n_in)
        node_fail(n, "attribute 'num_scan_inputs' = %lld is out of range (the node has %d inputs)", (long long)nsi,
                  n->n_in);
    int mi = (int)nsi, nst = n->n_in - mi, nso = n->n_out - nst;
    if (nso < 0)
        node_fail(n, "has %d outputs, fewer than its %d state variables", n->n_out, nst);
    if (sg->n_in != nst + mi)
        node_fail(n, "attribute 'body' has %d inputs, expected %d (%d states, %d scan inputs)", sg->n_in, nst + mi,
                  nst, mi);
    if (sg->n_out != nst + nso)
        node_fail(n, "attribute 'body' has %d outputs, expected %d (%d states, %d scan outputs)", sg->n_out,
                  nst + nso, nst, nso);
    for (int k = 0; k < n->n_in; k++)
        if (n->in[k] < 0)
            node_fail(n, "input %d is missing", k);
    int64_t *in_axes = xmalloc(sizeof(int64_t) * (size_t)(mi + 1)), *in_dirs = xmalloc(sizeof(int64_t) * (size_t)(mi + 1));
    int64_t *out_axes = xmalloc(sizeof(int64_t) * (size_t)(nso + 1)), *out_dirs = xmalloc(sizeof(int64_t) * (size_t)(nso + 1));
    flags_attr(n, "scan_input_axes", mi, in_axes, false);
    flags_attr(n, "scan_input_directions", mi, in_dirs, true);
    flags_attr(n, "scan_output_axes", nso, out_axes, false);
    flags_attr(n, "scan_output_directions", nso, out_dirs, true);
    int64_t seq = 0;
    for (int k = 0; k < mi; k++) {
        Tensor *s = node_input(g, n, nst + k);
        int r = s->rank;
        if (in_axes[k] < -r || in_axes[k] >= r)
            node_fail(n, "attribute 'scan_input_axes' = %lld is out of range for scan input '%s' of rank %d",
                      (long long)in_axes[k], s->name, r);
        if (in_axes[k] < 0)
            in_axes[k] += r;
        int64_t len = s->dims[in_axes[k]];
        if (k && len != seq)
            node_fail(n, "scan inputs have different sequence lengths (%lld and %lld)", (long long)seq,
                      (long long)len);
        seq = len;
    }
    if (seq > MAX_TRIPS)
        node_fail(n, "sequence length %lld is above the limit of %d iterations mlcc unrolls", (long long)seq,
                  MAX_TRIPS);
    int *in = xmalloc(sizeof(int) * (size_t)(sg->n_in + 1));
    int *out = xmalloc(sizeof(int) * (size_t)(sg->n_out + 1));
    for (int k = 0; k < nst; k++)
        in[k] = n->in[k];
    Elems *so = xmalloc(sizeof(Elems) * (size_t)(nso + 1));
    for (int64_t t = 0; t < seq; t++) {
        for (int k = 0; k < mi; k++)
            in[nst + k] = gather(&x, n->in[nst + k], in_dirs[k] ? seq - 1 - t : t, (int)in_axes[k]);
        instantiate(&x, ba, in, xfmt("%s/t%lld", n->name, (long long)t), out);
        memcpy(in, out, sizeof(int) * (size_t)nst);
        for (int k = 0; k < nso; k++)
            elems_push(&so[k], out[nst + k]);
    }
    for (int k = 0; k < nst; k++)
        if (n->out[k] >= 0)
            identity(&x, in[k], n->out[k]);
    for (int k = 0; k < nso; k++) {
        int dst = n->out[nst + k];
        if (dst < 0)
            continue;
        if (!seq)
            const_scan_output(&x, sg, nst + k, 0, NULL, out_axes[k], 0, "scan_output_axes", dst);
        else
            stack(&x, &so[k], out_axes[k], out_dirs[k] != 0, "scan_output_axes", dst);
    }
}

/* ------------------------------------------------------------ Gradient */

/* Gradient (ai.onnx.preview.training): d y / d xs of the graph computed before
 * this node, by reverse-mode differentiation at compile time into plain nodes
 * (seed: ones). Add, Sub, Mul, Div, Neg, Identity on operands of the output's
 * shape; anything else on the path is refused. */
static int grad_op(Ctx *x, const char *op, int a, int b)
{
    int in[2] = {a, b};
    int y = fresh(x, "grad");
    plain(x, op, 14, b < 0 ? 1 : 2, in, y, NULL, 0);
    return y;
}

static void grad_add(Ctx *x, int *grad, int t, int v)
{
    grad[t] = grad[t] < 0 ? v : grad_op(x, "Add", grad[t], v);
}

static void expand_gradient(Graph *g, const Node *n, NodeList *list)
{
    Ctx x = {g, n, list, 0};
    const Attr *xs = attr_get(n, "xs");
    const char *yname = attr_s(n, "y", NULL);
    if (!xs || xs->type != AT_STRINGS || !yname)
        node_fail(n, "needs the attributes 'xs' (strings) and 'y' (string)");
    if (attr_get(n, "zs"))
        node_fail(n, "attribute 'zs' is not supported");
    if (xs->n != n->n_out)
        node_fail(n, "has %d outputs for %d names in 'xs'", n->n_out, xs->n);
    int yid = tensor_find(g, yname);
    if (yid < 0 || !g->t[yid]->shaped || g->t[yid]->producer < 0 || g->t[yid]->producer >= n->index)
        node_fail(n, "'y' = '%s' is not computed before this node", yname);
    Tensor *ty = g->t[yid];
    if (ty->dtype != DT_FLOAT && ty->dtype != DT_DOUBLE)
        node_fail(n, "'y' is %s; only float32 and float64 are differentiated", dtype_name(ty->dtype));
    int *grad = xmalloc(sizeof(int) * (size_t)(g->n_t + 1));
    for (int i = 0; i <= g->n_t; i++)
        grad[i] = -1;
    Tensor *ones = tensor_new(g, xfmt("%s/ones", n->name));
    tensor_set_shape(ones, ty->dtype, ty->rank, ty->dims);
    int64_t cnt = tensor_numel(ones);
    count_constant_bytes(tensor_bytes(ones), ones->name);
    ones->data = xmalloc((size_t)tensor_bytes(ones) + 1);
    for (int64_t i = 0; i < cnt; i++)
        dtype_set_f(ones->dtype, ones->data, i, 1.0);
    int n_t0 = g->n_t;
    grad[yid] = ones->id;
    for (int i = n->index - 1; i >= 0; i--) {
        Node *m = &g->nodes[i];
        if (m->dead || m->n_out < 1 || m->out[0] < 0 || m->out[0] >= n_t0 || grad[m->out[0]] < 0)
            continue;
        int gy = grad[m->out[0]];
        Tensor *out = g->t[m->out[0]];
        for (int k = 0; k < m->n_in; k++) {
            Tensor *in = node_input(g, m, k);
            if (in && !in->data && tensor_numel(in) != tensor_numel(out))
                node_fail(n, "differentiating through broadcasting (node '%s') is not supported", m->name);
        }
        int a = m->n_in > 0 ? m->in[0] : -1, b = m->n_in > 1 ? m->in[1] : -1;
        if (!strcmp(m->op, "Add")) {
            grad_add(&x, grad, a, gy);
            grad_add(&x, grad, b, gy);
        } else if (!strcmp(m->op, "Sub")) {
            grad_add(&x, grad, a, gy);
            grad_add(&x, grad, b, grad_op(&x, "Neg", gy, -1));
        } else if (!strcmp(m->op, "Mul")) {
            grad_add(&x, grad, a, grad_op(&x, "Mul", gy, b));
            grad_add(&x, grad, b, grad_op(&x, "Mul", gy, a));
        } else if (!strcmp(m->op, "Div")) {
            grad_add(&x, grad, a, grad_op(&x, "Div", gy, b));
            /* d(a/b)/db = -a / b^2 */
            int q = grad_op(&x, "Div", grad_op(&x, "Mul", gy, a), grad_op(&x, "Mul", b, b));
            grad_add(&x, grad, b, grad_op(&x, "Neg", q, -1));
        } else if (!strcmp(m->op, "Neg")) {
            grad_add(&x, grad, a, grad_op(&x, "Neg", gy, -1));
        } else if (!strcmp(m->op, "Identity")) {
            grad_add(&x, grad, a, gy);
        } else {
            node_fail(n, "differentiating through %s (node '%s') is not supported", m->op, m->name);
        }
    }
    for (int k = 0; k < xs->n; k++) {
        if (n->out[k] < 0)
            continue;
        int t = tensor_find(g, xs->strings[k]);
        if (t < 0 || t >= n_t0)
            node_fail(n, "'xs' names '%s', which is not a tensor of the graph", xs->strings[k]);
        if (grad[t] >= 0) {
            identity(&x, grad[t], n->out[k]);
        } else { /* y does not depend on it */
            int z = zeros(&x, g->t[t]->dtype, g->t[t]->rank, g->t[t]->dims);
            identity(&x, z, n->out[k]);
        }
    }
}

const OpDef ops_control[] = {
    {"If", 1, 17, NULL, NULL, 0, 0, "control",
     "expanded at compile time: a constant condition keeps one branch, otherwise both run and Where selects "
     "(branch outputs of one shape); tensors only", expand_if},
    {"Loop", 1, 17, NULL, NULL, 3u, 0, "control",
     "unrolled at compile time: trip count and condition constant, the body's condition folding to a constant; "
     "at most 4096 iterations; tensors only", expand_loop},
    {"Scan", 8, 8, NULL, NULL, 1u, 0, "control",
     "unrolled over batch and sequence; sequence_lens constant; directions; at most 4096 iterations",
     expand_scan},
    {"Scan", 9, 17, NULL, NULL, 0, 0, "control",
     "unrolled over the static sequence length; input/output axes and directions; at most 4096 iterations",
     expand_scan},
    {"Gradient", 1, 1, NULL, NULL, 0, 0, "control",
     "domain ai.onnx.preview.training: reverse-mode differentiation at compile time through Add, Sub, Mul, Div, "
     "Neg, Identity (same-shape operands)", expand_gradient, "ai.onnx.preview.training"},
    {0},
};
