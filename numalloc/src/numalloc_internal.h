/*
 * numalloc_internal.h: the allocator's types and its cross-file interface.
 *
 * ======================================================================
 * Design (read this first)
 * ======================================================================
 *
 * Terms.  We write "OS page" for the kernel's 4 KiB page.  Everything else:
 *
 *   segment  NA_SEGMENT_SIZE (4 MiB) of address space, aligned to its size,
 *            taken from one arena.  A segment holds NA_SLICES (64) slices
 *            of NA_SLICE_SIZE (64 KiB).  Allocations too big for a segment
 *            get a "huge" segment of their own (one page, one block).
 *   page     a run of 1..64 contiguous slices that serves one size class
 *            (a "small page", many blocks) or one large block.  A page is
 *            owned by at most one thread cache.
 *   block    what malloc returns.  Blocks carry NO header: every byte in
 *            front of and behind a block belongs to a neighbouring block or
 *            to nothing.  All metadata is out of band.
 *   tcache   per-thread cache (struct na_tcache): for each size class a
 *            queue of owned pages; the first page of the queue is where
 *            malloc takes blocks from.
 *   arena    per-NUMA-node pool (struct na_arena): the segments whose
 *            memory is bound to that node, the pages abandoned by exited
 *            threads, and a locked "shared" tcache.  Index 0 is the only
 *            arena on a single-node machine; index na_numa_node_count() is
 *            the interleaved arena (memory spread over all nodes).
 *
 * Out-of-band metadata.  A segment's descriptor (struct na_segment, with
 * its page descriptors and their bitmaps) lives in a separate mapping with
 * a PROT_NONE guard page in front, never next to the blocks it describes.
 * The segment map (na_segmap, two levels, 4 MiB granules) maps any address
 * to its segment descriptor in two loads, so that
 *     address -> segment -> arena (node) -> slice -> page -> block index
 * is O(1) and needs no system call.  This is also how a free on one node
 * finds the node the block came from (issue 8).
 *
 * Free state is a bitmap, not a free list.  Each small page has two
 * bitmaps, bit i describing block i:
 *     lfree[]  1 = free, written only by the owning thread (plain stores);
 *     rfree[]  1 = freed by another thread and not yet collected (atomic).
 * Invariant for an owned page, between operations of its owner:
 *     used + popcount(lfree) + popcount(rfree) == capacity
 * malloc takes the lowest set bit of lfree[cur] (address order, so pages
 * fill densely and empty pages can be returned); a local free sets the
 * bit; a remote free does one atomic fetch_or on rfree and raises
 * has_remote; the owner moves rfree into lfree ("collect") when lfree runs
 * dry.  Because free writes a bit it must find clear, double frees are
 * always detected, and nothing in a freed block is ever trusted (there is
 * no in-band free-list pointer an overflow could forge).
 *
 * Hot paths.  malloc: TLS load, class lookup, one bitmap word, ctz.  free
 * by the owner: segmap (2 loads), slice -> page, multiply for the index,
 * bit test-and-set.  Neither takes a lock or an atomic read-modify-write.
 * A remote free costs one atomic fetch_or.  Page descriptors keep what
 * every free reads and the owner's counters in separate cache lines, so
 * that a remote free does not pull in the line the owner's malloc and
 * free keep writing.  Locks (struct na_lock, a futex mutex) are taken
 * only to get or return a page from/to a segment, to create or retire a
 * tcache, and to adopt abandoned pages.  When the current bitmap word
 * runs dry, malloc first moves to the lowest word with free blocks below
 * the page's high-water word (`hw`: memory already touched) and only
 * then refills, which collects remote frees and may touch new memory
 * (and always refills when the thread has moved to another node, so
 * that the refill moves its cache there).
 *
 * Validation.  free/realloc/malloc_usable_size look the pointer up in the
 * segmap (miss: "foreign pointer"), check it lies on a block boundary of
 * an in-use page ("invalid pointer") and that the block is allocated
 * ("double free").  Failures print one line with write(2) and abort();
 * nothing allocates or uses stdio on that path (na_fatal()).
 *
 * Size classes.  52 classes of 16 B .. 256 KiB: 16-byte steps up to 128 B,
 * then 4 classes per power of two, so a request above 128 B wastes less
 * than 20 % of its block, a smaller one less than 16 bytes.  A small page has at least
 * 4 blocks and at most 4096.  256 KiB .. 2 MiB: one-block large pages in a
 * segment.  Above 2 MiB: a huge segment, unmapped at once on free.
 * realloc resizes a large page in place (shrinking frees its last slices,
 * growing takes free slices right after it) and a huge segment with
 * mremap (unmap the tail, extend in place, or move the pages to a new
 * aligned range: no copy either way).
 *
 * Purge.  An empty page goes back to its segment as "dirty" slices; they
 * are madvise(MADV_DONTNEED)d once they have been dirty for the purge delay
 * (NUMALLOC_PURGE_DELAY ms, default 50) - checked on allocator slow paths
 * and by numalloc_collect()/malloc_trim().  A segment left wholly free is
 * unmapped unless it is the arena's last one (stops map/unmap bouncing).
 *
 * Threads.  The TLS pointer na_tls starts at &na_tcache_empty, whose
 * queues hold a dummy page with no free bits: the first malloc of a thread
 * simply takes the slow path, which creates the real tcache (so does the
 * first free, so that a free-only consumer counts into its own cache).  At
 * thread exit a pthread key destructor abandons the tcache and points
 * na_tls at na_tcache_exited (a later malloc makes a new cache, a later
 * free does not): pages with live blocks go to their arena (owner NULL,
 * every free to them is "remote"), and the next thread that needs a page
 * of that class adopts them.  Empty pages go back to their segments.
 *
 * Remote frees and footprint.  A block freed by another thread is only
 * reusable once its page's owner collects it; an owner that is not
 * running (more threads than CPUs) strands it, and the freeing thread maps
 * fresh pages instead.  So a thread that has collected remote frees in
 * its last NA_XFREE_REFILLS refills abandons each page it finds full
 * instead of keeping it on its full list.  Ownerless pages sit on their
 * arena's `aband_full` list until a remote free raises has_remote; that
 * free (seeing owner == NULL) moves the page to `ready` (arena lock, once
 * per page and abandonment), and threads adopt ready pages oldest first
 * before taking fresh slices.  Stranding is then bounded by the pages
 * owners still allocate from: one per class per thread.
 *
 * TLS model.  One `__thread` pointer.  glibc builds give it the
 * initial-exec model (one %fs-relative load): glibc keeps surplus static
 * TLS for objects loaded later, so even a dlopen()ed libnumalloc.so loads.
 * musl reserves no surplus and refuses initial-exec TLS in an object
 * loaded by dlopen(), so musl builds use the default global-dynamic model
 * compiled with -mtls-dialect=gnu2 (TLSDESC): the linker relaxes it to
 * local-exec in a static program; in a shared object loaded at start-up
 * (LD_PRELOAD, DT_NEEDED) the descriptor resolves to a static offset
 * (a call that returns a constant, no __tls_get_addr); and a dlopen()ed
 * copy still works through musl's dynamic TLSDESC resolver, musl having
 * allocated the module's TLS for every thread at dlopen() time.
 * (A dlopen()ed allocator cannot replace the process's malloc anyway; it
 * only serves the numalloc_* API.)  -DNA_TLS_DYNAMIC forces the musl
 * choice on glibc.
 *
 * fork.  pthread_atfork handlers take every allocator lock before fork and
 * release them in the parent; the child re-initialises them and keeps its
 * own tcache.  The caches of threads that do not exist in the child may
 * have been interrupted half-way through a queue update, so the child
 * drops them from the registry without walking them: their pages stay
 * unused in the child (bounded by what those threads cached).
 *
 * NUMA (issue 8).  The core asks four hooks, implemented in src/numa/ by
 * the NUMA work (or by src/numa_single.c, the single-node fallback that is
 * used when src/numa/meson.build does not exist):
 *
 *   void     na_numa_init(void)           once, early in na_process_init();
 *                                         must not call malloc.
 *   unsigned na_numa_node_count(void)     number of node arenas, >= 1,
 *                                         <= NA_MAX_NODES; dense indices.
 *   unsigned na_numa_current_node(void)   arena index for the calling
 *                                         thread (override, policy,
 *                                         getcpu); called on slow paths
 *                                         only; must be cheap; 0 when
 *                                         single-node.  May return
 *                                         na_numa_node_count() for the
 *                                         interleaved arena.
 *   int      na_numa_bind(void *p, size_t len, unsigned arena)
 *                                         bind fresh memory before first
 *                                         touch (mbind); 0, or -1 and the
 *                                         core just carries on.
 *   void     na_numa_note_remote_free(unsigned from_arena,
 *                                     unsigned to_arena)
 *                                         a block of to_arena was freed by
 *                                         a thread whose tcache is on
 *                                         from_arena (stats); only called
 *                                         when the two differ.
 * plus the public NUMA entry points of numalloc.h (numalloc_malloc_node,
 * numalloc_malloc_interleaved, numalloc_thread_set_node,
 * numalloc_node_count, numalloc_node_stats), which build on
 * na_arena_malloc() and na_arena_get() below.  When a thread's node
 * changes the core calls na_tcache_set_arena(), which abandons its pages
 * of other nodes to their own arenas (so they keep serving their node).
 *
 * Build variants: NA_DEBUG (meson -Dnumalloc_debug=true) adds na_assert()
 * and page invariant checks on every slow path (~2x slower slow paths).
 * NA_API_PREFIX (test builds under ASan) renames the public malloc family
 * to na_test_malloc etc. so the logic can be tested without interposing.
 */
