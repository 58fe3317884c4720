/* fma_peak.c - the rate of multiply-adds the GEMM core's shape of code
 * reaches on this machine at best, for make bench's compute floor.
 *
 *   fma_peak            prints peak_gmacs=G (10^9 float multiply-adds a second)
 *
 * One tile of 12 x 32 sums over 128 steps, written the way
 * runtime-min/gemm_fast.c's micro-kernel is (12 broadcast values of A times
 * 32 contiguous values of B, accumulators the compiler keeps in vector
 * registers), on operands that stay in the L1 cache, built with the bench's
 * flags (-O3 -march=native): no memory traffic, no loop overhead worth
 * counting. The fastest of 50 runs of 2000 tiles each is reported, so a
 * short disturbance by other work is left out. A model's multiply-adds
 * divided by this rate is the time no portable C kernel of ours could beat
 * without doing fewer multiply-adds (Winograd does: its layers can go below). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <time.h>

#define R 12
#define NR 32
#define K 128
#define REPS 2000
#ifdef FP_FAST_FMAF
#define FMA(a, b, c) fmaf((a), (b), (c))
#else
#define FMA(a, b, c) ((a) * (b) + (c))
#endif

static float A[K * R], B[K * NR];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* one tile: out[i][j] += sum over k < n of a[k * R + i] * b[k * NR + j] */
static void tile(int n, const float *a, const float *b, float *out)
{
    float acc[R][NR];
    int i, j, k;
    for (i = 0; i < R; i++)
        for (j = 0; j < NR; j++)
            acc[i][j] = out[i * NR + j];
    for (k = 0; k < n; k++, a += R, b += NR)
        for (i = 0; i < R; i++) {
            const float av = a[i];
            for (j = 0; j < NR; j++)
                acc[i][j] = FMA(av, b[j], acc[i][j]);
        }
    for (i = 0; i < R; i++)
        for (j = 0; j < NR; j++)
            out[i * NR + j] = acc[i][j];
}

/* called through a volatile pointer: each call is a whole tile, as in a
 * model, and the compiler can't merge the calls into one loop nest */
static void (*volatile tile_p)(int, const float *, const float *, float *) = tile;

int main(void)
{
    static float out[R * NR];
    double best = 1e30, sum = 0.0;
    int i, t;
    for (i = 0; i < K * R; i++)
        A[i] = 1e-3f * (float)(i % 7);
    for (i = 0; i < K * NR; i++)
        B[i] = 1e-3f * (float)(i % 5);
    for (t = 0; t < 50; t++) {
        double t0 = now(), d;
        for (i = 0; i < REPS; i++)
            tile_p(K, A, B, out);
        d = now() - t0;
        if (d < best)
            best = d;
        sum += out[t % (R * NR)];
    }
    /* the sums are printed so that no tile can be left out */
    printf("peak_gmacs=%.2f check=%g\n", (double)REPS * K * R * NR / best / 1e9, sum);
    return 0;
}
