import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { users } from '../db/schema';

/** E-mail addresses are unique regardless of case (see the users_email_unique index). */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db | Tx, email: string) {
	const [row] = await db
		.select()
		.from(users)
		.where(eq(sql`lower(${users.email})`, normalizeEmail(email)))
		.limit(1);
	return row ?? null;
}

export async function findUserById(db: Db | Tx, id: number) {
	const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
	return row ?? null;
}

export type UserRow = typeof users.$inferSelect;
