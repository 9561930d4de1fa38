import type { Db } from '../../src/lib/server/db/client';
import { contactMessages } from '../../src/lib/server/db/schema';

const DAY = 24 * 60 * 60_000;
let sequence = 0;

/**
 * A stored contact message, as if sent through /kontakt (without the mails it triggers).
 * `kind: 'accessibility'` makes accessibility feedback, due 14 days after `createdAt` unless
 * `dueAt` is given (pass an old createdAt for overdue feedback).
 */
export async function createContactMessage(
	db: Db,
	values: Partial<typeof contactMessages.$inferInsert> = {}
) {
	sequence += 1;
	const createdAt = values.createdAt ?? new Date();
	const accessibility = values.kind === 'accessibility';
	const [row] = await db
		.insert(contactMessages)
		.values({
			kind: 'contact',
			name: 'Erika Mustermann',
			email: `besucherin-${process.pid}-${sequence}@example.org`,
			subject: accessibility ? 'Barriere melden' : `Frage ${sequence}`,
			message: 'Hallo!',
			createdAt,
			dueAt: accessibility ? new Date(createdAt.getTime() + 14 * DAY) : null,
			...values
		})
		.returning();
	return row;
}
