import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactMessages, contactPersons } from '../db/schema';
import { now as clockNow } from '../time';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';

export const MESSAGES_PAGE_SIZE = 20;

/** Messages and accessibility feedback for the back office, newest first. */
export async function findContactMessages(
	db: Db,
	{ actor, page, pageSize = MESSAGES_PAGE_SIZE }: { actor: Actor; page: number; pageSize?: number }
) {
	assertCan(actor, 'contact.read');
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({
				id: contactMessages.id,
				kind: contactMessages.kind,
				name: contactMessages.name,
				email: contactMessages.email,
				subject: contactMessages.subject,
				status: contactMessages.status,
				dueAt: contactMessages.dueAt,
				createdAt: contactMessages.createdAt,
				personRoleTitle: contactPersons.roleTitle,
				personName: contactPersons.name
			})
			.from(contactMessages)
			.leftJoin(contactPersons, eq(contactPersons.id, contactMessages.contactPersonId))
			.orderBy(desc(contactMessages.createdAt), desc(contactMessages.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(contactMessages)
	]);
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Accessibility feedback past its due date that nobody has answered yet. */
export function isOverdue(
	message: { status: string; dueAt: Date | null },
	now: Date = clockNow()
): boolean {
	return message.status === 'new' && message.dueAt !== null && message.dueAt < now;
}
