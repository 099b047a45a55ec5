/* A musl program whose only link to the fortified code is a glibc-built
 * shared library (libfortified.so, DT_NEEDED libchk-compat.so.0 and
 * libc.so.6, which musl maps to itself). */
int fortified_main(int argc, char **argv);

int
main(int argc, char **argv)
{
	return fortified_main(argc, argv);
}
