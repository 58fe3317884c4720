/* activation.c - pointwise activations: Relu LeakyRelu PRelu Elu Selu Celu Clip
 * Sigmoid HardSigmoid HardSwish Tanh Softplus Softsign ThresholdedRelu Shrink Erf.
 *
 * Pointwise kernels: ip = [n], in[0] = X, out[0] = Y, fp = the op's float
 * attributes (alpha, beta, gamma, lambd, bias; see each kernel).
 * Clip: ip = [n, has_min, has_max], fp = [min, max] (attributes, opset < 11);
 * in[1] / in[2] are the optional min / max inputs (opset 11+, scalars read at
 * run time), which take precedence over fp when present.
 * PRelu: ip = [n, r, dims[r], sx[r], ss[r]] as the broadcast binary kernels of
 * elementwise.c (slope broadcast to X's shape).
 * float16 is stored as float16 bits and computed in float32; float64 in double.
 * NaN inputs give NaN outputs (comparisons are written so NaN falls through). */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* Y[i] = ST(EXPR) with x = LD(X[i]): TS storage type, TC compute type */
/* mlcc:helper mlcc_act_map */
#define MLCC_ACT_MAP(TS, TC, LD, ST, EXPR)                                            \
    const TS *X = (const TS *)in[0];                                                  \
    TS *Y = (TS *)out[0];                                                             \
    int32_t n = ip[0], i;                                                             \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i++) {                                                         \
        TC x = LD(X[i]);                                                              \
        Y[i] = ST(EXPR);                                                              \
    }
/* mlcc:end */

