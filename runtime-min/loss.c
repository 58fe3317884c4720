/* loss.c - NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss for float32,
 * float64, float16 (computed in float32).
 *
 * ip = [N, C, D, reduction (0 none, 1 sum, 2 mean), ignore (a class in
 * [0, C) or -1), target is int64, has weight, has log_prob]. in = [scores
 * (N, C, D), targets (N, D) int32 or int64, weight (C) or NULL]; out =
 * [loss (N*D values, or 1 when reduced), log_prob (N, C, D) when present,
 * then for SoftmaxCrossEntropyLoss a scratch of 2*D accumulators]. The score
 * of sample (n, d) for class c is at (n*C + c)*D + d. A target equal to the
 * ignored class or outside [0, C) adds neither loss nor weight; mean divides
 * the summed loss by the summed weight of the counted samples. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_loss_id */
#define MLCC_LOSS_ID(v) (v)
/* mlcc:end */

/* The class of sample (n, d) = j, or -1 when it is ignored or out of range. */
/* mlcc:helper mlcc_loss_target */
#define MLCC_LOSS_CLASS(j)                                                                  \
    do {                                                                                    \
        int64_t t_ = t64 ? ((const int64_t *)tg)[j] : (int64_t)((const int32_t *)tg)[j];   \
        cls = (t_ < 0 || t_ >= C || t_ == ign) ? -1 : (int32_t)t_;                          \
    } while (0)
/* mlcc:end */

/* T element type, A accumulator type, LD/ST convert T <-> A */
/* mlcc:helper mlcc_loss_nll_body uses mlcc_loss_target */
#define MLCC_LOSS_NLL(T, A, LD, ST)                                                        \
    const T *X = (const T *)in[0];                                                         \
    const void *tg = in[1];                                                                \
    const T *W = (const T *)in[2];                                                         \
    T *Y = (T *)out[0];                                                                    \
    int32_t N = ip[0], C = ip[1], D = ip[2], red = ip[3], ign = ip[4], t64 = ip[5];        \
    int32_t n, d, cls;                                                                     \
    A sum = 0, wsum = 0;                                                                   \
    MLCC_UNUSED(fp);                                                                       \
    for (n = 0; n < N; n++) {                                                              \
        for (d = 0; d < D; d++) {                                                          \
            A l = 0, w = 0;                                                                \
            MLCC_LOSS_CLASS(n * D + d);                                                    \
            if (cls >= 0) {                                                                \
                w = W ? LD(W[cls]) : (A)1;                                                 \
                l = -LD(X[(n * C + cls) * D + d]) * w;                                     \
            }                                                                              \
            if (red == 0) {                                                                \
                Y[n * D + d] = ST(l);                                                      \
            } else {                                                                       \
                sum += l;                                                                  \
                wsum += w;                                                                 \
            }                                                                              \
        }                                                                                  \
    }                                                                                      \
    if (red == 1)                                                                          \
        Y[0] = ST(sum);                                                                    \
    else if (red == 2)                                                                     \
        Y[0] = ST(sum / wsum);
/* mlcc:end */

/* LogSoftmax over C, per n: first the maximum and log-sum-exp of every
 * position d (contiguous loops over d), then log_prob and the loss. */
