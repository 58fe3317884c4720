/*
 * mlcc.h - the map of the compiler.
 *
 * A model travels through these files, in this order:
 *
 *   main.c         command line: compile, verify, check
 *   pipeline.c     the passes in their fixed order, then emission and output files
 *   onnx_load.c    frontend: ModelProto (protobuf-c) -> IR graph
 *   tensor_io.c    TensorProto <-> raw element data (initializers, test data)
 *   infer.c        shape/dtype inference in graph order, folding constants as it goes
 *   ops.c          the operator table: every op, its opset range, its family
 *   onnx_versions.c  the ONNX spec's version history of every op (generated)
 *   ops/op_*.c     one operator family a file: attribute checks, shapes, lowering
 *   pass_*.c       graph rewrites after infer, one a file (views, cse, transpose,
 *                  fold_pad, matmul_add, fold_bn, fold_affine, fuse_act), then
 *                  layout (channel-last stretches) and dce
 *   rewrite.c      helpers those passes share (uses, rewiring, weight folding)
 *   pass_dce.c     dead-node elimination
 *   check.c        the graph checker run between passes
 *   schedule.c     lowering: the static order of kernel calls
 *   plan.c         static memory plan: liveness, views, offsets in one arena
 *   emit.c         writes NAME.c and NAME.h (only the kernels the model uses)
 *   kernels.c      the kernel registry (text + host function of runtime-min/)
 *   target.c       targets/NAME.yaml, read with libyaml
 *   verify.c       `mlcc verify`: build the emitted C, run it on test data
 *   check_model.c  `mlcc check`: every unsupported op, attribute and dtype at once
 *   util.c         memory pool, errors, string buffers, safe output files
 */
#ifndef MLCC_H
#define MLCC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MLCC_VERSION "0.1.0"
#define MLCC_MAX_RANK 8

