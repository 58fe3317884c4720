/* cast.c - Cast and CastLike between float32, float64, float16, bfloat16,
 * int8/16/32/64, uint8/16/32/64 and bool: one kernel mlcc_cast_<from>_<to> a pair.
 *
 * ip = [n], in[0] = X, out[0] = Y. Conversions are defined for every input
 * value (no C undefined behaviour):
 *  - float -> integer: truncation toward zero; NaN gives 0; values beyond the
 *    target range saturate to its minimum / maximum (+-inf too);
 *  - float64 -> float32 / float16 and float32 -> float16: round to nearest
 *    even; values beyond the target range become +-inf; NaN stays NaN;
 *  - integer -> integer: two's complement wrap-around (keeps the low bits);
 *  - anything -> bool: x != 0 (NaN is true); bool -> anything: 0 or 1.
 *  - to bfloat16 (the upper 16 bits of a float32): round to nearest even in
 *    one step from every type (float64 and 64-bit integers too); overflow
 *    gives +-inf; NaN stays NaN. bfloat16 -> anything: as its exact float32.
 * float16 and bfloat16 values are read and written as their bits. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* float64 -> float16 in one rounding (through float32 would round twice) */
/* mlcc:helper mlcc_cast_d2h */
static uint16_t mlcc_cast_d2h(double d)
{
    uint64_t x, m, rem, half;
    uint32_t sign, h, shift;
    int32_t e;
    memcpy(&x, &d, 8);
    sign = (uint32_t)(x >> 48) & 0x8000u;
    e = (int32_t)((x >> 52) & 2047u) - 1023 + 15;
    m = x & 0xfffffffffffffu;
    if (((x >> 52) & 2047u) == 2047u) /* inf, NaN (kept quiet) */
        return (uint16_t)(sign | 0x7c00u | (m ? 0x200u : 0u));
    if (e >= 31)
        return (uint16_t)(sign | 0x7c00u);
    if (e <= 0) { /* subnormal or zero */
        if (e < -10)
            return (uint16_t)sign;
        m |= (uint64_t)1 << 52;
        shift = (uint32_t)(43 - e);
        h = (uint32_t)(m >> shift);
        rem = m & (((uint64_t)1 << shift) - 1u);
        half = (uint64_t)1 << (shift - 1u);
        if (rem > half || (rem == half && (h & 1u)))
            h++;
        return (uint16_t)(sign | h);
    }
    h = sign | (uint32_t)e << 10 | (uint32_t)(m >> 42);
    rem = m & (((uint64_t)1 << 42) - 1u);
    half = (uint64_t)1 << 41;
    if (rem > half || (rem == half && (h & 1u)))
        h++;
    return (uint16_t)h;
}
/* mlcc:end */

/* float64 -> float32: values that would round beyond FLT_MAX become +-inf
 * (a C conversion out of range would be undefined) */
/* mlcc:helper mlcc_cast_d2f uses libm */
static float mlcc_cast_d2f(double x)
{
    if (x >= 0x1.ffffffp127)
        return INFINITY;
    if (x <= -0x1.ffffffp127)
        return -INFINITY;
    return (float)x;
}
/* mlcc:end */

/* bfloat16 (the upper 16 bits of a float32) -> float32: exact */
/* mlcc:helper mlcc_cast_bf2f */
static float mlcc_cast_bf2f(uint16_t h)
{
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}
/* mlcc:end */

/* float32 bits -> bfloat16, round to nearest even (a carry into the exponent
 * rounds up to the next binade or to inf); NaN stays NaN (sign and the upper
 * payload bits kept, made quiet so it cannot turn into inf) */
/* mlcc:helper mlcc_cast_bits2bf */
static uint16_t mlcc_cast_bits2bf(uint32_t x)
{
    if ((x & 0x7fffffffu) > 0x7f800000u)
        return (uint16_t)((x >> 16) | 0x40u);
    x += 0x7fffu + ((x >> 16) & 1u);
    return (uint16_t)(x >> 16);
}
/* mlcc:end */
/* mlcc:helper mlcc_cast_f2bf uses mlcc_cast_bits2bf */
static uint16_t mlcc_cast_f2bf(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return mlcc_cast_bits2bf(x);
}
/* mlcc:end */