#ifndef NUMALLOC_INTERNAL_H
#define NUMALLOC_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define NA_HIDDEN __attribute__((visibility("hidden")))
#define NA_EXPORT __attribute__((visibility("default")))
#define NA_LIKELY(x) __builtin_expect(!!(x), 1)
#define NA_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NA_NOINLINE __attribute__((noinline))

/* Public names: the real ones, or prefixed for non-interposing tests. */
#ifdef NA_API_PREFIX
#define NA_API(name) na_test_##name
#else
#define NA_API(name) name
#endif

#define NA_KiB ((size_t)1024)
#define NA_MiB (NA_KiB * NA_KiB)

#define NA_SEGMENT_SHIFT 22			/* 4 MiB */
#define NA_SEGMENT_SIZE ((size_t)1 << NA_SEGMENT_SHIFT)
#define NA_SLICE_SHIFT 16			/* 64 KiB */
#define NA_SLICE_SIZE ((size_t)1 << NA_SLICE_SHIFT)
#define NA_SLICES (NA_SEGMENT_SIZE / NA_SLICE_SIZE)	/* 64 */
#define NA_OS_PAGE ((size_t)4096)

#define NA_ALIGN 16			/* minimum block alignment */
#define NA_CLASS_COUNT 52		/* small size classes */
#define NA_SMALL_MAX (256 * NA_KiB)	/* largest small class */
#define NA_LARGE_MAX (2 * NA_MiB)	/* largest one-block page */
#define NA_BITMAP_WORDS 64		/* 4096 blocks: 64 KiB / 16 B */
#define NA_MAX_NODES 64			/* node arenas (+1 interleaved) */

