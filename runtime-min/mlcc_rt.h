/*
 * mlcc_rt.h - what every runtime-min kernel shares.
 *
 * A kernel has one signature:
 *     void NAME(const int32_t *ip, const float *fp, const void *const *in, void *const *out)
 * ip: int32 parameters the compiler computed (shapes, strides, attributes);
 * fp: float parameters (alpha, epsilon, ...); in: input buffers, NULL for an
 * omitted optional input; out: output buffers, then the scratch buffer when
 * the kernel asks for one. Kernels never allocate, never print, never fail.
 *
 * The compiler links these files to fold constants at compile time and copies
 * the marked text (mlcc:kernel / mlcc:helper ... mlcc:end) of just the kernels
 * a model uses into the emitted file, where MLCC_K is `static`.
 */
#ifndef MLCC_RT_H
#define MLCC_RT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef MLCC_K
#define MLCC_K
#endif

/* mlcc:prelude */
#define MLCC_KERNEL(name) \
    MLCC_K void name(const int32_t *ip, const float *fp, const void *const *in, void *const *out)
#define MLCC_UNUSED(x) ((void)(x))
#define MLCC_MAX_RANK 8
/* The kernels that move values by their size (Transpose, Slice, Gather,
 * Where, ...) move them as mlcc_x2 / mlcc_x4 / mlcc_x8: the same bytes are a
 * float in the kernel before and a uint32_t in theirs, and in the emitted
 * file the kernels may be inlined into one function, where type-based alias
 * analysis (gcc -O2 and up) could move a float load above the uint32_t
 * store that makes its value (seen: ONNX's
 * test_nllloss_NCd1d2d3_sum_weight_high_ii_expanded wrong at gcc -O2). With
 * GCC and Clang these types alias any other. */
#if defined(__GNUC__) || defined(__clang__)
typedef uint16_t __attribute__((__may_alias__)) mlcc_x2;
typedef uint32_t __attribute__((__may_alias__)) mlcc_x4;
typedef uint64_t __attribute__((__may_alias__)) mlcc_x8;
#else
typedef uint16_t mlcc_x2;
typedef uint32_t mlcc_x4;
typedef uint64_t mlcc_x8;
#endif
/* mlcc:end */

#endif
