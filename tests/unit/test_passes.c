/* test_passes.c - the graph rewrites (compiler/pass_*.c), one test a pass, on
 * small real ONNX models (tests/unit/data/passes/, made by make_models.py
 * with torch reference outputs): the rewrite happened where it should and
 * not where it must not, the graph checker accepts the result, the rewritten
 * graph computes the reference outputs (interpreted here with the host
 * kernels), and `mlcc verify` passes on the whole pipeline (emitted C). */
#include "testutil.h"

#include <stdio.h>

#define DATA MLCC_SOURCE_DIR "/tests/unit/data/passes/"

static jmp_buf jb;

/* load + infer, as the pipeline does before the rewrites */
static Graph *prepared(const char *model)
{
    Options o = {0};
    o.model_path = xfmt(DATA "%s/model.onnx", model);
    g_model_path = o.model_path;
    reset_constant_bytes();
    Graph *g = onnx_load(o.model_path, &o);
    check_supported(g);
    infer_graph(g, &o);
    graph_check(g, "infer");
    return g;
}

static int live(Graph *g, const char *op)
{
    int n = 0;
    for (int i = 0; i < g->n_nodes; i++)
        n += !g->nodes[i].dead && !strcmp(g->nodes[i].op, op);
    return n;
}

/* the live node writing the tensor named `name` */
static Node *writer(Graph *g, const char *name)
{
    int id = tensor_find(g, name);
    assert_true(id >= 0);
    int p = g->t[id]->producer;
    assert_true(p >= 0);
    Node *n = &g->nodes[p];
    assert_false(n->dead);
    bool found = false;
    for (int k = 0; k < n->n_out; k++)
        found |= n->out[k] == id;
    assert_true(found);
    return n;
}

/* run the graph on the model's test inputs with the host kernels, compare
 * every output with the reference (rtol 1e-3, atol 1e-4, as verify) */
static void check_numerics(Graph *g, const char *model)
{
    for (int i = 0; i < g->n_inputs; i++) {
        Tensor *x = g->t[g->inputs[i]];
        Tensor *v = tensor_load_pb(xfmt(DATA "%s/test_data_set_0/input_%d.pb", model, i), NULL);
        assert_int_equal(tensor_bytes(v), tensor_bytes(x));
        x->data = v->data;
    }
    for (int i = 0; i < g->n_nodes; i++) {
        Node *n = &g->nodes[i];
        if (n->dead)
            continue;
        if (n->def->flags & OPF_VIEW) {
            node_output(g, n, 0)->data = node_input(g, n, 0)->data;
            continue;
        }
        Call c = {0};
        c.node = i;
        n->def->lower(g, n, &c);
        for (Call *k = &c; k; k = k->more)
            eval_call(g, k);
    }
    for (int i = 0; i < g->n_outputs; i++) {
        Tensor *y = g->t[g->outputs[i]];
        Tensor *want = tensor_load_pb(xfmt(DATA "%s/test_data_set_0/output_%d.pb", model, i), NULL);
        assert_non_null(y->data);
        assert_int_equal(tensor_numel(want), tensor_numel(y));
        for (int64_t k = 0; k < tensor_numel(y); k++) {
            float a = ((const float *)y->data)[k], b = ((const float *)want->data)[k];
            if (!(fabsf(a - b) <= 1e-4f + 1e-3f * fabsf(b)) && !(isinf(a) && a == b)) {
                print_error("%s: output '%s' element %lld: got %.9g, want %.9g\n", model, y->name, (long long)k,
                            (double)a, (double)b);
                fail();
            }
        }
    }
}

/* `mlcc verify` parses its options with main.c's parse_options, which the
 * unit-test library leaves out: positional arguments are all it gets here
 * (weak, so that a library copy would win) */
__attribute__((weak)) int parse_options(int argc, char **argv, Options *o, const char **pos, int max_pos, int *n_pos);
__attribute__((weak)) int parse_options(int argc, char **argv, Options *o, const char **pos, int max_pos, int *n_pos)
{
    (void)o;
    *n_pos = 0;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' || *n_pos == max_pos)
            return i;
        pos[(*n_pos)++] = argv[i];
    }
    return -1;
}

