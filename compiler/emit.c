/* emit.c - writes NAME.c and NAME.h: the used kernels, weights, arena, run function */
#include "mlcc.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* kernels called more often than this keep one copy (see the specialization below) */
#define SPECIALIZE_MAX_CALLS 64

typedef struct {
    const char **names;
    int n, cap;
} NameSet;

static bool set_has(const NameSet *s, const char *n)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->names[i], n) == 0)
            return true;
    return false;
}

/* add a kernel and, first, every helper it uses (depth first) */
static void want(NameSet *s, const char *name, int depth)
{
    if (set_has(s, name))
        return;
    const KernelSrc *k = kernel_find(name);
    if (!k || depth > 32)
        fail(EXIT_INTERNAL, "kernel '%s' is missing from runtime-min", name);
    const char *u = k->uses;
    char *dep;
    while ((dep = kernel_next_use(&u)))
        if (strcmp(dep, "libm") != 0)
            want(s, dep, depth + 1);
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 32;
        s->names = xrealloc(s->names, sizeof(char *) * (size_t)s->cap);
    }
    s->names[s->n++] = k->name;
}

static bool uses_libm(const NameSet *s)
{
    for (int i = 0; i < s->n; i++) {
        const char *u = kernel_find(s->names[i])->uses;
        if (strstr(u, "libm"))
            return true;
    }
    return false;
}

