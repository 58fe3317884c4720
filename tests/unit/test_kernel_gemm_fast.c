/* test_kernel_gemm_fast.c - the fast GEMM kernel (runtime-min/gemm_fast.c,
 * chosen by op_gemm.c for Gemm / MatMul with a constant B on a fast target)
 * against the reference kernels (runtime-min/gemm.c, `kernels: reference`)
 * on many random shapes, transposes, alpha / beta, C broadcasts, batch dims
 * and fused activations, through the real lowering (B packed at compile
 * time). Scratch and outputs start as NaN. */
#include "testutil.h"

#include <stdlib.h>

static const Target fast_target = {.name = (char *)"test-fast", .align = 16, .fpu = true};
static const Target ref_target = {.name = (char *)"test-ref", .align = 16, .fpu = true, .reference_kernels = true};




static Node *new_node(const char *op, int *ins, int n_in, int y, Attr *at, int n_attr, int act)
{
    Node *n = xmalloc(sizeof *n);
    *n = (Node){.name = (char *)"n", .op = (char *)op, .domain = (char *)"", .opset = 13, .n_in = n_in, .in = ins,
                .n_out = 1, .out = xmalloc(sizeof(int)), .attr = at, .n_attr = n_attr};
    n->out[0] = y;
    n->def = op_lookup(op, 13);
    n->act.kind = act;
    n->act.a = act == ACT_CLIP ? -0.5f : act == ACT_LEAKYRELU ? 0.2f : act == ACT_HARDSIGMOID ? 0.3f : 0;
    n->act.b = act == ACT_CLIP ? 0.75f : act == ACT_HARDSIGMOID ? 0.4f : 0;
    return n;
}

/* infer, lower for both targets, run both, compare; the fast kernel's name */
static const char *compare(Graph *g, Node *n, int x, const char *ref_kernel)
{
    FastRef r;
    run_fast_ref(g, n, x, &fast_target, &ref_target, &r);
    const Call cf = r.cf, cr = r.cr;
    const int64_t yn = r.yn;
    const float *y1 = r.y1, *y2 = r.y2;
    assert_string_equal(cr.kernel, ref_kernel);
    for (int64_t i = 0; i < yn; i++) {
        float tol = 1e-4f + 1e-4f * fabsf(y2[i]);
        if (!(fabsf(y1[i] - y2[i]) <= tol)) {
            print_error("%s %s (act %d): element %lld of %lld: fast %.9g, reference %.9g\n", n->op, cf.kernel,
                        n->act.kind, (long long)i, (long long)yn, (double)y1[i], (double)y2[i]);
            fail();
        }
    }
    return cf.kernel;
}

static void test_gemm_fast_random(void **state)
{
    (void)state;
    for (int it = 0; it < 300; it++) {
        Graph *g = xmalloc(sizeof *g);
        g->opset = 13;
        int64_t m = rint_in(0, 3) == 0 ? 1 : rint_in(1, 21), nn = rint_in(1, 75), k = rint_in(1, 70);
        int ta = rint_in(0, 1), tb = rint_in(0, 1), cform = rint_in(0, 5);
        int64_t ad[2] = {ta ? k : m, ta ? m : k}, bd[2] = {tb ? nn : k, tb ? k : nn};
        int x = new_tensor(g, "a", 2, ad, false), b = new_tensor(g, "b", 2, bd, true), c = -1;
        /* C: none, [N], [M, N], [M, 1], [1, 1], scalar */
        int64_t cd[2][2] = {{nn, 0}, {m, nn}};
        if (cform == 1)
            c = new_tensor(g, "c", 1, cd[0], true);
        else if (cform == 2)
            c = new_tensor(g, "c", 2, cd[1], true);
        else if (cform == 3)
            c = new_tensor(g, "c", 2, (int64_t[]){m, 1}, true);
        else if (cform == 4)
            c = new_tensor(g, "c", 2, (int64_t[]){1, 1}, true);
        else if (cform == 5)
            c = new_tensor(g, "c", 0, NULL, true);
        int y = new_tensor(g, "y", 0, NULL, false);
        g->t[y]->shaped = false;
        int *ins = xmalloc(sizeof(int) * 3);
        ins[0] = x;
        ins[1] = b;
        ins[2] = c;
        Attr *at = xmalloc(sizeof(Attr) * 4);
        at[0] = (Attr){.name = (char *)"transA", .type = AT_INT, .i = ta};
        at[1] = (Attr){.name = (char *)"transB", .type = AT_INT, .i = tb};
        at[2] = (Attr){.name = (char *)"alpha", .type = AT_FLOAT, .f = rint_in(0, 1) ? 1.0f : 0.75f};
        at[3] = (Attr){.name = (char *)"beta", .type = AT_FLOAT, .f = rint_in(0, 1) ? 1.0f : -1.5f};
        Node *n = new_node("Gemm", ins, c >= 0 ? 3 : 2, y, at, 4, rint_in(0, 7));
        assert_string_equal(compare(g, n, x, "mlcc_gemm_f32"), "mlcc_gemm_fast_f32");
    }
}

