/* unary.c - elementwise math: Neg Abs Sqrt Exp Log Reciprocal Floor Ceil Round
 * Sign Sin Cos Tan Asin Acos Atan Sinh Cosh Asinh Acosh Atanh IsNaN IsInf.
 *
 * ip = [n] (IsInf: [n, detect_negative, detect_positive]), in[0] = X,
 * out[0] = Y (IsNaN/IsInf: bool, one byte 0/1 an element).
 * float16 is stored as float16 bits and computed in float32 (Neg and Abs work
 * on the sign bit, exactly); float64 in double. Integer Neg/Abs wrap around
 * (the most negative value maps to itself), computed unsigned. Round is half
 * to even, independent of the floating-point rounding mode. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* Y[i] = ST(EXPR) with x = LD(X[i]): TI/TO storage types, TC compute type */
/* mlcc:helper mlcc_un_map */
#define MLCC_UN_MAP(TI, TO, TC, LD, ST, EXPR)                                         \
    const TI *X = (const TI *)in[0];                                                  \
    TO *Y = (TO *)out[0];                                                             \
    int32_t n = ip[0], i;                                                             \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i++) {                                                         \
        TC x = LD(X[i]);                                                              \
        Y[i] = ST(EXPR);                                                              \
    }
/* mlcc:end */

/* round half to even: exact (x - floor(x) is exact), whatever the rounding mode */
/* mlcc:helper mlcc_un_roundf */
static float mlcc_un_roundf(float x)
{
    float r = floorf(x), d = x - r;
    if (d > 0.5f || (d == 0.5f && fmodf(r, 2.0f) != 0.0f))
        r += 1.0f;
    return copysignf(r, x);
}
/* mlcc:end */
/* mlcc:helper mlcc_un_round */
static double mlcc_un_round(double x)
{
    double r = floor(x), d = x - r;
    if (d > 0.5 || (d == 0.5 && fmod(r, 2.0) != 0.0))
        r += 1.0;
    return copysign(r, x);
}
/* mlcc:end */

/* Neg */
/* mlcc:kernel mlcc_neg_f32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_neg_f32) { MLCC_UN_MAP(float, float, float, (float), (float), -x) }
/* mlcc:end */
/* mlcc:kernel mlcc_neg_f64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_neg_f64) { MLCC_UN_MAP(double, double, double, (double), (double), -x) }
/* mlcc:end */
/* mlcc:kernel mlcc_neg_f16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_neg_f16) { MLCC_UN_MAP(uint16_t, uint16_t, uint16_t, (uint16_t), (uint16_t), x ^ 0x8000u) }
/* mlcc:end */
/* integers: two's complement negation, computed unsigned */
/* mlcc:kernel mlcc_neg_i8 uses mlcc_un_map */
MLCC_KERNEL(mlcc_neg_i8) { MLCC_UN_MAP(int8_t, int8_t, int8_t, (int8_t), (int8_t), 0u - (uint8_t)x) }
/* mlcc:end */
/* mlcc:kernel mlcc_neg_i16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_neg_i16) { MLCC_UN_MAP(int16_t, int16_t, int16_t, (int16_t), (int16_t), 0u - (uint16_t)x) }
/* mlcc:end */
/* mlcc:kernel mlcc_neg_i32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_neg_i32) { MLCC_UN_MAP(int32_t, int32_t, int32_t, (int32_t), (int32_t), 0u - (uint32_t)x) }
/* mlcc:end */
/* mlcc:kernel mlcc_neg_i64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_neg_i64) { MLCC_UN_MAP(int64_t, int64_t, int64_t, (int64_t), (int64_t), 0u - (uint64_t)x) }
/* mlcc:end */

