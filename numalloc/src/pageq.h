/*
 * pageq.h: doubly linked page queues.  A queue's `first` is &na_page_empty
 * when it is empty, so that malloc's fast path needs no NULL test; `last`
 * is NULL exactly then.
 */
#ifndef NUMALLOC_PAGEQ_H
#define NUMALLOC_PAGEQ_H

#include "numalloc_internal.h"

static inline struct na_page *q_head(struct na_pageq *q)
{
	return q->last == NULL ? NULL : q->first;
}

static inline void q_push_front(struct na_pageq *q, struct na_page *pg)
{
	pg->prev = NULL;
	pg->next = q_head(q);
	if (q->last != NULL)
		q->first->prev = pg;
	else
		q->last = pg;
	q->first = pg;
}

static inline void q_push_back(struct na_pageq *q, struct na_page *pg)
{
	pg->next = NULL;
	pg->prev = q->last;
	if (q->last != NULL)
		q->last->next = pg;
	else
		q->first = pg;
	q->last = pg;
}

static inline void q_remove(struct na_pageq *q, struct na_page *pg)
{
	if (pg->prev != NULL)
		pg->prev->next = pg->next;
	else
		q->first = pg->next != NULL ? pg->next : &na_page_empty;
	if (pg->next != NULL)
		pg->next->prev = pg->prev;
	else
		q->last = pg->prev;
	pg->next = pg->prev = NULL;
}

#endif
