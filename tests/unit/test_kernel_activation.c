/* test_kernel_activation.c - activation kernels against hand-computed values */
#include "testutil.h"

#include "mlcc_shared.h"

#define IN1(...) ((const void *const[]){__VA_ARGS__})
#define OUT1(y) ((void *const[]){(y)})

/* the activation fused into the fast kernels, Clip(a, b) with a <= b (what
 * pass_fuse_act.c fuses): bit for bit min(max(v, a), b) written as two
 * selects, NaN kept, signed zeros as that expression gives them */
static void test_fused_clip_is_min_max(void **state)
{
    (void)state;
    const float v[] = {-INFINITY, -7.0f, -0.25f, -0.1f, -0.0f, 0.0f, 0.3f, 0.5f, 0.7f, 6.0f, 9.0f, INFINITY, NAN};
    const float ab[][2] = {{-0.25f, 0.5f}, {0.0f, 6.0f}, {0.0f, 0.0f}, {-0.0f, 0.0f}, {0.0f, -0.0f}, {-1.0f, -0.1f}};
    for (size_t k = 0; k < sizeof ab / sizeof ab[0]; k++)
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            const float a = ab[k][0], b = ab[k][1];
            float want = v[i] < a ? a : v[i];
            want = want > b ? b : want;
            const float got = mlcc_act(v[i], MLCC_ACT_CLIP, a, b);
            if (isnan(want) ? !isnan(got) : memcmp(&got, &want, sizeof got) != 0)
                fail_msg("Clip(%g, %g) of %g: %g, want %g", (double)a, (double)b, (double)v[i], (double)got,
                         (double)want);
        }
}

static void test_relu_keeps_nan_and_zeroes_negatives(void **state)
{
    (void)state;
    const int32_t ip[] = {5};
    const float x[] = {-2, -0.0f, 0, 3.5f, NAN};
    float y[5];
    run_kernel("mlcc_relu_f32", ip, NULL, IN1(x), OUT1(y));
    assert_true(y[0] == 0 && y[1] == 0 && y[2] == 0 && y[3] == 3.5f);
    assert_true(isnan(y[4]));

    const int8_t xi[] = {-128, -1, 0, 127};
    int8_t yi[4];
    run_kernel("mlcc_relu_i8", (const int32_t[]){4}, NULL, IN1(xi), OUT1(yi));
    assert_int_equal(yi[0], 0);
    assert_int_equal(yi[1], 0);
    assert_int_equal(yi[3], 127);

    /* float16 on the bits: -2 (0xc000) -> 0, 1.5 (0x3e00) kept, NaN kept */
    const int32_t ip3[] = {3};
    const uint16_t xh[] = {0xc000, 0x3e00, 0xfe00};
    uint16_t yh[3];
    run_kernel("mlcc_relu_f16", ip3, NULL, IN1(xh), OUT1(yh));
    assert_int_equal(yh[0], 0);
    assert_int_equal(yh[1], 0x3e00);
    assert_int_equal(yh[2], 0xfe00);
}

static void test_leaky_elu_selu_celu(void **state)
{
    (void)state;
    const int32_t ip[] = {3};
    const float x[] = {-1, 0, 2};
    float y[3];
    const float alpha[] = {0.1f};
    run_kernel("mlcc_leakyrelu_f32", ip, alpha, IN1(x), OUT1(y));
    assert_floats_near(y, (const float[]){-0.1f, 0, 2}, 3, 1e-7f);

    const float a2[] = {2.0f};
    run_kernel("mlcc_elu_f32", ip, a2, IN1(x), OUT1(y));
    /* 2 * (e^-1 - 1) = -1.26424112 */
    assert_floats_near(y, (const float[]){-1.26424112f, 0, 2}, 3, 1e-6f);

    const float selu[] = {1.67326319217681884765625f, 1.05070102214813232421875f};
    run_kernel("mlcc_selu_f32", ip, selu, IN1(x), OUT1(y));
    /* gamma * alpha * (e^-1 - 1) = -1.11133074, gamma * 2 = 2.10140204 */
    assert_floats_near(y, (const float[]){-1.11133074f, 0, 2.10140204f}, 3, 1e-6f);

    run_kernel("mlcc_celu_f32", ip, a2, IN1(x), OUT1(y));
    /* 2 * (e^-0.5 - 1) = -0.786938680 */
    assert_floats_near(y, (const float[]){-0.786938680f, 0, 2}, 3, 1e-6f);

    /* float64 with the same parameters */
    const double xd[] = {-1, 0, 2};
    double yd[3];
    run_kernel("mlcc_elu_f64", ip, a2, IN1(xd), OUT1(yd));
    assert_true(fabs(yd[0] - 2.0 * (exp(-1.0) - 1.0)) < 1e-12 && yd[2] == 2.0);
}

