/* elementwise.c - binary arithmetic with numpy broadcasting: Add Sub Mul Div Pow
 * Min Max Sum Mean Mod, for every numeric dtype.
 *
 * ip = [n, r, dims[r], sa[r], sb[r]]: n output elements, the output shape
 * (the compiler merges dims where it can), and per input the element stride
 * of each output dim (0 where that input is broadcast). */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_bcast2 */
/* Y[i] = EXPR(a, b) over the broadcast (a of type TA, b of type TB); the
 * innermost dim is a plain loop, the outer dims advance like an odometer. */
#define MLCC_BINARY_AB(TA, TB, TO, EXPR)                                              \
    const TA *A = (const TA *)in[0];                                                  \
    const TB *B = (const TB *)in[1];                                                  \
    TO *Y = (TO *)out[0];                                                             \
    int32_t n = ip[0], r = ip[1], i, j, k;                                            \
    const int32_t *d = ip + 2, *sa = d + r, *sb = sa + r;                             \
    int32_t idx[MLCC_MAX_RANK] = {0}, oa = 0, ob = 0;                                 \
    int32_t dl = d[r - 1], ta = sa[r - 1], tb = sb[r - 1];                            \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i += dl) {                                                     \
        const TA *pa = A + oa;                                                        \
        const TB *pb = B + ob;                                                        \
        TO *py = Y + i;                                                               \
        for (j = 0; j < dl; j++) {                                                    \
            TA a = pa[j * ta];                                                        \
            TB b = pb[j * tb];                                                        \
            py[j] = (TO)(EXPR);                                                       \
        }                                                                             \
        for (k = r - 2; k >= 0; k--) {                                                \
            oa += sa[k];                                                              \
            ob += sb[k];                                                              \
            if (++idx[k] < d[k])                                                      \
                break;                                                                \
            oa -= sa[k] * d[k];                                                       \
            ob -= sb[k] * d[k];                                                       \
            idx[k] = 0;                                                               \
        }                                                                             \
    }
#define MLCC_BINARY(TI, TO, EXPR) MLCC_BINARY_AB(TI, TI, TO, EXPR)
/* mlcc:end */

/* mlcc:helper mlcc_ew_hminmax uses mlcc_shared_h2f */
/* float16 Min/Max: a NaN operand makes the result NaN (like the float32 kernels) */
#define MLCC_HNAN(h) (((h) & 0x7fffu) > 0x7c00u)
#define MLCC_HMIN(a, b) (MLCC_HNAN(a) ? (a) : MLCC_HNAN(b) ? (b) : mlcc_h2f(a) < mlcc_h2f(b) ? (a) : (b))
#define MLCC_HMAX(a, b) (MLCC_HNAN(a) ? (a) : MLCC_HNAN(b) ? (b) : mlcc_h2f(a) > mlcc_h2f(b) ? (a) : (b))
/* mlcc:end */

/* float32 */
/* mlcc:kernel mlcc_add_f32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_f32) { MLCC_BINARY(float, float, a + b) }
/* mlcc:end */
/* Add with a fused activation (Node.act): ip = [n, r, dims, sa, sb, kind],
 * fp = [a, b]; kind and parameters as mlcc_act (mlcc_shared.h), applied to
 * each innermost row as soon as it is written */
