/* pipeline.c - the passes in their fixed, printed order: load, infer (+fold),
 * the graph rewrites (views, cse, transpose, fold_pad, matmul_add, fold_bn,
 * fold_affine, fuse_act; repeated while they change something), dce, fuse_pool, layout,
 * schedule (with split_dw, the memory rewrite), plan; then emission and the output files. The graph checker runs
 * after every pass.
 *
 * MLCC_DISABLE_PASSES=name,name (or "all") skips graph rewrites, for
 * measuring what they do and for bisecting a miscompile. */
#include "mlcc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    void (*run)(Graph *g, PassStats *st);
    const char *what;          /* what one change is */
} Rewrite;

static const Rewrite rewrites[] = {
    {"views", pass_views, "views removed or collapsed"},
    {"cse", pass_cse, "common subexpressions merged"},
    {"transpose", pass_transpose, "transposes cancelled or folded into Gemm"},
    {"fold_pad", pass_fold_pad, "Pad nodes merged or folded into Conv/pool pads"},
    {"matmul_add", pass_matmul_add, "MatMul + Add turned into Gemm"},
    {"fold_bn", pass_fold_bn, "BatchNormalization folded into weights"},
    {"fold_affine", pass_fold_affine, "per-channel Mul/Add/Sub/Div folded into weights"},
    {"fuse_act", pass_fuse_act, "activations fused into their producer"},
};

static bool disabled(const char *name)
{
    const char *e = getenv("MLCC_DISABLE_PASSES");
    if (!e || !*e)
        return false;
    if (!strcmp(e, "all"))
        return true;
    size_t n = strlen(name);
    for (const char *p = e; *p;) {
        const char *q = strchr(p, ',');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (len == n && !strncmp(p, name, n))
            return true;
        if (!q)
            break;
        p = q + 1;
    }
    return false;
}

static void print_pass(const Options *o, const char *name, const char *what)
{
    if (o->print_passes)
        fprintf(stderr, "mlcc: pass %-11s %s\n", name, what);
}

/* What planning changes on tensors, saved so that two orders can be tried. */
typedef struct {
    int alias;
    int64_t alias_offset, offset;
    int first_use, last_use;
} PlanState;

static PlanState *save_plan_state(Graph *g)
{
    PlanState *s = xmalloc(sizeof(PlanState) * (size_t)(g->n_t + 1));
    for (int i = 0; i < g->n_t; i++)
        s[i] = (PlanState){g->t[i]->alias, g->t[i]->alias_offset, g->t[i]->offset, g->t[i]->first_use,
                           g->t[i]->last_use};
    return s;
}

static void restore_plan_state(Graph *g, const PlanState *s, int n_t)
{
    for (int i = 0; i < g->n_t; i++) {
        Tensor *t = g->t[i];
        if (i >= n_t) { /* made by a lowering of the discarded try (packed weights...) */
            t->alias = -1;
            t->alias_offset = 0;
            t->offset = -1;
            t->first_use = t->last_use = -1;
            continue;
        }
        t->alias = s[i].alias;
        t->alias_offset = s[i].alias_offset;
        t->offset = s[i].offset;
        t->first_use = s[i].first_use;
        t->last_use = s[i].last_use;
    }
}

/* Lower and plan in the file's order; then, while the memory peak is at an
 * expand + depthwise chain, split that chain into channel chunks
 * (pass_split_dw.c, a rewrite for memory only: it changes which computation
 * runs when, not what is computed) and lower and plan again. Then a
 * memory-aware order is tried too; the one with the smaller arena is kept
 * (the file's on a tie). file_lower_bound stays the bound of the file's own
 * order of whole nodes. Huge graphs: no memory-aware order. */
static Program *schedule_and_plan(Graph *g, const Target *tg, const Options *opt)
{
    int n_t = g->n_t;
    PlanState *st = save_plan_state(g);
    Program *pf = schedule_graph(g, NULL);
    pf->align = tg->align;
    plan_memory(pf);
    int64_t file_lb = pf->lower_bound;
    PassStats ss = {0};
    bool skip = disabled("split_dw");
    for (int round = 0; !skip && round < 256; round++) {
        int before = ss.changed;
        pass_split_dw(g, pf, &ss);
        if (ss.changed == before)
            break;
        graph_check(g, "split_dw");
        restore_plan_state(g, st, n_t);
        n_t = g->n_t;
        st = save_plan_state(g);
        pf = schedule_graph(g, NULL);
        pf->align = tg->align;
        plan_memory(pf);
    }
    print_pass(opt, "split_dw", skip ? "skipped (MLCC_DISABLE_PASSES)"
                                     : xfmt("%d expand + depthwise chains at the memory peak split into channel "
                                            "chunks; %d nodes removed", ss.changed, ss.removed));
    pf->file_lower_bound = file_lb;
    if (g->n_nodes > 4000)
        return pf;
    int *order = order_min_peak(g);
    bool same = true;
    for (int i = 0, k = 0; i < g->n_nodes; i++)
        if (!g->nodes[i].dead)
            same = same && order[k++] == i;
    if (same)
        return pf;
    restore_plan_state(g, st, n_t);
    Program *pb = schedule_graph(g, order);
    pb->align = tg->align;
    plan_memory(pb);
    pb->file_lower_bound = file_lb;
    if (pb->arena_bytes < pf->arena_bytes) {
        pb->reordered = true;
        return pb;
    }
    restore_plan_state(g, st, n_t);
    pf = schedule_graph(g, NULL);
    pf->align = tg->align;
    plan_memory(pf);
    pf->file_lower_bound = file_lb;
    return pf;
}