#define NA_ADDR_BITS 47			/* x86_64/aarch64 user space */

#ifdef NA_DEBUG
void na_assert_fail(const char *expr, const char *file, int line);
#define na_assert(e) ((e) ? (void)0 : na_assert_fail(#e, __FILE__, __LINE__))
#else
#define na_assert(e) ((void)0)
#endif

/* -------------------------------------------------------------------- */
/* Locks: a three-state futex mutex (0 free, 1 locked, 2 contended).    */

struct na_lock {
	_Atomic int state;
};
void na_lock_acquire(struct na_lock *l) NA_HIDDEN;
void na_lock_release(struct na_lock *l) NA_HIDDEN;

/* -------------------------------------------------------------------- */
/* Pages                                                                 */

enum na_page_kind {
	NA_PAGE_FREE = 0,	/* slices not in use */
	NA_PAGE_SMALL,		/* blocks of one size class, bitmaps valid */
	NA_PAGE_LARGE,		/* one block of 256 KiB .. 2 MiB */
	NA_PAGE_HUGE,		/* the one page of a huge segment */
	NA_PAGE_TAIL,		/* a later slice of a multi-slice page */
};

struct na_tcache;
struct na_segment;

/*
 * A page descriptor.  Every slice of a segment has one, so free() finds
 * it by address arithmetic (segment + slice * sizeof); the later slices of
 * a multi-slice page are NA_PAGE_TAIL and name their head.  The cache
 * lines are laid out by who writes them, so that a remote free does not
 * miss on a line the owner keeps dirty: the first line is what every free
 * reads and almost nothing writes (has_remote flips once per collect
 * cycle); the second holds the owner's counters and links.  The size is
 * 1152 = 9 * 128 bytes so that indexing is a lea and a shift.
 */