/* the whole pipeline through `mlcc verify` (emitted C, host compiler) */
static void verify_model(const char *model)
{
    char *argv[] = {xfmt(DATA "%s/model.onnx", model), xfmt(DATA "%s", model)};
    int rc = cmd_verify(2, argv);
    cleanup_run();
    assert_int_equal(rc, 0);
}

#define GUARD()                                                                                  \
    do {                                                                                         \
        g_fail_jmp = &jb;                                                                        \
        if (setjmp(jb)) {                                                                        \
            g_fail_jmp = NULL;                                                                   \
            fail_msg("mlcc failed (exit %d)", g_fail_code);                                      \
        }                                                                                        \
    } while (0)

static void done(void)
{
    g_fail_jmp = NULL;
    pool_free_all();
}

static void test_fold_bn(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("bn");
    assert_int_equal(live(g, "BatchNormalization"), 5);
    PassStats st = {0};
    pass_fold_bn(g, &st);
    graph_check(g, "fold_bn");
    assert_int_equal(st.changed, 5);
    assert_int_equal(st.removed, 5);
    assert_int_equal(live(g, "BatchNormalization"), 0);
    /* the producers took over the BN outputs, names and graph outputs kept */
    assert_string_equal(writer(g, "y1")->op, "Conv");
    assert_string_equal(writer(g, "n2")->op, "Conv");
    assert_string_equal(writer(g, "y2")->op, "ConvTranspose");
    assert_string_equal(writer(g, "y3")->op, "Gemm");
    assert_string_equal(writer(g, "y4")->op, "Gemm"); /* the MatMul became a Gemm with a bias */
    assert_int_equal(writer(g, "n2")->n_in, 3);        /* a bias was added */
    check_numerics(g, "bn");
    done();
    GUARD();
    verify_model("bn");
    done();
}

static void test_fold_affine(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("affine");
    PassStats st = {0};
    pass_fold_affine(g, &st);
    graph_check(g, "fold_affine");
    /* Mul+Add, Div+Sub after Convs, Mul+Add after the Gemm, the Add before a BN */
    assert_int_equal(st.changed, 7);
    assert_string_equal(writer(g, "y6")->op, "BatchNormalization");
    assert_string_equal(writer(g, "y1")->op, "Conv");
    assert_string_equal(writer(g, "y2")->op, "Conv");
    assert_string_equal(writer(g, "y3")->op, "Gemm");
    /* spatially varying constant, and a Conv output read twice: both stay */
    assert_string_equal(writer(g, "y4")->op, "Mul");
    assert_string_equal(writer(g, "y5")->op, "Mul");
    assert_int_equal(live(g, "Add") + live(g, "Sub") + live(g, "Div"), 0);
    check_numerics(g, "affine");
    done();
    GUARD();
    verify_model("affine");
    done();
}

static void test_matmul_add(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("matmul_add");
    PassStats st = {0};
    pass_matmul_add(g, &st);
    graph_check(g, "matmul_add");
    assert_int_equal(st.changed, 2);
    Node *y1 = writer(g, "y1"), *y2 = writer(g, "y2");
    assert_string_equal(y1->op, "Gemm");
    assert_string_equal(y2->op, "Gemm");
    assert_int_equal(y1->n_in, 3);
    assert_string_equal(writer(g, "y3")->op, "Add"); /* batched MatMul: stays */
    assert_int_equal(live(g, "MatMul"), 2);
    check_numerics(g, "matmul_add");
    done();
    GUARD();
    verify_model("matmul_add");
    done();
}