Program *compile_graph(Graph *g, const Options *opt, const Target *tg)
{
    g_target = tg;
    print_pass(opt, "load", xfmt("%d nodes, %d tensors, opset %d", g->n_nodes, g->n_t, g->opset));
    check_supported(g);
    infer_graph(g, opt);
    int folded = 0;
    for (int i = 0; i < g->n_nodes; i++)
        folded += g->nodes[i].dead;
    print_pass(opt, "infer", xfmt("shapes of %d tensors; %d nodes folded to constants", g->n_t, folded));
    graph_check(g, "infer");
    /* the rewrites in order, again while one of them changed something (one
     * rewrite can open the way for an earlier one: Conv + Add + BN folds the
     * Add, then the BN); each line of -v sums its pass over the rounds */
    enum { N_REWRITES = sizeof rewrites / sizeof rewrites[0], MAX_ROUNDS = 4 };
    PassStats total[N_REWRITES] = {{0}};
    int rounds = 0;
    for (bool again = true; again && rounds < MAX_ROUNDS; rounds++) {
        again = false;
        for (int i = 0; i < N_REWRITES; i++) {
            if (disabled(rewrites[i].name))
                continue;
            PassStats rs = {0};
            rewrites[i].run(g, &rs);
            graph_check(g, rewrites[i].name);
            total[i].changed += rs.changed;
            total[i].removed += rs.removed;
            total[i].detail = rs.detail; /* what is left at the end */
            again |= rs.changed > 0;
        }
    }
    for (int i = 0; i < N_REWRITES; i++) {
        const PassStats *t = &total[i];
        if (disabled(rewrites[i].name))
            print_pass(opt, rewrites[i].name, "skipped (MLCC_DISABLE_PASSES)");
        else
            print_pass(opt, rewrites[i].name, xfmt("%d %s; %d nodes removed%s%s", t->changed, rewrites[i].what,
                                                  t->removed, t->detail && *t->detail ? "; " : "",
                                                  t->detail ? t->detail : ""));
    }
    print_pass(opt, "rewrites", xfmt("%d round%s, the last changing nothing%s", rounds, rounds == 1 ? "" : "s",
                                     rounds == MAX_ROUNDS ? " or the round limit" : ""));
    PassStats st = {0};
    pass_dce(g, &st);
    print_pass(opt, "dce", xfmt("%d dead nodes removed", st.removed));
    graph_check(g, "dce");
    if (disabled("fuse_pool")) {
        print_pass(opt, "fuse_pool", "skipped (MLCC_DISABLE_PASSES)");
    } else {
        PassStats ps = {0};
        pass_fuse_pool(g, &ps);
        print_pass(opt, "fuse_pool", xfmt("%d MaxPool 2x2 fused into the Winograd Conv before them", ps.changed));
        graph_check(g, "fuse_pool");
    }
    if (disabled("layout")) {
        print_pass(opt, "layout", "skipped (MLCC_DISABLE_PASSES)");
    } else {
        PassStats ls = {0};
        pass_layout(g, &ls);
        print_pass(opt, "layout", xfmt("%d nodes made channel-last (NHWC)%s%s", ls.changed,
                                       ls.detail ? "; " : "", ls.detail ? ls.detail : ""));
        graph_check(g, "layout");
    }
    Program *p = schedule_and_plan(g, tg, opt);
    print_pass(opt, "schedule", xfmt("%d kernel calls in %s order", p->n_calls,
                                     p->reordered ? "a memory-aware" : "the file's"));
    print_pass(opt, "plan", xfmt("%d calls in place, %d concats in place; arena %lld bytes, lower bound %lld "
                                 "(file order: %lld)", p->n_inplace, p->n_concat_inplace,
                                 (long long)p->arena_bytes, (long long)p->lower_bound,
                                 (long long)p->file_lower_bound));
    return p;
}

/* the whole pipeline: load, infer, passes, schedule, plan, emit, write */
int compile_model(const Options *opt, Program **out_prog)
{
    g_model_path = opt->model_path;
    Target tg = {0};
    target_load(&tg, opt->target);
    Graph *g = onnx_load(opt->model_path, opt);
    const Target *caller_target = g_target; /* tg lives on this stack frame: not past it */
    Program *p = compile_graph(g, opt, &tg);
    if (out_prog)
        *out_prog = p;
    if (!opt->out_path) {
        g_target = caller_target;
        return 0;
    }
    Buf c = {0}, h = {0};
    emit_program(p, opt, &tg, &c, &h);
    const char *out = opt->out_path;
    size_t n = strlen(out);
    char *hpath = (n > 2 && !strcmp(out + n - 2, ".c")) ? xfmt("%.*s.h", (int)(n - 2), out) : xfmt("%s.h", out);
    write_file_atomic(hpath, h.s, h.len);
    write_file_atomic(out, c.s, c.len);
    if (tg.ram_bytes && p->arena_bytes > tg.ram_bytes)
        warn_msg("%s: the arena (%lld bytes) exceeds the RAM of target %s (%lld bytes)", opt->model_path,
                 (long long)p->arena_bytes, tg.name, (long long)tg.ram_bytes);
    if (tg.flash_bytes && p->weight_bytes > tg.flash_bytes)
        warn_msg("%s: the weights (%lld bytes) exceed the flash of target %s (%lld bytes)", opt->model_path,
                 (long long)p->weight_bytes, tg.name, (long long)tg.flash_bytes);
    if (!opt->quiet)
        printf("mlcc: %s -> %s: %d kernel calls, arena %lld bytes (lower bound %lld), weights %lld bytes\n",
               opt->model_path, out, p->n_calls, (long long)p->arena_bytes, (long long)p->lower_bound,
               (long long)p->weight_bytes);
    g_target = caller_target;
    return 0;
}

