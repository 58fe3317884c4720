/* norm.c - normalisation kernels for float32, float64, float16 (float16 is
 * computed in float32): BatchNormalization (inference and training mode),
 * InstanceNormalization, LayerNormalization, LRN, MeanVarianceNormalization,
 * LpNormalization.
 * Means and variances are computed in two passes (mean, then squared
 * deviations) for accuracy. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_norm_id */
#define MLCC_NORM_ID(v) (v)
/* mlcc:end */

/* BatchNormalization, inference: y = (x - mean) * scale / sqrt(var + eps) + B.
 * ip = [N, C, inner, per_activation], fp = [eps]; in = X, scale, B, mean, var
 * (C values, or C*inner when per_activation: opset < 9 with spatial = 0) */
/* mlcc:helper mlcc_norm_batch_body */
#define MLCC_NORM_BATCH(T, A, LD, ST, SQRT)                                               \
    const T *X = (const T *)in[0], *S = (const T *)in[1], *B = (const T *)in[2];          \
    const T *M = (const T *)in[3], *V = (const T *)in[4];                                 \
    T *Y = (T *)out[0];                                                                   \
    const int32_t N = ip[0], C = ip[1], inner = ip[2], pa = ip[3];                        \
    const A eps = (A)fp[0];                                                               \
    int32_t n, c, i;                                                                      \
    for (n = 0; n < N; n++)                                                               \
        for (c = 0; c < C; c++) {                                                         \
            const T *x = X + ((size_t)n * (size_t)C + (size_t)c) * (size_t)inner;         \
            T *y = Y + ((size_t)n * (size_t)C + (size_t)c) * (size_t)inner;               \
            if (!pa) {                                                                    \
                const A a = LD(S[c]) / SQRT(LD(V[c]) + eps), m = LD(M[c]), b = LD(B[c]);  \
                for (i = 0; i < inner; i++)                                               \
                    y[i] = ST((LD(x[i]) - m) * a + b);                                    \
            } else {                                                                      \
                const size_t k = (size_t)c * (size_t)inner;                               \
                for (i = 0; i < inner; i++) {                                             \
                    const size_t q = k + (size_t)i;                                       \
                    y[i] = ST((LD(x[i]) - LD(M[q])) * (LD(S[q]) / SQRT(LD(V[q]) + eps)) + LD(B[q])); \
                }                                                                         \
            }                                                                             \
        }
/* mlcc:end */

/* BatchNormalization, training mode: the batch mean and (population)
 * variance of every channel (over N and the spatial dims; over N only per
 * activation) normalise X: y = (x - mean) * scale / sqrt(var + eps) + B; the
 * running statistics become input_mean * momentum + mean * (1 - momentum)
 * (the same for var). ip = [N, C, inner, per_activation], fp = [eps,
 * momentum]; in = X, scale, B, input_mean, input_var; out = Y, running_mean,
 * running_var, saved_mean (each NULL when not wanted), then a scratch of 2*G
 * accumulators (G = C, or C*inner per activation). */
/* mlcc:helper mlcc_norm_batch_train_body */
#define MLCC_NORM_BATCH_TRAIN_PASS(STMT)                                                  \
    for (n = 0; n < N; n++)                                                               \
        for (c = 0; c < C; c++) {                                                         \
            const size_t o = ((size_t)n * (size_t)C + (size_t)c) * (size_t)inner;         \
            const size_t gb = pa ? (size_t)c * (size_t)inner : (size_t)c, gs = pa ? 1u : 0u; \
            for (i = 0; i < inner; i++) {                                                 \
                const size_t q = gb + gs * (size_t)i;                                     \
                STMT;                                                                     \
            }                                                                             \
        }
