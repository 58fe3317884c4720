/* plan.c - static memory plan: liveness over the schedule, offsets in one arena */
#include "mlcc.h"

#include <stdlib.h>
#include <string.h>

/* Greedy by size: biggest first, each at the lowest offset where it fits
 * beside every placed buffer whose lifetime overlaps its own. */
static int cmp_size(const void *a, const void *b)
{
    const PlanItem *x = *(const PlanItem *const *)a, *y = *(const PlanItem *const *)b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x < y ? -1 : (x > y);
}

/* other orders for the greedy placement: longest-lived first; earliest first */
static int cmp_span(const void *a, const void *b)
{
    const PlanItem *x = *(const PlanItem *const *)a, *y = *(const PlanItem *const *)b;
    int sx = x->last - x->first, sy = y->last - y->first;
    if (sx != sy)
        return sx > sy ? -1 : 1;
    return cmp_size(a, b);
}

static int cmp_first(const void *a, const void *b)
{
    const PlanItem *x = *(const PlanItem *const *)a, *y = *(const PlanItem *const *)b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return cmp_size(a, b);
}

/* Place items in the given order, each at the lowest offset where it fits
 * beside every placed item whose lifetime overlaps; returns the arena size. */
static int64_t place(PlanItem **order, int n, int align, PlanItem **placed, int64_t *offs)
{
    int np = 0;
    int64_t arena = 0;
    for (int i = 0; i < n; i++) {
        PlanItem *it = order[i];
        int64_t size = align_up(it->size, align), off = 0;
        /* placed is kept sorted by offset: first gap that fits */
        for (int k = 0; k < np; k++) {
            PlanItem *o = placed[k];
            if (o->last < it->first || o->first > it->last)
                continue;
            if (o->offset >= off + size)
                break;
            int64_t end = o->offset + align_up(o->size, align);
            if (end > off)
                off = end;
        }
        it->offset = off;
        /* insert keeping the offset order */
        int at = np;
        while (at > 0 && placed[at - 1]->offset > off)
            at--;
        for (int k = np; k > at; k--)
            placed[k] = placed[k - 1];
        placed[at] = it;
        np++;
        if (off + size > arena)
            arena = off + size;
    }
    for (int i = 0; i < n; i++)
        offs[i] = order[i]->offset;
    return arena;
}

/* The bytes live at each of steps [0, steps), every item rounded up to the
 * alignment as placed; its maximum is the arena's lower bound. */
static int64_t *live_per_step(const PlanItem *items, int n, int align, int steps)
{
    int64_t *live = xmalloc(sizeof(int64_t) * (size_t)(steps + 1));
    for (int i = 0; i < n; i++)
        for (int s = items[i].first; s <= items[i].last && s < steps; s++)
            live[s] += align_up(items[i].size, align);
    return live;
}

int64_t plan_pack(PlanItem *items, int n, int align, int64_t *lower_bound)
{
    int steps = 0;
    for (int i = 0; i < n; i++)
        if (items[i].last + 1 > steps)
            steps = items[i].last + 1;
    int64_t *live = live_per_step(items, n, align, steps);
    int64_t lb = 0;
    for (int s = 0; s < steps; s++)
        if (live[s] > lb)
            lb = live[s];
    *lower_bound = lb;

    /* greedy placement under three orders; keep the smallest arena */
    int (*const cmps[])(const void *, const void *) = {cmp_size, cmp_span, cmp_first};
    PlanItem **order = xmalloc(sizeof(PlanItem *) * (size_t)(n + 1));
    PlanItem **placed = xmalloc(sizeof(PlanItem *) * (size_t)(n + 1));
    int64_t *offs = xmalloc(sizeof(int64_t) * (size_t)(n + 1));
    int64_t *best_off = xmalloc(sizeof(int64_t) * (size_t)(n + 1));
    int64_t best = -1;
    for (size_t c = 0; c < sizeof cmps / sizeof cmps[0]; c++) {
        for (int i = 0; i < n; i++)
            order[i] = &items[i];
        qsort(order, (size_t)n, sizeof *order, cmps[c]);
        int64_t arena = place(order, n, align, placed, offs);
        if (best < 0 || arena < best) {
            best = arena;
            for (int i = 0; i < n; i++)
                best_off[order[i] - items] = offs[i];
        }
        if (best == lb)
            break;
    }
    for (int i = 0; i < n; i++)
        items[i].offset = best_off[i];
    return best < 0 ? 0 : best;
}

static void touch(Graph *g, int id, int step)
{
    while (g->t[id]->alias >= 0)
        id = g->t[id]->alias;
    Tensor *t = g->t[id];
    if (t->data || t->is_input || t->is_output)
        return;
    if (t->first_use < 0 || step < t->first_use)
        t->first_use = step;
    if (step > t->last_use)
        t->last_use = step;
}

static int root_of(Graph *g, int id)
{
    while (g->t[id]->alias >= 0)
        id = g->t[id]->alias;
    return id;
}

static bool in_arena(const Tensor *t) { return !t->data && !t->is_input && !t->is_output; }

/* In-place execution: when a call's kernel allows it (Call.inplace) and an
 * input's buffer dies at that call, the output takes over that buffer. */
