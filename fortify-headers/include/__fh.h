/*
 * __fh.h: the machinery shared by every fortify-headers overlay header.
 * Not for inclusion by programs.
 *
 * Design.  Each overlay header <x.h> includes this file, then the libc's
 * own <x.h> with #include_next, then, when fortification is active, adds
 * a wrapper for each buffer-taking function that <x.h> declares.  A
 * wrapper compares the size the call will touch with the size of the
 * object its pointer points into, as the compiler knows it:
 *
 *   level 1  __builtin_object_size(p, 0): the whole enclosing object.
 *   level 2  as 1, but type 1 (the closest sub-object, e.g. one struct
 *            member) for string and printf destinations; mem* and the
 *            I/O functions keep type 0, as glibc does, so that copying
 *            over several members of a struct stays legal.
 *   level 3  as 2, with __builtin_dynamic_object_size: sizes known only
 *            at run time (malloc'd and alloc_size objects, VLAs).
 *
 * "Unknown size" is (size_t)-1, so "n > size" is the whole check.  When
 * the compiler can prove the check fails it says so at compile time
 * (GCC: a call to a function carrying the warning attribute survives
 * dead-code elimination; Clang: diagnose_if on the wrapper); otherwise
 * the check runs and, on failure, __fh_fail() writes one line naming the
 * function to fd 2 and executes a trap instruction (SIGILL on x86).
 * Nothing here needs support code in the libc.
 *
 * GCC wrappers are extern gnu_inline always_inline redefinitions of the
 * libc function; they reach the real one through a second declaration
 * with an asm label (__FH_ORIG) or through the matching __builtin_.
 * Clang wrappers are overloads (overloadable + pass_object_size, so the
 * size is computed at the call site, where sub-object information still
 * exists); they reach the real function as (&name), which overload
 * resolution sends to the libc declaration.
 *
 * Build variants (macros the user may define):
 *   _FORTIFY_SOURCE            level, 1..3 (more is 3); needs -O1 or more.
 *   FORTIFY_HEADERS_BARE_TRAP  trap without the message (smaller code).
 *
 * Every name this file and the overlay headers define starts with __fh_
 * or __FH_, so it cannot collide with glibc's __bos or libc++ internals.
 */
#ifndef __FH_H
#define __FH_H

/*
 * Before the system_header pragma, which would silence it (and does
 * silence glibc's own warning in <features.h>).
 */
#if defined(_FORTIFY_SOURCE) && _FORTIFY_SOURCE + 0 > 0 && !defined(__OPTIMIZE__)
#warning "_FORTIFY_SOURCE requires compiling with optimization (-O); fortify-headers are off"
#endif
#pragma GCC system_header

#include <features.h>

#if defined(_FORTIFY_SOURCE) && _FORTIFY_SOURCE + 0 > 0 && \
    defined(__OPTIMIZE__) && __OPTIMIZE__ + 0 > 0 && \
    !defined(__clang_analyzer__) && !defined(__FH_NO_FORTIFY)
#define __FH_ACTIVE 1
#if _FORTIFY_SOURCE + 0 >= 3 && defined(__has_builtin)
#if __has_builtin(__builtin_dynamic_object_size)
#define __FH_LEVEL 3
#endif
#endif
#ifndef __FH_LEVEL
#if _FORTIFY_SOURCE + 0 >= 2
#define __FH_LEVEL 2
#else
#define __FH_LEVEL 1
#endif
#endif
#else
#define __FH_ACTIVE 0
#define __FH_LEVEL 0
#endif
/*
 * On glibc the overlay replaces glibc's own fortification: its
 * bits/*_fortified.h wrappers are included only while
 * __USE_FORTIFY_LEVEL > 0, and would wrap the same functions twice.
 */
#if defined(__GLIBC__) && __FH_ACTIVE
#undef __USE_FORTIFY_LEVEL
#define __USE_FORTIFY_LEVEL 0
#endif

#if __FH_ACTIVE

#define __fh_size_t __SIZE_TYPE__
#define __FH_UNKNOWN ((__SIZE_TYPE__)-1)
#define __FH_STR2(x) #x
#define __FH_STR(x) __FH_STR2(x)