static void test_fuse_act(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("act");
    PassStats st = {0};
    pass_fuse_act(g, &st);
    graph_check(g, "fuse_act");
    assert_int_equal(st.changed, 9);
    assert_int_equal(st.removed, 10);
    static const int kinds[] = {ACT_RELU, ACT_CLIP, ACT_CLIP, ACT_LEAKYRELU, ACT_HARDSIGMOID, ACT_HARDSWISH,
                                ACT_SIGMOID, ACT_TANH, ACT_HARDSWISH};
    for (int i = 0; i < 9; i++) {
        Node *p = writer(g, xfmt("y%d", i));
        assert_string_equal(p->op, "Add");
        assert_int_equal(p->act.kind, kinds[i]);
    }
    Node *clip6 = writer(g, "y1"), *clipmin = writer(g, "y2");
    assert_true(clip6->act.a == 0.0f && clip6->act.b == 6.0f);
    assert_true(clipmin->act.a == -1.5f && isinf(clipmin->act.b) && clipmin->act.b > 0);
    assert_true(writer(g, "y3")->act.a == 0.2f);
    /* the sum with a second reader keeps its Relu */
    assert_string_equal(writer(g, "y_shared")->op, "Relu");
    assert_int_equal(live(g, "Relu"), 1);
    check_numerics(g, "act");
    done();
    GUARD();
    verify_model("act");
    done();
}

/* Conv + BN + Relu: after fold_bn the Relu fuses into the Conv exactly when
 * the Conv lowering declares fused-activation support */
static void test_fuse_act_needs_support(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("bn");
    PassStats st = {0};
    pass_fold_bn(g, &st);
    PassStats fa = {0};
    pass_fuse_act(g, &fa);
    graph_check(g, "fuse_act");
    Node *conv = writer(g, "y1");
    if (conv->def->flags & OPF_FUSE_ACT) {
        assert_int_equal(fa.changed, 1);
        assert_string_equal(writer(g, "r2")->op, "Conv");
        assert_int_equal(writer(g, "r2")->act.kind, ACT_RELU);
    } else {
        assert_int_equal(fa.changed, 0);
        assert_non_null(fa.detail);
        assert_non_null(strstr(fa.detail, "1 after Conv"));
        assert_string_equal(writer(g, "r2")->op, "Relu");
    }
    check_numerics(g, "bn");
    done();
}

static void test_transpose(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("transpose");
    assert_int_equal(live(g, "Transpose"), 8);
    PassStats st = {0};
    pass_transpose(g, &st);
    graph_check(g, "transpose");
    assert_int_equal(st.changed, 5);
    assert_int_equal(live(g, "Transpose"), 1); /* the composed [2,0,1] */
    const int64_t *perm;
    Node *t = writer(g, "y2");
    assert_string_equal(t->op, "Transpose");
    assert_int_equal(attr_ints(t, "perm", &perm), 3);
    assert_true(perm[0] == 2 && perm[1] == 0 && perm[2] == 1);
    assert_int_equal(writer(g, "y1")->in[0], g->inputs[0]); /* Relu reads x */
    Node *gm = writer(g, "y3"), *mm = writer(g, "y4");
    assert_int_equal(attr_i(gm, "transA", 0), 1);
    assert_string_equal(mm->op, "Gemm");
    assert_int_equal(attr_i(mm, "transB", 0), 1);
    assert_string_equal(writer(g, "y5")->op, "Sigmoid"); /* a graph output: the Sigmoid writes it */
    check_numerics(g, "transpose");
    done();
    GUARD();
    verify_model("transpose");
    done();
}

static void test_fold_pad(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("pad");
    PassStats st = {0};
    pass_fold_pad(g, &st);
    graph_check(g, "fold_pad");
    assert_int_equal(st.changed, 5); /* 3 folds, a merge and its fold */
    assert_int_equal(live(g, "Pad"), 1); /* the 0.5-valued one */
    const int64_t *p;
    Node *conv = writer(g, "y1");
    assert_int_equal(attr_ints(conv, "pads", &p), 4);
    assert_true(p[0] == 2 && p[1] == 2 && p[2] == 2 && p[3] == 2);
    Node *avg = writer(g, "y2");
    assert_int_equal(attr_i(avg, "count_include_pad", 0), 1);
    assert_int_equal(attr_ints(avg, "pads", &p), 4);
    assert_true(p[0] == 1 && p[3] == 1);
    Node *mx = writer(g, "y3");
    assert_int_equal(mx->in[0], g->inputs[0]);
    Node *avg2 = writer(g, "y5");
    assert_int_equal(avg2->in[0], g->inputs[0]);
    assert_int_equal(attr_ints(avg2, "pads", &p), 4);
    assert_true(p[0] == 3 && p[1] == 3 && p[2] == 3 && p[3] == 3);
    check_numerics(g, "pad");
    done();
    GUARD();
    verify_model("pad");
    done();
}