#define MLCC_NORM_BATCH_TRAIN(T, A, LD, ST, SQRT)                                         \
    const T *X = (const T *)in[0], *S = (const T *)in[1], *B = (const T *)in[2];          \
    const T *M = (const T *)in[3], *V = (const T *)in[4];                                 \
    T *Y = (T *)out[0], *RM = (T *)out[1], *RV = (T *)out[2], *SM = (T *)out[3];          \
    const int32_t N = ip[0], C = ip[1], inner = ip[2], pa = ip[3];                        \
    const int32_t G = pa ? C * inner : C;                                                 \
    A *mu = (A *)out[4], *va = mu + G;                                                    \
    const A eps = (A)fp[0], mom = (A)fp[1];                                               \
    const A cnt = (A)N * (pa ? (A)1 : (A)inner);                                          \
    int32_t n, c, i, g;                                                                   \
    for (g = 0; g < G; g++)                                                               \
        mu[g] = va[g] = 0;                                                                \
    MLCC_NORM_BATCH_TRAIN_PASS(mu[q] += LD(X[o + (size_t)i]))                             \
    for (g = 0; g < G; g++)                                                               \
        mu[g] /= cnt;                                                                     \
    MLCC_NORM_BATCH_TRAIN_PASS(A d = LD(X[o + (size_t)i]) - mu[q]; va[q] += d * d)         \
    for (g = 0; g < G; g++) {                                                             \
        va[g] /= cnt;                                                                     \
        if (RM)                                                                           \
            RM[g] = ST(LD(M[g]) * mom + mu[g] * ((A)1 - mom));                            \
        if (RV)                                                                           \
            RV[g] = ST(LD(V[g]) * mom + va[g] * ((A)1 - mom));                            \
        if (SM)                                                                           \
            SM[g] = ST(mu[g]);                                                            \
        va[g] = LD(S[g]) / SQRT(va[g] + eps); /* now the scale */                         \
        mu[g] = LD(B[g]) - mu[g] * va[g];     /* now the shift */                         \
    }                                                                                     \
    MLCC_NORM_BATCH_TRAIN_PASS(Y[o + (size_t)i] = ST(LD(X[o + (size_t)i]) * va[q] + mu[q]))
/* mlcc:end */

/* InstanceNormalization: per (n, c) plane, y = (x - mean) * scale[c] /
 * sqrt(var + eps) + B[c]. ip = [N, C, inner], fp = [eps]; in = X, scale, B */
/* mlcc:helper mlcc_norm_instance_body */
#define MLCC_NORM_INSTANCE(T, A, LD, ST, SQRT)                                            \
    const T *X = (const T *)in[0], *S = (const T *)in[1], *B = (const T *)in[2];          \
    T *Y = (T *)out[0];                                                                   \
    const int32_t N = ip[0], C = ip[1], inner = ip[2];                                    \
    const A eps = (A)fp[0];                                                               \
    int32_t n, c, i;                                                                      \
    if (inner <= 0)                                                                       \
        return;                                                                           \
    for (n = 0; n < N; n++)                                                               \
        for (c = 0; c < C; c++) {                                                         \
            const T *x = X + ((size_t)n * (size_t)C + (size_t)c) * (size_t)inner;         \
            T *y = Y + ((size_t)n * (size_t)C + (size_t)c) * (size_t)inner;               \
            A mean = 0, var = 0, a, b;                                                    \
            for (i = 0; i < inner; i++)                                                   \
                mean += LD(x[i]);                                                         \
            mean /= (A)inner;                                                             \
            for (i = 0; i < inner; i++) {                                                 \
                A d = LD(x[i]) - mean;                                                    \
                var += d * d;                                                             \
            }                                                                             \
            var /= (A)inner;                                                              \
            a = LD(S[c]) / SQRT(var + eps);                                               \
            b = LD(B[c]);                                                                 \
            for (i = 0; i < inner; i++)                                                   \
                y[i] = ST((LD(x[i]) - mean) * a + b);                                     \
        }
/* mlcc:end */

/* LayerNormalization: each of `outer` rows of `inner` elements is
 * standardised, then y = norm * scale + B with scale and B broadcast to X.
 * ip = [outer, inner, has_B, has_mean, has_invstd, row, r, dims[r],
 * scale strides[r], B strides[r]]: row = 1 when scale and B are one
 * contiguous row shared by every row; else the strides walk X's (merged)
 * dims r. fp = [eps]; in = X, scale, B or NULL; out = Y, then Mean and
 * InvStdDev (float32) when present. */
