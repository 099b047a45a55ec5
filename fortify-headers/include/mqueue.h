/* fortify-headers overlay for <mqueue.h>; see __fh.h for the design. */
#pragma GCC system_header
#include "__fh.h"
#include_next <mqueue.h>

/* musl's <mqueue.h> does not define O_CREAT: wrap once <fcntl.h> did. */
#if !defined(__FH_MQUEUE_H) && __FH_ACTIVE && defined(O_CREAT)
#define __FH_MQUEUE_H

/*
 * mq_open with O_CREAT reads a mode and an attribute pointer; without
 * them it uses whatever the stack holds (compare open in fcntl.h).
 */
__FH_DECL_ALIAS(mq_open)
#if __FH_CLANG
__FH_FN(mqd_t, mq_open)(const char *__fh_n, int __fh_f) __FH_PREFER
	__FH_DIAG_ERR((__fh_f & O_CREAT) != 0, "mq_open: O_CREAT needs a mode and an attribute argument")
{
	if (__fh_f & O_CREAT)
		__fh_fail_why("mq_open", __FH_WHY_MODE);
	return __fh_orig_mq_open(__fh_n, __fh_f);
}
#else
__FH_C_BEGIN
extern void __fh_mq_open_missing_mode(void)
	__attribute__((__error__("mq_open: O_CREAT needs a mode and an attribute argument")));
__FH_C_END

__FH_FN(mqd_t, mq_open)(const char *__fh_n, int __fh_f, ...) __FH_NT
{
	if (__builtin_va_arg_pack_len() < 2) {
		if (__builtin_constant_p(__fh_f) && (__fh_f & O_CREAT))
			__fh_mq_open_missing_mode();
		if (__fh_f & O_CREAT)
			__fh_fail_why("mq_open", __FH_WHY_MODE);
	}
	return __fh_orig_mq_open(__fh_n, __fh_f, __builtin_va_arg_pack());
}
#endif

#endif