static void test_views(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("views");
    PassStats st = {0};
    pass_views(g, &st);
    graph_check(g, "views");
    assert_int_equal(live(g, "Dropout"), 0);
    assert_int_equal(live(g, "Flatten"), 0);
    assert_int_equal(live(g, "Unsqueeze"), 0);
    assert_int_equal(live(g, "Reshape"), 1);
    assert_int_equal(live(g, "Identity"), 1); /* input -> output: one copy stays */
    Node *r = writer(g, "un");
    assert_string_equal(r->op, "Reshape");
    assert_string_equal(writer(g, "r")->op, "Relu");
    assert_int_equal(r->in[0], tensor_find(g, "r"));
    assert_string_equal(writer(g, "y2")->op, "Tanh"); /* writes the graph output itself */
    assert_string_equal(writer(g, "y3")->op, "Identity");
    check_numerics(g, "views");
    done();
    GUARD();
    verify_model("views");
    done();
}

static void test_cse(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("cse");
    PassStats st = {0};
    pass_cse(g, &st);
    graph_check(g, "cse");
    assert_int_equal(st.changed, 3); /* Relu, Conv, then the Add that became equal */
    assert_int_equal(live(g, "Relu"), 2);
    assert_int_equal(live(g, "Conv"), 2);
    assert_int_equal(live(g, "Add"), 1);
    Node *mul = writer(g, "y1");
    assert_int_equal(mul->in[0], mul->in[1]);
    check_numerics(g, "cse");
    done();
    GUARD();
    verify_model("cse");
    done();
}

/* the pipeline repeats the rewrites: Conv + Add + BN folds completely */
static void test_pipeline_rounds(void **state)
{
    (void)state;
    GUARD();
    Graph *g = prepared("affine");
    Options o = {0};
    Target tg = {0};
    target_load(&tg, NULL);
    const Target *keep = g_target;
    compile_graph(g, &o, &tg);
    g_target = keep;
    assert_int_equal(live(g, "BatchNormalization"), 0);
    assert_string_equal(writer(g, "y6")->op, "Conv");
    done();
}

/* split_dw (run by the scheduler): the expand + depthwise chain at the memory
 * peak becomes channel chunks whose depthwise outputs a Concat joins; the
 * result computes the reference, the whole pipeline's lower bound drops
 * below the file order's, and the emitted C passes `mlcc verify`. A chain
 * whose expanded tensor has another reader stays whole. */
static Program *planned(Graph *g)
{
    PassStats st = {0};
    pass_fuse_act(g, &st);
    pass_dce(g, &st);
    Program *p = schedule_graph(g, NULL);
    plan_memory(p);
    return p;
}

