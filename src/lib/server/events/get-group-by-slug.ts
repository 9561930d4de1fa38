import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { groups } from '../db/schema';
import { DomainError } from '../errors';
import { findUpcomingEvents } from './find-upcoming-events';

/** A group's public page: name, description, contact if it agreed, and its coming dates. */
export async function getGroupBySlug(db: Db, slug: string, page = 1) {
	const [group] = await db
		.select({
			id: groups.id,
			slug: groups.slug,
			name: groups.name,
			description: groups.description,
			email: groups.email,
			phone: groups.phone,
			showContact: groups.showContact,
			isExample: groups.isExample
		})
		.from(groups)
		.where(eq(groups.slug, slug));
	if (!group) throw new DomainError('NOT_FOUND', { detail: `group ${slug}` });
	const upcoming = await findUpcomingEvents(db, { groupId: group.id, filters: { seite: page } });
	return {
		group: {
			slug: group.slug,
			name: group.name,
			description: group.description,
			email: group.showContact ? group.email : '',
			phone: group.showContact ? group.phone : '',
			isExample: group.isExample
		},
		upcoming
	};
}