struct __attribute__((aligned(64))) na_page {
	/* first cache line: read by every free, written on slow paths */
	uint8_t kind;		/* enum na_page_kind */
	uint8_t cls;		/* size class (small pages) */
	uint8_t slices;		/* length in slices, 64 stored as 0 */
	uint8_t head;		/* TAIL: slice index of the page's head */
	uint32_t capacity;	/* blocks in the page */
	uint32_t nwords;	/* bitmap words in use */
	uint32_t bsize;		/* block size in bytes (small pages) */
	uint64_t recip;		/* ceil(2^40 / bsize): index by multiply */
	uintptr_t start;	/* address of block 0 */
	_Atomic(struct na_tcache *) owner;	/* NULL: abandoned */
	struct na_segment *seg;
	_Atomic int has_remote;			/* rfree may be non-zero */
	uint32_t pad_[3];
	/* second cache line: the owner's (malloc's used/cur, queue links) */
	uint32_t used;		/* blocks allocated (owner's view) */
	uint32_t cur;		/* lfree word malloc takes bits from */
	uint32_t hw;		/* highest word malloc has taken from */
	uint8_t in_full;	/* on its owner's full list */
	uint8_t aband;		/* ownerless: on its arena's full (1) or
				 * ready (2) list, under the arena lock */
	uint8_t pad2_[2];
	struct na_page *next, *prev;		/* owner's queue / lists */
	size_t usize;		/* large/huge: the size asked for */
	uintptr_t ublock;	/* large/huge: the pointer handed out */
	uint64_t pad3_[2];
	struct {
		uint64_t lfree;		/* owner-only, 1 = free */
		_Atomic uint64_t rfree;	/* remote frees, 1 = freed */
	} bits[NA_BITMAP_WORDS];	/* pairs: one cache line for free() */
};
_Static_assert(sizeof(struct na_page) == 1152, "na_page is 9 * 128 bytes");

/* -------------------------------------------------------------------- */
/* Segments and the segment map                                          */

enum na_segment_kind { NA_SEG_NORMAL = 1, NA_SEG_HUGE = 2 };

struct na_segment {
	uintptr_t base;		/* first data byte, NA_SEGMENT_SIZE aligned */
	size_t size;		/* data bytes mapped */
	uint32_t kind;		/* enum na_segment_kind */
	uint32_t arena;		/* index of the owning arena (node) */
	size_t meta_size;	/* bytes of this descriptor's mapping */
	/* The rest is protected by the arena lock. */
	uint64_t free_slices;	/* bit i: slice i belongs to no page */
	uint64_t dirty_slices;	/* free and still committed */
	uint32_t dirty_ms[NA_SLICES];	/* when each dirty slice was freed */
	struct na_segment *next, *prev;	/* arena's segment list */
	struct na_page pages[];	/* NA_SLICES (normal) or 1 (huge) */
};

/* The segment map: 2^13 first-level pointers to 2^12-entry tables. */
#define NA_SEGMAP_L2_BITS 12
#define NA_SEGMAP_L1_BITS (NA_ADDR_BITS - NA_SEGMENT_SHIFT - NA_SEGMAP_L2_BITS)
struct na_segmap_l2 {
	_Atomic(struct na_segment *) seg[(size_t)1 << NA_SEGMAP_L2_BITS];
};
extern _Atomic(struct na_segmap_l2 *) na_segmap[(size_t)1 << NA_SEGMAP_L1_BITS] NA_HIDDEN;

/* Address -> segment.  Returns NULL for addresses we never mapped. */
static inline struct na_segment *na_segmap_lookup(uintptr_t addr)
{
	if (NA_UNLIKELY(addr >> NA_ADDR_BITS))
		return NULL;
	uintptr_t g = addr >> NA_SEGMENT_SHIFT;
	struct na_segmap_l2 *t = atomic_load_explicit(
	    &na_segmap[g >> NA_SEGMAP_L2_BITS], memory_order_acquire);
	if (NA_UNLIKELY(t == NULL))
		return NULL;
	return atomic_load_explicit(
	    &t->seg[g & (((uintptr_t)1 << NA_SEGMAP_L2_BITS) - 1)],
	    memory_order_acquire);
}
int na_segmap_set(uintptr_t base, size_t size, struct na_segment *s) NA_HIDDEN;
void na_segmap_clear(uintptr_t base, size_t size) NA_HIDDEN;