static void test_split_dw(void **state)
{
    (void)state;
    GUARD();
    Target host = {0};
    target_load(&host, NULL); /* host: fast kernels, chunks of 16 channels or more */
    const Target *keep = g_target;
    g_target = &host;
    Graph *g = prepared("split_dw");
    Program *p = planned(g);
    int convs = live(g, "Conv");
    assert_int_equal(convs, 3);
    PassStats st = {0};
    pass_split_dw(g, p, &st);
    graph_check(g, "split_dw");
    assert_int_equal(st.changed, 1);
    assert_int_equal(st.removed, 2);
    assert_int_equal(live(g, "Concat"), 1);
    /* 40 channels: 16 + 16 + 8, an expand and a depthwise piece each */
    assert_int_equal(live(g, "Conv"), convs - 2 + 6);
    Node *cat = writer(g, "dr");
    assert_string_equal(cat->op, "Concat");
    assert_int_equal(cat->n_in, 3);
    static const int64_t chans[] = {16, 16, 8};
    for (int k = 0; k < 3; k++) {
        Node *d = &g->nodes[g->t[cat->in[k]]->producer];
        assert_string_equal(d->op, "Conv");
        assert_int_equal(attr_i(d, "group", 1), chans[k]);
        assert_int_equal(d->act.kind, ACT_RELU);
        Node *e = &g->nodes[g->t[d->in[0]]->producer];
        assert_int_equal(e->act.kind, ACT_CLIP);
        assert_int_equal(g->t[e->out[0]]->dims[1], chans[k]);
        /* each expand piece runs just before its depthwise piece */
        assert_int_equal(e->index + 1, d->index);
    }
    check_numerics(g, "split_dw");
    done();

    /* the whole pipeline: the chosen schedule's bound is below the file order's */
    GUARD();
    g = prepared("split_dw");
    Options o = {0};
    p = compile_graph(g, &o, &host);
    assert_true(p->lower_bound < p->file_lower_bound);
    assert_true(p->arena_bytes <= p->lower_bound);
    assert_int_equal(p->n_concat_inplace, 1);
    done();
    GUARD();
    verify_model("split_dw");
    done();

    /* the expanded tensor has a second reader: no split */
    GUARD();
    g = prepared("split_dw_shared");
    p = planned(g);
    assert_int_equal(g->nodes[p->peak_node].op[0], 'C'); /* the peak is at the chain */
    PassStats st2 = {0};
    pass_split_dw(g, p, &st2);
    assert_int_equal(st2.changed, 0);
    assert_int_equal(live(g, "Concat"), 0);
    check_numerics(g, "split_dw_shared");
    done();
    g_target = keep;
}

/* a test model after fuse_act and dce (as the pipeline runs them before),
 * then pass_layout, its stats in ls */
static Graph *laid_out(const char *model, PassStats *ls)
{
    Graph *g = prepared(model);
    PassStats st = {0};
    pass_fuse_act(g, &st);
    pass_dce(g, &st);
    pass_layout(g, ls);
    graph_check(g, "layout");
    return g;
}

/* pass_layout: the depthwise-separable stretch of the "layout" model goes
 * channel-last on a host (fast kernels) and stays NCHW for the reference
 * kernels */
