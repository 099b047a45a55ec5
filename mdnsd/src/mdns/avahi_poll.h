/*
 * An AvahiPoll over the daemon's event loop (event.h), so libavahi-client
 * runs inside mdnsd's one non-blocking loop: its D-Bus socket becomes an
 * ev_io and its timeouts ev_timers.  No thread, no second poll loop.
 */
#ifndef MDNS_AVAHI_POLL_H
#define MDNS_AVAHI_POLL_H

#include <avahi-common/watch.h>

#include "../event.h"

/*
 * Fill *api so that watches and timeouts run on loop.  The loop must
 * outlive every watch and timeout created through api.
 */
void avahi_ev_poll_init(AvahiPoll *api, struct ev_loop *loop);

#endif