#if defined(__clang__)
#define __FH_CLANG 1
#else
#define __FH_CLANG 0
#endif

#ifdef __cplusplus
#define __FH_C_BEGIN extern "C" {
#define __FH_C_END }
#else
#define __FH_C_BEGIN
#define __FH_C_END
#endif

/*
 * Object sizes.  _0 is the whole object (mem*, I/O buffers); _S is the
 * one for string and printf destinations (sub-object from level 2).
 */
#if __FH_LEVEL >= 2
#define __FH_TS 1
#else
#define __FH_TS 0
#endif
#if __FH_LEVEL >= 3
#define __FH_BOS(p, t) __builtin_dynamic_object_size(p, t)
#else
#define __FH_BOS(p, t) __builtin_object_size(p, t)
#endif
#define __FH_BOS0(p) __FH_BOS(p, 0)
#define __FH_BOSS(p) __FH_BOS(p, __FH_TS)

/*
 * __FH_FN(ret, name) starts a wrapper definition; __FH_POS0/__FH_POSS
 * mark a pointer parameter whose size the call site must pass (Clang),
 * __FH_ORIG(name) names the real function, __FH_DECL_ORIG(name) declares
 * it where that takes a declaration (GCC).  __FH_VFN starts a variadic
 * wrapper: Clang cannot inline those, so they become static functions.
 */
#if __FH_CLANG
#if __FH_LEVEL >= 3
#define __FH_POS(t) __attribute__((__pass_dynamic_object_size__(t)))
#else
#define __FH_POS(t) __attribute__((__pass_object_size__(t)))
#endif
#ifdef __cplusplus
#define __FH_FN(ret, name) __inline__ \
	__attribute__((__always_inline__, __overloadable__)) ret name
#else
#define __FH_FN(ret, name) static __inline__ \
	__attribute__((__always_inline__, __overloadable__, __unused__)) ret name
#endif
#define __FH_VFN(ret, name) static __attribute__((__overloadable__, \
	__unused__)) ret name
#define __FH_ORIG(name) (&name)
#define __FH_DECL_ORIG(name)
#define __FH_DECL_ORIG_AS(name, sym)
#define __FH_NT
#else
#define __FH_POS(t)
#define __FH_FN(ret, name) extern __inline__ __attribute__((__always_inline__, \
	__gnu_inline__, __artificial__)) ret name
#define __FH_VFN(ret, name) __FH_FN(ret, name)
#define __FH_ORIG(name) __fh_orig_##name
#define __FH_DECL_ORIG(name) __FH_DECL_ORIG_AS(name, #name)
/* For a function the libc redirects (glibc's pread -> pread64). */
#define __FH_DECL_ORIG_AS(name, sym) __FH_C_BEGIN extern __typeof__(name) \
	__fh_orig_##name __asm__(__FH_STR(__USER_LABEL_PREFIX__) sym); __FH_C_END
/*
 * g++ requires a redeclaration to repeat the exception specification;
 * glibc marks most of these functions __THROW (noexcept in C++).
 */
#if defined(__cplusplus) && defined(__GLIBC__) && defined(__THROW)
#define __FH_NT __THROW
#else
#define __FH_NT
#endif
#endif
/*
 * An asm-label alias of the real function, for the few Clang wrappers
 * whose (&name) would find the wrapper itself (enable_if overloads).
 */
#define __FH_DECL_ALIAS(name) __FH_DECL_ALIAS_AS(name, #name)
#define __FH_DECL_ALIAS_AS(name, sym) __FH_C_BEGIN extern __typeof__(name) \
	__fh_orig_##name __asm__(__FH_STR(__USER_LABEL_PREFIX__) sym); __FH_C_END
#define __FH_POS0 __FH_POS(0)
#define __FH_POSS __FH_POS(__FH_TS)

/*
 * Compile-time diagnostics.  __FH_DIAG(cond, msg) goes after a Clang
 * wrapper's parameter list; the condition may only use parameters and
 * is evaluated at the call site, so it fires only on provable overflow.
 * __FH_OVER(n, p, t): n is provably larger than the static size of p.
 */