/* mlcc:helper mlcc_norm_layer_body */
#define MLCC_NORM_LAYER(T, A, LD, ST, SQRT)                                               \
    const T *X = (const T *)in[0], *S = (const T *)in[1];                                 \
    const T *B = ip[2] ? (const T *)in[2] : NULL;                                         \
    T *Y = (T *)out[0];                                                                   \
    float *Mo = ip[3] ? (float *)out[1] : NULL;                                           \
    float *Io = ip[4] ? (float *)out[1 + ip[3]] : NULL;                                   \
    const int32_t outer = ip[0], inner = ip[1], row = ip[5], r = ip[6];                   \
    const int32_t *dims = ip + 7, *ss = dims + r, *sb = ss + r;                           \
    int32_t idx[MLCC_MAX_RANK] = {0}, os = 0, ob = 0;                                     \
    const A eps = (A)fp[0];                                                               \
    int32_t o, i, k;                                                                      \
    if (inner <= 0)                                                                       \
        return;                                                                           \
    for (o = 0; o < outer; o++) {                                                         \
        const T *x = X + (size_t)o * (size_t)inner;                                       \
        T *y = Y + (size_t)o * (size_t)inner;                                             \
        A mean = 0, var = 0, inv;                                                         \
        for (i = 0; i < inner; i++)                                                       \
            mean += LD(x[i]);                                                             \
        mean /= (A)inner;                                                                 \
        for (i = 0; i < inner; i++) {                                                     \
            A d = LD(x[i]) - mean;                                                        \
            var += d * d;                                                                 \
        }                                                                                 \
        var /= (A)inner;                                                                  \
        inv = (A)1 / SQRT(var + eps);                                                     \
        if (Mo)                                                                           \
            Mo[o] = (float)mean;                                                          \
        if (Io)                                                                           \
            Io[o] = (float)inv;                                                           \
        if (row) {                                                                        \
            for (i = 0; i < inner; i++)                                                   \
                y[i] = ST((LD(x[i]) - mean) * inv * LD(S[i]) + (B ? LD(B[i]) : (A)0));    \
            continue;                                                                     \
        }                                                                                 \
        for (i = 0; i < inner; i++) {                                                     \
            y[i] = ST((LD(x[i]) - mean) * inv * LD(S[os]) + (B ? LD(B[ob]) : (A)0));      \
            for (k = r - 1; k >= 0; k--) {                                                \
                os += ss[k];                                                              \
                ob += sb[k];                                                              \
                if (++idx[k] < dims[k])                                                   \
                    break;                                                                \
                os -= ss[k] * dims[k];                                                    \
                ob -= sb[k] * dims[k];                                                    \
                idx[k] = 0;                                                               \
            }                                                                             \
        }                                                                                 \
    }
/* mlcc:end */

/* LRN across channels: y = x / (bias + alpha/size * sum of x^2 over channels
 * [c - (size-1)/2, c + size/2])^beta. ip = [N, C, inner, size],
 * fp = [alpha/size, beta, bias]; out[1] = scratch of inner accumulators. */
/* mlcc:helper mlcc_norm_lrn_body */
#define MLCC_NORM_LRN(T, A, LD, ST, POW)                                                  \
    const T *X = (const T *)in[0];                                                        \
    T *Y = (T *)out[0];                                                                   \
    A *sum = (A *)out[1];                                                                 \
    const int32_t N = ip[0], C = ip[1], inner = ip[2], lo = (ip[3] - 1) / 2, hi = ip[3] / 2; \
    const A alpha = (A)fp[0], beta = (A)fp[1], bias = (A)fp[2];                           \
    int32_t n, c, c2, i;                                                                  \
    for (n = 0; n < N; n++)                                                               \
        for (c = 0; c < C; c++) {                                                         \
            const T *xn = X + (size_t)n * (size_t)C * (size_t)inner;                      \
            const T *x = xn + (size_t)c * (size_t)inner;                                  \
            T *y = Y + ((size_t)n * (size_t)C + (size_t)c) * (size_t)inner;               \
            const int32_t c0 = c - lo < 0 ? 0 : c - lo, c1 = c + hi >= C ? C - 1 : c + hi; \
            for (i = 0; i < inner; i++)                                                   \
                sum[i] = 0;                                                               \
            for (c2 = c0; c2 <= c1; c2++) {                                               \
                const T *xc = xn + (size_t)c2 * (size_t)inner;                            \
                for (i = 0; i < inner; i++) {                                             \
                    A v = LD(xc[i]);                                                      \
                    sum[i] += v * v;                                                      \
                }                                                                         \
            }                                                                             \
            for (i = 0; i < inner; i++)                                                   \
                y[i] = ST(LD(x[i]) / POW(bias + alpha * sum[i], beta));                   \
        }
/* mlcc:end */

/* MeanVarianceNormalization: y = (x - mean) / (sqrt(var) + eps), mean and
 * (population) variance over the reduced axes. ip = [total, kept, r, dims[r],
 * kept strides[r] (0 on reduced dims)] (dims merged), fp = [eps];
 * out[1] = scratch of 2*kept accumulators. Every pass walks X in order. */
