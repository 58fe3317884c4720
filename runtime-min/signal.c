/* signal.c - DFT and STFT (float16/32/64). The window generators (Hann,
 * Hamming, Blackman) and MelWeightMatrix take constant inputs only and are
 * computed by the compiler, so they have no kernel here.
 *
 * Both kernels are plain O(n^2) transforms of any length: a twiddle table
 * e^(+-2 pi i m / n) for m < n (in the scratch buffer) and sums in double, so
 * that long transforms keep float32 accuracy. float16 is loaded and stored
 * through float32.
 *
 * DFT: ip = [outer, nin, inner, C, n, nout, inverse]. The input is
 * [outer][nin][inner][C] (C = 1 real, 2 complex), the output
 * [outer][nout][inner][2]; the transform runs over the nin axis with length
 * n (zero padded when n > nin, truncated when n < nin); output bins k < nout
 * (nout = n, or n/2+1 one-sided). inverse: e^(+...) and a factor 1/n.
 * scratch: (2n + 2*inner) doubles.
 *
 * STFT: ip = [batch, len, C, step, L, frames, nout]. signal [batch][len][C],
 * in[1] the window [L] or NULL, output [batch][frames][nout][2]; frame f
 * starts at f*step and has L samples. scratch: 4L doubles (twiddles, then
 * the windowed frame). */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_sig_twiddle uses libm */
/* tw[2m], tw[2m+1] = cos, sgn*sin of 2 pi m / n, for m < n */
static void mlcc_sig_twiddle(double *tw, int32_t n, double sgn)
{
    int32_t m;
    for (m = 0; m < n; m++) {
        double a = 6.283185307179586476925 * (double)m / (double)n;
        tw[2 * m] = cos(a);
        tw[2 * m + 1] = sgn * sin(a);
    }
}
/* mlcc:end */

/* mlcc:helper mlcc_sig_dft_body */
#define MLCC_DFT_BODY(T, LD, ST)                                                        \
    const T *X = (const T *)in[0];                                                    \
    T *Y = (T *)out[0];                                                               \
    const int32_t outer = ip[0], nin = ip[1], inner = ip[2], C = ip[3], n = ip[4];    \
    const int32_t nout = ip[5], nj = nin < n ? nin : n;                               \
    double *tw = (double *)out[1], *acc = tw + 2 * n;                                 \
    const double scale = ip[6] ? 1.0 / (double)n : 1.0;                               \
    int32_t o, k, j, i, m;                                                            \
    MLCC_UNUSED(fp);                                                                  \
    mlcc_sig_twiddle(tw, n, ip[6] ? 1.0 : -1.0);                                      \
    for (o = 0; o < outer; o++) {                                                     \
        const T *xo = X + o * nin * inner * C;                                        \
        T *yo = Y + o * nout * inner * 2;                                             \
        for (k = 0; k < nout; k++) {                                                  \
            T *yk = yo + k * inner * 2;                                               \
            for (i = 0; i < 2 * inner; i++)                                           \
                acc[i] = 0.0;                                                         \
            for (j = 0, m = 0; j < nj; j++) {                                         \
                const double wr = tw[2 * m], wi = tw[2 * m + 1];                      \
                const T *xj = xo + j * inner * C;                                     \
                if (C == 1) {                                                         \
                    for (i = 0; i < inner; i++) {                                     \
                        const double xr = (double)LD(xj[i]);                          \
                        acc[2 * i] += xr * wr;                                        \
                        acc[2 * i + 1] += xr * wi;                                    \
                    }                                                                 \
                } else {                                                              \
                    for (i = 0; i < inner; i++) {                                     \
                        const double xr = (double)LD(xj[2 * i]);                      \
                        const double xi = (double)LD(xj[2 * i + 1]);                  \
                        acc[2 * i] += xr * wr - xi * wi;                              \
                        acc[2 * i + 1] += xr * wi + xi * wr;                          \
                    }                                                                 \
                }                                                                     \
                m += k; /* (j * k) mod n, without overflow */                         \
                if (m >= n)                                                           \
                    m -= n;                                                           \
            }                                                                         \
            for (i = 0; i < 2 * inner; i++)                                           \
                yk[i] = ST(acc[i] * scale);                                           \
        }                                                                             \
    }
