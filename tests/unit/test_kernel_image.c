/* test_kernel_image.c - GridSample, RoiAlign and MaxUnpool kernels against hand results */
#include "testutil.h"

/* GridSample of a 1x1x2x2 image [[1,2],[3,4]] at one grid point (gx, gy) */
static float gs_2x2(int mode, int pad, int align, float gx, float gy)
{
    const int32_t ip[] = {1, 1, 2, 2, 1, 1, mode, pad, align};
    const float x[] = {1, 2, 3, 4}, g[] = {gx, gy};
    float y[1];
    run_kernel("mlcc_gridsample_f32", ip, NULL, (const void *const[]){x, g}, (void *const[]){y});
    return y[0];
}

static void test_gridsample_bilinear(void **state)
{
    (void)state;
    /* the center is the mean of the four pixels, with or without align_corners */
    assert_true(fabsf(gs_2x2(0, 0, 1, 0, 0) - 2.5f) < 1e-6f);
    assert_true(fabsf(gs_2x2(0, 0, 0, 0, 0) - 2.5f) < 1e-6f);
    /* align_corners: the corners are pixel centers */
    assert_true(fabsf(gs_2x2(0, 0, 1, 1, -1) - 2.0f) < 1e-6f);
    /* without: (-1,-1) is the outer corner, x = y = -0.5: 1/4 of pixel (0,0) */
    assert_true(fabsf(gs_2x2(0, 0, 0, -1, -1) - 0.25f) < 1e-6f);
}

static void test_gridsample_padding_modes(void **state)
{
    (void)state;
    /* border: clamp to pixel (0,0) */
    assert_true(fabsf(gs_2x2(0, 1, 0, -1, -1) - 1.0f) < 1e-6f);
    assert_true(fabsf(gs_2x2(0, 1, 0, 5, 5) - 4.0f) < 1e-6f);
    /* reflection (align 0 reflects about the edges -0.5 and 1.5): gx = -1.5
     * gives x = -1, reflected to 0; gy = 0 is y = 0.5 -> mean of rows */
    assert_true(fabsf(gs_2x2(0, 2, 0, -1.5f, 0) - 2.0f) < 1e-6f);
    /* reflection with align 1 about the centers 0 and 1: gx = 2 -> x = 1.5 -> 0.5 */
    assert_true(fabsf(gs_2x2(0, 2, 1, 2, -1) - 1.5f) < 1e-6f);
    /* zeros: far outside reads nothing */
    assert_true(gs_2x2(0, 0, 0, 3, 3) == 0.0f);
    /* NaN reads nothing */
    assert_true(gs_2x2(0, 1, 0, NAN, 0) == 0.0f);
}

static void test_gridsample_nearest_half_to_even(void **state)
{
    (void)state;
    /* align 1 on width 2: x = (g + 1) / 2; g = 0 -> x = 0.5 rounds to 0 (even) */
    assert_true(gs_2x2(1, 0, 1, 0, -1) == 1.0f);
    /* g = 0.2 -> x = 0.6 -> 1 */
    assert_true(gs_2x2(1, 0, 1, 0.2f, -1) == 2.0f);
    /* y = 1 -> row 1 */
    assert_true(gs_2x2(1, 0, 1, -1, 1) == 3.0f);
}

static void test_gridsample_bicubic(void **state)
{
    (void)state;
    /* at a pixel center the cubic weights are [0,1,0,0]: exact value */
    assert_true(fabsf(gs_2x2(2, 0, 1, 1, 1) - 4.0f) < 1e-6f);
    assert_true(fabsf(gs_2x2(2, 1, 1, -1, 1) - 3.0f) < 1e-6f);
    /* border padding on a linear image: taps at t = 0.5 with weights
     * [-0.09375, 0.59375, 0.59375, -0.09375] on columns -1..2, clamped to
     * 0,0,1,1: row 0 gives -0.09375 + 0.59375 + 2 * (0.59375 - 0.09375) = 1.5 */
    assert_true(fabsf(gs_2x2(2, 1, 1, 0, -1) - 1.5f) < 1e-6f);
}

static void test_gridsample_channels_and_batch(void **state)
{
    (void)state;
    /* N = 2, C = 2, 1x2 images, 1x1 output at the right pixel (align 1) */
    const int32_t ip[] = {2, 2, 1, 2, 1, 1, 0, 0, 1};
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8}, g[] = {1, 0, -1, 0};
    double y[4];
    run_kernel("mlcc_gridsample_f64", ip, NULL, (const void *const[]){x, g}, (void *const[]){y});
    assert_true(y[0] == 2 && y[1] == 4 && y[2] == 5 && y[3] == 7);
}

/* RoiAlign on X[y][x] = 1 + x + 2y (2x2), one 1x1 bin */
static float roi_2x2(int ratio, int half, int is_max, float x1, float y1, float x2, float y2, float scale)
{
    const int32_t ip[] = {1, 1, 2, 2, 1, 1, 1, ratio, half, is_max};
    const float fp[] = {scale};
    const float x[] = {1, 2, 3, 4}, rois[] = {x1, y1, x2, y2};
    const int64_t bi[] = {0};
    float y[1];
    run_kernel("mlcc_roialign_f32", ip, fp, (const void *const[]){x, rois, bi}, (void *const[]){y});
    return y[0];
}