/* mlcc:helper mlcc_norm_mvn_body */
#define MLCC_NORM_MVN_PASS(STMT)                                                          \
    {                                                                                     \
        int32_t idx[MLCC_MAX_RANK] = {0}, kb = 0, j, t;                                   \
        size_t e = 0;                                                                     \
        while (e < total) {                                                               \
            for (j = 0; j < len; j++, e++) {                                              \
                const int32_t q = kb + j * kl;                                            \
                STMT;                                                                     \
            }                                                                             \
            for (t = r - 2; t >= 0; t--) {                                                \
                kb += ks[t];                                                              \
                if (++idx[t] < dims[t])                                                   \
                    break;                                                                \
                kb -= ks[t] * dims[t];                                                    \
                idx[t] = 0;                                                               \
            }                                                                             \
        }                                                                                 \
    }
#define MLCC_NORM_MVN(T, A, LD, ST, SQRT)                                                 \
    const T *X = (const T *)in[0];                                                        \
    T *Y = (T *)out[0];                                                                   \
    const size_t total = (size_t)ip[0];                                                   \
    const int32_t kept = ip[1], r = ip[2], *dims = ip + 3, *ks = dims + r;                \
    const int32_t len = dims[r - 1], kl = ks[r - 1];                                      \
    A *mean = (A *)out[1], *den = mean + kept, cnt;                                       \
    const A eps = (A)fp[0];                                                               \
    int32_t k;                                                                            \
    if (total == 0 || kept <= 0)                                                          \
        return;                                                                           \
    cnt = (A)(total / (size_t)kept);                                                      \
    for (k = 0; k < kept; k++)                                                            \
        mean[k] = den[k] = 0;                                                             \
    MLCC_NORM_MVN_PASS(mean[q] += LD(X[e]))                                               \
    for (k = 0; k < kept; k++)                                                            \
        mean[k] /= cnt;                                                                   \
    MLCC_NORM_MVN_PASS(A d = LD(X[e]) - mean[q]; den[q] += d * d)                         \
    for (k = 0; k < kept; k++)                                                            \
        den[k] = SQRT(den[k] / cnt) + eps;                                                \
    MLCC_NORM_MVN_PASS(Y[e] = ST((LD(X[e]) - mean[q]) / den[q]))
/* mlcc:end */

/* LpNormalization: y = x / ||x||_p along one axis (p = 1 or 2); a zero norm
 * gives 0. ip = [outer, n, inner, p]; when inner > 1, out[1] = scratch of
 * inner accumulators. */
/* mlcc:helper mlcc_norm_lp_body */
#define MLCC_NORM_LP(T, A, LD, ST, SQRT, ABS)                                             \
    const T *X = (const T *)in[0];                                                        \
    T *Y = (T *)out[0];                                                                   \
    const int32_t outer = ip[0], n = ip[1], inner = ip[2], p2 = ip[3] == 2;               \
    int32_t o, j, i;                                                                      \
    MLCC_UNUSED(fp);                                                                      \
    for (o = 0; o < outer; o++) {                                                         \
        const T *x = X + (size_t)o * (size_t)n * (size_t)inner;                           \
        T *y = Y + (size_t)o * (size_t)n * (size_t)inner;                                 \
        if (inner == 1) {                                                                 \
            A s = 0;                                                                      \
            for (j = 0; j < n; j++) {                                                     \
                A v = LD(x[j]);                                                           \
                s += p2 ? v * v : ABS(v);                                                 \
            }                                                                             \
            if (p2)                                                                       \
                s = SQRT(s);                                                              \
            for (j = 0; j < n; j++)                                                       \
                y[j] = ST(s != 0 ? LD(x[j]) / s : (A)0);                                  \
        } else {                                                                          \
            A *s = (A *)out[1];                                                           \
            for (i = 0; i < inner; i++)                                                   \
                s[i] = 0;                                                                 \
            for (j = 0; j < n; j++)                                                       \
                for (i = 0; i < inner; i++) {                                             \
                    A v = LD(x[(size_t)j * (size_t)inner + (size_t)i]);                   \
                    s[i] += p2 ? v * v : ABS(v);                                          \
                }                                                                         \
            if (p2)                                                                       \
                for (i = 0; i < inner; i++)                                               \
                    s[i] = SQRT(s[i]);                                                    \
            for (j = 0; j < n; j++)                                                       \
                for (i = 0; i < inner; i++) {                                             \
                    size_t e = (size_t)j * (size_t)inner + (size_t)i;                     \
                    y[e] = ST(s[i] != 0 ? LD(x[e]) / s[i] : (A)0);                        \
                }                                                                         \
        }                                                                                 \
    }
/* mlcc:end */