/* float64 -> bfloat16 in one rounding: first to float32 rounding to odd (an
 * inexact result gets its last bit set), which keeps the second rounding
 * exact; |d| >= 0x1.ffp127 (halfway between the largest bfloat16 0x1.fep127
 * and 2^128: the tie goes to the even 2^128) -> +-inf */
/* mlcc:helper mlcc_cast_d2bf uses mlcc_cast_bits2bf */
static uint16_t mlcc_cast_d2bf(double d)
{
    uint64_t dx;
    uint32_t x;
    float f;
    if (d != d) {
        memcpy(&dx, &d, 8);
        return (uint16_t)(dx >> 63 ? 0xffc0u : 0x7fc0u);
    }
    if (d >= 0x1.ffp127)
        return 0x7f80u;
    if (d <= -0x1.ffp127)
        return 0xff80u;
    f = (float)d;
    memcpy(&x, &f, 4);
    if ((double)f != d) {
        if (d > 0 ? (double)f > d : (double)f < d)
            x--; /* truncate toward zero (the magnitude bits are not 0 here) */
        x |= 1u;
    }
    return mlcc_cast_bits2bf(x);
}
/* mlcc:end */

/* integer magnitude m with sign bit `sign` (0 or 0x8000) -> bfloat16, round
 * to nearest even straight from the integer (no double rounding) */
/* mlcc:helper mlcc_cast_u2bf */
static uint16_t mlcc_cast_u2bf(uint64_t m, uint32_t sign)
{
    uint32_t e = 63, sig;
    if (m == 0)
        return (uint16_t)sign;
    while (!(m >> e))
        e--;
    if (e <= 7) {
        sig = (uint32_t)(m << (7 - e));
    } else {
        const uint64_t rem = m & (((uint64_t)1 << (e - 7)) - 1u), half = (uint64_t)1 << (e - 8);
        sig = (uint32_t)(m >> (e - 7));
        if (rem > half || (rem == half && (sig & 1u))) {
            sig++;
            if (sig == 0x100u) {
                sig = 0x80u;
                e++;
            }
        }
    }
    return (uint16_t)(sign | (e + 127u) << 7 | (sig & 0x7fu));
}
/* mlcc:end */

/* Y[i] = (TO)(EXPR) with x = X[i] */
/* mlcc:helper mlcc_cast_map */
#define MLCC_CAST_MAP(TI, TO, EXPR)                                                   \
    const TI *X = (const TI *)in[0];                                                  \
    TO *Y = (TO *)out[0];                                                             \
    int32_t n = ip[0], i;                                                             \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i++) {                                                         \
        TI x = X[i];                                                                  \
        Y[i] = (TO)(EXPR);                                                            \
    }
/* mlcc:end */

/* float -> integer: v = LD(X[i]) in TC; NaN -> 0; v <= LO -> MINV; v >= HI ->
 * MAXV (LO, HI: powers of two, exact in TC); else truncated, in range */
/* mlcc:helper mlcc_cast_f2i */
#define MLCC_CAST_F2I(TI, TC, LD, TO, LO, HI, MINV, MAXV)                             \
    const TI *X = (const TI *)in[0];                                                  \
    TO *Y = (TO *)out[0];                                                             \
    int32_t n = ip[0], i;                                                             \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i++) {                                                         \
        TC v = LD(X[i]);                                                              \
        Y[i] = v != v ? (TO)0 : v <= (TC)(LO) ? (TO)(MINV) : v >= (TC)(HI) ? (TO)(MAXV) : (TO)v; \
    }
/* mlcc:end */