static void test_layout(void **state)
{
    (void)state;
    Target host = {0}, ref = {0};
    target_load(&host, NULL);
    target_load(&ref, NULL);
    ref.reference_kernels = true;
    const Target *keep = g_target;
    GUARD();
    g_target = &host;
    Graph *g = prepared("layout");
    PassStats st = {0};
    pass_fuse_act(g, &st);
    pass_dce(g, &st);
    int convs = live(g, "Conv");
    assert_int_equal(convs, 7);
    PassStats ls = {0};
    pass_layout(g, &ls);
    graph_check(g, "layout");
    /* the 7 Convs, the Add and the pool */
    assert_int_equal(ls.changed, 9);
    assert_int_equal(live(g, "Conv"), 0);
    assert_int_equal(live(g, "NhwcConv"), 7);
    /* x in; back out for two graph outputs (the Add's sum and y); none for
     * the pool: ReduceMean over H and W, then a Reshape */
    assert_int_equal(live(g, "Transpose"), 3);
    assert_int_equal(live(g, "GlobalAveragePool"), 0);
    Node *pool = writer(g, "gp");
    assert_string_equal(pool->op, "Reshape");
    assert_string_equal(g->nodes[g->t[pool->in[0]]->producer].op, "ReduceMean");
    Node *add = &g->nodes[g->t[writer(g, "r")->in[0]]->producer];
    assert_string_equal(add->op, "Add");
    assert_int_equal(g->t[add->out[0]]->dims[3], 8); /* [1, 6, 6, 8] */
    Node *d = &g->nodes[g->t[writer(g, "y")->in[0]]->producer];
    assert_string_equal(d->op, "NhwcConv");
    assert_int_equal(d->act.kind, ACT_NONE);
    check_numerics(g, "layout");
    done();

    /* the reference kernels have no channel-last ones: nothing changes */
    GUARD();
    g_target = &ref;
    PassStats rs = {0};
    g = laid_out("layout", &rs);
    assert_int_equal(rs.changed, 0);
    assert_int_equal(live(g, "Transpose"), 0);
    check_numerics(g, "layout");
    done();
    g_target = keep;

    /* the whole pipeline (emitted C) */
    GUARD();
    verify_model("layout");
    done();

    /* an island: the stride-2 depthwise Conv of a 32x32 image (its input at
     * most half the largest activation) and its two 1x1 neighbours, the first
     * reading NCHW (layout_io 1), the last writing NCHW (layout_io 2); the
     * stride-1 block before (the largest activation) stays NCHW */
    GUARD();
    g_target = &host;
    PassStats is = {0};
    g = laid_out("layout_island", &is);
    assert_int_equal(is.changed, 3);
    assert_int_equal(live(g, "Conv"), 3);
    assert_int_equal(live(g, "NhwcConv"), 3);
    assert_int_equal(live(g, "Transpose"), 0);
    Node *last = writer(g, "y"), *dwi = &g->nodes[g->t[last->in[0]]->producer];
    Node *first = &g->nodes[g->t[dwi->in[0]]->producer];
    assert_string_equal(last->op, "NhwcConv");
    assert_int_equal(attr_i(last, "layout_io", 0), 2);
    assert_string_equal(dwi->op, "NhwcConv");
    assert_int_equal(attr_i(dwi, "group", 1), 16);
    assert_int_equal(dwi->act.kind, ACT_CLIP);
    assert_int_equal(attr_i(dwi, "layout_io", 0), 0);
    assert_string_equal(first->op, "NhwcConv");
    assert_int_equal(attr_i(first, "layout_io", 0), 1);
    assert_string_equal(g->t[first->in[0]]->name, "p"); /* NCHW, as the 1x1 Conv before wrote it */
    const int64_t *fd = g->t[first->out[0]]->dims, *yd = g->t[last->out[0]]->dims;
    assert_true(fd[1] == 32 && fd[2] == 32 && fd[3] == 16); /* [1, 32, 32, 16] channel-last */
    assert_true(yd[1] == 12 && yd[2] == 16 && yd[3] == 16); /* [1, 12, 16, 16] NCHW */
    check_numerics(g, "layout_island");
    done();
    g_target = keep;
    GUARD();
    verify_model("layout_island");
    done();
}

/* pass_fuse_pool: on a host, the 3x3 Conv + Relu + MaxPool 2x2 of the "pool"
 * model becomes one ConvMaxPool (the Winograd kernel pools); the MaxPool of a
 * Conv output that an Add also reads, and a MaxPool 3x3, stay; the reference
 * kernels fuse nothing */
static void test_fuse_pool(void **state)
{
    (void)state;
    Target host = {0}, ref = {0};
    target_load(&host, NULL);
    target_load(&ref, NULL);
    ref.reference_kernels = true;
    const Target *keep = g_target;
    GUARD();
    g_target = &host;
    Graph *g = prepared("pool");
    PassStats st = {0}, ps = {0};
    pass_fuse_act(g, &st);
    pass_dce(g, &st);
    assert_int_equal(live(g, "MaxPool"), 3);
    pass_fuse_pool(g, &ps);
    graph_check(g, "fuse_pool");
    assert_int_equal(ps.changed, 1);
    assert_int_equal(ps.removed, 1);
    assert_int_equal(live(g, "MaxPool"), 2);
    assert_int_equal(live(g, "ConvMaxPool"), 1);
    Node *n = writer(g, "y1");
    assert_string_equal(n->op, "ConvMaxPool");
    assert_int_equal(n->act.kind, ACT_RELU);
    assert_string_equal(writer(g, "y2")->op, "MaxPool");
    assert_string_equal(writer(g, "y4")->op, "MaxPool");
    Call c = {0};
    n->def->lower(g, n, &c);
    assert_string_equal(c.kernel, "mlcc_conv_wino_f32");
    check_numerics(g, "pool");
    done();

    GUARD();
    g_target = &ref;
    g = prepared("pool");
    pass_fuse_act(g, &st);
    pass_dce(g, &st);
    memset(&ps, 0, sizeof ps);
    pass_fuse_pool(g, &ps);
    assert_int_equal(ps.changed, 0);
    assert_int_equal(live(g, "MaxPool"), 3);
    check_numerics(g, "pool");
    done();
    g_target = keep;

    /* the whole pipeline (emitted C) */
    GUARD();
    verify_model("pool");
    done();
}