/* Relu: max(0, x) */
/* mlcc:kernel mlcc_relu_f32 uses mlcc_act_map */
MLCC_KERNEL(mlcc_relu_f32) { MLCC_ACT_MAP(float, float, (float), (float), x < 0.0f ? 0.0f : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_relu_f64 uses mlcc_act_map */
MLCC_KERNEL(mlcc_relu_f64) { MLCC_ACT_MAP(double, double, (double), (double), x < 0.0 ? 0.0 : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_relu_f16 uses mlcc_act_map */
MLCC_KERNEL(mlcc_relu_f16) { MLCC_ACT_MAP(uint16_t, uint16_t, (uint16_t), (uint16_t), (x & 0x8000u) && (x & 0x7fffu) <= 0x7c00u ? 0u : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_relu_i8 uses mlcc_act_map */
MLCC_KERNEL(mlcc_relu_i8) { MLCC_ACT_MAP(int8_t, int8_t, (int8_t), (int8_t), x < 0 ? 0 : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_relu_i16 uses mlcc_act_map */
MLCC_KERNEL(mlcc_relu_i16) { MLCC_ACT_MAP(int16_t, int16_t, (int16_t), (int16_t), x < 0 ? 0 : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_relu_i32 uses mlcc_act_map */
MLCC_KERNEL(mlcc_relu_i32) { MLCC_ACT_MAP(int32_t, int32_t, (int32_t), (int32_t), x < 0 ? 0 : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_relu_i64 uses mlcc_act_map */
MLCC_KERNEL(mlcc_relu_i64) { MLCC_ACT_MAP(int64_t, int64_t, (int64_t), (int64_t), x < 0 ? 0 : x) }
/* mlcc:end */

/* LeakyRelu: x < 0 ? alpha*x : x; fp = [alpha] */
/* mlcc:kernel mlcc_leakyrelu_f32 uses mlcc_act_map */
MLCC_KERNEL(mlcc_leakyrelu_f32) { MLCC_ACT_MAP(float, float, (float), (float), x < 0.0f ? fp[0] * x : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_leakyrelu_f64 uses mlcc_act_map */
MLCC_KERNEL(mlcc_leakyrelu_f64) { MLCC_ACT_MAP(double, double, (double), (double), x < 0.0 ? (double)fp[0] * x : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_leakyrelu_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_leakyrelu_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x < 0.0f ? fp[0] * x : x) }
/* mlcc:end */

/* Elu: x < 0 ? alpha*(exp(x)-1) : x; fp = [alpha] */
/* mlcc:kernel mlcc_elu_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_elu_f32) { MLCC_ACT_MAP(float, float, (float), (float), x < 0.0f ? fp[0] * expm1f(x) : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_elu_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_elu_f64) { MLCC_ACT_MAP(double, double, (double), (double), x < 0.0 ? (double)fp[0] * expm1(x) : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_elu_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_elu_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x < 0.0f ? fp[0] * expm1f(x) : x) }
/* mlcc:end */

/* Selu: gamma * (x > 0 ? x : alpha*(exp(x)-1)); fp = [alpha, gamma] */
/* mlcc:kernel mlcc_selu_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_selu_f32) { MLCC_ACT_MAP(float, float, (float), (float), fp[1] * (x > 0.0f ? x : fp[0] * expm1f(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_selu_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_selu_f64) { MLCC_ACT_MAP(double, double, (double), (double), (double)fp[1] * (x > 0.0 ? x : (double)fp[0] * expm1(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_selu_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_selu_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, fp[1] * (x > 0.0f ? x : fp[0] * expm1f(x))) }
/* mlcc:end */

/* Celu: max(0, x) + min(0, alpha*(exp(x/alpha)-1)); fp = [alpha] */
/* mlcc:kernel mlcc_celu_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_celu_f32) { MLCC_ACT_MAP(float, float, (float), (float), x < 0.0f ? fp[0] * expm1f(x / fp[0]) : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_celu_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_celu_f64) { MLCC_ACT_MAP(double, double, (double), (double), x < 0.0 ? (double)fp[0] * expm1(x / (double)fp[0]) : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_celu_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_celu_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x < 0.0f ? fp[0] * expm1f(x / fp[0]) : x) }
/* mlcc:end */

/* Sigmoid: 1/(1+exp(-x)), written so exp never overflows */
/* mlcc:kernel mlcc_sigmoid_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_sigmoid_f32) { MLCC_ACT_MAP(float, float, (float), (float), x >= 0.0f ? 1.0f / (1.0f + expf(-x)) : expf(x) / (1.0f + expf(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_sigmoid_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_sigmoid_f64) { MLCC_ACT_MAP(double, double, (double), (double), x >= 0.0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_sigmoid_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_sigmoid_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x >= 0.0f ? 1.0f / (1.0f + expf(-x)) : expf(x) / (1.0f + expf(x))) }
/* mlcc:end */

/* HardSigmoid: max(0, min(1, alpha*x + beta)); fp = [alpha, beta].
 * HardSwish is x * HardSigmoid(x) with alpha = 1/6, beta = 1/2. */
/* mlcc:helper mlcc_act_hsig */
#define MLCC_ACT_HSIG(T, X, A, B) ((A) * (X) + (B) < (T)0 ? (T)0 : (A) * (X) + (B) > (T)1 ? (T)1 : (A) * (X) + (B))
/* mlcc:end */
/* mlcc:kernel mlcc_hardsigmoid_f32 uses mlcc_act_map mlcc_act_hsig */
MLCC_KERNEL(mlcc_hardsigmoid_f32) { MLCC_ACT_MAP(float, float, (float), (float), MLCC_ACT_HSIG(float, x, fp[0], fp[1])) }
/* mlcc:end */
/* mlcc:kernel mlcc_hardsigmoid_f64 uses mlcc_act_map mlcc_act_hsig */
MLCC_KERNEL(mlcc_hardsigmoid_f64) { MLCC_ACT_MAP(double, double, (double), (double), MLCC_ACT_HSIG(double, x, (double)fp[0], (double)fp[1])) }
/* mlcc:end */
/* mlcc:kernel mlcc_hardsigmoid_f16 uses mlcc_act_map mlcc_act_hsig mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_hardsigmoid_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, MLCC_ACT_HSIG(float, x, fp[0], fp[1])) }
/* mlcc:end */
/* mlcc:kernel mlcc_hardswish_f32 uses mlcc_act_map mlcc_act_hsig */
MLCC_KERNEL(mlcc_hardswish_f32) { MLCC_ACT_MAP(float, float, (float), (float), x * MLCC_ACT_HSIG(float, x, 1.0f / 6.0f, 0.5f)) }
/* mlcc:end */
/* mlcc:kernel mlcc_hardswish_f64 uses mlcc_act_map mlcc_act_hsig */
MLCC_KERNEL(mlcc_hardswish_f64) { MLCC_ACT_MAP(double, double, (double), (double), x * MLCC_ACT_HSIG(double, x, 1.0 / 6.0, 0.5)) }
/* mlcc:end */
/* mlcc:kernel mlcc_hardswish_f16 uses mlcc_act_map mlcc_act_hsig mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_hardswish_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x * MLCC_ACT_HSIG(float, x, 1.0f / 6.0f, 0.5f)) }
/* mlcc:end */

/* Tanh */
/* mlcc:kernel mlcc_tanh_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_tanh_f32) { MLCC_ACT_MAP(float, float, (float), (float), tanhf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_tanh_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_tanh_f64) { MLCC_ACT_MAP(double, double, (double), (double), tanh(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_tanh_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_tanh_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, tanhf(x)) }
/* mlcc:end */

/* Softplus: log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), no overflow */
/* mlcc:kernel mlcc_softplus_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_softplus_f32) { MLCC_ACT_MAP(float, float, (float), (float), (x > 0.0f ? x : 0.0f) + log1pf(expf(-fabsf(x)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_softplus_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_softplus_f64) { MLCC_ACT_MAP(double, double, (double), (double), (x > 0.0 ? x : 0.0) + log1p(exp(-fabs(x)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_softplus_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_softplus_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, (x > 0.0f ? x : 0.0f) + log1pf(expf(-fabsf(x)))) }
/* mlcc:end */

/* Softsign: x / (1 + |x|) */
/* mlcc:kernel mlcc_softsign_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_softsign_f32) { MLCC_ACT_MAP(float, float, (float), (float), x / (1.0f + fabsf(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_softsign_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_softsign_f64) { MLCC_ACT_MAP(double, double, (double), (double), x / (1.0 + fabs(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_softsign_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_softsign_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x / (1.0f + fabsf(x))) }
/* mlcc:end */

/* ThresholdedRelu: x > alpha ? x : 0; fp = [alpha] */
/* mlcc:kernel mlcc_thresholdedrelu_f32 uses mlcc_act_map */
MLCC_KERNEL(mlcc_thresholdedrelu_f32) { MLCC_ACT_MAP(float, float, (float), (float), x <= fp[0] ? 0.0f : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_thresholdedrelu_f64 uses mlcc_act_map */
MLCC_KERNEL(mlcc_thresholdedrelu_f64) { MLCC_ACT_MAP(double, double, (double), (double), x <= (double)fp[0] ? 0.0 : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_thresholdedrelu_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_thresholdedrelu_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x <= fp[0] ? 0.0f : x) }
/* mlcc:end */

/* Shrink: x < -lambd ? x + bias : x > lambd ? x - bias : 0; fp = [lambd, bias] */
/* mlcc:kernel mlcc_shrink_f32 uses mlcc_act_map */
MLCC_KERNEL(mlcc_shrink_f32) { MLCC_ACT_MAP(float, float, (float), (float), x < -fp[0] ? x + fp[1] : x > fp[0] ? x - fp[1] : x == x ? 0.0f : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_shrink_f64 uses mlcc_act_map */
MLCC_KERNEL(mlcc_shrink_f64) { MLCC_ACT_MAP(double, double, (double), (double), x < -(double)fp[0] ? x + (double)fp[1] : x > (double)fp[0] ? x - (double)fp[1] : x == x ? 0.0 : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_shrink_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_shrink_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, x < -fp[0] ? x + fp[1] : x > fp[0] ? x - fp[1] : x == x ? 0.0f : x) }
/* mlcc:end */

/* Erf */
/* mlcc:kernel mlcc_erf_f32 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_erf_f32) { MLCC_ACT_MAP(float, float, (float), (float), erff(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_erf_f64 uses mlcc_act_map libm */
MLCC_KERNEL(mlcc_erf_f64) { MLCC_ACT_MAP(double, double, (double), (double), erf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_erf_f16 uses mlcc_act_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_erf_f16) { MLCC_ACT_MAP(uint16_t, float, mlcc_h2f, mlcc_f2h, erff(x)) }
/* mlcc:end */

/* Clip: y = min(max(x, lo), hi), so lo > hi gives hi everywhere (as the spec
 * says); a bound is applied when its input is present (in[1], in[2]) or its
 * attribute flag is set (ip[1], ip[2] with the value in fp[0], fp[1]). */
/* mlcc:helper mlcc_act_clip */
#define MLCC_ACT_CLIP_BODY(TS, TC, LD, ST, FLO, FHI)                                       \
    const TS *X = (const TS *)in[0];                                                  \
    TS *Y = (TS *)out[0];                                                             \
    int32_t n = ip[0], i;                                                             \
    int has_lo = in[1] != NULL || ip[1], has_hi = in[2] != NULL || ip[2];             \
    TC lo = in[1] ? LD(*(const TS *)in[1]) : (FLO);                                   \
    TC hi = in[2] ? LD(*(const TS *)in[2]) : (FHI);                                   \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i++) {                                                         \
        TC x = LD(X[i]);                                                              \
        if (has_lo && x < lo)                                                         \
            x = lo;                                                                   \
        if (has_hi && x > hi)                                                         \
            x = hi;                                                                   \
        Y[i] = ST(x);                                                                 \
    }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_f32 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_f32) { MLCC_ACT_CLIP_BODY(float, float, (float), (float), fp[0], fp[1]) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_f64 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_f64) { MLCC_ACT_CLIP_BODY(double, double, (double), (double), (double)fp[0], (double)fp[1]) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_f16 uses mlcc_act_clip mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_clip_f16) { MLCC_ACT_CLIP_BODY(uint16_t, float, mlcc_h2f, mlcc_f2h, fp[0], fp[1]) }
/* mlcc:end */
/* integer Clip (opset 12+) has no attribute form: bounds come from the inputs only */
/* mlcc:kernel mlcc_clip_i8 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_i8) { MLCC_ACT_CLIP_BODY(int8_t, int8_t, (int8_t), (int8_t), 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_u8 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_u8) { MLCC_ACT_CLIP_BODY(uint8_t, uint8_t, (uint8_t), (uint8_t), 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_i16 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_i16) { MLCC_ACT_CLIP_BODY(int16_t, int16_t, (int16_t), (int16_t), 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_u16 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_u16) { MLCC_ACT_CLIP_BODY(uint16_t, uint16_t, (uint16_t), (uint16_t), 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_i32 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_i32) { MLCC_ACT_CLIP_BODY(int32_t, int32_t, (int32_t), (int32_t), 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_u32 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_u32) { MLCC_ACT_CLIP_BODY(uint32_t, uint32_t, (uint32_t), (uint32_t), 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_i64 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_i64) { MLCC_ACT_CLIP_BODY(int64_t, int64_t, (int64_t), (int64_t), 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_clip_u64 uses mlcc_act_clip */
MLCC_KERNEL(mlcc_clip_u64) { MLCC_ACT_CLIP_BODY(uint64_t, uint64_t, (uint64_t), (uint64_t), 0, 0) }
/* mlcc:end */

/* PRelu: x < 0 ? slope*x : x, slope broadcast to X (strides ss, 0 on
 * broadcast dims); the loop walks Y contiguously. */
/* mlcc:helper mlcc_act_prelu */
#define MLCC_ACT_PRELU(TS, TC, LD, ST, EXPR)                                          \
    const TS *X = (const TS *)in[0], *S = (const TS *)in[1];                          \
    TS *Y = (TS *)out[0];                                                             \
    int32_t n = ip[0], r = ip[1], i, k;                                               \
    const int32_t *d = ip + 2, *sx = d + r, *ss = sx + r;                             \
    int32_t idx[MLCC_MAX_RANK] = {0}, ox = 0, os = 0;                                 \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i++) {                                                         \
        TC x = LD(X[ox]), s = LD(S[os]);                                              \
        Y[i] = ST(EXPR);                                                              \
        for (k = r - 1; k >= 0; k--) {                                                \
            ox += sx[k];                                                              \
            os += ss[k];                                                              \
            if (++idx[k] < d[k])                                                      \
                break;                                                                \
            ox -= sx[k] * d[k];                                                       \
            os -= ss[k] * d[k];                                                       \
            idx[k] = 0;                                                               \
        }                                                                             \
    }
/* mlcc:end */
/* mlcc:kernel mlcc_prelu_f32 uses mlcc_act_prelu */
MLCC_KERNEL(mlcc_prelu_f32) { MLCC_ACT_PRELU(float, float, (float), (float), x < 0.0f ? s * x : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_prelu_f64 uses mlcc_act_prelu */
MLCC_KERNEL(mlcc_prelu_f64) { MLCC_ACT_PRELU(double, double, (double), (double), x < 0.0 ? s * x : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_prelu_f16 uses mlcc_act_prelu mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_prelu_f16) { MLCC_ACT_PRELU(uint16_t, float, mlcc_h2f, mlcc_f2h, x < 0.0f ? s * x : x) }
/* mlcc:end */
/* integers (opset 9+): the product wraps around (computed unsigned) */
/* mlcc:kernel mlcc_prelu_i32 uses mlcc_act_prelu */
MLCC_KERNEL(mlcc_prelu_i32) { MLCC_ACT_PRELU(int32_t, int32_t, (int32_t), (int32_t), x < 0 ? (int32_t)((uint32_t)s * (uint32_t)x) : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_prelu_i64 uses mlcc_act_prelu */
MLCC_KERNEL(mlcc_prelu_i64) { MLCC_ACT_PRELU(int64_t, int64_t, (int64_t), (int64_t), x < 0 ? (int64_t)((uint64_t)s * (uint64_t)x) : x) }
/* mlcc:end */
/* unsigned inputs are never negative: y = x */
/* mlcc:kernel mlcc_prelu_u32 uses mlcc_act_prelu */
MLCC_KERNEL(mlcc_prelu_u32) { MLCC_ACT_PRELU(uint32_t, uint32_t, (uint32_t), (uint32_t), (MLCC_UNUSED(s), x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_prelu_u64 uses mlcc_act_prelu */
MLCC_KERNEL(mlcc_prelu_u64) { MLCC_ACT_PRELU(uint64_t, uint64_t, (uint64_t), (uint64_t), (MLCC_UNUSED(s), x)) }
/* mlcc:end */
