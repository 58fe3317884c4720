/* infer.c - shape and dtype inference in graph order, folding constants as it goes */
#include "mlcc.h"

#include <string.h>

/* Is this op (at this opset, in this domain) one mlcc implements? If not,
 * say why (when print), naming the node and `where` it lives. */
static const OpDef *lookup_or_report(const char *name, const char *op, const char *domain, int opset,
                                     const char *where, bool print)
{
    bool dflt = !domain[0] || strcmp(domain, "ai.onnx") == 0;
    const OpDef *d = dflt ? op_lookup(op, opset) : op_lookup_in(domain, op, opset);
    if (d || !print)
        return d;
    const OpDef *any = dflt ? op_lookup_any(op) : NULL;
    if (!dflt)
        error_msg("%s: node '%s'%s (%s, domain '%s', opset %d): unsupported operator domain", g_model_path, name,
                  where, op, domain, opset);
    else if (any && opset > onnx_opset_known)
        error_msg("%s: node '%s'%s (%s, opset %d): opset %d is outside the versions mlcc implements for %s "
                  "(%d to %d): mlcc knows the ONNX operator set up to opset %d and cannot tell whether %s "
                  "changed after it", g_model_path, name, where, op, opset, opset, op, any->since, any->until,
                  onnx_opset_known, op);
    else if (any)
        error_msg("%s: node '%s'%s (%s, opset %d): opset %d is outside the versions mlcc implements for %s "
                  "(%d to %d)", g_model_path, name, where, op, opset, opset, op, any->since, any->until);
    else
        error_msg("%s: node '%s'%s (%s, opset %d): unsupported operator", g_model_path, name, where, op, opset);
    return NULL;
}

/* the nodes of the subgraphs in these attributes (If, Loop, Scan bodies), recursively */
static int list_unsupported_sub(const Attr *attr, int n_attr, const char *owner, bool print)
{
    int bad = 0;
    for (int a = 0; a < n_attr; a++) {
        const SubGraph *sg = attr[a].g;
        if (!sg)
            continue;
        const char *where = xfmt(" in subgraph '%s' of node '%s'", sg->name, owner);
        for (int i = 0; i < sg->n_nodes; i++) {
            const SubNode *s = &sg->nodes[i];
            if (!lookup_or_report(s->name, s->op, s->domain, s->opset, where, print))
                bad++;
            bad += list_unsupported_sub(s->attr, s->n_attr, s->name, print);
        }
    }
    return bad;
}

/* Every node whose op (or opset version) mlcc lacks, all listed at once,
 * those inside subgraphs too. */
int list_unsupported(Graph *g, bool print)
{
    int bad = 0;
    for (int i = 0; i < g->n_nodes; i++) {
        Node *n = &g->nodes[i];
        n->def = lookup_or_report(n->name, n->op, n->domain, n->opset, "", print);
        if (!n->def)
            bad++;
        bad += list_unsupported_sub(n->attr, n->n_attr, n->name, print);
    }
    return bad;
}

void check_supported(Graph *g)
{
    int bad = list_unsupported(g, true);
    if (bad)
        fail(EXIT_MODEL, "%s: %d node%s use%s unsupported operators", g_model_path, bad, bad == 1 ? "" : "s",
             bad == 1 ? "s" : "");
}

/* Run one kernel call on constant data at compile time. */
void eval_call(Graph *g, Call *c)
{
    const KernelSrc *k = kernel_find(c->kernel);
    if (!k || !k->fn)
        fail(EXIT_INTERNAL, "kernel %s cannot run at compile time", c->kernel);
    int32_t *ip = xmalloc(sizeof(int32_t) * (size_t)(c->ip.n + 1));
    for (int i = 0; i < c->ip.n; i++)
        ip[i] = (int32_t)c->ip.v[i];
    const void *in[16] = {0};
    void *out[9] = {0};
    for (int i = 0; i < c->n_in; i++)
        in[i] = c->in[i] >= 0 ? g->t[c->in[i]]->data : NULL;
    for (int i = 0; i < c->n_out; i++) {
        if (c->out[i] < 0) /* an omitted optional output */
            continue;
        Tensor *t = g->t[c->out[i]];
        if (!t->data) {
            int64_t b = tensor_bytes(t);
            count_constant_bytes(b, t->name);
            t->data = xmalloc((size_t)(b ? b : 1));
        }
        out[i] = t->data;
    }
    if (c->scratch)
        out[c->n_out] = xmalloc((size_t)c->scratch);
    k->fn(ip, c->fp.v, in, out);
}

