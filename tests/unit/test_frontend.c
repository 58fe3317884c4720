/* test_frontend.c - ONNX loading and shape inference on real model files */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdlib.h>
#include <unistd.h>

#include <setjmp.h>

#define NODE_DIR "/usr/include/onnx/backend/test/data/node/"


static Graph *load(const char *path, Options *o)
{
    o->model_path = path;
    g_model_path = path;
    return onnx_load(path, o);
}

static void test_load_inputs_outputs(void **state)
{
    (void)state;
    Options o = {0};
    Graph *g = load(NODE_DIR "test_add_bcast/model.onnx", &o);
    assert_int_equal(g->n_inputs, 2);
    assert_int_equal(g->n_outputs, 1);
    Tensor *x = g->t[g->inputs[0]], *y = g->t[g->inputs[1]];
    assert_string_equal(x->name, "x");
    assert_int_equal(x->dtype, DT_FLOAT);
    assert_int_equal(x->rank, 3);
    assert_int_equal(y->rank, 1);
    assert_int_equal(y->dims[0], 5);
    assert_int_equal(g->n_nodes, 1);
    assert_string_equal(g->nodes[0].op, "Add");
    pool_free_all();
}

static void test_infer_broadcast_shape(void **state)
{
    (void)state;
    Options o = {0};
    Graph *g = load(NODE_DIR "test_add_bcast/model.onnx", &o);
    check_supported(g);
    infer_graph(g, &o);
    Tensor *z = g->t[g->outputs[0]];
    assert_true(z->shaped);
    assert_int_equal(z->rank, 3);
    assert_int_equal(z->dims[0], 3);
    assert_int_equal(z->dims[1], 4);
    assert_int_equal(z->dims[2], 5);
    pool_free_all();
}

static void test_reshape_folds_with_frozen_shape(void **state)
{
    (void)state;
    Options o = {0};
    Freeze fz = {"shape", NODE_DIR "test_reshape_negative_dim/test_data_set_0/input_1.pb"};
    o.freezes = &fz;
    o.n_freezes = 1;
    Graph *g = load(NODE_DIR "test_reshape_negative_dim/model.onnx", &o);
    assert_int_equal(g->n_inputs, 1); /* the frozen input is a constant now */
    check_supported(g);
    infer_graph(g, &o);
    Tensor *z = g->t[g->outputs[0]];
    assert_int_equal(z->rank, 3);
    assert_int_equal(z->dims[0], 2);
    assert_int_equal(z->dims[1], 6);
    assert_int_equal(z->dims[2], 2);
    pool_free_all();
}

static void test_shape_binding(void **state)
{
    (void)state;
    Options o = {0};
    ShapeBinding b = {"x", 3, {1, 4, 5}};
    o.shapes = &b;
    o.n_shapes = 1;
    Graph *g = load(NODE_DIR "test_add_bcast/model.onnx", &o);
    Tensor *x = g->t[g->inputs[0]];
    assert_int_equal(x->dims[0], 1);
    pool_free_all();
}

static void test_truncated_model_fails_cleanly(void **state)
{
    (void)state;
    size_t n;
    char *bytes = read_file(NODE_DIR "test_add_bcast/model.onnx", &n);
    assert_non_null(bytes);
    char path[] = "/tmp/mlcc-unit-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, bytes, n / 2), (ssize_t)(n / 2));
    close(fd);
    jmp_buf jb;
    g_fail_jmp = &jb;
    Options o = {0};
    if (setjmp(jb) == 0) {
        load(path, &o);
        unlink(path);
        fail_msg("a truncated model was accepted");
    }
    g_fail_jmp = NULL;
    unlink(path);
    assert_int_equal(g_fail_code, EXIT_MODEL);
    pool_free_all();
}

/* a Range node over scalar constants start, limit, delta of type dt, folded
 * by shape inference; returns its output */
static Tensor *fold_range(int dt, const void *start, const void *limit, const void *delta)
{
    const void *v[3] = {start, limit, delta};
    Graph *g = xmalloc(sizeof *g);
    Node *n = xmalloc(sizeof *n);
    n->name = "range";
    n->op = "Range";
    n->opset = 11;
    n->def = op_lookup("Range", 11);
    n->n_in = 3;
    n->n_out = 1;
    n->in = xmalloc(3 * sizeof *n->in);
    n->out = xmalloc(sizeof *n->out);
    for (int k = 0; k < 3; k++) {
        Tensor *t = tensor_new(g, k == 0 ? "start" : k == 1 ? "limit" : "delta");
        tensor_set_shape(t, dt, 0, NULL);
        t->data = xmalloc(8);
        memcpy(t->data, v[k], (size_t)dtype_size(dt));
        n->in[k] = t->id;
    }
    n->out[0] = tensor_new(g, "y")->id;
    g->nodes = n;
    g->n_nodes = 1;
    n->def->infer(g, n);
    return g->t[n->out[0]];
}

/* integer Range is exact: counts and values past 2^53 (where a double
 * rounds), and distances that only fit in uint64 */
static void test_range_integers_exact(void **state)
{
    (void)state;
    const int64_t big[] = {((int64_t)1 << 53) + 1, ((int64_t)1 << 53) + 3, 1};
    Tensor *y = fold_range(DT_INT64, &big[0], &big[1], &big[2]);
    assert_int_equal(y->rank, 1);
    assert_int_equal(y->dims[0], 2);
    assert_true(((const int64_t *)y->data)[0] == big[0] && ((const int64_t *)y->data)[1] == big[0] + 1);
    /* the whole int64 range in steps of INT64_MAX: 3 values, the last INT64_MAX - 1 */
    const int64_t lo = INT64_MIN, hi = INT64_MAX;
    y = fold_range(DT_INT64, &lo, &hi, &hi);
    assert_int_equal(y->dims[0], 3);
    const int64_t *v = y->data;
    assert_true(v[0] == INT64_MIN && v[1] == -1 && v[2] == INT64_MAX - 1);
    /* downwards in steps of INT64_MIN: INT64_MAX, then -1 */
    y = fold_range(DT_INT64, &hi, &lo, &lo);
    assert_int_equal(y->dims[0], 2);
    assert_true(((const int64_t *)y->data)[0] == INT64_MAX && ((const int64_t *)y->data)[1] == -1);
    /* uint64 beyond INT64_MAX, and a limit below the start: empty */
    const uint64_t us = (uint64_t)1 << 63, ul = UINT64_MAX, ud = (uint64_t)1 << 62;
    y = fold_range(DT_UINT64, &us, &ul, &ud);
    assert_int_equal(y->dims[0], 2);
    assert_true(((const uint64_t *)y->data)[0] == us && ((const uint64_t *)y->data)[1] == us + ud);
    y = fold_range(DT_UINT64, &ul, &us, &ud);
    assert_int_equal(y->dims[0], 0);
    /* int32: 5, 2, -1 */
    const int32_t a = 5, b = -3, c = -3;
    y = fold_range(DT_INT32, &a, &b, &c);
    assert_int_equal(y->dims[0], 3);
    assert_true(((const int32_t *)y->data)[0] == 5 && ((const int32_t *)y->data)[2] == -1);
    pool_free_all();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_inputs_outputs),
        cmocka_unit_test(test_infer_broadcast_shape),
        cmocka_unit_test(test_reshape_folds_with_frozen_shape),
        cmocka_unit_test(test_shape_binding),
        cmocka_unit_test(test_truncated_model_fails_cleanly),
        cmocka_unit_test(test_range_integers_exact),
    };
    return cmocka_run_group_tests_name("frontend", tests, NULL, NULL);
}
