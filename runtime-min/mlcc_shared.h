/*
 * mlcc_shared.h - helpers more than one kernel family uses. Each piece is a
 * `static inline` function (no unused-function warnings where a file includes
 * this header but calls only some of them); the emitter copies a piece into a
 * generated file only when a kernel there `uses` it.
 */
#ifndef MLCC_SHARED_H
#define MLCC_SHARED_H

#include "mlcc_rt.h"

/* mlcc:helper mlcc_shared_act uses libm */
/* Fused activation, applied by a producing kernel (Conv, Gemm, MatMul, Add)
 * to each output value: kind is MLCC_ACT_* (ip), a and b its float parameters
 * (fp): CLIP a=min b=max; LEAKYRELU a=alpha; HARDSIGMOID a=alpha b=beta. */
#define MLCC_ACT_NONE 0
#define MLCC_ACT_RELU 1
#define MLCC_ACT_CLIP 2
#define MLCC_ACT_LEAKYRELU 3
#define MLCC_ACT_HARDSWISH 4
#define MLCC_ACT_HARDSIGMOID 5
#define MLCC_ACT_SIGMOID 6
#define MLCC_ACT_TANH 7
/* BODY(K, X) expanded once for each of the common kinds NONE, RELU and CLIP
 * with K that constant (mlcc_act(v, K, a, b) then folds to a select the
 * compiler vectorizes) and once with K = kind for the others; X is passed
 * through (a tile's rows, say). BODY ends each statement with its ';'. */
#define MLCC_ACT_SWITCH(kind, BODY, X)                                                             \
    switch (kind) {                                                                               \
    case MLCC_ACT_NONE:                                                                           \
        BODY(MLCC_ACT_NONE, X)                                                                    \
        break;                                                                                    \
    case MLCC_ACT_RELU:                                                                           \
        BODY(MLCC_ACT_RELU, X)                                                                    \
        break;                                                                                    \
    case MLCC_ACT_CLIP:                                                                           \
        BODY(MLCC_ACT_CLIP, X)                                                                    \
        break;                                                                                    \
    default:                                                                                      \
        BODY(kind, X)                                                                             \
        break;                                                                                    \
    }
static inline float mlcc_act(float v, int32_t kind, float a, float b)
{
    float t;
    switch (kind) {
    case MLCC_ACT_RELU:
        return v < 0.0f ? 0.0f : v;
    case MLCC_ACT_CLIP: /* as two selects, the shape of max and min
                         * instructions (a nested select compiles to masks),
                         * both on v: with a and b constants (a specialized
                         * kernel) the second select on the first's result
                         * was jump-threaded into a three-way branch that gcc
                         * -O2 does not vectorize (mobilenet_96 at -O2 1725 ->
                         * 1104 us, at -O3 211 -> 201); the same as
                         * min(max(v, a), b) for a <= b, which
                         * pass_fuse_act.c ensures, NaN kept */
        t = v > b ? b : v;
        return v < a ? a : t;
    case MLCC_ACT_LEAKYRELU:
        return v < 0.0f ? a * v : v;
    case MLCC_ACT_HARDSWISH:
        t = v / 6.0f + 0.5f;
        t = t < 0.0f ? 0.0f : t;
        return v * (t > 1.0f ? 1.0f : t);
    case MLCC_ACT_HARDSIGMOID:
        t = a * v + b;
        t = t < 0.0f ? 0.0f : t;
        return t > 1.0f ? 1.0f : t;
    case MLCC_ACT_SIGMOID:
        return v >= 0.0f ? 1.0f / (1.0f + expf(-v)) : expf(v) / (1.0f + expf(v));
    case MLCC_ACT_TANH:
        return tanhf(v);
    default:
        return v;
    }
}
/* mlcc:end */

/* mlcc:helper mlcc_shared_actbuf uses mlcc_shared_act */
/* y[i] = act(y[i]) for i < n, the common kinds as their own (vectorized)
 * loops: the activation over a finished row or block (the fast depthwise
 * kernels, Add with an activation) */
#define MLCC_ACT_BUF_LOOP(K, X)                                                                    \
    for (i = 0; i < n; i++)                                                                       \
        y[i] = mlcc_act(y[i], K, a, b);
static inline void mlcc_act_buf(float *y, int32_t n, int32_t kind, float a, float b)
{
    int32_t i;
    if (kind != MLCC_ACT_NONE)
        MLCC_ACT_SWITCH(kind, MLCC_ACT_BUF_LOOP, 0)
}
#undef MLCC_ACT_BUF_LOOP
/* mlcc:end */

/* float16 <-> float32, for the kernels that store float16 as its bits
 * (uint16_t) and compute in float32. One piece each: the emitted file is a
 * single .c, where clang warns about an unused static inline function. */
/* mlcc:helper mlcc_shared_h2f */
/* float16 -> float32 (exact) */
static inline float mlcc_h2f(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31, e = (h >> 10) & 31u, m = h & 1023u, bits;
    float f;
    if (e == 0) {
        if (m == 0) {
            bits = sign;
        } else { /* subnormal: shift the mantissa up to the implicit bit */
            int s = -1;
            do {
                s++;
                m <<= 1;
            } while (!(m & 1024u));
            bits = sign | (uint32_t)(127 - 15 - s) << 23 | (m & 1023u) << 13;
        }
    } else if (e == 31) {
        bits = sign | 0x7f800000u | m << 13;
    } else {
        bits = sign | (e + 112u) << 23 | m << 13;
    }
    memcpy(&f, &bits, 4);
    return f;
}
/* mlcc:end */

/* mlcc:helper mlcc_shared_f2h */
/* float32 -> float16, round to nearest even */
static inline uint16_t mlcc_f2h(float f)
{
    uint32_t x, sign, m, h, rem;
    int32_t e;
    memcpy(&x, &f, 4);
    sign = (x >> 16) & 0x8000u;
    e = (int32_t)((x >> 23) & 255u) - 127 + 15;
    m = x & 0x7fffffu;
    if (((x >> 23) & 255u) == 255u) /* inf, NaN (kept quiet) */
        return (uint16_t)(sign | 0x7c00u | (m ? 0x200u : 0u));
    if (e >= 31)
        return (uint16_t)(sign | 0x7c00u);
    if (e <= 0) { /* subnormal or zero, round half to even */
        uint32_t shift, half;
        if (e < -10)
            return (uint16_t)sign;
        m |= 0x800000u;
        shift = (uint32_t)(14 - e);
        h = m >> shift;
        rem = m & ((1u << shift) - 1u);
        half = 1u << (shift - 1u);
        if (rem > half || (rem == half && (h & 1u)))
            h++;
        return (uint16_t)(sign | h);
    }
    h = sign | (uint32_t)e << 10 | m >> 13;
    rem = m & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u)))
        h++; /* a carry into the exponent rounds up to the next binade or inf */
    return (uint16_t)h;
}
/* mlcc:end */

#endif