static void test_matmul_fast_random(void **state)
{
    (void)state;
    for (int it = 0; it < 200; it++) {
        Graph *g = xmalloc(sizeof *g);
        g->opset = 13;
        int ra = rint_in(1, 4);
        int64_t ad[4], k = rint_in(1, 50), nn = rint_in(2, 70);
        for (int i = 0; i < ra - 1; i++)
            ad[i] = rint_in(1, i == ra - 2 ? 12 : 3);
        ad[ra - 1] = k;
        int64_t bd[2] = {k, nn};
        int x = new_tensor(g, "a", ra, ad, false), b = new_tensor(g, "b", 2, bd, true);
        int y = new_tensor(g, "y", 0, NULL, false);
        g->t[y]->shaped = false;
        int *ins = xmalloc(sizeof(int) * 2);
        ins[0] = x;
        ins[1] = b;
        Node *n = new_node("MatMul", ins, 2, y, NULL, 0, rint_in(0, 7));
        assert_string_equal(compare(g, n, x, "mlcc_matmul_f32"), "mlcc_gemm_fast_f32");
    }
}

/* hand values: [1 2; 3 4] x [1 -1; 2 0] = [5 -1; 11 -3], + C [0.5 0.5], Relu */
static void test_gemm_fast_act_by_hand(void **state)
{
    (void)state;
    Graph *g = xmalloc(sizeof *g);
    g->opset = 13;
    int64_t d[2] = {2, 2}, cd[1] = {2};
    int x = new_tensor(g, "a", 2, d, false), b = new_tensor(g, "b", 2, d, true), c = new_tensor(g, "c", 1, cd, true);
    const float bv[] = {1, -1, 2, 0}, cv[] = {0.5f, 0.5f}, av[] = {1, 2, 3, 4};
    memcpy(g->t[b]->data, bv, sizeof bv);
    memcpy(g->t[c]->data, cv, sizeof cv);
    int y = new_tensor(g, "y", 0, NULL, false);
    g->t[y]->shaped = false;
    int *ins = xmalloc(sizeof(int) * 3);
    ins[0] = x;
    ins[1] = b;
    ins[2] = c;
    Node *n = new_node("Gemm", ins, 3, y, NULL, 0, ACT_RELU);
    n->def->infer(g, n);
    const Target *saved = g_target;
    Call cf = {0};
    g_target = &fast_target;
    n->def->lower(g, n, &cf);
    g_target = saved;
    assert_string_equal(cf.kernel, "mlcc_gemm_fast_f32");
    float yv[4];
    run_calls(g, &cf, x, av, yv);
    const float want[] = {5.5f, 0.0f, 11.5f, 0.0f};
    assert_floats_near(yv, want, 4, 0);
}

/* a non-constant B, and int MatMul, keep the reference kernels */
static void test_gemm_fast_not_chosen(void **state)
{
    (void)state;
    Graph *g = xmalloc(sizeof *g);
    g->opset = 13;
    int64_t d[2] = {3, 3};
    int a = new_tensor(g, "a", 2, d, false), b = new_tensor(g, "b", 2, d, false);
    int y = new_tensor(g, "y", 0, NULL, false);
    g->t[y]->shaped = false;
    int *ins = xmalloc(sizeof(int) * 2);
    ins[0] = a;
    ins[1] = b;
    Node *n = new_node("MatMul", ins, 2, y, NULL, 0, 0);
    n->def->infer(g, n);
    const Target *saved = g_target;
    Call c = {0};
    g_target = &fast_target;
    n->def->lower(g, n, &c);
    g_target = saved;
    assert_string_equal(c.kernel, "mlcc_matmul_f32");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gemm_fast_random),
        cmocka_unit_test(test_matmul_fast_random),
        cmocka_unit_test(test_gemm_fast_act_by_hand),
        cmocka_unit_test(test_gemm_fast_not_chosen),
    };
    return cmocka_run_group_tests_name("kernel_gemm_fast", tests, NULL, NULL);
}