/* Abs */
/* mlcc:kernel mlcc_abs_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_abs_f32) { MLCC_UN_MAP(float, float, float, (float), (float), fabsf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_abs_f64) { MLCC_UN_MAP(double, double, double, (double), (double), fabs(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_f16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_f16) { MLCC_UN_MAP(uint16_t, uint16_t, uint16_t, (uint16_t), (uint16_t), x & 0x7fffu) }
/* mlcc:end */
/* integers: unsigned is the identity */
/* mlcc:kernel mlcc_abs_i8 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_i8) { MLCC_UN_MAP(int8_t, int8_t, int8_t, (int8_t), (int8_t), x < 0 ? 0u - (uint8_t)x : (uint8_t)x) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_u8 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_u8) { MLCC_UN_MAP(uint8_t, uint8_t, uint8_t, (uint8_t), (uint8_t), x) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_i16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_i16) { MLCC_UN_MAP(int16_t, int16_t, int16_t, (int16_t), (int16_t), x < 0 ? 0u - (uint16_t)x : (uint16_t)x) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_u16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_u16) { MLCC_UN_MAP(uint16_t, uint16_t, uint16_t, (uint16_t), (uint16_t), x) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_i32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_i32) { MLCC_UN_MAP(int32_t, int32_t, int32_t, (int32_t), (int32_t), x < 0 ? 0u - (uint32_t)x : (uint32_t)x) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_u32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_u32) { MLCC_UN_MAP(uint32_t, uint32_t, uint32_t, (uint32_t), (uint32_t), x) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_i64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_i64) { MLCC_UN_MAP(int64_t, int64_t, int64_t, (int64_t), (int64_t), x < 0 ? 0u - (uint64_t)x : (uint64_t)x) }
/* mlcc:end */
/* mlcc:kernel mlcc_abs_u64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_abs_u64) { MLCC_UN_MAP(uint64_t, uint64_t, uint64_t, (uint64_t), (uint64_t), x) }
/* mlcc:end */

/* Sqrt */
/* mlcc:kernel mlcc_sqrt_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_sqrt_f32) { MLCC_UN_MAP(float, float, float, (float), (float), sqrtf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sqrt_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_sqrt_f64) { MLCC_UN_MAP(double, double, double, (double), (double), sqrt(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sqrt_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_sqrt_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, sqrtf(x)) }
/* mlcc:end */

/* Exp */
/* mlcc:kernel mlcc_exp_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_exp_f32) { MLCC_UN_MAP(float, float, float, (float), (float), expf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_exp_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_exp_f64) { MLCC_UN_MAP(double, double, double, (double), (double), exp(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_exp_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_exp_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, expf(x)) }
/* mlcc:end */

/* Log */
/* mlcc:kernel mlcc_log_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_log_f32) { MLCC_UN_MAP(float, float, float, (float), (float), logf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_log_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_log_f64) { MLCC_UN_MAP(double, double, double, (double), (double), log(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_log_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_log_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, logf(x)) }
/* mlcc:end */

/* Reciprocal: 1/x */
/* mlcc:kernel mlcc_reciprocal_f32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_reciprocal_f32) { MLCC_UN_MAP(float, float, float, (float), (float), 1.0f / x) }
/* mlcc:end */
/* mlcc:kernel mlcc_reciprocal_f64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_reciprocal_f64) { MLCC_UN_MAP(double, double, double, (double), (double), 1.0 / x) }
/* mlcc:end */
/* mlcc:kernel mlcc_reciprocal_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_reciprocal_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, 1.0f / x) }
/* mlcc:end */

/* Floor */
/* mlcc:kernel mlcc_floor_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_floor_f32) { MLCC_UN_MAP(float, float, float, (float), (float), floorf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_floor_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_floor_f64) { MLCC_UN_MAP(double, double, double, (double), (double), floor(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_floor_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_floor_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, floorf(x)) }
/* mlcc:end */

/* Ceil */
/* mlcc:kernel mlcc_ceil_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_ceil_f32) { MLCC_UN_MAP(float, float, float, (float), (float), ceilf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_ceil_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_ceil_f64) { MLCC_UN_MAP(double, double, double, (double), (double), ceil(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_ceil_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_ceil_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, ceilf(x)) }
/* mlcc:end */