static int plan_inplace(Program *p)
{
    Graph *g = p->g;
    int *last = xmalloc(sizeof(int) * (size_t)(g->n_t + 1));
    for (int i = 0; i < g->n_t; i++)
        last[i] = -1;
    for (int s = 0; s < p->n_calls; s++) {
        Call *c = &p->calls[s];
        for (int k = 0; k < c->n_in; k++)
            if (c->in[k] >= 0)
                last[root_of(g, c->in[k])] = s;
        for (int k = 0; k < c->n_out; k++)
            if (c->out[k] >= 0 && last[root_of(g, c->out[k])] < s)
                last[root_of(g, c->out[k])] = s;
    }
    int n = 0;
    for (int s = 0; s < p->n_calls; s++) {
        Call *c = &p->calls[s];
        if (!c->inplace || c->n_out < 1 || c->out[0] < 0)
            continue;
        Tensor *y = g->t[c->out[0]];
        if (y->alias >= 0 || !in_arena(y))
            continue;
        for (int k = 0; k < c->n_in && k < 32; k++) {
            if (!(c->inplace >> k & 1u) || c->in[k] < 0)
                continue;
            int xr = root_of(g, c->in[k]);
            Tensor *x = g->t[xr];
            if (!in_arena(x) || last[xr] != s || xr == y->id || tensor_bytes(x) != tensor_bytes(y))
                continue;
            /* no other input of this call may live in y's new buffer at a different index */
            bool clash = false;
            for (int j = 0; j < c->n_in; j++)
                if (j != k && c->in[j] >= 0 && root_of(g, c->in[j]) == xr && c->in[j] != c->in[k])
                    clash = true;
            if (clash)
                continue;
            y->alias = xr;
            if (last[y->id] > last[xr])
                last[xr] = last[y->id];
            n++;
            break;
        }
    }
    return n;
}

/* Concat in place: when every dim before the axis is 1, each input is one
 * contiguous slice of the output; its producer writes straight into that
 * slice and the Concat's copies disappear. */
static int plan_concat(Program *p)
{
    Graph *g = p->g;
    int n_done = 0;
    for (int s = 0; s < p->n_calls; s++) {
        Node *n = &g->nodes[p->calls[s].node];
        if (strcmp(n->op, "Concat") != 0 || n->dead)
            continue;
        Tensor *y = node_output(g, n, 0);
        if (y->alias >= 0 || y->data || y->is_input)
            continue;
        int axis = (int)attr_i(n, "axis", n->opset < 4 ? 1 : 0);
        if (axis < 0)
            axis += y->rank;
        int64_t outer = 1;
        for (int i = 0; i < axis && i < y->rank; i++)
            outer *= y->dims[i];
        if (outer != 1 || n->n_in < 1)
            continue;
        bool ok = true;
        for (int k = 0; k < n->n_in && ok; k++) {
            Tensor *x = node_input(g, n, k);
            if (!x || x->data || x->is_input || x->is_output || x->alias >= 0 || x->producer < 0 ||
                g->nodes[x->producer].dead || x->dtype != y->dtype)
                ok = false;
            for (int j = 0; j < k && ok; j++)
                ok = n->in[j] != n->in[k];
            /* the producer must write x itself: not a view, not another op's buffer */
            if (ok && (g->nodes[x->producer].def->flags & OPF_VIEW))
                ok = false;
            /* no other tensor may already live in x's buffer (views of x are fine:
             * they follow x into the slice) */
        }
        if (!ok)
            continue;
        int64_t off = 0;
        for (int k = 0; k < n->n_in; k++) {
            Tensor *x = node_input(g, n, k);
            x->alias = y->id;
            x->alias_offset = off;
            off += tensor_bytes(x);
        }
        /* drop the Concat's copy calls */
        int node = p->calls[s].node, w = 0;
        for (int r = 0; r < p->n_calls; r++)
            if (p->calls[r].node != node)
                p->calls[w++] = p->calls[r];
        p->n_calls = w;
        s--;
        n_done++;
    }
    return n_done;
}

void plan_memory(Program *p)
{
    Graph *g = p->g;
    if (p->align < 1)
        p->align = 16;
    p->n_concat_inplace = plan_concat(p);
    p->n_inplace = plan_inplace(p);
    for (int s = 0; s < p->n_calls; s++) {
        Call *c = &p->calls[s];
        for (int k = 0; k < c->n_in; k++)
            if (c->in[k] >= 0)
                touch(g, c->in[k], s);
        for (int k = 0; k < c->n_out; k++)
            if (c->out[k] >= 0)
                touch(g, c->out[k], s);
    }
    int n = 0;
    PlanItem *items = xmalloc(sizeof(PlanItem) * (size_t)(g->n_t + p->n_calls + 1));
    int *owner = xmalloc(sizeof(int) * (size_t)(g->n_t + p->n_calls + 1));
    for (int i = 0; i < g->n_t; i++) {
        Tensor *t = g->t[i];
        if (t->first_use < 0 || t->alias >= 0)
            continue;
        items[n] = (PlanItem){tensor_bytes(t), t->first_use, t->last_use, 0};
        owner[n++] = i;
    }
    for (int s = 0; s < p->n_calls; s++) {
        if (!p->calls[s].scratch)
            continue;
        items[n] = (PlanItem){p->calls[s].scratch, s, s, 0};
        owner[n++] = -1 - s;
    }
    p->arena_bytes = plan_pack(items, n, p->align, &p->lower_bound);
    /* the first step whose live bytes make the lower bound, and its node */
    p->live = live_per_step(items, n, p->align, p->n_calls);
    p->peak_node = -1;
    for (int s = 0; s < p->n_calls && p->peak_node < 0; s++)
        if (p->live[s] == p->lower_bound && p->lower_bound > 0)
            p->peak_node = p->calls[s].node;
    for (int i = 0; i < n; i++) {
        if (owner[i] >= 0)
            g->t[owner[i]]->offset = items[i].offset;
        else
            p->calls[-1 - owner[i]].scratch_offset = items[i].offset;
    }
}