#if __FH_CLANG
#define __FH_DIAG(cond, msg) __attribute__((__diagnose_if__(cond, msg, "warning")))
#define __FH_DIAG_ERR(cond, msg) __attribute__((__diagnose_if__(cond, msg, "error")))
#else
#define __FH_DIAG(cond, msg)
#define __FH_DIAG_ERR(cond, msg)
#endif
#define __FH_OVER(n, p, t) (__builtin_object_size(p, t) != __FH_UNKNOWN && \
	(n) > __builtin_object_size(p, t))

/*
 * The failure path.  One out-of-line copy per translation unit keeps the
 * inlined check to a compare, a branch and a call.  The message goes out
 * with one write(2) so that it is not interleaved; the declaration uses
 * its own name for write() so that no header has to expose it.
 */
__FH_C_BEGIN
extern long __fh_write(int, const void *, __SIZE_TYPE__)
	__asm__(__FH_STR(__USER_LABEL_PREFIX__) "write");
__FH_C_END

#define __FH_WHY_OVERFLOW ": buffer overflow detected ***\n"
#define __FH_WHY_PCTN ": %n in a writable format string ***\n"
#define __FH_WHY_MODE ": O_CREAT or O_TMPFILE without a mode ***\n"

/*
 * noipa: without it gcc clones the failure function for constant
 * arguments and may keep the clone after every call folded away.
 */
#if defined(__has_attribute)
#if __has_attribute(__noipa__)
#define __FH_NOIPA __noipa__,
#endif
#endif
#ifndef __FH_NOIPA
#define __FH_NOIPA
#endif

#ifdef FORTIFY_HEADERS_BARE_TRAP
#define __FH_FAIL_BODY(fn, why) ((void)(fn), (void)(why), __builtin_trap())
#else
#define __FH_FAIL_BODY(fn, why) __fh_report(fn, why)
static __attribute__((__FH_NOIPA __noreturn__, __noinline__, __cold__, __unused__))
void __fh_report(const char *__fh_fn, const char *__fh_why)
{
	char __fh_msg[128] = "*** ";
	unsigned long __fh_i = 4, __fh_j;

	for (__fh_j = 0; __fh_fn[__fh_j] && __fh_i < 64; __fh_j++)
		__fh_msg[__fh_i++] = __fh_fn[__fh_j];
	for (__fh_j = 0; __fh_why[__fh_j] && __fh_i < sizeof __fh_msg; __fh_j++)
		__fh_msg[__fh_i++] = __fh_why[__fh_j];
	(void)__fh_write(2, __fh_msg, __fh_i);
	__builtin_trap();
}
#endif

#if __FH_CLANG
#define __fh_fail(fn) __FH_FAIL_BODY(fn, __FH_WHY_OVERFLOW)
#define __fh_fail_why(fn, why) __FH_FAIL_BODY(fn, why)
#define __FH_CHECK(fn, cond) do { if (cond) __fh_fail(fn); } while (0)
#else
#define __fh_fail(fn) __fh_fail_why(fn, __FH_WHY_OVERFLOW)
static __attribute__((__noreturn__, __always_inline__, __unused__))
__inline__ void __fh_fail_why(const char *__fh_fn, const char *__fh_why)
{
	__FH_FAIL_BODY(__fh_fn, __fh_why);
}
/* Reached only when the failure is certain: the call is the warning. */
static __attribute__((__FH_NOIPA __noreturn__, __noinline__, __cold__, __unused__,
    __warning__("fortify-headers: this call always overflows its buffer")))
void __fh_overflow(const char *__fh_fn)
{
	__FH_FAIL_BODY(__fh_fn, __FH_WHY_OVERFLOW);
}
/* Test __builtin_constant_p before the branch, never inside it. */
#define __FH_CHECK(fn, cond) do { \
	if (__builtin_constant_p(cond) && (cond)) \
		__fh_overflow(fn); \
	if (cond) \
		__fh_fail(fn); \
} while (0)
#endif

/*
 * Which optional declarations the libc made (glibc's __USE_* and musl's
 * feature-test logic; <features.h> has run, so musl's defaults are set).
 */
