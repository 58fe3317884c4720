/* pool.c - windowed and global pooling: MaxPool (float16/32/64, int8, uint8,
 * optional int64 Indices), AveragePool and LpPool (float16/32/64).
 *
 * The compiler pads the spatial dims to 3 (D, H, W), so
 * ip = [NC, in D H W, out D H W, kernel D H W, stride D H W, dilation D H W,
 *       pad-begin D H W, pad-end D H W, extra...]
 * extra: MaxPool [has_indices, storage_order]; AveragePool [count_include_pad].
 * fp: LpPool [p]. Padded taps never count (max ignores them, lp adds 0);
 * AveragePool divides by the taps inside the input, or with count_include_pad
 * by the taps inside the padded input. float16 is computed in float32. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_pool_geom */
#define MLCC_POOL_GEOM                                                                    \
    const int32_t NC = ip[0], ID = ip[1], IH = ip[2], IW = ip[3], OD = ip[4], OH = ip[5];  \
    const int32_t OW = ip[6], KD = ip[7], KH = ip[8], KW = ip[9], SD = ip[10], SH = ip[11]; \
    const int32_t SW = ip[12], DD = ip[13], DH = ip[14], DW = ip[15], PD = ip[16];         \
    const int32_t PH = ip[17], PW = ip[18];                                               \
    const size_t isz = (size_t)ID * (size_t)IH * (size_t)IW;                              \
    const size_t osz = (size_t)OD * (size_t)OH * (size_t)OW;                              \
    int32_t p, od, oh, ow, kd, kh, kw, ds, dlo, dhi, hs, hlo, hhi, ws, wlo, whi;
/* taps [lo, hi) of window `o` along one dim that fall inside an input of
 * extent I: tap t reads position st + t*D, st = o*S - P */
#define MLCC_POOL_WIN(o, S, P, D, K, I, st, lo, hi)                                       \
    st = (o) * (S) - (P);                                                                 \
    lo = st < 0 ? (-st + (D) - 1) / (D) : 0;                                              \
    hi = (I) - st <= 0 ? 0 : ((I) - st + (D) - 1) / (D);                                  \
    if (hi > (K))                                                                         \
        hi = (K);                                                                         \
    if (hi < lo)                                                                          \
        hi = lo;
/* mlcc:end */

/* MaxPool: A is the comparison type, LOWEST the start value; a NaN tap
 * makes the result NaN (NAN_(v) is 0 for integers) */
/* mlcc:helper mlcc_pool_max_body */
#define MLCC_POOL_ISNAN(v) ((v) != (v))
#define MLCC_POOL_NONAN(v) 0
#define MLCC_POOL_MAX(T, A, LD, ST, LOWEST, NAN_)                                         \
    const T *X = (const T *)in[0];                                                        \
    T *Y = (T *)out[0];                                                                   \
    int64_t *I = ip[22] ? (int64_t *)out[1] : NULL;                                       \
    const int32_t colmajor = ip[23];                                                      \
    MLCC_POOL_GEOM                                                                        \
    MLCC_UNUSED(fp);                                                                      \
    for (p = 0; p < NC; p++) {                                                            \
        const T *x = X + (size_t)p * isz;                                                 \
        T *y = Y + (size_t)p * osz;                                                       \
        for (od = 0; od < OD; od++) {                                                     \
            MLCC_POOL_WIN(od, SD, PD, DD, KD, ID, ds, dlo, dhi)                           \
            for (oh = 0; oh < OH; oh++) {                                                 \
                MLCC_POOL_WIN(oh, SH, PH, DH, KH, IH, hs, hlo, hhi)                       \
                for (ow = 0; ow < OW; ow++) {                                             \
                    A m = LOWEST;                                                         \
                    int32_t best = -1;                                                    \
                    MLCC_POOL_WIN(ow, SW, PW, DW, KW, IW, ws, wlo, whi)                   \
                    for (kd = dlo; kd < dhi; kd++)                                        \
                        for (kh = hlo; kh < hhi; kh++) {                                  \
                            int32_t r = ((ds + kd * DD) * IH + hs + kh * DH) * IW + ws;   \
                            const T *row = x + r;                                         \
                            for (kw = wlo; kw < whi; kw++) {                              \
                                A v = LD(row[kw * DW]);                                   \
                                if (v > m || best < 0 || (NAN_(v) && !NAN_(m))) {         \
                                    m = v;                                                \
                                    best = r + kw * DW;                                   \
                                }                                                         \
                            }                                                             \
                        }                                                                 \
                    *y++ = ST(m);                                                         \
                    if (I) {                                                              \
                        int64_t q = best;                                                 \
                        if (best >= 0 && colmajor) {                                      \
                            int32_t w = best % IW, h = (best / IW) % IH, d = best / IW / IH; \
                            q = ((int64_t)w * IH + h) * ID + d;                           \
                        }                                                                 \
                        *I++ = best < 0 ? -1 : (int64_t)p * (int64_t)isz + q;             \
                    }                                                                     \
                }                                                                         \
            }                                                                             \
        }                                                                                 \
    }