static void test_sigmoid_softplus_large_inputs(void **state)
{
    (void)state;
    const int32_t ip[] = {5};
    const float x[] = {-1000, -1, 0, 1, 1000};
    float y[5];
    run_kernel("mlcc_sigmoid_f32", ip, NULL, IN1(x), OUT1(y));
    assert_floats_near(y, (const float[]){0, 0.268941421f, 0.5f, 0.731058579f, 1}, 5, 1e-6f);

    run_kernel("mlcc_softplus_f32", ip, NULL, IN1(x), OUT1(y));
    /* log(1 + e^x): no overflow at 1000 */
    assert_floats_near(y, (const float[]){0, 0.313261688f, 0.693147181f, 1.31326169f, 1000}, 5, 1e-5f);

    run_kernel("mlcc_softsign_f32", ip, NULL, IN1(x), OUT1(y));
    assert_floats_near(y, (const float[]){-1000.0f / 1001, -0.5f, 0, 0.5f, 1000.0f / 1001}, 5, 1e-7f);
}

static void test_hardsigmoid_hardswish(void **state)
{
    (void)state;
    const int32_t ip[] = {5};
    const float x[] = {-4, -3, 1, 3, 4};
    float y[5];
    const float ab[] = {0.2f, 0.5f};
    run_kernel("mlcc_hardsigmoid_f32", ip, ab, IN1(x), OUT1(y));
    assert_floats_near(y, (const float[]){0, 0, 0.7f, 1, 1}, 5, 1e-6f);

    run_kernel("mlcc_hardswish_f32", ip, NULL, IN1(x), OUT1(y));
    /* x * clamp(x/6 + 1/2, 0, 1) */
    assert_floats_near(y, (const float[]){0, 0, 2.0f / 3, 3, 4}, 5, 1e-6f);
}

static void test_thresholded_shrink_erf(void **state)
{
    (void)state;
    const int32_t ip[] = {5};
    const float x[] = {-2, -1, 1, 1.5f, 2};
    float y[5];
    const float one[] = {1.0f};
    run_kernel("mlcc_thresholdedrelu_f32", ip, one, IN1(x), OUT1(y));
    assert_floats_near(y, (const float[]){0, 0, 0, 1.5f, 2}, 5, 0); /* strictly greater */

    const float lb[] = {1.5f, 0.5f};
    run_kernel("mlcc_shrink_f32", ip, lb, IN1(x), OUT1(y));
    assert_floats_near(y, (const float[]){-1.5f, 0, 0, 0, 1.5f}, 5, 0);

    const double xd[] = {-2, -1, 0, 0.5, 3};
    double yd[5];
    run_kernel("mlcc_erf_f64", ip, NULL, IN1(xd), OUT1(yd));
    const double want[] = {-0.9953222650189527, -0.8427007929497149, 0, 0.5204998778130465, 0.9999779095030014};
    for (int i = 0; i < 5; i++)
        assert_true(fabs(yd[i] - want[i]) < 1e-12);
}

static void test_clip_attributes_inputs_and_order(void **state)
{
    (void)state;
    const float x[] = {-5, -1, 0, 1, 5, NAN};
    float y[6];
    /* opset 6-10: bounds from fp, both flagged */
    const int32_t ip_attr[] = {6, 1, 1};
    const float b[] = {-2, 2};
    run_kernel("mlcc_clip_f32", ip_attr, b, (const void *const[]){x, NULL, NULL}, OUT1(y));
    assert_floats_near(y, (const float[]){-2, -1, 0, 1, 2}, 5, 0);
    assert_true(isnan(y[5]));

    /* opset 11+: only max given as an input, min absent (no lower bound) */
    const int32_t ip_in[] = {6, 0, 0};
    const float zero2[] = {0, 0}, hi = 0.5f;
    run_kernel("mlcc_clip_f32", ip_in, zero2, (const void *const[]){x, NULL, &hi}, OUT1(y));
    assert_floats_near(y, (const float[]){-5, -1, 0, 0.5f, 0.5f}, 5, 0);

    /* min > max: every value becomes max */
    const float lo3 = 3, hi1 = 1;
    run_kernel("mlcc_clip_f32", ip_in, zero2, (const void *const[]){x, &lo3, &hi1}, OUT1(y));
    assert_floats_near(y, (const float[]){1, 1, 1, 1, 1}, 5, 0);

    /* int8 with only a min */
    const int8_t xi[] = {-128, -3, 0, 127};
    int8_t yi[4];
    const int8_t lo = -2;
    const int32_t ip4[] = {4, 0, 0};
    run_kernel("mlcc_clip_i8", ip4, NULL, (const void *const[]){xi, &lo, NULL}, OUT1(yi));
    assert_int_equal(yi[0], -2);
    assert_int_equal(yi[1], -2);
    assert_int_equal(yi[2], 0);
    assert_int_equal(yi[3], 127);

    /* float16: [-3, 0.5, 2] clipped to [-1, 1] */
    const uint16_t xh[] = {0xc200, 0x3800, 0x4000}, loh = 0xbc00, hih = 0x3c00;
    uint16_t yh[3];
    const int32_t ip3[] = {3, 0, 0};
    run_kernel("mlcc_clip_f16", ip3, zero2, (const void *const[]){xh, &loh, &hih}, OUT1(yh));
    assert_int_equal(yh[0], 0xbc00);
    assert_int_equal(yh[1], 0x3800);
    assert_int_equal(yh[2], 0x3c00);
}

