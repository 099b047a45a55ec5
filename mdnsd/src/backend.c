/* backend.c: the table of backends (see backend.h, "Registration"). */
#include <string.h>

#include "backend.h"

extern const struct backend_ops hosts_backend;
extern const struct backend_ops upstream_backend;
#if defined(MDNSD_HAVE_MDNS) && MDNSD_HAVE_MDNS
extern const struct backend_ops mdns_backend;
#endif
#if defined(MDNSD_HAVE_AVAHI) && MDNSD_HAVE_AVAHI
extern const struct backend_ops avahi_backend;
#endif

static const struct backend_ops *const registry[] = {
	&hosts_backend,
	&upstream_backend,
#if defined(MDNSD_HAVE_MDNS) && MDNSD_HAVE_MDNS
	&mdns_backend,
#endif
#if defined(MDNSD_HAVE_AVAHI) && MDNSD_HAVE_AVAHI
	&avahi_backend,
#endif
};

const struct backend_ops *
backend_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof registry / sizeof registry[0]; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

void
backend_list(FILE *out)
{
	for (size_t i = 0; i < sizeof registry / sizeof registry[0]; i++)
		fprintf(out, "%s%s", i ? " " : "", registry[i]->name);
}