/* Look a user pointer up; aborts with a message unless it is the start of
 * an allocated block.  `what` names the caller for the message. */
struct na_page *na_page_of(const void *p, const char *fn) NA_HIDDEN;

/* -------------------------------------------------------------------- */
/* Page queues, thread caches and arenas                                 */

struct na_pageq {
	struct na_page *first, *last;
};

struct na_tcache {
	struct na_pageq q[NA_CLASS_COUNT];	/* pages with free blocks? */
	struct na_pageq full[NA_CLASS_COUNT];	/* pages found full */
	unsigned arena;			/* arena pages are taken from */
	int is_shared;			/* an arena's locked shared tcache */
	uint32_t refills;		/* slow-path count: periodic collect */
	uint32_t xfree_left;		/* refills until remote frees are
					 * deemed over (0: give up no page) */
	uint64_t n_malloc, n_free;	/* calls served (stats) */
	uint64_t n_remote_free;		/* frees to other tcaches' pages */
	struct na_tcache *next_all;	/* registry of live tcaches */
	struct na_tcache *next_free;	/* free tcache structs */
};

struct na_arena {
	struct na_lock lock;		/* segments and abandoned pages */
	unsigned index;
	_Atomic uint64_t purge_due;	/* ns when dirty slices expire, 0 */
	struct na_segment *segs;	/* normal segments with free slices */
	/* Ownerless small pages (owner NULL): those with a free or a
	 * remotely freed block (ready, adopted first) and full ones; a
	 * remote free moves a page from full to ready. */
	struct na_pageq ready[NA_CLASS_COUNT];
	struct na_pageq aband_full[NA_CLASS_COUNT];
	_Atomic size_t ready_count;
	struct na_lock shared_lock;	/* taken before `lock` */
	struct na_tcache shared;	/* used under `shared_lock` */
	_Atomic uint64_t remote_frees_in;	/* blocks freed from afar */
	_Atomic uint64_t mapped_bytes;
};

/* The arenas: [0, node_count) per node, [node_count] interleaved. */
struct na_arena *na_arena_get(unsigned index) NA_HIDDEN;
/* malloc from a given arena through its shared tcache (locked). */
void *na_arena_malloc(unsigned arena, size_t size) NA_HIDDEN;
void na_tcache_set_arena(struct na_tcache *tc, unsigned arena) NA_HIDDEN;

/* glibc reserves surplus static TLS for dlopen()ed objects, so the
 * initial-exec model (one %fs-relative load) is safe there; musl reserves
 * none, so musl builds use TLSDESC (see "TLS model" above). */
#if defined(__GLIBC__) && !defined(NA_TLS_DYNAMIC)
#define NA_TLS_MODEL __attribute__((tls_model("initial-exec")))
#else
#define NA_TLS_MODEL
#endif
extern __thread struct na_tcache *na_tls NA_HIDDEN NA_TLS_MODEL;
extern struct na_tcache na_tcache_empty NA_HIDDEN;	/* no cache yet */
extern struct na_tcache na_tcache_exited NA_HIDDEN;	/* cache abandoned */
extern struct na_page na_page_empty NA_HIDDEN;

struct na_tcache *na_tcache_init_thread(void) NA_HIDDEN;
void na_tcache_abandon(struct na_tcache *tc) NA_HIDDEN;
/* Fill tc's queue for class cls; returns a page with a free block. */
struct na_page *na_tcache_refill(struct na_tcache *tc, unsigned cls) NA_HIDDEN;
/* Collect remote frees into all of tc's pages and return the empty ones
 * (even a queue's first, except class keep's: NA_CLASS_COUNT keeps
 * none); returns the number returned. */
size_t na_tcache_collect(struct na_tcache *tc, unsigned keep) NA_HIDDEN;
/* A local free made pg empty or hit a page on the full list. */
void na_tcache_page_freed(struct na_tcache *tc, struct na_page *pg) NA_HIDDEN;
/* Give pg (collected, owned by nobody or by a dying tcache) to its arena:
 * back to the segment if empty, else onto the abandoned list. */