static void test_prelu_broadcast_slope(void **state)
{
    (void)state;
    /* x[2][3], slope[3]: n=6, r=2, dims {2,3}, sx {3,1}, ss {0,1} */
    const int32_t ip[] = {6, 2, 2, 3, 3, 1, 0, 1};
    const float x[] = {-1, -2, 3, 4, -5, -6}, s[] = {0.1f, 0.2f, 0.3f};
    float y[6];
    run_kernel("mlcc_prelu_f32", ip, NULL, (const void *const[]){x, s}, OUT1(y));
    assert_floats_near(y, (const float[]){-0.1f, -0.4f, 3, 4, -1.0f, -1.8f}, 6, 1e-6f);

    /* int32, slope[2][1] (one per row): ss {1,0} */
    const int32_t xi[] = {-1, -2, 3, 4, -5, -6}, si[] = {2, 3};
    int32_t yi[6];
    const int32_t ipi[] = {6, 2, 2, 3, 3, 1, 1, 0};
    run_kernel("mlcc_prelu_i32", ipi, NULL, (const void *const[]){xi, si}, OUT1(yi));
    const int32_t want[] = {-2, -4, 3, 4, -15, -18};
    for (int i = 0; i < 6; i++)
        assert_int_equal(yi[i], want[i]);
}

static void test_prelu_per_channel_opset6(void **state)
{
    (void)state;
    /* opset < 7: x[2][3][2] with a slope of 3 values per channel (dim 1), the
     * layout lower_prelu gives it: dims {N, C, inner}, sx {C*inner, inner, 1},
     * ss {0, 1, 0} */
    const int32_t ip[] = {12, 3, 2, 3, 2, 6, 2, 1, 0, 1, 0};
    const float x[] = {-1, 1, -1, 1, -1, 1, -2, 2, -2, 2, -2, 2}, s[] = {0.5f, 2, -1};
    float y[12];
    run_kernel("mlcc_prelu_f32", ip, NULL, (const void *const[]){x, s}, OUT1(y));
    assert_floats_near(y, (const float[]){-0.5f, 1, -2, 1, 1, 1, -1, 2, -4, 2, 2, 2}, 12, 0);
}

static void test_float16_compute(void **state)
{
    (void)state;
    /* tanh(1) = 0.76159 -> float16 0x3a18 (0.76171875) ; tanh(-0.5) = -0.46212 -> 0xb765 */
    const int32_t ip[] = {2};
    const uint16_t x[] = {0x3c00, 0xb800};
    uint16_t y[2];
    run_kernel("mlcc_tanh_f16", ip, NULL, IN1(x), OUT1(y));
    assert_true(fabsf(half_to_float(y[0]) - 0.76159416f) < 5e-4f);
    assert_true(fabsf(half_to_float(y[1]) + 0.46211716f) < 5e-4f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fused_clip_is_min_max),
        cmocka_unit_test(test_relu_keeps_nan_and_zeroes_negatives),
        cmocka_unit_test(test_leaky_elu_selu_celu),
        cmocka_unit_test(test_sigmoid_softplus_large_inputs),
        cmocka_unit_test(test_hardsigmoid_hardswish),
        cmocka_unit_test(test_thresholded_shrink_erf),
        cmocka_unit_test(test_clip_attributes_inputs_and_order),
        cmocka_unit_test(test_prelu_broadcast_slope),
        cmocka_unit_test(test_prelu_per_channel_opset6),
        cmocka_unit_test(test_float16_compute),
    };
    return cmocka_run_group_tests_name("kernel_activation", tests, NULL, NULL);
}