/* from float32 */
/* mlcc:kernel mlcc_cast_f32_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_f32_f32) { MLCC_CAST_MAP(float, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_f32_f64) { MLCC_CAST_MAP(float, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_f32_f16) { MLCC_CAST_MAP(float, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_i8 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_i8) { MLCC_CAST_F2I(float, float, (float), int8_t, -128.0, 128.0, INT8_MIN, INT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_i16 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_i16) { MLCC_CAST_F2I(float, float, (float), int16_t, -32768.0, 32768.0, INT16_MIN, INT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_i32 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_i32) { MLCC_CAST_F2I(float, float, (float), int32_t, -2147483648.0, 2147483648.0, INT32_MIN, INT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_i64 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_i64) { MLCC_CAST_F2I(float, float, (float), int64_t, -9223372036854775808.0, 9223372036854775808.0, INT64_MIN, INT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_u8 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_u8) { MLCC_CAST_F2I(float, float, (float), uint8_t, 0.0, 256.0, 0, UINT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_u16 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_u16) { MLCC_CAST_F2I(float, float, (float), uint16_t, 0.0, 65536.0, 0, UINT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_u32 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_u32) { MLCC_CAST_F2I(float, float, (float), uint32_t, 0.0, 4294967296.0, 0, UINT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_u64 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f32_u64) { MLCC_CAST_F2I(float, float, (float), uint64_t, 0.0, 18446744073709551616.0, 0, UINT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f32_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_f32_b) { MLCC_CAST_MAP(float, uint8_t, x != 0) }
/* mlcc:end */