void na_page_abandon(struct na_page *pg) NA_HIDDEN;
/* A remote free made an ownerless page's has_remote flag 1: move it to
 * its arena's ready list (takes the arena lock). */
void na_page_mark_ready(struct na_page *pg) NA_HIDDEN;
/* Release abandoned pages of arena a (lock held) that are empty. */
size_t na_arena_sweep_abandoned(struct na_arena *a) NA_HIDDEN;
extern unsigned na_arena_count NA_HIDDEN;	/* nodes + 1 */
extern struct na_arena na_arenas[NA_MAX_NODES + 1] NA_HIDDEN;

/* Segment level (arena lock held by the caller). */
struct na_page *na_segment_page_alloc(struct na_arena *a, unsigned slices) NA_HIDDEN;
/* Return pg's slices; dirty = 0 when the caller already purged them. */
void na_segment_page_free(struct na_arena *a, struct na_page *pg, int dirty) NA_HIDDEN;
/* Resize large page pg to n slices without moving it: shrinking frees
 * its last slices, growing takes the free slices right after it.  0, or
 * -1 if those are not free. */
int na_segment_page_resize(struct na_arena *a, struct na_page *pg,
    unsigned n) NA_HIDDEN;
size_t na_arena_purge(struct na_arena *a, int force) NA_HIDDEN;
/* Purge a's expired dirty slices if due (takes and drops the lock). */
void na_arena_maybe_purge(struct na_arena *a) NA_HIDDEN;
struct na_page *na_huge_alloc(unsigned arena, size_t size, size_t align) NA_HIDDEN;
void na_huge_free(struct na_page *pg) NA_HIDDEN;
/* Resize huge block pg to n (> NA_LARGE_MAX) bytes without copying:
 * unmap its tail, extend its mapping, or move its pages to a new range
 * with mremap.  Returns the block's address, NULL if it is unchanged. */
void *na_huge_resize(struct na_page *pg, size_t n) NA_HIDDEN;

/* Small pages. */
void na_page_init_small(struct na_page *pg, unsigned cls) NA_HIDDEN;
int na_page_collect(struct na_page *pg) NA_HIDDEN;	/* blocks gained */
void *na_malloc_slow(struct na_tcache *tc, size_t size, size_t align) NA_HIDDEN;
void *na_large_malloc(struct na_tcache *tc, size_t size, size_t align) NA_HIDDEN;
void na_large_free(struct na_page *pg) NA_HIDDEN;
void na_free_big(struct na_segment *s, struct na_page *pg, const void *p) NA_HIDDEN;
size_t na_usable_size(const struct na_page *pg) NA_HIDDEN;
void *na_tcache_malloc(struct na_tcache *tc, size_t size, size_t align) NA_HIDDEN;
void na_tcache_key_init(void) NA_HIDDEN;
/* The public entry points (some are in no libc header, or only in
 * glibc's <malloc.h>; all are declared here for -Wmissing-prototypes). */
void *NA_API(malloc)(size_t n);
void NA_API(free)(void *p);
void *NA_API(calloc)(size_t n, size_t size);
void *NA_API(realloc)(void *p, size_t n);
void *NA_API(reallocarray)(void *p, size_t n, size_t size);
void *NA_API(aligned_alloc)(size_t align, size_t n);
int NA_API(posix_memalign)(void **res, size_t align, size_t n);
void *NA_API(memalign)(size_t align, size_t n);
void *NA_API(valloc)(size_t n);
void *NA_API(pvalloc)(size_t n);
size_t NA_API(malloc_usable_size)(void *p);
void NA_API(free_sized)(void *p, size_t n);
void NA_API(free_aligned_sized)(void *p, size_t align, size_t n);
int NA_API(malloc_trim)(size_t pad);

/* Size classes and the OS layer: their own headers. */
#include "sizeclass.h"
#include "os.h"

/* -------------------------------------------------------------------- */
/* NUMA hooks: src/numa/ or src/numa_single.c (see the design note)      */

void na_numa_init(void) NA_HIDDEN;
unsigned na_numa_node_count(void) NA_HIDDEN;
unsigned na_numa_current_node(void) NA_HIDDEN;
int na_numa_bind(void *p, size_t len, unsigned arena) NA_HIDDEN;
void na_numa_note_remote_free(unsigned from_arena, unsigned to_arena) NA_HIDDEN;

/* Options, initialisation, errors, statistics: process.h. */
#include "process.h"

#endif