#ifdef __GLIBC__
#define __FH_GLIBC(maj, min) (__GLIBC__ > (maj) || \
	(__GLIBC__ == (maj) && __GLIBC_MINOR__ >= (min)))
#if defined(__USE_GNU)
#define __FH_GNU 1
#endif
#if defined(__USE_MISC)
#define __FH_MISC 1
#endif
#if defined(__USE_XOPEN2K8)
#define __FH_POSIX08 1
#endif
#if defined(__USE_XOPEN) || defined(__USE_MISC)
#define __FH_XSI 1
#endif
#else
#define __FH_GLIBC(maj, min) 1
#if defined(_GNU_SOURCE)
#define __FH_GNU 1
#endif
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#define __FH_MISC 1
#endif
#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) || \
    defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#define __FH_POSIX08 1
#endif
#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#define __FH_XSI 1
#endif
#endif
#ifndef __FH_GNU
#define __FH_GNU 0
#endif
#ifndef __FH_MISC
#define __FH_MISC 0
#endif
#ifndef __FH_POSIX08
#define __FH_POSIX08 0
#endif
#ifndef __FH_XSI
#define __FH_XSI 0
#endif

/* The common checks: n bytes into p, string destination, n elements. */
#define __FH_CHK0(fn, p, n) __FH_CHECK(fn, (n) > __FH_BOS0(p))
#define __FH_CHKS(fn, p, n) __FH_CHECK(fn, (n) > __FH_BOSS(p))
#define __FH_CHKN(fn, p, n, sz) __FH_CHECK(fn, (n) > __FH_BOS0(p) / (sz))
#define __FH_CHKSN(fn, p, n, sz) __FH_CHECK(fn, (n) > __FH_BOSS(p) / (sz))

/*
 * The %n policy (level 2 and up): a format whose text the compiler knows
 * (a literal, or an array it saw initialised) may use %n; any other
 * format is scanned and a %n conversion traps, since an attacker who
 * controls a format uses %n to write memory.  Wide formats are always
 * scanned.  __fh_pctn() finds a conversion whose letter is n, skipping
 * "%%", flags, widths, precisions, $ positions and length modifiers.
 */
#define __FH_FMT_KNOWN(f) __builtin_constant_p(__builtin_strlen(f))
#define __FH_PCTN_SCAN(type, name) \
static __inline__ __attribute__((__unused__)) int name(const type *__fh_f) \
{ \
	for (; *__fh_f; __fh_f++) { \
		if (*__fh_f != '%') \
			continue; \
		__fh_f++; \
		while (*__fh_f && (*__fh_f == '$' || *__fh_f == '*' || \
		    *__fh_f == '.' || *__fh_f == '-' || *__fh_f == '+' || \
		    *__fh_f == ' ' || *__fh_f == '#' || *__fh_f == '\'' || \
		    (*__fh_f >= '0' && *__fh_f <= '9') || *__fh_f == 'h' || \
		    *__fh_f == 'l' || *__fh_f == 'L' || *__fh_f == 'q' || \
		    *__fh_f == 'j' || *__fh_f == 'z' || *__fh_f == 't')) \
			__fh_f++; \
		if (*__fh_f == 'n') \
			return 1; \
		if (!*__fh_f) \
			break; \
	} \
	return 0; \
}
__FH_PCTN_SCAN(char, __fh_pctn)
#if __FH_LEVEL >= 2
#define __FH_CHK_FMT(fn, f, known) do { \
	if (!(known) && __fh_pctn(f)) \
		__fh_fail_why(fn, __FH_WHY_PCTN); \
} while (0)
#else
#define __FH_CHK_FMT(fn, f, known) do { } while (0)
#endif

/* Clang: an overload chosen only when the format is (not) known. */
#if __FH_CLANG
#define __FH_IF_KNOWN(f) __attribute__((__enable_if__(__FH_FMT_KNOWN(f), "")))
#define __FH_IF_UNKNOWN(f) __attribute__((__enable_if__(!__FH_FMT_KNOWN(f), "")))
/* An overload preferred to the libc's declaration it would tie with. */
#define __FH_PREFER __attribute__((__enable_if__(1, "")))
#endif

#endif /* __FH_ACTIVE */
#endif /* __FH_H */