static void fold_node(Graph *g, Node *n)
{
    if (n->def->flags & OPF_VIEW) {
        Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
        y->data = x->data;
        n->dead = true;
        return;
    }
    Call c = {0};
    c.node = n->index;
    n->def->lower(g, n, &c);
    for (Call *k = &c; k; k = k->more)
        eval_call(g, k);
    n->dead = true;
}

void infer_node(Graph *g, Node *n)
{
    need_shaped(g, n);
    n->def->infer(g, n);
    for (int k = 0; k < n->n_out; k++) {
        Tensor *t = node_output(g, n, k);
        if (t && !t->shaped)
            node_fail(n, "output %d ('%s') has no inferred shape", k, t->name);
    }
    if (n->dead) /* the op computed its value itself (Constant, Shape, Size) */
        return;
    bool all_const = n->def->lower || (n->def->flags & OPF_VIEW);
    int present = 0;
    for (int k = 0; k < n->n_in; k++) {
        Tensor *t = node_input(g, n, k);
        if (!t)
            continue;
        present++;
        if (!t->data)
            all_const = false;
    }
    if (all_const && present && !(n->def->flags & OPF_NOFOLD))
        fold_node(g, n);
}

/* Put the nodes of `l` at index `at`: later nodes move up, node indices and
 * the producers of the moved and inserted nodes' outputs follow. */
void nodelist_push(NodeList *l, const Node *n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = xrealloc(l->v, sizeof(Node) * (size_t)l->cap);
    }
    l->v[l->n++] = *n;
}

void graph_splice_nodes(Graph *g, int at, const NodeList *l)
{
    if (!l->n)
        return;
    int64_t total = (int64_t)g->n_nodes + l->n;
    if (total > g_limits.nodes)
        fail(EXIT_MODEL, "%s: expanding control flow gives %lld nodes, above the limit of %lld (raise it with "
             "--limit nodes=N)", g_model_path, (long long)total, (long long)g_limits.nodes);
    g->nodes = xrealloc(g->nodes, sizeof(Node) * (size_t)(total + 1));
    memmove(g->nodes + at + l->n, g->nodes + at, sizeof(Node) * (size_t)(g->n_nodes - at));
    memcpy(g->nodes + at, l->v, sizeof(Node) * (size_t)l->n);
    g->n_nodes = (int)total;
    /* producers that moved follow; a dead node's stale output list is left
     * alone (its tensor may have a live producer now) */
    for (int i = 0; i < g->n_t; i++)
        if (g->t[i]->producer >= at)
            g->t[i]->producer += l->n;
    for (int i = at; i < g->n_nodes; i++)
        g->nodes[i].index = i;
    for (int i = at; i < at + l->n; i++) {
        Node *n = &g->nodes[i];
        for (int k = 0; k < n->n_out; k++)
            if (n->out[k] >= 0)
                g->t[n->out[k]]->producer = i;
    }
}

void infer_graph(Graph *g, const Options *opt)
{
    (void)opt;
    for (int i = 0; i < g->n_nodes; i++) {
        Node *n = &g->nodes[i];
        if (n->def->expand) {
            /* control flow: the node becomes the plain nodes that compute it,
             * inferred as they are made; it stays behind, dead */
            Node ctl = *n;
            NodeList l = {0};
            ctl.def->expand(g, &ctl, &l);
            g->nodes[i].dead = true;
            graph_splice_nodes(g, i + 1, &l);
            i += l.n;
            continue;
        }
        infer_node(g, n);
    }
}