/* mlcc:end */

/* AveragePool (LP 0) and LpPool (LP 1): sum of ACC(v) over the taps, then FIN */
/* mlcc:helper mlcc_pool_sum_body */
#define MLCC_POOL_SUM(T, A, LD, ST, ACC, FIN, LP)                                         \
    const T *X = (const T *)in[0];                                                        \
    T *Y = (T *)out[0];                                                                   \
    const int32_t incl = LP ? 0 : ip[22];                                                 \
    const A pw = LP ? (A)fp[0] : (A)1;                                                    \
    const int32_t QD = ip[19], QH = ip[20], QW = ip[21];                                  \
    int32_t cd, ch, cw, cnt, t0, t1, t2;                                                  \
    MLCC_POOL_GEOM                                                                        \
    for (p = 0; p < NC; p++) {                                                            \
        const T *x = X + (size_t)p * isz;                                                 \
        T *y = Y + (size_t)p * osz;                                                       \
        for (od = 0; od < OD; od++) {                                                     \
            MLCC_POOL_WIN(od, SD, PD, DD, KD, ID, ds, dlo, dhi)                           \
            cd = dhi - dlo;                                                               \
            if (incl) {                                                                   \
                MLCC_POOL_WIN(od, SD, 0, DD, KD, ID + PD + QD, t0, t1, t2)                \
                cd = t2 - t1;                                                             \
            }                                                                             \
            for (oh = 0; oh < OH; oh++) {                                                 \
                MLCC_POOL_WIN(oh, SH, PH, DH, KH, IH, hs, hlo, hhi)                       \
                ch = hhi - hlo;                                                           \
                if (incl) {                                                               \
                    MLCC_POOL_WIN(oh, SH, 0, DH, KH, IH + PH + QH, t0, t1, t2)            \
                    ch = t2 - t1;                                                         \
                }                                                                         \
                for (ow = 0; ow < OW; ow++) {                                             \
                    A s = 0;                                                              \
                    MLCC_POOL_WIN(ow, SW, PW, DW, KW, IW, ws, wlo, whi)                   \
                    cw = whi - wlo;                                                       \
                    if (incl) {                                                           \
                        MLCC_POOL_WIN(ow, SW, 0, DW, KW, IW + PW + QW, t0, t1, t2)        \
                        cw = t2 - t1;                                                     \
                    }                                                                     \
                    for (kd = dlo; kd < dhi; kd++)                                        \
                        for (kh = hlo; kh < hhi; kh++) {                                  \
                            const T *row = x + ((ds + kd * DD) * IH + hs + kh * DH) * IW + ws; \
                            for (kw = wlo; kw < whi; kw++) {                              \
                                A v = LD(row[kw * DW]);                                   \
                                s += ACC;                                                 \
                            }                                                             \
                        }                                                                 \
                    cnt = cd * ch * cw;                                                   \
                    *y++ = ST(FIN);                                                       \
                }                                                                         \
            }                                                                             \
        }                                                                                 \
    }
/* mlcc:end */

/* mlcc:helper mlcc_pool_id */
#define MLCC_POOL_ID(v) (v)
/* mlcc:end */

