import type { Db } from '../../src/lib/server/db/client';
import {
	capabilityLinks,
	concernCounters,
	concernEntries,
	concerns,
	outboxMails
} from '../../src/lib/server/db/schema';
import type { ConcernSubmissionInput } from '../../src/lib/server/concerns/concerns.schemas';

/**
 * Empties what concern tests write (concerns with their timeline and dependants by cascade, the
 * reference counters, links and mails), so every test starts at KAS-<year>-0001.
 */
export async function clearConcerns(db: Db): Promise<void> {
	await db.delete(concernEntries);
	await db.delete(concerns);
	await db.delete(concernCounters);
	await db.delete(outboxMails);
	await db.delete(capabilityLinks);
}

/** A valid public notice about a dark street lamp, with contact data; `over` changes fields. */
export function concernInput(
	categoryId: number,
	over: Partial<ConcernSubmissionInput> = {}
): ConcernSubmissionInput {
	return {
		category: categoryId,
		description: 'Die Laterne vor Lindenstraße 12 ist seit einer Woche dunkel.',
		address: 'Lindenstraße 12',
		visibility: 'public',
		name: 'Erika Mustermann',
		email: 'erika@example.org',
		phone: '0170 1234567',
		consentForward: false,
		...over
	};
}