/* Exit codes (CONTRACT, DESIGN.md). */
enum { EXIT_OK = 0, EXIT_MODEL = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

/* ---------------------------------------------------------------- util.c */

void *xmalloc(size_t n);  /* zeroed, owned by the pool, freed by pool_free_all */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pool_free_all(void);

/* Errors: print `mlcc: error: ...` and leave through the jump buffer set by
 * the driver with the exit code; no output file is left behind. */
extern const char *g_model_path;
/* where fail() jumps (set by main, tests, fuzzers) and the code it leaves with */
#include <setjmp.h>
extern jmp_buf *g_fail_jmp;
extern int g_fail_code;
_Noreturn void fail(int code, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
void error_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int g_verbose;
extern int g_silent;

/* growable string buffer */
typedef struct {
    char *s;
    size_t len, cap;
} Buf;
void buf_put(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_c_string(Buf *b, const char *s); /* "..." with every unsafe byte escaped */
void buf_c_comment(Buf *b, const char *s); /* text safe inside a C comment */

/* growable int64 / float vectors */
typedef struct {
    int64_t *v;
    int n, cap;
} IVec;
typedef struct {
    float *v;
    int n, cap;
} FVec;
void ivec_push(IVec *v, int64_t x);
void fvec_push(FVec *v, float x);

/* write `data` to `path` through a temporary file and rename */
void write_file_atomic(const char *path, const char *data, size_t n);
char *read_file(const char *path, size_t *len); /* NULL if unreadable */
void cleanup_dir(const char *path);  /* remove this temporary directory when the run ends */
void cleanup_run(void);

/* Limits on what a model may ask of the compiler (docs/LIMITS.md); each can be
 * raised with --limit NAME=VALUE. */
typedef struct Limits {
    int64_t nodes;             /* nodes in the graph */
    int64_t tensor_elements;   /* elements of any one tensor */
    int64_t constant_bytes;    /* all constants together (initializers, folded values) */
    int64_t string_bytes;      /* any one name, string attribute or doc string */
} Limits;
extern Limits g_limits;
bool limit_set(const char *name_eq_value);   /* false if unknown name or bad value */
void count_constant_bytes(int64_t n, const char *what);
void reset_constant_bytes(void);
/* directory of the model file: external data may be read only below it (NULL: refused) */
extern const char *g_model_dir;

/* checked arithmetic for sizes; fail(EXIT_MODEL) on overflow */
int64_t checked_mul(int64_t a, int64_t b, const char *what);
/* x rounded up to a multiple of a (a > 0), unchecked: for sizes and counts
 * already bounded (tensors by the limits and opguard), far below INT64_MAX */
int64_t align_up(int64_t x, int64_t a);

/* ------------------------------------------------------------ dtypes (ir.c) */

/* ONNX TensorProto.DataType numbering */
typedef enum {
    DT_UNDEFINED = 0, DT_FLOAT = 1, DT_UINT8 = 2, DT_INT8 = 3, DT_UINT16 = 4,
    DT_INT16 = 5, DT_INT32 = 6, DT_INT64 = 7, DT_STRING = 8, DT_BOOL = 9,
    DT_FLOAT16 = 10, DT_DOUBLE = 11, DT_UINT32 = 12, DT_UINT64 = 13,
    DT_COMPLEX64 = 14, DT_COMPLEX128 = 15, DT_BFLOAT16 = 16, DT_COUNT
} DType;

int dtype_size(int dt);                /* 0 if unsupported */
const char *dtype_name(int dt);        /* "float32", "int64", ... */
const char *dtype_suffix(int dt);      /* kernel suffix: f32 i64 u8 b ... */
const char *dtype_ctype(int dt);       /* C element type in emitted code */
bool dtype_is_float(int dt);
bool dtype_is_int(int dt);             /* signed or unsigned integer, not bool */
/* read element i of `data` (of dtype dt) as double / int64; write from double */
double dtype_get_f(int dt, const void *data, int64_t i);
int64_t dtype_get_i(int dt, const void *data, int64_t i);
void dtype_set_f(int dt, void *data, int64_t i, double x);
float half_to_float(uint16_t h);
uint16_t float_to_half(float f);

/* ------------------------------------------------------------ IR (ir.c) */

typedef struct Graph Graph;

typedef struct Tensor {
    char *name;
    int id;
    int dtype;
    int rank;
    int64_t dims[MLCC_MAX_RANK];
    char *sym[MLCC_MAX_RANK];  /* symbolic dim names from the model, NULL if numeric */
    bool shaped;               /* dtype and shape are known */
    void *data;                /* constant value (initializer, Constant, folded) or NULL */
    int producer;              /* node index, -1 for graph inputs and constants */
    bool is_input, is_output;
    /* quantization parameters (per tensor: nq == 1; per channel: axis) */
    int nq, qaxis;
    float *qscale;
    int32_t *qzero;
    /* memory plan */
    int alias;                 /* tensor whose buffer this one lives in, or -1 */
    int64_t alias_offset;      /* byte offset inside that buffer (a slice of a Concat) */
    int64_t offset;            /* arena offset when in the arena, else -1 */
    int first_use, last_use;   /* schedule steps */
} Tensor;

typedef enum { AT_FLOAT = 1, AT_INT, AT_STRING, AT_TENSOR, AT_GRAPH, AT_FLOATS = 6, AT_INTS, AT_STRINGS } AttrType;

typedef struct SubGraph SubGraph;

typedef struct Attr {
    char *name;
    int type;
    int64_t i;
    float f;
    char *s;
    int64_t *ints;
    float *floats;
    char **strings;
    int n;                     /* count of ints / floats / strings */
    Tensor *t;                 /* AT_TENSOR: a detached tensor with data */
    SubGraph *g;               /* AT_GRAPH: the subgraph (If, Loop, Scan bodies) */
    int *outer;                /* AT_GRAPH: what each g->outer[k] name refers to where the node lives:
                                * a tensor id (node of the main graph) or a slot (node of a subgraph) */
} Attr;

/* A subgraph (control-flow body), kept by the frontend and instantiated by
 * op_control.c during inference. Values are numbered by slot: formal inputs
 * [0, n_in), initializers [n_in, n_in + n_init), node outputs in node order,
 * then the names taken from enclosing graphs [n_slots - n_outer, n_slots). */
typedef struct SubValue {
    char *name;
    int slot;
    bool tensor;               /* false: a sequence, map or optional type */
    int dtype;                 /* 0 if not declared */
    int rank;                  /* -1 if no shape is declared */
    int64_t dims[MLCC_MAX_RANK]; /* -1 for a symbolic or unknown dim */
} SubValue;

typedef struct SubNode {
    char *name, *op, *domain;
    int opset;
    int n_in, n_out, n_attr;
    int *in, *out;             /* slots, -1 for an omitted optional value */
    Attr *attr;
} SubNode;

struct SubGraph {
    char *name;
    int depth;                 /* 1 for a body of a main-graph node */
    int n_in, n_out, n_init, n_nodes, n_outer, n_slots;
    SubValue *in, *out;
    Tensor **init;             /* detached constants */
    SubNode *nodes;            /* in dependency order */
    char **outer;              /* names the subgraph takes from enclosing graphs */
    char **slot_name;          /* name of every slot */
};
#define MLCC_MAX_SUBGRAPH_DEPTH 16

/* A fused activation: set on a Conv/ConvTranspose/Gemm/MatMul/Add node by
 * pass_fuse_act.c, applied by that node's kernel (runtime-min/mlcc_shared.h). */
enum { ACT_NONE, ACT_RELU, ACT_CLIP, ACT_LEAKYRELU, ACT_HARDSWISH, ACT_HARDSIGMOID, ACT_SIGMOID, ACT_TANH };
typedef struct FusedAct {
    int kind;                  /* ACT_* (same numbers as MLCC_ACT_* in the kernels) */
    float a, b;                /* CLIP: min, max; LEAKYRELU: alpha; HARDSIGMOID: alpha, beta */
} FusedAct;

typedef struct Node {
    char *name;                /* never NULL: generated as "<op>_<index>" when unnamed */
    char *op;
    char *domain;
    int opset;                 /* version of the node's domain the model imports */
    int index;
    int n_in, n_out;
    int *in;                   /* tensor ids, -1 for an omitted optional input */
    int *out;
    int n_attr;
    Attr *attr;
    bool dead;
    FusedAct act;              /* applied to output 0 by the kernel; kind 0: none */
    const struct OpDef *def;
} Node;

struct Graph {
    Tensor **t;
    int n_t, cap_t;
    Node *nodes;
    int n_nodes;
    int *inputs, n_inputs;     /* graph inputs without initializers */
    int *outputs, n_outputs;
    char *name;
    char *doc;
    char *producer;
    int64_t ir_version;
    int opset;                 /* default-domain opset import */
};

Tensor *tensor_new(Graph *g, const char *name);   /* adds to g, returns it */
int tensor_find(const Graph *g, const char *name); /* id or -1 */
int64_t tensor_numel(const Tensor *t);
int64_t tensor_bytes(const Tensor *t);
void tensor_set_shape(Tensor *t, int dtype, int rank, const int64_t *dims);
char *shape_str(const Tensor *t);               /* "1x3x8x8" for messages */
Tensor *node_input(Graph *g, const Node *n, int k);  /* NULL if absent */
Tensor *node_output(Graph *g, const Node *n, int k);

const Attr *attr_get(const Node *n, const char *name);
int64_t attr_i(const Node *n, const char *name, int64_t dflt);
float attr_f(const Node *n, const char *name, float dflt);
const char *attr_s(const Node *n, const char *name, const char *dflt);
int attr_ints(const Node *n, const char *name, const int64_t **out); /* -1 if absent */
int attr_floats(const Node *n, const char *name, const float **out);

/* Errors about one node name the file, the node, its op and opset. */
_Noreturn void node_fail(const Node *n, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

/* ------------------------------------------------------- frontend (onnx_load.c) */

typedef struct {
    const char *name;
    int rank;
    int64_t dims[MLCC_MAX_RANK];
} ShapeBinding;

typedef struct {
    const char *name;
    const char *path;          /* TensorProto file */
} Freeze;

typedef struct Options {
    const char *model_path;
    const char *out_path;
    const char *name;          /* symbol prefix */
    const char *target;        /* target name or yaml path */
    ShapeBinding *shapes;
    int n_shapes;
    Freeze *freezes;
    int n_freezes;
    bool print_passes;
    bool quiet;
} Options;

Graph *onnx_load(const char *path, const Options *opt);
Graph *onnx_load_bytes(const char *bytes, size_t len, const char *path, const Options *opt);
/* decode a serialized TensorProto (test data, --freeze files) */
Tensor *tensor_load_pb(const char *path, Graph *g_or_null);

/* ----------------------------------------------------------- ops (ops.c, ops/) */

/* One kernel call that a node lowers to. */
typedef struct Call {
    const char *kernel;        /* runtime-min function name */
    IVec ip;                   /* int32 parameters (emitted as a const array) */
    FVec fp;                   /* float parameters */
    int n_in, n_out;
    int in[16];                /* tensor ids, -1 passes NULL */
    int out[8];
    int64_t scratch;           /* bytes of arena scratch, passed as the last output */
    int64_t scratch_offset;
    unsigned inplace;          /* bit k: output 0 may share input k's buffer (the kernel
                                * reads element i of that input before writing element i) */
    int node;
    struct Call *more;         /* a further call the same node lowers to */
} Call;

typedef struct NodeList {
    Node *v;
    int n, cap;
    int64_t made;              /* nodes made, those folded away included (bounds the work) */
} NodeList;

typedef struct OpDef {
    const char *name;
    int since, until;          /* opset versions implemented: [since, until] */
    void (*infer)(Graph *g, Node *n);               /* validate, set output shapes */
    void (*lower)(Graph *g, Node *n, Call *c);       /* pick kernel, fill params */
    unsigned shape_inputs;     /* bit k: input k defines a shape (freezable) */
    unsigned flags;
    const char *family;        /* file under ops/ and runtime-min/ */
    const char *notes;
    /* control flow (If, Loop, Scan): instead of infer/lower, replace the node by
     * plain nodes appended to `out`, already inferred (infer_node), that produce
     * the node's outputs; infer_graph splices them in after the node */
    void (*expand)(Graph *g, const Node *n, NodeList *out);
    const char *domain;        /* NULL: the default ONNX domain */
} OpDef;

enum {
    OPF_VIEW = 1u,             /* output 0 is input 0 with another shape */
    OPF_NOFOLD = 2u,           /* never evaluated at compile time */
    OPF_FUSE_ACT = 4u,         /* the lowering applies Node.act (float32): pass_fuse_act may fuse into it */
};

#define MLCC_OPSET_MAX 17

/* the ONNX specification's version history of an op (onnx_versions.c, generated) */
typedef struct OnnxOpVersions {
    const char *name;
    int n;
    int v[24];                 /* opset versions in which the op's definition changed */
} OnnxOpVersions;
const OnnxOpVersions *onnx_versions(const char *op);
extern const int onnx_opset_known; /* newest opset of the ONNX release the history is from */
/* the op's data types: from the kernels runtime-min has for it ("float32 int64 ...") */
const char *op_dtypes(const OpDef *d);

const OpDef *op_lookup(const char *name, int opset); /* NULL if not in range */
const OpDef *op_lookup_in(const char *domain, const char *name, int opset); /* another domain */
const OpDef *op_lookup_any(const char *name);        /* any version */
void ops_foreach(void (*fn)(const OpDef *d, void *ctx), void *ctx);

/* helpers shared by op families (ops.c) */
void call_in(Call *c, int tensor_id);
void call_out(Call *c, int tensor_id);
Call *call_next(Call *c);                /* append a further call for the same node */
/* elementwise with numpy broadcasting: fills ip = [n, r, dims, sa, sb] (dims merged) */
void lower_binary(Graph *g, Node *n, Call *c, const char *base, int a, int b, int y);
Tensor *const_scalar(Graph *g, int dtype, double v);    /* a new constant tensor */
void call_kernel(Graph *g, Node *n, Call *c, const char *base, int dtype); /* base_<suffix> */
int norm_axis(const Node *n, int64_t axis, int rank);   /* fails if out of range */
bool broadcast_shapes(int ra, const int64_t *a, int rb, const int64_t *b, int *rout, int64_t *out);
void need_inputs(const Node *n, int lo, int hi);        /* count of inputs in [lo, hi] */
void need_shaped(Graph *g, const Node *n);              /* every present input has a shape */
void need_const(Graph *g, const Node *n, int k, const char *what);
/* integer values of a constant input (int32/int64); count returned, -1 if absent */
int const_ints(Graph *g, const Node *n, int k, int64_t *out, int max);
void push_shape(IVec *ip, const Tensor *t); /* rank, dims[rank] */
void push_strides_bcast(IVec *ip, const Tensor *in, const Tensor *out); /* out-rank strides, 0 on broadcast dims */
void same_shape_out(Graph *g, Node *n, int from);       /* output 0 like input `from` */
/* op_gemm.c: constant B (k x nn, or nn x k when trans) packed in ceil(nn / 32)
 * panels of k x 32 (zero-padded columns), a new constant tensor's id */
int gemm_pack_b(Graph *g, const Tensor *b, int64_t k, int64_t nn, bool trans);

/* robustness guards (ops/op_layout.c, see there): tensors too large for the
 * kernels' int32 indexing, kernel parameters outside int32, compile-time folds
 * that would take too long. An op family wraps its infer / lower functions:
 * GUARD_INFER(fn) defines fn_guarded, checking the inputs before and the
 * outputs after; GUARD_LOWER(fn) defines fn_guarded, checking the parameters. */
void opguard_tensors(Graph *g, const Node *n, bool outputs);
void opguard_params(const Node *n, const Call *c);
void opguard_fold_cost(Graph *g, const Node *n, double cost);
#define GUARD_INFER(fn)                                                                                       \
    static void fn##_guarded(Graph *g, Node *n)                                                               \
    {                                                                                                         \
        opguard_tensors(g, n, false);                                                                         \
        fn(g, n);                                                                                             \
        opguard_tensors(g, n, true);                                                                          \
    }
#define GUARD_LOWER(fn)                                                                                       \
    static void fn##_guarded(Graph *g, Node *n, Call *c)                                                      \
    {                                                                                                         \
        fn(g, n, c);                                                                                          \
        opguard_params(n, c);                                                                                 \
    }

/* ---------------------------------------------------- inference (infer.c) */

void infer_graph(Graph *g, const Options *opt);   /* shapes + folding, in order */
void infer_node(Graph *g, Node *n);               /* one node (not a control op): shapes, then folding */
/* put the nodes of l at index `at`: later nodes move up (indices, producers follow) */
void graph_splice_nodes(Graph *g, int at, const NodeList *l);
void nodelist_push(NodeList *l, const Node *n);   /* append a copy of n (l grows) */
void check_supported(Graph *g);                   /* all unsupported ops at once */
int list_unsupported(Graph *g, bool print);       /* for `mlcc check` */
void eval_call(Graph *g, Call *c);                /* run a kernel at compile time */

/* ---------------------------------------------------- passes */

typedef struct PassStats {
    int removed;               /* nodes removed */
    int changed;               /* rewrites made (what one is: the pass's line in -v) */
    char *detail;              /* optional: more to print after the counts */
} PassStats;
void pass_dce(Graph *g, PassStats *st);
/* graph rewrites, run after infer in this order (pipeline.c), each one file */
void pass_views(Graph *g, PassStats *st);      /* Identity/Dropout removed, view chains to one Reshape */
void pass_cse(Graph *g, PassStats *st);        /* common subexpressions merged */
void pass_transpose(Graph *g, PassStats *st);  /* Transpose pairs cancelled, Transpose into Gemm trans */
void pass_fold_pad(Graph *g, PassStats *st);   /* Pad into Conv / AveragePool / MaxPool pads */
void pass_matmul_add(Graph *g, PassStats *st); /* MatMul + Add(bias) -> Gemm */
void pass_fold_bn(Graph *g, PassStats *st);    /* BatchNormalization into Conv/Gemm/MatMul weights */
void pass_fold_affine(Graph *g, PassStats *st); /* Mul/Add/Sub/Div by a per-channel constant into weights */
void pass_fuse_act(Graph *g, PassStats *st);   /* activations into the producer's Node.act */
/* after the rewrites, fast kernels only: depthwise-separable stretches on small
 * images made channel-last (NhwcConv), with Transposes at their ends */
void pass_layout(Graph *g, PassStats *st);
extern const OpDef op_nhwc_conv;               /* op_conv.c: the channel-last Conv it makes */
/* after the rewrites, fast kernels only: a MaxPool 2x2 stride 2 after a Conv
 * that the Winograd kernel takes, into that Conv (ConvMaxPool) */
void pass_fuse_pool(Graph *g, PassStats *st);
extern const OpDef op_conv_maxpool;            /* op_conv.c: the Conv + MaxPool it makes */
bool conv_wino_ok(Graph *g, Node *n);          /* op_conv.c: Conv n lowers to the Winograd kernel */
/* run by the scheduler (pipeline.c), after the file-order plan: a rewrite for memory */

/* rewrite.c: helpers for the passes. rw_begin(g) first in every pass. */
void rw_begin(Graph *g);
int rw_use_count(Graph *g, int tid);           /* input slots of live nodes reading tid */
int rw_sole_consumer(Graph *g, int tid);       /* the one live node reading tid once, not a graph output; else -1 */
Node *rw_producer(Graph *g, int tid);          /* live node writing tid (NULL: input, constant) */
Node *rw_sole_producer_of(Graph *g, int tid, int consumer); /* producer whose output 0 tid only `consumer` reads */
bool rw_is_const(Graph *g, int tid);
bool rw_const_f32(Graph *g, int tid);          /* tid >= 0, a float32 constant (a W or B a rewrite can cut) */
bool rw_ints_all(const Node *n, const char *name, int64_t v); /* every value of ints attribute `name` is v (absent: true) */
/* a new node of op (default domain) at opset reading in[0..n_in), writing out:
 * not in the graph yet, not inferred, no attributes (passes, control-flow expansion) */
Node rw_new_node(const char *op, int opset, const char *name, const int *in, int n_in, int out);
bool rw_op(const Node *n, const char *op);     /* live and of this op */
void rw_replace_uses(Graph *g, int from, int to);   /* readers of `from` read `to` */
void rw_take_output(Graph *g, Node *n, int k, int tid); /* n writes tid as its output k */
void rw_kill(Graph *g, Node *n, PassStats *st);
/* y holds the same values as x: readers of y read x, or (y a graph output)
 * x's producer writes y and x's readers read y; false if neither is possible */
bool rw_forward(Graph *g, int y, int x);
void rw_set_inputs(Node *n, int cnt, const int *ids);
void rw_set_op(Node *n, const char *op, int opset);   /* attributes cleared */
void rw_set_attr_i(Node *n, const char *name, int64_t v);
void rw_set_attr_f(Node *n, const char *name, float v);
void rw_set_attr_ints(Node *n, const char *name, const int64_t *v, int cnt);
void rw_del_attr(Node *n, const char *name);
Tensor *rw_const(Graph *g, const char *name, int dtype, int rank, const int64_t *dims); /* zeroed data */
void rw_reinfer(Graph *g, Node *n);            /* infer again; output shapes must not change */
int rw_channel_axis(Graph *g, const Node *p);  /* Conv*: 1, Gemm/MatMul: last; -1 otherwise */
/* y' = s[c] * y + t[c] (t may be NULL) along p's channel axis, folded into p's
 * constant weights (new tensors; a MatMul may become a Gemm); false, with the
 * graph untouched, when p cannot absorb it */
bool rw_fold_affine(Graph *g, Node *p, const double *s, const double *t, int64_t nch, const char *tag);
void graph_check(Graph *g, const char *after_pass);   /* check.c: runs between passes */

/* ---------------------------------------------------- lowering (schedule.c, plan.c) */

typedef struct Program {
    Graph *g;
    Call *calls;
    int n_calls;
    int64_t arena_bytes;
    int64_t lower_bound;
    int64_t weight_bytes;      /* constants the emitted file holds (set by the emitter) */
    int n_inplace;             /* calls whose output took over an input's buffer */
    int n_concat_inplace;      /* Concats whose inputs were written in place */
    int64_t file_lower_bound;  /* the lower bound of the model file's own node order */
    int peak_node;             /* a node whose call is at the step of the lower bound (-1: none) */
    int64_t *live;             /* bytes live at each step (call), aligned as planned */
    bool reordered;            /* the chosen order is not the file's */
    int align;
} Program;

Program *schedule_graph(Graph *g, const int *order); /* order: node indices, NULL = file order */
/* pass_split_dw.c, run by the scheduler: the expand + depthwise Conv chain at
 * p's memory peak in channel chunks, when that lowers the peak */
void pass_split_dw(Graph *g, const Program *p, PassStats *st);
int *order_min_peak(Graph *g);                       /* a topological order that keeps memory low */
void plan_memory(Program *p);
/* generic planner: sizes and [first,last] steps in, offsets out; returns the arena size */
typedef struct PlanItem {
    int64_t size;
    int first, last;
    int64_t offset;
} PlanItem;
int64_t plan_pack(PlanItem *items, int n, int align, int64_t *lower_bound);

/* ---------------------------------------------------- emission (emit.c, kernels.c) */

typedef struct KernelSrc {
    const char *name;
    const char *text;
    const char *uses;          /* space-separated names of helpers it needs */
    void (*fn)(const int32_t *ip, const float *fp, const void *const *in, void *const *out);
} KernelSrc;

const KernelSrc *kernel_find(const char *name);
const KernelSrc *kernel_prelude(void);
/* the next name of a `uses` list at *u, as a new string (*u moves past it), or NULL at its end */
char *kernel_next_use(const char **u);

typedef struct Target {
    char *name;
    int align;
    bool fpu;
    int64_t ram_bytes, flash_bytes;
    bool reference_kernels;    /* `kernels: reference`: no fast variants (default `fast`) */
} Target;
void target_load(Target *t, const char *name_or_path);
/* the target of the compilation under way: lowerings may pick kernel variants from it */
extern const Target *g_target;

void emit_program(Program *p, const Options *opt, const Target *tg, Buf *c_out, Buf *h_out);

/* ---------------------------------------------------- commands */

int compile_model(const Options *opt, Program **out_prog); /* full pipeline, writes files */
/* the pipeline on a graph already loaded: passes, schedule, plan */
Program *compile_graph(Graph *g, const Options *opt, const Target *tg);
int cmd_verify(int argc, char **argv);
int cmd_check(int argc, char **argv);
/* verify.c: freeze the graph inputs whose values define shapes, from SET_DIR/input_N.pb */
void add_shape_freezes(Options *o, const char *set_dir);

#endif