/* from float64 */
/* mlcc:kernel mlcc_cast_f64_f32 uses mlcc_cast_map mlcc_cast_d2f */
MLCC_KERNEL(mlcc_cast_f64_f32) { MLCC_CAST_MAP(double, float, mlcc_cast_d2f(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_f64_f64) { MLCC_CAST_MAP(double, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_f16 uses mlcc_cast_map mlcc_cast_d2h */
MLCC_KERNEL(mlcc_cast_f64_f16) { MLCC_CAST_MAP(double, uint16_t, mlcc_cast_d2h(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_i8 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_i8) { MLCC_CAST_F2I(double, double, (double), int8_t, -128.0, 128.0, INT8_MIN, INT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_i16 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_i16) { MLCC_CAST_F2I(double, double, (double), int16_t, -32768.0, 32768.0, INT16_MIN, INT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_i32 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_i32) { MLCC_CAST_F2I(double, double, (double), int32_t, -2147483648.0, 2147483648.0, INT32_MIN, INT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_i64 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_i64) { MLCC_CAST_F2I(double, double, (double), int64_t, -9223372036854775808.0, 9223372036854775808.0, INT64_MIN, INT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_u8 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_u8) { MLCC_CAST_F2I(double, double, (double), uint8_t, 0.0, 256.0, 0, UINT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_u16 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_u16) { MLCC_CAST_F2I(double, double, (double), uint16_t, 0.0, 65536.0, 0, UINT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_u32 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_u32) { MLCC_CAST_F2I(double, double, (double), uint32_t, 0.0, 4294967296.0, 0, UINT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_u64 uses mlcc_cast_f2i */
MLCC_KERNEL(mlcc_cast_f64_u64) { MLCC_CAST_F2I(double, double, (double), uint64_t, 0.0, 18446744073709551616.0, 0, UINT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_f64_b) { MLCC_CAST_MAP(double, uint8_t, x != 0) }
/* mlcc:end */

/* from float16 */
/* mlcc:kernel mlcc_cast_f16_f32 uses mlcc_cast_map mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_f32) { MLCC_CAST_MAP(uint16_t, float, mlcc_h2f(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_f64 uses mlcc_cast_map mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_f64) { MLCC_CAST_MAP(uint16_t, double, mlcc_h2f(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_f16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_f16_f16) { MLCC_CAST_MAP(uint16_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_i8 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_i8) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, int8_t, -128.0, 128.0, INT8_MIN, INT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_i16 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_i16) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, int16_t, -32768.0, 32768.0, INT16_MIN, INT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_i32 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_i32) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, int32_t, -2147483648.0, 2147483648.0, INT32_MIN, INT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_i64 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_i64) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, int64_t, -9223372036854775808.0, 9223372036854775808.0, INT64_MIN, INT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_u8 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_u8) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, uint8_t, 0.0, 256.0, 0, UINT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_u16 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_u16) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, uint16_t, 0.0, 65536.0, 0, UINT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_u32 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_u32) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, uint32_t, 0.0, 4294967296.0, 0, UINT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_u64 uses mlcc_cast_f2i mlcc_shared_h2f */
MLCC_KERNEL(mlcc_cast_f16_u64) { MLCC_CAST_F2I(uint16_t, float, mlcc_h2f, uint64_t, 0.0, 18446744073709551616.0, 0, UINT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_f16_b) { MLCC_CAST_MAP(uint16_t, uint8_t, (x & 0x7fffu) != 0) }
/* mlcc:end */

/* from int8 */
/* mlcc:kernel mlcc_cast_i8_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_f32) { MLCC_CAST_MAP(int8_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_f64) { MLCC_CAST_MAP(int8_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_i8_f16) { MLCC_CAST_MAP(int8_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_i8) { MLCC_CAST_MAP(int8_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_i16) { MLCC_CAST_MAP(int8_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_i32) { MLCC_CAST_MAP(int8_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_i64) { MLCC_CAST_MAP(int8_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_u8) { MLCC_CAST_MAP(int8_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_u16) { MLCC_CAST_MAP(int8_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_u32) { MLCC_CAST_MAP(int8_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_u64) { MLCC_CAST_MAP(int8_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i8_b) { MLCC_CAST_MAP(int8_t, uint8_t, x != 0) }
/* mlcc:end */

/* from int16 */
/* mlcc:kernel mlcc_cast_i16_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_f32) { MLCC_CAST_MAP(int16_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_f64) { MLCC_CAST_MAP(int16_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_i16_f16) { MLCC_CAST_MAP(int16_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_i8) { MLCC_CAST_MAP(int16_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_i16) { MLCC_CAST_MAP(int16_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_i32) { MLCC_CAST_MAP(int16_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_i64) { MLCC_CAST_MAP(int16_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_u8) { MLCC_CAST_MAP(int16_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_u16) { MLCC_CAST_MAP(int16_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_u32) { MLCC_CAST_MAP(int16_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_u64) { MLCC_CAST_MAP(int16_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i16_b) { MLCC_CAST_MAP(int16_t, uint8_t, x != 0) }
/* mlcc:end */

/* from int32 */
/* mlcc:kernel mlcc_cast_i32_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_f32) { MLCC_CAST_MAP(int32_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_f64) { MLCC_CAST_MAP(int32_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_i32_f16) { MLCC_CAST_MAP(int32_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_i8) { MLCC_CAST_MAP(int32_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_i16) { MLCC_CAST_MAP(int32_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_i32) { MLCC_CAST_MAP(int32_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_i64) { MLCC_CAST_MAP(int32_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_u8) { MLCC_CAST_MAP(int32_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_u16) { MLCC_CAST_MAP(int32_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_u32) { MLCC_CAST_MAP(int32_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_u64) { MLCC_CAST_MAP(int32_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i32_b) { MLCC_CAST_MAP(int32_t, uint8_t, x != 0) }
/* mlcc:end */

/* from int64 */
/* mlcc:kernel mlcc_cast_i64_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_f32) { MLCC_CAST_MAP(int64_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_f64) { MLCC_CAST_MAP(int64_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_i64_f16) { MLCC_CAST_MAP(int64_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_i8) { MLCC_CAST_MAP(int64_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_i16) { MLCC_CAST_MAP(int64_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_i32) { MLCC_CAST_MAP(int64_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_i64) { MLCC_CAST_MAP(int64_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_u8) { MLCC_CAST_MAP(int64_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_u16) { MLCC_CAST_MAP(int64_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_u32) { MLCC_CAST_MAP(int64_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_u64) { MLCC_CAST_MAP(int64_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_i64_b) { MLCC_CAST_MAP(int64_t, uint8_t, x != 0) }
/* mlcc:end */

/* from uint8 */
/* mlcc:kernel mlcc_cast_u8_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_f32) { MLCC_CAST_MAP(uint8_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_f64) { MLCC_CAST_MAP(uint8_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_u8_f16) { MLCC_CAST_MAP(uint8_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_i8) { MLCC_CAST_MAP(uint8_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_i16) { MLCC_CAST_MAP(uint8_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_i32) { MLCC_CAST_MAP(uint8_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_i64) { MLCC_CAST_MAP(uint8_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_u8) { MLCC_CAST_MAP(uint8_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_u16) { MLCC_CAST_MAP(uint8_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_u32) { MLCC_CAST_MAP(uint8_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_u64) { MLCC_CAST_MAP(uint8_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u8_b) { MLCC_CAST_MAP(uint8_t, uint8_t, x != 0) }
/* mlcc:end */

/* from uint16 */
/* mlcc:kernel mlcc_cast_u16_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_f32) { MLCC_CAST_MAP(uint16_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_f64) { MLCC_CAST_MAP(uint16_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_u16_f16) { MLCC_CAST_MAP(uint16_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_i8) { MLCC_CAST_MAP(uint16_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_i16) { MLCC_CAST_MAP(uint16_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_i32) { MLCC_CAST_MAP(uint16_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_i64) { MLCC_CAST_MAP(uint16_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_u8) { MLCC_CAST_MAP(uint16_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_u16) { MLCC_CAST_MAP(uint16_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_u32) { MLCC_CAST_MAP(uint16_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_u64) { MLCC_CAST_MAP(uint16_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u16_b) { MLCC_CAST_MAP(uint16_t, uint8_t, x != 0) }
/* mlcc:end */

/* from uint32 */
/* mlcc:kernel mlcc_cast_u32_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_f32) { MLCC_CAST_MAP(uint32_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_f64) { MLCC_CAST_MAP(uint32_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_u32_f16) { MLCC_CAST_MAP(uint32_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_i8) { MLCC_CAST_MAP(uint32_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_i16) { MLCC_CAST_MAP(uint32_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_i32) { MLCC_CAST_MAP(uint32_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_i64) { MLCC_CAST_MAP(uint32_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_u8) { MLCC_CAST_MAP(uint32_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_u16) { MLCC_CAST_MAP(uint32_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_u32) { MLCC_CAST_MAP(uint32_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_u64) { MLCC_CAST_MAP(uint32_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u32_b) { MLCC_CAST_MAP(uint32_t, uint8_t, x != 0) }
/* mlcc:end */

/* from uint64 */
/* mlcc:kernel mlcc_cast_u64_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_f32) { MLCC_CAST_MAP(uint64_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_f64) { MLCC_CAST_MAP(uint64_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_u64_f16) { MLCC_CAST_MAP(uint64_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_i8) { MLCC_CAST_MAP(uint64_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_i16) { MLCC_CAST_MAP(uint64_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_i32) { MLCC_CAST_MAP(uint64_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_i64) { MLCC_CAST_MAP(uint64_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_u8) { MLCC_CAST_MAP(uint64_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_u16) { MLCC_CAST_MAP(uint64_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_u32) { MLCC_CAST_MAP(uint64_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_u64) { MLCC_CAST_MAP(uint64_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_u64_b) { MLCC_CAST_MAP(uint64_t, uint8_t, x != 0) }
/* mlcc:end */

/* from bool */
/* mlcc:kernel mlcc_cast_b_f32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_f32) { MLCC_CAST_MAP(uint8_t, float, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_f64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_f64) { MLCC_CAST_MAP(uint8_t, double, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_f16 uses mlcc_cast_map mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_b_f16) { MLCC_CAST_MAP(uint8_t, uint16_t, mlcc_f2h((float)x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_i8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_i8) { MLCC_CAST_MAP(uint8_t, int8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_i16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_i16) { MLCC_CAST_MAP(uint8_t, int16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_i32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_i32) { MLCC_CAST_MAP(uint8_t, int32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_i64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_i64) { MLCC_CAST_MAP(uint8_t, int64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_u8 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_u8) { MLCC_CAST_MAP(uint8_t, uint8_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_u16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_u16) { MLCC_CAST_MAP(uint8_t, uint16_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_u32 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_u32) { MLCC_CAST_MAP(uint8_t, uint32_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_u64 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_u64) { MLCC_CAST_MAP(uint8_t, uint64_t, x) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_b) { MLCC_CAST_MAP(uint8_t, uint8_t, x) }
/* mlcc:end */

/* to bfloat16 */
/* mlcc:kernel mlcc_cast_f32_bf16 uses mlcc_cast_map mlcc_cast_f2bf */
MLCC_KERNEL(mlcc_cast_f32_bf16) { MLCC_CAST_MAP(float, uint16_t, mlcc_cast_f2bf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f64_bf16 uses mlcc_cast_map mlcc_cast_d2bf */
MLCC_KERNEL(mlcc_cast_f64_bf16) { MLCC_CAST_MAP(double, uint16_t, mlcc_cast_d2bf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_f16_bf16 uses mlcc_cast_map mlcc_shared_h2f mlcc_cast_f2bf */
MLCC_KERNEL(mlcc_cast_f16_bf16) { MLCC_CAST_MAP(uint16_t, uint16_t, mlcc_cast_f2bf(mlcc_h2f(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i8_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_i8_bf16) { MLCC_CAST_MAP(int8_t, uint16_t, x < 0 ? mlcc_cast_u2bf(0u - (uint64_t)x, 0x8000u) : mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i16_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_i16_bf16) { MLCC_CAST_MAP(int16_t, uint16_t, x < 0 ? mlcc_cast_u2bf(0u - (uint64_t)x, 0x8000u) : mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i32_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_i32_bf16) { MLCC_CAST_MAP(int32_t, uint16_t, x < 0 ? mlcc_cast_u2bf(0u - (uint64_t)x, 0x8000u) : mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_i64_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_i64_bf16) { MLCC_CAST_MAP(int64_t, uint16_t, x < 0 ? mlcc_cast_u2bf(0u - (uint64_t)x, 0x8000u) : mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u8_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_u8_bf16) { MLCC_CAST_MAP(uint8_t, uint16_t, mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u16_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_u16_bf16) { MLCC_CAST_MAP(uint16_t, uint16_t, mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u32_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_u32_bf16) { MLCC_CAST_MAP(uint32_t, uint16_t, mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_u64_bf16 uses mlcc_cast_map mlcc_cast_u2bf */
MLCC_KERNEL(mlcc_cast_u64_bf16) { MLCC_CAST_MAP(uint64_t, uint16_t, mlcc_cast_u2bf((uint64_t)x, 0u)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_b_bf16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_b_bf16) { MLCC_CAST_MAP(uint8_t, uint16_t, x ? 0x3f80u : 0u) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_bf16 uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_bf16_bf16) { MLCC_CAST_MAP(uint16_t, uint16_t, x) }
/* mlcc:end */

/* from bfloat16 */
/* mlcc:kernel mlcc_cast_bf16_f32 uses mlcc_cast_map mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_f32) { MLCC_CAST_MAP(uint16_t, float, mlcc_cast_bf2f(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_f64 uses mlcc_cast_map mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_f64) { MLCC_CAST_MAP(uint16_t, double, mlcc_cast_bf2f(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_f16 uses mlcc_cast_map mlcc_cast_bf2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_cast_bf16_f16) { MLCC_CAST_MAP(uint16_t, uint16_t, mlcc_f2h(mlcc_cast_bf2f(x))) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_i8 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_i8) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, int8_t, -128.0, 128.0, INT8_MIN, INT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_i16 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_i16) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, int16_t, -32768.0, 32768.0, INT16_MIN, INT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_i32 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_i32) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, int32_t, -2147483648.0, 2147483648.0, INT32_MIN, INT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_i64 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_i64) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, int64_t, -9223372036854775808.0, 9223372036854775808.0, INT64_MIN, INT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_u8 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_u8) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, uint8_t, 0.0, 256.0, 0, UINT8_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_u16 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_u16) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, uint16_t, 0.0, 65536.0, 0, UINT16_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_u32 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_u32) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, uint32_t, 0.0, 4294967296.0, 0, UINT32_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_u64 uses mlcc_cast_f2i mlcc_cast_bf2f */
MLCC_KERNEL(mlcc_cast_bf16_u64) { MLCC_CAST_F2I(uint16_t, float, mlcc_cast_bf2f, uint64_t, 0.0, 18446744073709551616.0, 0, UINT64_MAX) }
/* mlcc:end */
/* mlcc:kernel mlcc_cast_bf16_b uses mlcc_cast_map */
MLCC_KERNEL(mlcc_cast_bf16_b) { MLCC_CAST_MAP(uint16_t, uint8_t, (x & 0x7fffu) != 0) }
/* mlcc:end */