/* mlcc:kernel mlcc_add_act_f32 uses mlcc_shared_actbuf */
MLCC_KERNEL(mlcc_add_act_f32)
{
    const float *A = (const float *)in[0], *B = (const float *)in[1];
    float *Y = (float *)out[0];
    int32_t n = ip[0], r = ip[1], i, j, k;
    const int32_t *d = ip + 2, *sa = d + r, *sb = sa + r, kind = ip[2 + 3 * r];
    int32_t idx[MLCC_MAX_RANK] = {0}, oa = 0, ob = 0;
    int32_t dl = d[r - 1], ta = sa[r - 1], tb = sb[r - 1];
    for (i = 0; i < n; i += dl) {
        const float *pa = A + oa, *pb = B + ob;
        float *py = Y + i;
        for (j = 0; j < dl; j++)
            py[j] = pa[j * ta] + pb[j * tb];
        mlcc_act_buf(py, dl, kind, fp[0], fp[1]);
        for (k = r - 2; k >= 0; k--) {
            oa += sa[k];
            ob += sb[k];
            if (++idx[k] < d[k])
                break;
            oa -= sa[k] * d[k];
            ob -= sb[k] * d[k];
            idx[k] = 0;
        }
    }
}
/* mlcc:end */
/* mlcc:kernel mlcc_sub_f32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_f32) { MLCC_BINARY(float, float, a - b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_f32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_f32) { MLCC_BINARY(float, float, a * b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_f32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_f32) { MLCC_BINARY(float, float, a / b) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32 uses mlcc_bcast2 libm */
MLCC_KERNEL(mlcc_pow_f32) { MLCC_BINARY(float, float, powf(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_f32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_f32) { MLCC_BINARY(float, float, (a != a || b != b) ? a + b : (a < b ? a : b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_f32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_f32) { MLCC_BINARY(float, float, (a != a || b != b) ? a + b : (a > b ? a : b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_fmod_f32 uses mlcc_bcast2 libm */
MLCC_KERNEL(mlcc_fmod_f32) { MLCC_BINARY(float, float, fmodf(a, b)) }
/* mlcc:end */

/* float64 */
/* mlcc:kernel mlcc_add_f64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_f64) { MLCC_BINARY(double, double, a + b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_f64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_f64) { MLCC_BINARY(double, double, a - b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_f64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_f64) { MLCC_BINARY(double, double, a * b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_f64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_f64) { MLCC_BINARY(double, double, a / b) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64 uses mlcc_bcast2 libm */
MLCC_KERNEL(mlcc_pow_f64) { MLCC_BINARY(double, double, pow(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_f64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_f64) { MLCC_BINARY(double, double, (a != a || b != b) ? a + b : (a < b ? a : b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_f64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_f64) { MLCC_BINARY(double, double, (a != a || b != b) ? a + b : (a > b ? a : b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_fmod_f64 uses mlcc_bcast2 libm */
MLCC_KERNEL(mlcc_fmod_f64) { MLCC_BINARY(double, double, fmod(a, b)) }
/* mlcc:end */

/* float16: stored as float16, computed in float32 */
/* mlcc:kernel mlcc_add_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_add_f16) { MLCC_BINARY(uint16_t, uint16_t, mlcc_f2h(mlcc_h2f(a) + mlcc_h2f(b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_sub_f16) { MLCC_BINARY(uint16_t, uint16_t, mlcc_f2h(mlcc_h2f(a) - mlcc_h2f(b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_mul_f16) { MLCC_BINARY(uint16_t, uint16_t, mlcc_f2h(mlcc_h2f(a) * mlcc_h2f(b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_div_f16) { MLCC_BINARY(uint16_t, uint16_t, mlcc_f2h(mlcc_h2f(a) / mlcc_h2f(b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_f16 uses mlcc_bcast2 mlcc_ew_hminmax */
MLCC_KERNEL(mlcc_min_f16) { MLCC_BINARY(uint16_t, uint16_t, MLCC_HMIN(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_f16 uses mlcc_bcast2 mlcc_ew_hminmax */
MLCC_KERNEL(mlcc_max_f16) { MLCC_BINARY(uint16_t, uint16_t, MLCC_HMAX(a, b)) }
/* mlcc:end */

/* integers: wrap-around arithmetic (computed unsigned), division by zero gives 0 */
/* mlcc:kernel mlcc_add_i8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_i8) { MLCC_BINARY(int8_t, int8_t, (uint8_t)a + (uint8_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_i8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_i8) { MLCC_BINARY(int8_t, int8_t, (uint8_t)a - (uint8_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_i8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_i8) { MLCC_BINARY(int8_t, int8_t, (uint32_t)(uint8_t)a * (uint32_t)(uint8_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_i8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_i8) { MLCC_BINARY(int8_t, int8_t, b == 0 ? 0 : (b == -1 ? (int8_t)(0u - (uint8_t)a) : a / b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_i8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_i8) { MLCC_BINARY(int8_t, int8_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_i8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_i8) { MLCC_BINARY(int8_t, int8_t, a > b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_add_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_u8) { MLCC_BINARY(uint8_t, uint8_t, (uint8_t)a + (uint8_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_u8) { MLCC_BINARY(uint8_t, uint8_t, (uint8_t)a - (uint8_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_u8) { MLCC_BINARY(uint8_t, uint8_t, (uint32_t)a * (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_u8) { MLCC_BINARY(uint8_t, uint8_t, b == 0 ? 0 : a / b) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_u8) { MLCC_BINARY(uint8_t, uint8_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_u8) { MLCC_BINARY(uint8_t, uint8_t, a > b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_add_i16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_i16) { MLCC_BINARY(int16_t, int16_t, (uint16_t)a + (uint16_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_i16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_i16) { MLCC_BINARY(int16_t, int16_t, (uint16_t)a - (uint16_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_i16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_i16) { MLCC_BINARY(int16_t, int16_t, (uint32_t)(uint16_t)a * (uint32_t)(uint16_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_i16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_i16) { MLCC_BINARY(int16_t, int16_t, b == 0 ? 0 : (b == -1 ? (int16_t)(0u - (uint16_t)a) : a / b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_i16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_i16) { MLCC_BINARY(int16_t, int16_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_i16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_i16) { MLCC_BINARY(int16_t, int16_t, a > b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_add_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_u16) { MLCC_BINARY(uint16_t, uint16_t, (uint16_t)a + (uint16_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_u16) { MLCC_BINARY(uint16_t, uint16_t, (uint16_t)a - (uint16_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_u16) { MLCC_BINARY(uint16_t, uint16_t, (uint32_t)a * (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_u16) { MLCC_BINARY(uint16_t, uint16_t, b == 0 ? 0 : a / b) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_u16) { MLCC_BINARY(uint16_t, uint16_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_u16) { MLCC_BINARY(uint16_t, uint16_t, a > b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_add_i32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_i32) { MLCC_BINARY(int32_t, int32_t, (uint32_t)a + (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_i32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_i32) { MLCC_BINARY(int32_t, int32_t, (uint32_t)a - (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_i32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_i32) { MLCC_BINARY(int32_t, int32_t, (uint32_t)a * (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_i32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_i32) { MLCC_BINARY(int32_t, int32_t, b == 0 ? 0 : (b == -1 ? (int32_t)(0u - (uint32_t)a) : a / b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_i32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_i32) { MLCC_BINARY(int32_t, int32_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_i32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_i32) { MLCC_BINARY(int32_t, int32_t, a > b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_add_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_u32) { MLCC_BINARY(uint32_t, uint32_t, (uint32_t)a + (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_u32) { MLCC_BINARY(uint32_t, uint32_t, (uint32_t)a - (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_u32) { MLCC_BINARY(uint32_t, uint32_t, (uint32_t)a * (uint32_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_u32) { MLCC_BINARY(uint32_t, uint32_t, b == 0 ? 0 : a / b) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_u32) { MLCC_BINARY(uint32_t, uint32_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_u32) { MLCC_BINARY(uint32_t, uint32_t, a > b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_add_i64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_i64) { MLCC_BINARY(int64_t, int64_t, (uint64_t)a + (uint64_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_i64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_i64) { MLCC_BINARY(int64_t, int64_t, (uint64_t)a - (uint64_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_i64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_i64) { MLCC_BINARY(int64_t, int64_t, (uint64_t)a * (uint64_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_i64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_i64) { MLCC_BINARY(int64_t, int64_t, b == 0 ? 0 : (b == -1 ? (int64_t)(0u - (uint64_t)a) : a / b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_i64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_i64) { MLCC_BINARY(int64_t, int64_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_i64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_i64) { MLCC_BINARY(int64_t, int64_t, a > b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_add_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_add_u64) { MLCC_BINARY(uint64_t, uint64_t, (uint64_t)a + (uint64_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_sub_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_sub_u64) { MLCC_BINARY(uint64_t, uint64_t, (uint64_t)a - (uint64_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mul_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mul_u64) { MLCC_BINARY(uint64_t, uint64_t, (uint64_t)a * (uint64_t)b) }
/* mlcc:end */
/* mlcc:kernel mlcc_div_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_div_u64) { MLCC_BINARY(uint64_t, uint64_t, b == 0 ? 0 : a / b) }
/* mlcc:end */
/* mlcc:kernel mlcc_min_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_min_u64) { MLCC_BINARY(uint64_t, uint64_t, a < b ? a : b) }
/* mlcc:end */
/* mlcc:kernel mlcc_max_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_max_u64) { MLCC_BINARY(uint64_t, uint64_t, a > b ? a : b) }
/* mlcc:end */

/* float16 fmod and pow, computed in float32 */
/* mlcc:kernel mlcc_fmod_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_fmod_f16) { MLCC_BINARY(uint16_t, uint16_t, mlcc_f2h(fmodf(mlcc_h2f(a), mlcc_h2f(b)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_pow_f16) { MLCC_BINARY(uint16_t, uint16_t, mlcc_f2h(powf(mlcc_h2f(a), mlcc_h2f(b)))) }
/* mlcc:end */

/* Integer Mod. cmod (fmod=1): C semantics, the result has the sign of the
 * dividend; mod (fmod=0): Python semantics, the sign of the divisor. A zero
 * divisor gives 0; x % -1 is 0 (never INT_MIN % -1, undefined in C). */
/* mlcc:helper mlcc_cmod_s32 */
static int32_t mlcc_cmod_s32(int32_t a, int32_t b) { return (b == 0 || b == -1) ? 0 : a % b; }
/* mlcc:end */
/* mlcc:helper mlcc_pymod_s32 uses mlcc_cmod_s32 */
static int32_t mlcc_pymod_s32(int32_t a, int32_t b)
{
    int32_t m = mlcc_cmod_s32(a, b);
    return (m != 0 && (m < 0) != (b < 0)) ? m + b : m;
}
/* mlcc:end */
/* mlcc:helper mlcc_cmod_s64 */
static int64_t mlcc_cmod_s64(int64_t a, int64_t b) { return (b == 0 || b == -1) ? 0 : a % b; }
/* mlcc:end */
/* mlcc:helper mlcc_pymod_s64 uses mlcc_cmod_s64 */
static int64_t mlcc_pymod_s64(int64_t a, int64_t b)
{
    int64_t m = mlcc_cmod_s64(a, b);
    return (m != 0 && (m < 0) != (b < 0)) ? m + b : m;
}
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_i8 uses mlcc_bcast2 mlcc_cmod_s32 */
MLCC_KERNEL(mlcc_cmod_i8) { MLCC_BINARY(int8_t, int8_t, mlcc_cmod_s32(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_i8 uses mlcc_bcast2 mlcc_pymod_s32 */
MLCC_KERNEL(mlcc_mod_i8) { MLCC_BINARY(int8_t, int8_t, mlcc_pymod_s32(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_i16 uses mlcc_bcast2 mlcc_cmod_s32 */
MLCC_KERNEL(mlcc_cmod_i16) { MLCC_BINARY(int16_t, int16_t, mlcc_cmod_s32(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_i16 uses mlcc_bcast2 mlcc_pymod_s32 */
MLCC_KERNEL(mlcc_mod_i16) { MLCC_BINARY(int16_t, int16_t, mlcc_pymod_s32(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_i32 uses mlcc_bcast2 mlcc_cmod_s32 */
MLCC_KERNEL(mlcc_cmod_i32) { MLCC_BINARY(int32_t, int32_t, mlcc_cmod_s32(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_i32 uses mlcc_bcast2 mlcc_pymod_s32 */
MLCC_KERNEL(mlcc_mod_i32) { MLCC_BINARY(int32_t, int32_t, mlcc_pymod_s32(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_i64 uses mlcc_bcast2 mlcc_cmod_s64 */
MLCC_KERNEL(mlcc_cmod_i64) { MLCC_BINARY(int64_t, int64_t, mlcc_cmod_s64(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_i64 uses mlcc_bcast2 mlcc_pymod_s64 */
MLCC_KERNEL(mlcc_mod_i64) { MLCC_BINARY(int64_t, int64_t, mlcc_pymod_s64(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_cmod_u8) { MLCC_BINARY(uint8_t, uint8_t, b == 0 ? 0 : a % b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_u8 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mod_u8) { MLCC_BINARY(uint8_t, uint8_t, b == 0 ? 0 : a % b) }
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_cmod_u16) { MLCC_BINARY(uint16_t, uint16_t, b == 0 ? 0 : a % b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_u16 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mod_u16) { MLCC_BINARY(uint16_t, uint16_t, b == 0 ? 0 : a % b) }
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_cmod_u32) { MLCC_BINARY(uint32_t, uint32_t, b == 0 ? 0 : a % b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_u32 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mod_u32) { MLCC_BINARY(uint32_t, uint32_t, b == 0 ? 0 : a % b) }
/* mlcc:end */
/* mlcc:kernel mlcc_cmod_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_cmod_u64) { MLCC_BINARY(uint64_t, uint64_t, b == 0 ? 0 : a % b) }
/* mlcc:end */
/* mlcc:kernel mlcc_mod_u64 uses mlcc_bcast2 */
MLCC_KERNEL(mlcc_mod_u64) { MLCC_BINARY(uint64_t, uint64_t, b == 0 ? 0 : a % b) }
/* mlcc:end */

/* Pow with integer results: exact, wrapping like the other integer kernels
 * (modulo 2^width). A negative exponent gives 1/a^-e truncated: 1 for a = 1,
 * +-1 for a = -1, 0 otherwise (0 also for a = 0, where it is undefined).
 * A float result converted to an integer saturates; NaN gives 0. */
/* mlcc:helper mlcc_pow_wrap */
static uint64_t mlcc_pow_wrap(uint64_t a, uint64_t e)
{
    uint64_t r = 1u;
    while (e) {
        if (e & 1u)
            r *= a;
        a *= a;
        e >>= 1;
    }
    return r;
}
/* mlcc:end */
/* mlcc:helper mlcc_pow_ss uses mlcc_pow_wrap */
/* a^e for a signed base and a signed exponent, as int64 (wrapped) */
static int64_t mlcc_pow_ss(int64_t a, int64_t e)
{
    if (e < 0)
        return a == 1 ? 1 : a == -1 ? (((uint64_t)e & 1u) ? -1 : 1) : 0;
    return (int64_t)mlcc_pow_wrap((uint64_t)a, (uint64_t)e);
}
/* mlcc:end */
/* mlcc:helper mlcc_pow_d2i32 */
static int32_t mlcc_pow_d2i32(double x)
{
    return x != x ? 0 : x >= 2147483647.0 ? INT32_MAX : x <= -2147483648.0 ? INT32_MIN : (int32_t)x;
}
/* mlcc:end */
/* mlcc:helper mlcc_pow_d2i64 */
static int64_t mlcc_pow_d2i64(double x)
{
    return x != x ? 0 : x >= 9223372036854775807.0 ? INT64_MAX : x <= -9223372036854775808.0 ? INT64_MIN : (int64_t)x;
}
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i8 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i8) { MLCC_BINARY(int8_t, int8_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i16 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i16) { MLCC_BINARY(int16_t, int16_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i32) { MLCC_BINARY(int32_t, int32_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i64) { MLCC_BINARY(int64_t, int64_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_u8 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_u8) { MLCC_BINARY(uint8_t, uint8_t, mlcc_pow_wrap(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_u16 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_u16) { MLCC_BINARY(uint16_t, uint16_t, mlcc_pow_wrap(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_u32 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_u32) { MLCC_BINARY(uint32_t, uint32_t, mlcc_pow_wrap(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_u64 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_u64) { MLCC_BINARY(uint64_t, uint64_t, mlcc_pow_wrap(a, b)) }
/* mlcc:end */

/* Pow with a float base and an integer exponent: |a|^e with the sign of a when e
 * is odd (exact parity for any exponent, also beyond 2^24). */
/* mlcc:helper mlcc_pow_f32i uses libm */
static float mlcc_pow_f32i(float a, float e, int odd)
{
    float r = powf(fabsf(a), e);
    return (odd && signbit(a)) ? -r : r;
}
/* mlcc:end */
/* mlcc:helper mlcc_pow_f64i uses libm */
static double mlcc_pow_f64i(double a, double e, int odd)
{
    double r = pow(fabs(a), e);
    return (odd && signbit(a)) ? -r : r;
}
/* mlcc:end */

/* Pow with different base and exponent types (opset 12+): mlcc_pow_BASE_EXP.
 * The result has the base's type. */
/* mlcc:kernel mlcc_pow_i32_i8 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i32_i8) { MLCC_BINARY_AB(int32_t, int8_t, int32_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_i16 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i32_i16) { MLCC_BINARY_AB(int32_t, int16_t, int32_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_i64 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i32_i64) { MLCC_BINARY_AB(int32_t, int64_t, int32_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_u8 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i32_u8) { MLCC_BINARY_AB(int32_t, uint8_t, int32_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_u16 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i32_u16) { MLCC_BINARY_AB(int32_t, uint16_t, int32_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_u32 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i32_u32) { MLCC_BINARY_AB(int32_t, uint32_t, int32_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_u64 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i32_u64) { MLCC_BINARY_AB(int32_t, uint64_t, int32_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_pow_d2i32 libm */
MLCC_KERNEL(mlcc_pow_i32_f16) { MLCC_BINARY_AB(int32_t, uint16_t, int32_t, mlcc_pow_d2i32(pow((double)a, (double)mlcc_h2f(b)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_f32 uses mlcc_bcast2 mlcc_pow_d2i32 libm */
MLCC_KERNEL(mlcc_pow_i32_f32) { MLCC_BINARY_AB(int32_t, float, int32_t, mlcc_pow_d2i32(pow((double)a, (double)b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i32_f64 uses mlcc_bcast2 mlcc_pow_d2i32 libm */
MLCC_KERNEL(mlcc_pow_i32_f64) { MLCC_BINARY_AB(int32_t, double, int32_t, mlcc_pow_d2i32(pow((double)a, (double)b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_i8 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i64_i8) { MLCC_BINARY_AB(int64_t, int8_t, int64_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_i16 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i64_i16) { MLCC_BINARY_AB(int64_t, int16_t, int64_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_i32 uses mlcc_bcast2 mlcc_pow_ss */
MLCC_KERNEL(mlcc_pow_i64_i32) { MLCC_BINARY_AB(int64_t, int32_t, int64_t, mlcc_pow_ss(a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_u8 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i64_u8) { MLCC_BINARY_AB(int64_t, uint8_t, int64_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_u16 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i64_u16) { MLCC_BINARY_AB(int64_t, uint16_t, int64_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_u32 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i64_u32) { MLCC_BINARY_AB(int64_t, uint32_t, int64_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_u64 uses mlcc_bcast2 mlcc_pow_wrap */
MLCC_KERNEL(mlcc_pow_i64_u64) { MLCC_BINARY_AB(int64_t, uint64_t, int64_t, mlcc_pow_wrap((uint64_t)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_f16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_pow_d2i64 libm */
MLCC_KERNEL(mlcc_pow_i64_f16) { MLCC_BINARY_AB(int64_t, uint16_t, int64_t, mlcc_pow_d2i64(pow((double)a, (double)mlcc_h2f(b)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_f32 uses mlcc_bcast2 mlcc_pow_d2i64 libm */
MLCC_KERNEL(mlcc_pow_i64_f32) { MLCC_BINARY_AB(int64_t, float, int64_t, mlcc_pow_d2i64(pow((double)a, (double)b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_i64_f64 uses mlcc_bcast2 mlcc_pow_d2i64 libm */
MLCC_KERNEL(mlcc_pow_i64_f64) { MLCC_BINARY_AB(int64_t, double, int64_t, mlcc_pow_d2i64(pow((double)a, (double)b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_i8 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_i8) { MLCC_BINARY_AB(uint16_t, int8_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_i16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_i16) { MLCC_BINARY_AB(uint16_t, int16_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_i32 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_i32) { MLCC_BINARY_AB(uint16_t, int32_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_i64 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_i64) { MLCC_BINARY_AB(uint16_t, int64_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_u8 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_u8) { MLCC_BINARY_AB(uint16_t, uint8_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_u16 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_u16) { MLCC_BINARY_AB(uint16_t, uint16_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_u32 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_u32) { MLCC_BINARY_AB(uint16_t, uint32_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_u64 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f16_u64) { MLCC_BINARY_AB(uint16_t, uint64_t, uint16_t, mlcc_f2h(mlcc_pow_f32i(mlcc_h2f(a), (float)b, (int)((uint64_t)b & 1u)))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_f32 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_pow_f16_f32) { MLCC_BINARY_AB(uint16_t, float, uint16_t, mlcc_f2h(powf(mlcc_h2f(a), b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f16_f64 uses mlcc_bcast2 mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_pow_f16_f64) { MLCC_BINARY_AB(uint16_t, double, uint16_t, mlcc_f2h((float)pow((double)mlcc_h2f(a), b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_i8 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_i8) { MLCC_BINARY_AB(float, int8_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_i16 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_i16) { MLCC_BINARY_AB(float, int16_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_i32 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_i32) { MLCC_BINARY_AB(float, int32_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_i64 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_i64) { MLCC_BINARY_AB(float, int64_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_u8 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_u8) { MLCC_BINARY_AB(float, uint8_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_u16 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_u16) { MLCC_BINARY_AB(float, uint16_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_u32 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_u32) { MLCC_BINARY_AB(float, uint32_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_u64 uses mlcc_bcast2 mlcc_pow_f32i libm */
MLCC_KERNEL(mlcc_pow_f32_u64) { MLCC_BINARY_AB(float, uint64_t, float, mlcc_pow_f32i(a, (float)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_f16 uses mlcc_bcast2 mlcc_shared_h2f libm */
MLCC_KERNEL(mlcc_pow_f32_f16) { MLCC_BINARY_AB(float, uint16_t, float, powf(a, mlcc_h2f(b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f32_f64 uses mlcc_bcast2 libm */
MLCC_KERNEL(mlcc_pow_f32_f64) { MLCC_BINARY_AB(float, double, float, (float)pow((double)a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_i8 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_i8) { MLCC_BINARY_AB(double, int8_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_i16 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_i16) { MLCC_BINARY_AB(double, int16_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_i32 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_i32) { MLCC_BINARY_AB(double, int32_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_i64 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_i64) { MLCC_BINARY_AB(double, int64_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_u8 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_u8) { MLCC_BINARY_AB(double, uint8_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_u16 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_u16) { MLCC_BINARY_AB(double, uint16_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_u32 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_u32) { MLCC_BINARY_AB(double, uint32_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_u64 uses mlcc_bcast2 mlcc_pow_f64i libm */
MLCC_KERNEL(mlcc_pow_f64_u64) { MLCC_BINARY_AB(double, uint64_t, double, mlcc_pow_f64i(a, (double)b, (int)((uint64_t)b & 1u))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_f16 uses mlcc_bcast2 mlcc_shared_h2f libm */
MLCC_KERNEL(mlcc_pow_f64_f16) { MLCC_BINARY_AB(double, uint16_t, double, pow(a, (double)mlcc_h2f(b))) }
/* mlcc:end */
/* mlcc:kernel mlcc_pow_f64_f32 uses mlcc_bcast2 libm */
MLCC_KERNEL(mlcc_pow_f64_f32) { MLCC_BINARY_AB(double, float, double, pow(a, (double)b)) }
/* mlcc:end */

/* Mean's last step: Y = X / fp[0] (the input count), ip = [n]; may run in place */
/* mlcc:kernel mlcc_divs_f32 */
MLCC_KERNEL(mlcc_divs_f32)
{
    const float *X = (const float *)in[0];
    float *Y = (float *)out[0], s = fp[0];
    int32_t n = ip[0], i;
    for (i = 0; i < n; i++)
        Y[i] = X[i] / s;
}
/* mlcc:end */
/* mlcc:kernel mlcc_divs_f64 */
MLCC_KERNEL(mlcc_divs_f64)
{
    const double *X = (const double *)in[0];
    double *Y = (double *)out[0], s = (double)fp[0];
    int32_t n = ip[0], i;
    for (i = 0; i < n; i++)
        Y[i] = X[i] / s;
}
/* mlcc:end */
/* mlcc:kernel mlcc_divs_f16 uses mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_divs_f16)
{
    const uint16_t *X = (const uint16_t *)in[0];
    uint16_t *Y = (uint16_t *)out[0];
    float s = fp[0];
    int32_t n = ip[0], i;
    for (i = 0; i < n; i++)
        Y[i] = mlcc_f2h(mlcc_h2f(X[i]) / s);
}
/* mlcc:end */
