import { and, eq, like, ne, or } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { newsPosts } from '../db/schema';
import { fieldError, sqlStateOf } from '../errors';
import { SLUG_MAX, SLUG_PATTERN, slugify } from './slugify';

/**
 * The slug to store: the one staff typed (checked, never changed behind their back), or one made
 * from the title with a number appended when that is taken by another post.
 */
export async function resolveNewsSlug(
	tx: Tx,
	{ requested, title, selfId }: { requested: string; title: string; selfId?: number }
): Promise<string> {
	if (requested) {
		if (requested.length > SLUG_MAX || !SLUG_PATTERN.test(requested)) {
			throw fieldError('slug', () =>
				m.content_error_slug_invalid({ field: m.content_news_slug() })
			);
		}
		return requested;
	}
	const base = slugify(title) || 'neuigkeit';
	const others = selfId === undefined ? undefined : ne(newsPosts.id, selfId);
	// The base holds only [a-z0-9-], so it needs no escaping inside LIKE.
	const taken = await tx
		.select({ slug: newsPosts.slug })
		.from(newsPosts)
		.where(and(or(eq(newsPosts.slug, base), like(newsPosts.slug, `${base}-%`)), others))
		.limit(1000);
	const used = new Set(taken.map((r) => r.slug));
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) {
		if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
	}
}

/** A unique violation on the slug (two posts saved at once, or a typed slug in use) as a form error. */
export function slugConflict(err: unknown): never {
	if (sqlStateOf(err) === '23505') {
		throw fieldError(
			'slug',
			() => m.content_error_slug_taken({ field: m.content_news_slug() }),
			'CONFLICT'
		);
	}
	throw err;
}