/* every pass on one test model, in pipeline order: still the reference */
static void all_passes(const char *model)
{
    GUARD();
    Graph *g = prepared(model);
    void (*passes[])(Graph *, PassStats *) = {pass_views, pass_cse, pass_transpose, pass_fold_pad, pass_matmul_add,
                                              pass_fold_bn, pass_fold_affine, pass_fuse_act, pass_dce};
    for (size_t i = 0; i < sizeof passes / sizeof passes[0]; i++) {
        PassStats st = {0};
        passes[i](g, &st);
        graph_check(g, "test");
    }
    check_numerics(g, model);
    done();
}

static void test_all_passes_together(void **state)
{
    (void)state;
    static const char *const models[] = {"bn", "affine", "matmul_add", "act", "transpose", "pad", "views", "cse"};
    for (size_t m = 0; m < sizeof models / sizeof models[0]; m++)
        all_passes(models[m]);
}

/* the Add kernel variant with a fused activation: ip = [n, r, dims, sa, sb, kind] */
static void test_add_act_kernel(void **state)
{
    (void)state;
    const float a[] = {-3, -1, 0.5f, 2, 7, 9}, b[] = {1, -1, 0};
    float y[6];
    /* relu: y[2][3] = a + b[3] */
    const int32_t relu[] = {6, 2, 2, 3, 3, 1, 0, 1, 1};
    const float no[] = {0, 0};
    run_kernel("mlcc_add_act_f32", relu, no, (const void *const[]){a, b}, (void *const[]){y});
    const float want_relu[] = {0, 0, 0.5f, 3, 6, 9};
    assert_floats_near(y, want_relu, 6, 0);
    /* clip to [-1, 6] */
    const int32_t clip[] = {6, 2, 2, 3, 3, 1, 0, 1, 2};
    const float lim[] = {-1, 6};
    run_kernel("mlcc_add_act_f32", clip, lim, (const void *const[]){a, b}, (void *const[]){y});
    const float want_clip[] = {-1, -1, 0.5f, 3, 6, 6};
    assert_floats_near(y, want_clip, 6, 0);
    /* leaky relu, alpha 0.1, one merged dim (same shapes) */
    const int32_t leaky[] = {3, 1, 3, 1, 1, 3};
    const float alpha[] = {0.1f, 0};
    run_kernel("mlcc_add_act_f32", leaky, alpha, (const void *const[]){a, b}, (void *const[]){y});
    const float want_leaky[] = {-0.2f, -0.2f, 0.5f};
    assert_floats_near(y, want_leaky, 3, 1e-6f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_bn),
        cmocka_unit_test(test_fold_affine),
        cmocka_unit_test(test_matmul_add),
        cmocka_unit_test(test_fuse_act),
        cmocka_unit_test(test_fuse_act_needs_support),
        cmocka_unit_test(test_transpose),
        cmocka_unit_test(test_fold_pad),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_cse),
        cmocka_unit_test(test_pipeline_rounds),
        cmocka_unit_test(test_split_dw),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_fuse_pool),
        cmocka_unit_test(test_all_passes_together),
        cmocka_unit_test(test_add_act_kernel),
    };
    return cmocka_run_group_tests_name("passes", tests, NULL, NULL);
}