static void test_roialign_avg(void **state)
{
    (void)state;
    /* output_half_pixel: one sample at (0.5, 0.5) */
    assert_true(fabsf(roi_2x2(1, 0, 0, 0, 0, 1, 1, 1) - 2.5f) < 1e-6f);
    /* half_pixel shifts by -0.5 */
    assert_true(fabsf(roi_2x2(1, 1, 0, 0.5f, 0.5f, 1.5f, 1.5f, 1) - 2.5f) < 1e-6f);
    /* 2x2 samples at 0.25/0.75: values 1.75 2.25 2.75 3.25, mean 2.5 */
    assert_true(fabsf(roi_2x2(2, 0, 0, 0, 0, 1, 1, 1) - 2.5f) < 1e-6f);
    /* spatial_scale 0.5 maps (0,0,2,2) to (0,0,1,1) */
    assert_true(fabsf(roi_2x2(1, 0, 0, 0, 0, 2, 2, 0.5f) - 2.5f) < 1e-6f);
    /* output_half_pixel: a roi smaller than 1 grows to 1 */
    assert_true(fabsf(roi_2x2(1, 0, 0, 0, 0, 0.2f, 0.2f, 1) - 2.5f) < 1e-6f);
    /* sample outside (y < -1): 0 */
    assert_true(roi_2x2(1, 0, 0, -5, -5, -4, -4, 1) == 0.0f);
}

static void test_roialign_max(void **state)
{
    (void)state;
    /* largest weighted corner over the four samples: at (0.75, 0.75),
     * 0.5625 * 4 = 2.25 */
    assert_true(fabsf(roi_2x2(2, 0, 1, 0, 0, 1, 1, 1) - 2.25f) < 1e-6f);
}

static void test_roialign_batch_index_and_adaptive(void **state)
{
    (void)state;
    /* N = 2 images 1x1x2x2; roi on image 1, adaptive grid: ceil(2/1) = 2 per axis */
    const int32_t ip[] = {2, 1, 2, 2, 1, 1, 1, 0, 0, 0};
    const float fp[] = {1};
    const float x[] = {0, 0, 0, 0, 1, 2, 3, 4}, rois[] = {0, 0, 2, 2};
    const int64_t bi[] = {1};
    float y[1];
    run_kernel("mlcc_roialign_f32", ip, fp, (const void *const[]){x, rois, bi}, (void *const[]){y});
    /* samples at 0.5 and 1.5 (1.5 clamps to the last pixel): values 2.5, 3, 3.5, 4 */
    assert_true(fabsf(y[0] - 3.25f) < 1e-6f);
}

static void test_maxunpool_1d_and_padded_output(void **state)
{
    (void)state;
    /* X [1,1,2], I = [3, 0] into the inferred [1,1,4] */
    const int32_t ip[] = {2, 3, 1, 1, 4, 1, 1, 4};
    const float x[] = {7, 9};
    const int64_t ix[] = {3, 0};
    float y[5];
    run_kernel("mlcc_maxunpool_x32", ip, NULL, (const void *const[]){x, ix}, (void *const[]){y});
    assert_true(y[0] == 9 && y[1] == 0 && y[2] == 0 && y[3] == 7);
    /* output_shape [1,1,5]: zero padded at the end */
    const int32_t ip5[] = {2, 3, 1, 1, 4, 1, 1, 5};
    run_kernel("mlcc_maxunpool_x32", ip5, NULL, (const void *const[]){x, ix}, (void *const[]){y});
    assert_true(y[0] == 9 && y[3] == 7 && y[4] == 0);
}

static void test_maxunpool_2d_remaps_and_skips(void **state)
{
    (void)state;
    /* inferred 2x2 into an output of 3x3: index 3 = (1,1) -> offset 4;
     * index 9 is outside the inferred shape and is skipped */
    const int32_t ip[] = {3, 4, 1, 1, 2, 2, 1, 1, 3, 3};
    const double x[] = {1.5, 2.5, 3.5};
    const int64_t ix[] = {3, 1, 9};
    double y[9];
    run_kernel("mlcc_maxunpool_x64", ip, NULL, (const void *const[]){x, ix}, (void *const[]){y});
    const double want[] = {0, 2.5, 0, 0, 1.5, 0, 0, 0, 0};
    for (int i = 0; i < 9; i++)
        assert_true(y[i] == want[i]);
}

static void test_maxunpool_skips_far_outside_without_overflow(void **state)
{
    (void)state;
    /* inferred [1,1,65536,1] into an output of [1,1,1,65536]: index 65535 is
     * row 65535, outside the one output row; its offset 65535 * 65536 does
     * not fit in int32 and must not be computed (signed overflow) */
    static float y[65536];
    const int32_t ip[] = {1, 4, 1, 1, 65536, 1, 1, 1, 1, 65536};
    const float x[] = {5};
    const int64_t ix[] = {65535};
    y[0] = y[65535] = 1;
    run_kernel("mlcc_maxunpool_x32", ip, NULL, (const void *const[]){x, ix}, (void *const[]){y});
    for (int i = 0; i < 65536; i++)
        assert_true(y[i] == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gridsample_bilinear),
        cmocka_unit_test(test_gridsample_padding_modes),
        cmocka_unit_test(test_gridsample_nearest_half_to_even),
        cmocka_unit_test(test_gridsample_bicubic),
        cmocka_unit_test(test_gridsample_channels_and_batch),
        cmocka_unit_test(test_roialign_avg),
        cmocka_unit_test(test_roialign_max),
        cmocka_unit_test(test_roialign_batch_index_and_adaptive),
        cmocka_unit_test(test_maxunpool_1d_and_padded_output),
        cmocka_unit_test(test_maxunpool_2d_remaps_and_skips),
        cmocka_unit_test(test_maxunpool_skips_far_outside_without_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