/* Round: half to even */
/* mlcc:kernel mlcc_round_f32 uses mlcc_un_map mlcc_un_roundf libm */
MLCC_KERNEL(mlcc_round_f32) { MLCC_UN_MAP(float, float, float, (float), (float), mlcc_un_roundf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_round_f64 uses mlcc_un_map mlcc_un_round libm */
MLCC_KERNEL(mlcc_round_f64) { MLCC_UN_MAP(double, double, double, (double), (double), mlcc_un_round(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_round_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h mlcc_un_roundf libm */
MLCC_KERNEL(mlcc_round_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, mlcc_un_roundf(x)) }
/* mlcc:end */

/* Sign: -1, 0 or 1 (NaN and signed zeros kept) */
/* mlcc:kernel mlcc_sign_f32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_f32) { MLCC_UN_MAP(float, float, float, (float), (float), x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_f64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_f64) { MLCC_UN_MAP(double, double, double, (double), (double), x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_sign_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : x) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_i8 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_i8) { MLCC_UN_MAP(int8_t, int8_t, int8_t, (int8_t), (int8_t), (x > 0) - (x < 0)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_u8 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_u8) { MLCC_UN_MAP(uint8_t, uint8_t, uint8_t, (uint8_t), (uint8_t), x != 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_i16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_i16) { MLCC_UN_MAP(int16_t, int16_t, int16_t, (int16_t), (int16_t), (x > 0) - (x < 0)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_u16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_u16) { MLCC_UN_MAP(uint16_t, uint16_t, uint16_t, (uint16_t), (uint16_t), x != 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_i32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_i32) { MLCC_UN_MAP(int32_t, int32_t, int32_t, (int32_t), (int32_t), (x > 0) - (x < 0)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_u32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_u32) { MLCC_UN_MAP(uint32_t, uint32_t, uint32_t, (uint32_t), (uint32_t), x != 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_i64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_i64) { MLCC_UN_MAP(int64_t, int64_t, int64_t, (int64_t), (int64_t), (x > 0) - (x < 0)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sign_u64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_sign_u64) { MLCC_UN_MAP(uint64_t, uint64_t, uint64_t, (uint64_t), (uint64_t), x != 0) }
/* mlcc:end */

/* Sin */
/* mlcc:kernel mlcc_sin_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_sin_f32) { MLCC_UN_MAP(float, float, float, (float), (float), sinf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sin_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_sin_f64) { MLCC_UN_MAP(double, double, double, (double), (double), sin(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sin_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_sin_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, sinf(x)) }
/* mlcc:end */

/* Cos */
/* mlcc:kernel mlcc_cos_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_cos_f32) { MLCC_UN_MAP(float, float, float, (float), (float), cosf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cos_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_cos_f64) { MLCC_UN_MAP(double, double, double, (double), (double), cos(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cos_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_cos_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, cosf(x)) }
/* mlcc:end */

/* Tan */
/* mlcc:kernel mlcc_tan_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_tan_f32) { MLCC_UN_MAP(float, float, float, (float), (float), tanf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_tan_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_tan_f64) { MLCC_UN_MAP(double, double, double, (double), (double), tan(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_tan_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_tan_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, tanf(x)) }
/* mlcc:end */

/* Asin */
/* mlcc:kernel mlcc_asin_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_asin_f32) { MLCC_UN_MAP(float, float, float, (float), (float), asinf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_asin_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_asin_f64) { MLCC_UN_MAP(double, double, double, (double), (double), asin(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_asin_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_asin_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, asinf(x)) }
/* mlcc:end */

/* Acos */
/* mlcc:kernel mlcc_acos_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_acos_f32) { MLCC_UN_MAP(float, float, float, (float), (float), acosf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_acos_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_acos_f64) { MLCC_UN_MAP(double, double, double, (double), (double), acos(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_acos_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_acos_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, acosf(x)) }
/* mlcc:end */

/* Atan */
/* mlcc:kernel mlcc_atan_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_atan_f32) { MLCC_UN_MAP(float, float, float, (float), (float), atanf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_atan_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_atan_f64) { MLCC_UN_MAP(double, double, double, (double), (double), atan(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_atan_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_atan_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, atanf(x)) }
/* mlcc:end */

/* Sinh */
/* mlcc:kernel mlcc_sinh_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_sinh_f32) { MLCC_UN_MAP(float, float, float, (float), (float), sinhf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sinh_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_sinh_f64) { MLCC_UN_MAP(double, double, double, (double), (double), sinh(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_sinh_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_sinh_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, sinhf(x)) }
/* mlcc:end */

/* Cosh */
/* mlcc:kernel mlcc_cosh_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_cosh_f32) { MLCC_UN_MAP(float, float, float, (float), (float), coshf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cosh_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_cosh_f64) { MLCC_UN_MAP(double, double, double, (double), (double), cosh(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cosh_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_cosh_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, coshf(x)) }
/* mlcc:end */

/* Asinh */
/* mlcc:kernel mlcc_asinh_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_asinh_f32) { MLCC_UN_MAP(float, float, float, (float), (float), asinhf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_asinh_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_asinh_f64) { MLCC_UN_MAP(double, double, double, (double), (double), asinh(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_asinh_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_asinh_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, asinhf(x)) }
/* mlcc:end */

/* Acosh */
/* mlcc:kernel mlcc_acosh_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_acosh_f32) { MLCC_UN_MAP(float, float, float, (float), (float), acoshf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_acosh_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_acosh_f64) { MLCC_UN_MAP(double, double, double, (double), (double), acosh(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_acosh_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_acosh_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, acoshf(x)) }
/* mlcc:end */

/* Atanh */
/* mlcc:kernel mlcc_atanh_f32 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_atanh_f32) { MLCC_UN_MAP(float, float, float, (float), (float), atanhf(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_atanh_f64 uses mlcc_un_map libm */
MLCC_KERNEL(mlcc_atanh_f64) { MLCC_UN_MAP(double, double, double, (double), (double), atanh(x)) }
/* mlcc:end */
/* mlcc:kernel mlcc_atanh_f16 uses mlcc_un_map mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_atanh_f16) { MLCC_UN_MAP(uint16_t, uint16_t, float, mlcc_h2f, mlcc_f2h, atanhf(x)) }
/* mlcc:end */

/* IsNaN: bool output */
/* mlcc:kernel mlcc_isnan_f32 uses mlcc_un_map */
MLCC_KERNEL(mlcc_isnan_f32) { MLCC_UN_MAP(float, uint8_t, float, (float), (uint8_t), x != x) }
/* mlcc:end */
/* mlcc:kernel mlcc_isnan_f64 uses mlcc_un_map */
MLCC_KERNEL(mlcc_isnan_f64) { MLCC_UN_MAP(double, uint8_t, double, (double), (uint8_t), x != x) }
/* mlcc:end */
/* mlcc:kernel mlcc_isnan_f16 uses mlcc_un_map */
MLCC_KERNEL(mlcc_isnan_f16) { MLCC_UN_MAP(uint16_t, uint8_t, uint16_t, (uint16_t), (uint8_t), (x & 0x7fffu) > 0x7c00u) }
/* mlcc:end */

/* IsInf: ip = [n, detect_negative, detect_positive], bool output */
/* mlcc:helper mlcc_un_isinf uses libm */
#define MLCC_UN_ISINF(TI, NEGINF, POSINF)                                             \
    const TI *X = (const TI *)in[0];                                                  \
    uint8_t *Y = (uint8_t *)out[0];                                                   \
    int32_t n = ip[0], i;                                                             \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i++) {                                                         \
        TI x = X[i];                                                                  \
        Y[i] = (uint8_t)((ip[1] && x == (NEGINF)) || (ip[2] && x == (POSINF)));       \
    }
/* mlcc:end */
/* mlcc:kernel mlcc_isinf_f32 uses mlcc_un_isinf */
MLCC_KERNEL(mlcc_isinf_f32) { MLCC_UN_ISINF(float, -INFINITY, INFINITY) }
/* mlcc:end */
/* mlcc:kernel mlcc_isinf_f64 uses mlcc_un_isinf */
MLCC_KERNEL(mlcc_isinf_f64) { MLCC_UN_ISINF(double, -(double)INFINITY, (double)INFINITY) }
/* mlcc:end */
/* mlcc:kernel mlcc_isinf_f16 uses mlcc_un_isinf */
MLCC_KERNEL(mlcc_isinf_f16) { MLCC_UN_ISINF(uint16_t, 0xfc00u, 0x7c00u) }
/* mlcc:end */