/* ---- float32 ---- */
/* mlcc:kernel mlcc_norm_batch_f32 uses mlcc_norm_batch_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_batch_f32) { MLCC_NORM_BATCH(float, float, MLCC_NORM_ID, MLCC_NORM_ID, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_batch_train_f32 uses mlcc_norm_batch_train_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_batch_train_f32) { MLCC_NORM_BATCH_TRAIN(float, float, MLCC_NORM_ID, MLCC_NORM_ID, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_instance_f32 uses mlcc_norm_instance_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_instance_f32) { MLCC_NORM_INSTANCE(float, float, MLCC_NORM_ID, MLCC_NORM_ID, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_layer_f32 uses mlcc_norm_layer_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_layer_f32) { MLCC_NORM_LAYER(float, float, MLCC_NORM_ID, MLCC_NORM_ID, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_lrn_f32 uses mlcc_norm_lrn_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_lrn_f32) { MLCC_NORM_LRN(float, float, MLCC_NORM_ID, MLCC_NORM_ID, powf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_mvn_f32 uses mlcc_norm_mvn_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_mvn_f32) { MLCC_NORM_MVN(float, float, MLCC_NORM_ID, MLCC_NORM_ID, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_lp_f32 uses mlcc_norm_lp_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_lp_f32) { MLCC_NORM_LP(float, float, MLCC_NORM_ID, MLCC_NORM_ID, sqrtf, fabsf) }
/* mlcc:end */
/* ---- float64 ---- */
/* mlcc:kernel mlcc_norm_batch_f64 uses mlcc_norm_batch_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_batch_f64) { MLCC_NORM_BATCH(double, double, MLCC_NORM_ID, MLCC_NORM_ID, sqrt) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_batch_train_f64 uses mlcc_norm_batch_train_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_batch_train_f64) { MLCC_NORM_BATCH_TRAIN(double, double, MLCC_NORM_ID, MLCC_NORM_ID, sqrt) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_instance_f64 uses mlcc_norm_instance_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_instance_f64) { MLCC_NORM_INSTANCE(double, double, MLCC_NORM_ID, MLCC_NORM_ID, sqrt) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_layer_f64 uses mlcc_norm_layer_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_layer_f64) { MLCC_NORM_LAYER(double, double, MLCC_NORM_ID, MLCC_NORM_ID, sqrt) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_lrn_f64 uses mlcc_norm_lrn_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_lrn_f64) { MLCC_NORM_LRN(double, double, MLCC_NORM_ID, MLCC_NORM_ID, pow) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_mvn_f64 uses mlcc_norm_mvn_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_mvn_f64) { MLCC_NORM_MVN(double, double, MLCC_NORM_ID, MLCC_NORM_ID, sqrt) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_lp_f64 uses mlcc_norm_lp_body mlcc_norm_id libm */
MLCC_KERNEL(mlcc_norm_lp_f64) { MLCC_NORM_LP(double, double, MLCC_NORM_ID, MLCC_NORM_ID, sqrt, fabs) }
/* mlcc:end */
/* ---- float16 ---- */
/* mlcc:kernel mlcc_norm_batch_f16 uses mlcc_norm_batch_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_norm_batch_f16) { MLCC_NORM_BATCH(uint16_t, float, mlcc_h2f, mlcc_f2h, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_batch_train_f16 uses mlcc_norm_batch_train_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_norm_batch_train_f16) { MLCC_NORM_BATCH_TRAIN(uint16_t, float, mlcc_h2f, mlcc_f2h, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_instance_f16 uses mlcc_norm_instance_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_norm_instance_f16) { MLCC_NORM_INSTANCE(uint16_t, float, mlcc_h2f, mlcc_f2h, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_layer_f16 uses mlcc_norm_layer_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_norm_layer_f16) { MLCC_NORM_LAYER(uint16_t, float, mlcc_h2f, mlcc_f2h, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_lrn_f16 uses mlcc_norm_lrn_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_norm_lrn_f16) { MLCC_NORM_LRN(uint16_t, float, mlcc_h2f, mlcc_f2h, powf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_mvn_f16 uses mlcc_norm_mvn_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_norm_mvn_f16) { MLCC_NORM_MVN(uint16_t, float, mlcc_h2f, mlcc_f2h, sqrtf) }
/* mlcc:end */
/* mlcc:kernel mlcc_norm_lp_f16 uses mlcc_norm_lp_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_norm_lp_f16) { MLCC_NORM_LP(uint16_t, float, mlcc_h2f, mlcc_f2h, sqrtf, fabsf) }
/* mlcc:end */
