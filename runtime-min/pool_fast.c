/* pool_fast.c - fast float32 pooling, chosen by op_pool.c for targets with
 * fast kernels (pool.c holds the reference kernels they are tested against).
 * Both take the reference kernels' ip layout (pool.c):
 *   ip = [NC, in D H W, out D H W, kernel D H W, stride D H W, dilation D H W,
 *         pad-begin D H W, pad-end D H W, extra...]
 *
 * mlcc_pool_max2d_f32 - MaxPool over 1 or 2 spatial dims (D = 1), without
 *   the Indices output: for each output row, the maximum over the window's
 *   input rows is taken element by element into a row buffer (scratch,
 *   out[1]) that holds -inf where the pads are, then each output value is the
 *   maximum over kW values of that row; both loops are plain loops the
 *   compiler vectorizes. A NaN in a window makes the result NaN, like the
 *   reference. Scratch: (oW - 1) * sW + (kW - 1) * dW + 1 floats.
 * mlcc_pool_gavg_f32 - GlobalAveragePool: each plane summed in 16 partial
 *   sums (one vector) then divided by its size; the sum order differs from
 *   the reference's, so results may differ in the last bits. */
#include "mlcc_rt.h"

/* mlcc:helper mlcc_pf_max */
/* max with NaN propagation: a NaN v replaces m, a NaN m stays */
#define MLCC_PF_MAX(m, v) ((v) > (m) || (v) != (v) ? (v) : (m))
#define MLCC_PF_RESTRICT restrict
/* mlcc:end */

/* mlcc:kernel mlcc_pool_max2d_f32 uses mlcc_pf_max libm */
MLCC_KERNEL(mlcc_pool_max2d_f32)
{
    const float *X = (const float *)in[0];
    float *Y = (float *)out[0];
    float *tmp = (float *)out[1];
    const int32_t NC = ip[0], IH = ip[2], IW = ip[3], OH = ip[5], OW = ip[6], KH = ip[8], KW = ip[9];
    const int32_t SH = ip[11], SW = ip[12], DH = ip[14], DW = ip[15], PH = ip[17], PW = ip[18];
    const int32_t WP = (OW - 1) * SW + (KW - 1) * DW + 1;
    /* the input columns inside the row buffer: [c0, c1) of the input at PW + c */
    const int32_t c0 = PW > 0 ? 0 : -PW, c1 = IW < WP - PW ? IW : WP - PW;
    int32_t p, oh, ow, kh, kw, c;
    MLCC_UNUSED(fp);
    for (c = 0; c < WP; c++)
        tmp[c] = -HUGE_VALF;
    for (p = 0; p < NC; p++) {
        const float *x = X + (size_t)p * (size_t)IH * (size_t)IW;
        float *y = Y + (size_t)p * (size_t)OH * (size_t)OW;
        for (oh = 0; oh < OH; oh++) {
            const int32_t hs = oh * SH - PH;
            float *MLCC_PF_RESTRICT t = tmp + PW;
            float *MLCC_PF_RESTRICT yr = y + oh * OW;
            int32_t first = 1;
            for (kh = 0; kh < KH; kh++) {
                const int32_t ih = hs + kh * DH;
                const float *MLCC_PF_RESTRICT xr;
                if (ih < 0 || ih >= IH)
                    continue;
                xr = x + ih * IW;
                if (first) {
                    for (c = c0; c < c1; c++)
                        t[c] = xr[c];
                    first = 0;
                } else {
                    for (c = c0; c < c1; c++)
                        t[c] = MLCC_PF_MAX(t[c], xr[c]);
                }
            }
            if (first) { /* every window row is padding */
                for (ow = 0; ow < OW; ow++)
                    yr[ow] = -HUGE_VALF;
                continue;
            }
            for (ow = 0; ow < OW; ow++)
                yr[ow] = tmp[ow * SW];
            for (kw = 1; kw < KW; kw++) {
                const float *MLCC_PF_RESTRICT tk = tmp + kw * DW;
                for (ow = 0; ow < OW; ow++)
                    yr[ow] = MLCC_PF_MAX(yr[ow], tk[ow * SW]);
            }
        }
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_pool_gavg_f32 uses mlcc_pf_max */
MLCC_KERNEL(mlcc_pool_gavg_f32)
{
    const float *X = (const float *)in[0];
    float *Y = (float *)out[0];
    const int32_t NC = ip[0];
    const int32_t n = ip[1] * ip[2] * ip[3];
    int32_t p, i, j;
    MLCC_UNUSED(fp);
    for (p = 0; p < NC; p++) {
        const float *MLCC_PF_RESTRICT x = X + (size_t)p * (size_t)n;
        float acc[16] = {0.0f}, s = 0.0f;
        for (i = 0; i + 16 <= n; i += 16)
            for (j = 0; j < 16; j++)
                acc[j] += x[i + j];
        for (; i < n; i++)
            s += x[i];
        for (j = 0; j < 16; j++)
            s += acc[j];
        Y[p] = n > 0 ? s / (float)n : 0.0f;
    }
}
/* mlcc:end */