#define MLCC_SIG_ID(x) (x)
#define MLCC_SIG_TOF(x) ((float)(x))
#define MLCC_SIG_TOD(x) (x)
#define MLCC_SIG_TOH(x) mlcc_f2h((float)(x))
/* mlcc:end */

/* mlcc:kernel mlcc_dft_f32 uses mlcc_sig_twiddle mlcc_sig_dft_body */
MLCC_KERNEL(mlcc_dft_f32) { MLCC_DFT_BODY(float, MLCC_SIG_ID, MLCC_SIG_TOF) }
/* mlcc:end */
/* mlcc:kernel mlcc_dft_f64 uses mlcc_sig_twiddle mlcc_sig_dft_body */
MLCC_KERNEL(mlcc_dft_f64) { MLCC_DFT_BODY(double, MLCC_SIG_ID, MLCC_SIG_TOD) }
/* mlcc:end */
/* mlcc:kernel mlcc_dft_f16 uses mlcc_shared_h2f mlcc_shared_f2h mlcc_sig_twiddle mlcc_sig_dft_body */
MLCC_KERNEL(mlcc_dft_f16) { MLCC_DFT_BODY(uint16_t, mlcc_h2f, MLCC_SIG_TOH) }
/* mlcc:end */

/* mlcc:helper mlcc_sig_stft_body */
#define MLCC_STFT_BODY(T, LD, ST)                                                       \
    const T *X = (const T *)in[0], *Wn = (const T *)in[1];                            \
    T *Y = (T *)out[0];                                                               \
    const int32_t batch = ip[0], len = ip[1], C = ip[2], step = ip[3], L = ip[4];     \
    const int32_t frames = ip[5], nout = ip[6];                                       \
    double *tw = (double *)out[1], *fr = tw + 2 * L;                                  \
    int32_t b, f, k, j, m;                                                            \
    MLCC_UNUSED(fp);                                                                  \
    mlcc_sig_twiddle(tw, L, -1.0);                                                    \
    for (b = 0; b < batch; b++) {                                                     \
        for (f = 0; f < frames; f++) {                                                \
            const T *xs = X + (b * len + f * step) * C;                               \
            T *yf = Y + (b * frames + f) * nout * 2;                                  \
            for (j = 0; j < L; j++) { /* the windowed frame */                        \
                const double w = Wn ? (double)LD(Wn[j]) : 1.0;                        \
                fr[2 * j] = (double)LD(xs[j * C]) * w;                                \
                fr[2 * j + 1] = C == 2 ? (double)LD(xs[j * C + 1]) * w : 0.0;         \
            }                                                                         \
            for (k = 0; k < nout; k++) {                                              \
                double ar = 0.0, ai = 0.0;                                            \
                for (j = 0, m = 0; j < L; j++) {                                      \
                    ar += fr[2 * j] * tw[2 * m] - fr[2 * j + 1] * tw[2 * m + 1];      \
                    ai += fr[2 * j] * tw[2 * m + 1] + fr[2 * j + 1] * tw[2 * m];      \
                    m += k;                                                           \
                    if (m >= L)                                                       \
                        m -= L;                                                       \
                }                                                                     \
                yf[2 * k] = ST(ar);                                                   \
                yf[2 * k + 1] = ST(ai);                                               \
            }                                                                         \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_stft_f32 uses mlcc_sig_twiddle mlcc_sig_dft_body mlcc_sig_stft_body */
MLCC_KERNEL(mlcc_stft_f32) { MLCC_STFT_BODY(float, MLCC_SIG_ID, MLCC_SIG_TOF) }
/* mlcc:end */
/* mlcc:kernel mlcc_stft_f64 uses mlcc_sig_twiddle mlcc_sig_dft_body mlcc_sig_stft_body */
MLCC_KERNEL(mlcc_stft_f64) { MLCC_STFT_BODY(double, MLCC_SIG_ID, MLCC_SIG_TOD) }
/* mlcc:end */
/* mlcc:kernel mlcc_stft_f16 uses mlcc_shared_h2f mlcc_shared_f2h mlcc_sig_twiddle mlcc_sig_dft_body mlcc_sig_stft_body */
MLCC_KERNEL(mlcc_stft_f16) { MLCC_STFT_BODY(uint16_t, mlcc_h2f, MLCC_SIG_TOH) }
/* mlcc:end */