static char *upper(const char *s)
{
    char *u = xstrdup(s);
    for (char *p = u; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return u;
}

static void emit_value(Buf *b, int dt, const void *data, int64_t i)
{
    switch (dt) {
    case DT_FLOAT: {
        float f = ((const float *)data)[i];
        char tmp[40];
        snprintf(tmp, sizeof tmp, "%.9g", (double)f);
        buf_puts(b, tmp);
        if (!strpbrk(tmp, ".e"))
            buf_puts(b, ".0");
        buf_puts(b, "f");
        break;
    }
    case DT_DOUBLE: {
        char tmp[40];
        snprintf(tmp, sizeof tmp, "%.17g", ((const double *)data)[i]);
        buf_puts(b, tmp);
        if (!strpbrk(tmp, ".e"))
            buf_puts(b, ".0");
        break;
    }
    case DT_INT64: {
        int64_t v = ((const int64_t *)data)[i];
        if (v == INT64_MIN)
            buf_puts(b, "(-INT64_C(9223372036854775807) - 1)");
        else
            buf_printf(b, "INT64_C(%lld)", (long long)v);
        break;
    }
    case DT_UINT64:
        buf_printf(b, "UINT64_C(%llu)", (unsigned long long)((const uint64_t *)data)[i]);
        break;
    case DT_INT32: {
        int32_t v = ((const int32_t *)data)[i];
        if (v == INT32_MIN)
            buf_puts(b, "(-2147483647 - 1)");
        else
            buf_printf(b, "%ld", (long)v);
        break;
    }
    case DT_UINT32:
        buf_printf(b, "%luu", (unsigned long)((const uint32_t *)data)[i]);
        break;
    case DT_FLOAT16: /* stored as its bit pattern */
    case DT_BFLOAT16:
        buf_printf(b, "0x%04xu", (unsigned)((const uint16_t *)data)[i]);
        break;
    default:
        buf_printf(b, "%lld", (long long)dtype_get_i(dt, data, i));
        break;
    }
}

static bool all_finite(const Tensor *t)
{
    int64_t n = tensor_numel(t);
    for (int64_t i = 0; i < n; i++) {
        double x = dtype_get_f(t->dtype, t->data, i);
        if (!isfinite(x))
            return false;
    }
    return true;
}

/* A constant as a static array; floats that are not finite go through a
 * union of their bit patterns. Returns the C expression that names it. */
static char *emit_weight(Buf *b, const Tensor *t)
{
    int64_t n = tensor_numel(t);
    int64_t len = n ? n : 1;
    const char *ct = dtype_ctype(t->dtype);
    char *nm = xfmt("w%d", t->id);
    buf_puts(b, "/* ");
    buf_c_comment(b, t->name);
    buf_printf(b, ": %s %s */\n", dtype_name(t->dtype), shape_str(t));
    bool fl = t->dtype == DT_FLOAT || t->dtype == DT_DOUBLE;
    /* Floats as bit patterns when some are not finite, and for large tensors,
     * where printing decimals would dominate compile time (exact either way). */
    if (fl && (n > 4096 || !all_finite(t))) {
        const char *ut = t->dtype == DT_FLOAT ? "uint32_t" : "uint64_t";
        buf_printf(b, "static const union { %s u[%lld]; %s f[%lld]; } %s = {{", ut, (long long)len, ct,
                   (long long)len, nm);
        static const char hex[] = "0123456789abcdef";
        int w = t->dtype == DT_FLOAT ? 8 : 16;
        char line[8 * 32 + 16];
        for (int64_t i = 0; i < n; i += 8) {
            char *q = line;
            *q++ = '\n';
            for (int k = 0; k < 4; k++)
                *q++ = ' ';
            for (int64_t j = i; j < n && j < i + 8; j++) {
                uint64_t u = 0;
                if (w == 8) {
                    uint32_t u32;
                    memcpy(&u32, (const char *)t->data + 4 * j, 4);
                    u = u32;
                } else {
                    memcpy(&u, (const char *)t->data + 8 * j, 8);
                }
                *q++ = '0';
                *q++ = 'x';
                for (int d = w - 1; d >= 0; d--)
                    *q++ = hex[(u >> (4 * d)) & 15];
                if (w == 16) { /* a 64-bit pattern: unsigned long long */
                    *q++ = 'u';
                    *q++ = 'l';
                    *q++ = 'l';
                }
                /* a 32-bit one needs no suffix: a hex constant takes the first
                 * of int, unsigned int, long, unsigned long that holds it,
                 * each converting to uint32_t unchanged; no space either (the
                 * weights are most of a large model's C, and writing it most
                 * of mlcc's time) */
                *q++ = ',';
                if (w == 16)
                    *q++ = ' ';
            }
            buf_put(b, line, (size_t)(q - line));
        }
        if (!n)
            buf_puts(b, "0");
        buf_puts(b, "\n}};\n");
        return xfmt("%s.f", nm);
    }
    buf_printf(b, "static const %s %s[%lld] = {", ct, nm, (long long)len);
    for (int64_t i = 0; i < n; i++) {
        if (i % 10 == 0)
            buf_puts(b, "\n    ");
        emit_value(b, t->dtype, t->data, i);
        buf_puts(b, ", ");
    }
    if (!n)
        buf_puts(b, "0");
    buf_puts(b, "\n};\n");
    return nm;
}

typedef struct {
    Program *p;
    char **expr;    /* per tensor: C expression of its buffer */
    int *in_index;  /* graph input index or -1 */
    int *out_index;
    bool used_arena;
} Ctx;

static const char *buffer_of(Ctx *cx, int id, bool as_output)
{
    Graph *g = cx->p->g;
    int64_t off = 0;
    while (g->t[id]->alias >= 0) {
        off += g->t[id]->alias_offset;
        id = g->t[id]->alias;
    }
    Tensor *t = g->t[id];
    (void)as_output;
    const char *base;
    if (cx->expr[id])
        base = cx->expr[id];
    else if (t->is_input)
        base = cx->expr[id] = xfmt("inputs[%d]", cx->in_index[id]);
    else if (t->is_output)
        base = cx->expr[id] = xfmt("outputs[%d]", cx->out_index[id]);
    else if (t->offset < 0)
        fail(EXIT_INTERNAL, "tensor '%s' has no buffer", t->name);
    else {
        cx->used_arena = true;
        return xfmt("(arena.b + %lld)", (long long)(t->offset + off));
    }
    if (!off)
        return base;
    if (t->is_input)
        return xfmt("((const uint8_t *)%s + %lld)", base, (long long)off);
    return xfmt("((uint8_t *)%s + %lld)", base, (long long)off);
}

static void emit_io_macros(Buf *h, const char *U, const char *kind, Graph *g, const int *ids, int n)
{
    for (int i = 0; i < n; i++) {
        Tensor *t = g->t[ids[i]];
        buf_printf(h, "#define %s_%s_%d_NAME ", U, kind, i);
        buf_c_string(h, t->name);
        buf_printf(h, "\n#define %s_%s_%d_DTYPE %s_DTYPE_%s\n", U, kind, i, U, upper(dtype_name(t->dtype)));
        buf_printf(h, "#define %s_%s_%d_RANK %d\n", U, kind, i, t->rank);
        buf_printf(h, "#define %s_%s_%d_DIMS {", U, kind, i);
        for (int k = 0; k < t->rank; k++)
            buf_printf(h, "%s%lld", k ? ", " : "", (long long)t->dims[k]);
        if (!t->rank)
            buf_puts(h, "1");
        buf_puts(h, "}\n");
        buf_printf(h, "#define %s_%s_%d_COUNT %lld\n", U, kind, i, (long long)tensor_numel(t));
        buf_printf(h, "#define %s_%s_%d_BYTES %lld\n", U, kind, i, (long long)tensor_bytes(t));
    }
}

void emit_program(Program *p, const Options *opt, const Target *tg, Buf *c, Buf *h)
{
    Graph *g = p->g;
    const char *N = opt->name;
    char *U = upper(N);
    const char *base = strrchr(opt->model_path, '/');
    base = base ? base + 1 : opt->model_path;

    /* ---------------------------------------------------------- header */
    buf_printf(h, "/* %s.h - generated by mlcc %s from ", N, MLCC_VERSION);
    buf_c_comment(h, base);
    buf_puts(h, ". Do not edit.\n *\n * int ");
    buf_printf(h, "%s_run(const void *const *inputs, void *const *outputs);\n", N);
    buf_puts(h, " * inputs in graph-input order, outputs in graph-output order; dense, row-major\n"
                " * buffers of the element types below. Returns 0 on success.\n */\n");
    buf_printf(h, "#ifndef %s_H\n#define %s_H\n\n#include <stddef.h>\n#include <stdint.h>\n\n", U, U);
    static const int codes[] = {DT_FLOAT, DT_UINT8, DT_INT8, DT_UINT16, DT_INT16, DT_INT32, DT_INT64,
                                DT_BOOL, DT_FLOAT16, DT_DOUBLE, DT_UINT32, DT_UINT64};
    buf_puts(h, "/* element types: ONNX TensorProto.DataType codes */\n");
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        buf_printf(h, "#define %s_DTYPE_%s %d\n", U, upper(dtype_name(codes[i])), codes[i]);
    buf_printf(h, "\n#define %s_NUM_INPUTS %d\n#define %s_NUM_OUTPUTS %d\n", U, g->n_inputs, U, g->n_outputs);
    buf_printf(h, "#define %s_ARENA_BYTES %lld\n\n", U, (long long)p->arena_bytes);
    emit_io_macros(h, U, "INPUT", g, g->inputs, g->n_inputs);
    buf_puts(h, "\n");
    emit_io_macros(h, U, "OUTPUT", g, g->outputs, g->n_outputs);
    buf_printf(h, "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\nint %s_run(const void *const *inputs, "
                  "void *const *outputs);\n\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s_H */\n", N, U);

    /* ---------------------------------------------------------- source */
    NameSet used = {0};
    for (int i = 0; i < p->n_calls; i++)
        want(&used, p->calls[i].kernel, 0);
    buf_printf(c, "/* %s.c - generated by mlcc %s from ", N, MLCC_VERSION);
    buf_c_comment(c, base);
    buf_puts(c, " (graph '");
    buf_c_comment(c, g->name);
    buf_printf(c, "', target %s). Do not edit.\n * %d kernel calls, arena %lld bytes. */\n", tg->name, p->n_calls,
               (long long)p->arena_bytes);
    buf_printf(c, "#include \"%s.h\"\n\n#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n", N);
    if (uses_libm(&used))
        buf_puts(c, "#include <math.h>\n");
    /* Specialization: optimizing for speed with GCC or Clang, every kernel
     * is inlined into each of its calls, where its parameters (the ip and fp
     * arrays below) are constants, so that the C compiler specializes it for
     * that call's shapes: trip counts known, the branches of other geometries
     * gone (measured, mlcc_timer, -O3 -march=native: mobilenet_96 244 -> 225
     * us, MobileNetV2 0.35 395 -> 370, kws_dscnn 65 -> 61, digits 4.22 ->
     * 4.04; at -O2 without -march: kws_dscnn 320 -> 285, mobilenet_96 1393
     * -> 1104 once the fused Clip was written for it, see mlcc_act, but
     * digits 19.9 -> 23.9, not yet understood). Kernels called more than
     * SPECIALIZE_MAX_CALLS times keep one copy (a bound on the code of large
     * graphs, not a tuned figure); -Os and MLCC_NO_SPECIALIZE keep one copy
     * of every kernel. Targets with the reference kernels (the
     * microcontrollers) keep one copy too: there a copy a call costs flash
     * (Cortex-M4 -O2 .text of mobilenet_96: 6,712 bytes one copy each,
     * 18,632 specialized) and gcc -O2's loop analysis of the specialized
     * reference convolution warns (-Waggressive-loop-optimizations). */
    if (tg->reference_kernels)
        buf_puts(c, "\n#define MLCC_KS static\n#define MLCC_K MLCC_KS\n");
    else
        buf_puts(c, "\n#if !defined(MLCC_NO_SPECIALIZE) && (defined(__GNUC__) || defined(__clang__)) && "
                "defined(__OPTIMIZE__) && \\\n    !defined(__OPTIMIZE_SIZE__)\n"
                "#define MLCC_KS static inline __attribute__((always_inline))\n#else\n#define MLCC_KS static\n#endif\n"
                "#define MLCC_K MLCC_KS\n");
    buf_puts(c, kernel_prelude()->text);
    buf_puts(c, "\n");
    for (int i = 0; i < used.n; i++) {
        const KernelSrc *k = kernel_find(used.names[i]);
        int calls = 0;
        for (int j = 0; k->fn && !tg->reference_kernels && j < p->n_calls; j++)
            calls += !strcmp(p->calls[j].kernel, k->name);
        if (calls > SPECIALIZE_MAX_CALLS)
            buf_puts(c, "#undef MLCC_K\n#define MLCC_K static\n");
        buf_puts(c, k->text);
        buf_puts(c, "\n");
        if (calls > SPECIALIZE_MAX_CALLS)
            buf_puts(c, "#undef MLCC_K\n#define MLCC_K MLCC_KS\n");
    }

    Ctx cx = {p, xmalloc(sizeof(char *) * (size_t)(g->n_t + 1)), xmalloc(sizeof(int) * (size_t)(g->n_t + 1)),
              xmalloc(sizeof(int) * (size_t)(g->n_t + 1)), false};
    for (int i = 0; i < g->n_t; i++)
        cx.in_index[i] = cx.out_index[i] = -1;
    for (int i = 0; i < g->n_inputs; i++)
        cx.in_index[g->inputs[i]] = i;
    for (int i = 0; i < g->n_outputs; i++)
        cx.out_index[g->outputs[i]] = i;

    /* weights: every constant a call reads, and constant graph outputs */
    buf_puts(c, "/* ---- weights ---- */\n");
    bool *need = xmalloc(sizeof(bool) * (size_t)(g->n_t + 1));
    for (int s = 0; s < p->n_calls; s++)
        for (int k = 0; k < p->calls[s].n_in; k++) {
            int id = p->calls[s].in[k];
            while (id >= 0 && g->t[id]->alias >= 0)
                id = g->t[id]->alias;
            if (id >= 0 && g->t[id]->data)
                need[id] = true;
        }
    for (int i = 0; i < g->n_outputs; i++)
        if (g->t[g->outputs[i]]->data)
            need[g->outputs[i]] = true;
    p->weight_bytes = 0;
    for (int i = 0; i < g->n_t; i++)
        if (need[i]) {
            cx.expr[i] = emit_weight(c, g->t[i]);
            p->weight_bytes += tensor_bytes(g->t[i]);
        }

    buf_puts(c, "\n/* ---- kernel parameters ---- */\n");
    for (int s = 0; s < p->n_calls; s++) {
        Call *k = &p->calls[s];
        if (k->ip.n) {
            buf_printf(c, "static const int32_t p%d[%d] = {", s, k->ip.n);
            for (int i = 0; i < k->ip.n; i++)
                buf_printf(c, "%s%lld", i ? ", " : "", (long long)k->ip.v[i]);
            buf_puts(c, "};\n");
        }
        if (k->fp.n) {
            bool fin = true;
            for (int i = 0; i < k->fp.n; i++)
                fin = fin && isfinite(k->fp.v[i]);
            if (fin) {
                buf_printf(c, "static const float f%d[%d] = {", s, k->fp.n);
                for (int i = 0; i < k->fp.n; i++) {
                    buf_puts(c, i ? ", " : "");
                    emit_value(c, DT_FLOAT, &k->fp.v[i], 0);
                }
                buf_puts(c, "};\n");
            } else { /* infinities and NaNs as bit patterns */
                buf_printf(c, "static const union { uint32_t u[%d]; float f[%d]; } f%d = {{", k->fp.n, k->fp.n, s);
                for (int i = 0; i < k->fp.n; i++) {
                    uint32_t u;
                    memcpy(&u, &k->fp.v[i], 4);
                    buf_printf(c, "%s0x%08lxu", i ? ", " : "", (unsigned long)u);
                }
                buf_puts(c, "}};\n");
            }
        }
    }
    Buf rb = {0}, *r = &rb;
    buf_printf(r, "int %s_run(const void *const *inputs, void *const *outputs)\n{\n", N);
    buf_puts(r, "    (void)inputs;\n    (void)outputs;\n");
    for (int s = 0; s < p->n_calls; s++) {
        Call *k = &p->calls[s];
        Node *n = &g->nodes[k->node];
        buf_puts(r, "    /* ");
        buf_c_comment(r, n->name);
        buf_printf(r, " (%s) */\n", n->op);
        buf_printf(r, "    %s(", k->kernel);
        buf_puts(r, k->ip.n ? xfmt("p%d, ", s) : "NULL, ");
        bool fin = true;
        for (int i = 0; i < k->fp.n; i++)
            fin = fin && isfinite(k->fp.v[i]);
        buf_puts(r, k->fp.n ? xfmt(fin ? "f%d, " : "f%d.f, ", s) : "NULL, ");
        if (k->n_in) {
            buf_puts(r, "(const void *const[]){");
            for (int i = 0; i < k->n_in; i++)
                buf_printf(r, "%s%s", i ? ", " : "", k->in[i] >= 0 ? buffer_of(&cx, k->in[i], false) : "NULL");
            buf_puts(r, "}, ");
        } else {
            buf_puts(r, "NULL, ");
        }
        buf_puts(r, "(void *const[]){");
        for (int i = 0; i < k->n_out; i++)
            buf_printf(r, "%s%s", i ? ", " : "", k->out[i] >= 0 ? buffer_of(&cx, k->out[i], true) : "NULL");
        if (k->scratch) {
            cx.used_arena = true;
            buf_printf(r, "%s(arena.b + %lld)", k->n_out ? ", " : "", (long long)k->scratch_offset);
        }
        buf_puts(r, "});\n");
    }
    /* graph outputs that are constants or graph inputs: copied */
    for (int i = 0; i < g->n_outputs; i++) {
        Tensor *t = g->t[g->outputs[i]];
        if (t->data || t->is_input)
            buf_printf(r, "    memcpy(outputs[%d], %s, %lld);\n", i,
                       t->data ? cx.expr[t->id] : xfmt("inputs[%d]", cx.in_index[t->id]),
                       (long long)tensor_bytes(t));
    }
    buf_puts(r, "    return 0;\n}\n");
    if (cx.used_arena) {
        int64_t ab = p->arena_bytes ? p->arena_bytes : 1;
        buf_printf(c, "\n/* ---- arena: %lld bytes, every intermediate tensor at a fixed offset ---- */\n",
                   (long long)p->arena_bytes);
        buf_printf(c, "static union {\n    uint64_t align;\n    double align_d;\n    uint8_t b[%lld];\n} arena;\n\n",
                   (long long)ab);
    }
    buf_put(c, r->s, r->len);
}