/* AveragePool: an empty window (all padding, count_include_pad 0) gives 0 */
/* mlcc:kernel mlcc_pool_avg_f32 uses mlcc_pool_geom mlcc_pool_sum_body mlcc_pool_id */
MLCC_KERNEL(mlcc_pool_avg_f32)
{
    MLCC_POOL_SUM(float, float, MLCC_POOL_ID, MLCC_POOL_ID, v, cnt > 0 ? s / (float)cnt : 0.0f, 0)
    MLCC_UNUSED(pw);
}
/* mlcc:end */
/* mlcc:kernel mlcc_pool_avg_f64 uses mlcc_pool_geom mlcc_pool_sum_body mlcc_pool_id */
MLCC_KERNEL(mlcc_pool_avg_f64)
{
    MLCC_POOL_SUM(double, double, MLCC_POOL_ID, MLCC_POOL_ID, v, cnt > 0 ? s / (double)cnt : 0.0, 0)
    MLCC_UNUSED(pw);
}
/* mlcc:end */
/* mlcc:kernel mlcc_pool_avg_f16 uses mlcc_pool_geom mlcc_pool_sum_body mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_pool_avg_f16)
{
    MLCC_POOL_SUM(uint16_t, float, mlcc_h2f, mlcc_f2h, v, cnt > 0 ? s / (float)cnt : 0.0f, 0)
    MLCC_UNUSED(pw);
}
/* mlcc:end */

/* LpPool: (sum |v|^p)^(1/p), with p = 1 and p = 2 exact */
/* mlcc:kernel mlcc_pool_lp_f32 uses mlcc_pool_geom mlcc_pool_sum_body mlcc_pool_id libm */
MLCC_KERNEL(mlcc_pool_lp_f32)
{
    MLCC_POOL_SUM(float, float, MLCC_POOL_ID, MLCC_POOL_ID,
                  pw == 2.0f ? v * v : pw == 1.0f ? fabsf(v) : powf(fabsf(v), pw),
                  pw == 2.0f ? sqrtf(s) : pw == 1.0f ? s : powf(s, 1.0f / pw), 1)
    MLCC_UNUSED(cnt);
}
/* mlcc:end */
/* mlcc:kernel mlcc_pool_lp_f64 uses mlcc_pool_geom mlcc_pool_sum_body mlcc_pool_id libm */
MLCC_KERNEL(mlcc_pool_lp_f64)
{
    MLCC_POOL_SUM(double, double, MLCC_POOL_ID, MLCC_POOL_ID,
                  pw == 2.0 ? v * v : pw == 1.0 ? fabs(v) : pow(fabs(v), pw),
                  pw == 2.0 ? sqrt(s) : pw == 1.0 ? s : pow(s, 1.0 / pw), 1)
    MLCC_UNUSED(cnt);
}
/* mlcc:end */
/* mlcc:kernel mlcc_pool_lp_f16 uses mlcc_pool_geom mlcc_pool_sum_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_pool_lp_f16)
{
    MLCC_POOL_SUM(uint16_t, float, mlcc_h2f, mlcc_f2h,
                  pw == 2.0f ? v * v : pw == 1.0f ? fabsf(v) : powf(fabsf(v), pw),
                  pw == 2.0f ? sqrtf(s) : pw == 1.0f ? s : powf(s, 1.0f / pw), 1)
    MLCC_UNUSED(cnt);
}
/* mlcc:end */

/* MaxPool: the first maximum in row-major window order wins (its index) */
/* mlcc:kernel mlcc_pool_max_f32 uses mlcc_pool_geom mlcc_pool_max_body mlcc_pool_id libm */
MLCC_KERNEL(mlcc_pool_max_f32) { MLCC_POOL_MAX(float, float, MLCC_POOL_ID, MLCC_POOL_ID, -HUGE_VALF, MLCC_POOL_ISNAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_pool_max_f64 uses mlcc_pool_geom mlcc_pool_max_body mlcc_pool_id libm */
MLCC_KERNEL(mlcc_pool_max_f64) { MLCC_POOL_MAX(double, double, MLCC_POOL_ID, MLCC_POOL_ID, -HUGE_VAL, MLCC_POOL_ISNAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_pool_max_f16 uses mlcc_pool_geom mlcc_pool_max_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_pool_max_f16) { MLCC_POOL_MAX(uint16_t, float, mlcc_h2f, mlcc_f2h, -HUGE_VALF, MLCC_POOL_ISNAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_pool_max_i8 uses mlcc_pool_geom mlcc_pool_max_body mlcc_pool_id */
MLCC_KERNEL(mlcc_pool_max_i8) { MLCC_POOL_MAX(int8_t, int8_t, MLCC_POOL_ID, MLCC_POOL_ID, INT8_MIN, MLCC_POOL_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_pool_max_u8 uses mlcc_pool_geom mlcc_pool_max_body mlcc_pool_id */
MLCC_KERNEL(mlcc_pool_max_u8) { MLCC_POOL_MAX(uint8_t, uint8_t, MLCC_POOL_ID, MLCC_POOL_ID, 0, MLCC_POOL_NONAN) }
/* mlcc:end */