/* mlcc:helper mlcc_loss_sce_body uses mlcc_loss_target */
#define MLCC_LOSS_SCE(T, A, LD, ST, EXP, LN)                                               \
    const T *X = (const T *)in[0];                                                         \
    const void *tg = in[1];                                                                \
    const T *W = (const T *)in[2];                                                         \
    T *Y = (T *)out[0];                                                                    \
    int32_t N = ip[0], C = ip[1], D = ip[2], red = ip[3], ign = ip[4], t64 = ip[5];        \
    T *LP = ip[7] ? (T *)out[1] : (T *)0;                                                  \
    A *mx = (A *)out[ip[7] ? 2 : 1], *lse = mx + D;                                        \
    int32_t n, c, d, cls;                                                                  \
    A sum = 0, wsum = 0;                                                                   \
    MLCC_UNUSED(fp);                                                                       \
    for (n = 0; n < N; n++) {                                                              \
        const T *xn = X + n * C * D;                                                       \
        if (C > 0) {                                                                       \
            for (d = 0; d < D; d++)                                                        \
                mx[d] = LD(xn[d]);                                                         \
            for (c = 1; c < C; c++)                                                        \
                for (d = 0; d < D; d++) {                                                  \
                    A v = LD(xn[c * D + d]);                                               \
                    if (v > mx[d])                                                         \
                        mx[d] = v;                                                         \
                }                                                                          \
            for (d = 0; d < D; d++)                                                        \
                lse[d] = 0;                                                                \
            for (c = 0; c < C; c++)                                                        \
                for (d = 0; d < D; d++)                                                    \
                    lse[d] += EXP(LD(xn[c * D + d]) - mx[d]);                              \
            for (d = 0; d < D; d++)                                                        \
                lse[d] = mx[d] + LN(lse[d]);                                               \
            if (LP)                                                                        \
                for (c = 0; c < C; c++)                                                    \
                    for (d = 0; d < D; d++)                                                \
                        LP[(n * C + c) * D + d] = ST(LD(xn[c * D + d]) - lse[d]);          \
        }                                                                                  \
        for (d = 0; d < D; d++) {                                                          \
            A l = 0, w = 0;                                                                \
            MLCC_LOSS_CLASS(n * D + d);                                                    \
            if (cls >= 0) {                                                                \
                w = W ? LD(W[cls]) : (A)1;                                                 \
                l = (lse[d] - LD(xn[cls * D + d])) * w;                                    \
            }                                                                              \
            if (red == 0) {                                                                \
                Y[n * D + d] = ST(l);                                                      \
            } else {                                                                       \
                sum += l;                                                                  \
                wsum += w;                                                                 \
            }                                                                              \
        }                                                                                  \
    }                                                                                      \
    if (red == 1)                                                                          \
        Y[0] = ST(sum);                                                                    \
    else if (red == 2)                                                                     \
        Y[0] = ST(sum / wsum);
/* mlcc:end */

/* mlcc:kernel mlcc_loss_nll_f32 uses mlcc_loss_nll_body mlcc_loss_id */
MLCC_KERNEL(mlcc_loss_nll_f32) { MLCC_LOSS_NLL(float, float, MLCC_LOSS_ID, MLCC_LOSS_ID) }
/* mlcc:end */
/* mlcc:kernel mlcc_loss_nll_f64 uses mlcc_loss_nll_body mlcc_loss_id */
MLCC_KERNEL(mlcc_loss_nll_f64) { MLCC_LOSS_NLL(double, double, MLCC_LOSS_ID, MLCC_LOSS_ID) }
/* mlcc:end */
/* mlcc:kernel mlcc_loss_nll_f16 uses mlcc_loss_nll_body mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_loss_nll_f16) { MLCC_LOSS_NLL(uint16_t, float, mlcc_h2f, mlcc_f2h) }
/* mlcc:end */

/* mlcc:kernel mlcc_loss_sce_f32 uses mlcc_loss_sce_body mlcc_loss_id libm */
MLCC_KERNEL(mlcc_loss_sce_f32) { MLCC_LOSS_SCE(float, float, MLCC_LOSS_ID, MLCC_LOSS_ID, expf, logf) }
/* mlcc:end */
/* mlcc:kernel mlcc_loss_sce_f64 uses mlcc_loss_sce_body mlcc_loss_id libm */
MLCC_KERNEL(mlcc_loss_sce_f64) { MLCC_LOSS_SCE(double, double, MLCC_LOSS_ID, MLCC_LOSS_ID, exp, log) }
/* mlcc:end */
/* mlcc:kernel mlcc_loss_sce_f16 uses mlcc_loss_sce_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_loss_sce_f16) { MLCC_LOSS_SCE(uint16_t, float, mlcc_h2f, mlcc_f2h, expf, logf) }
/* mlcc:end */
