import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import type { SessionUser } from './roles';
import { hashToken, newToken } from './tokens';
import { now } from '../time';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;

export async function createSession(db: Db, userId: number, days: number) {
	const token = newToken();
	const expiresAt = new Date(now().getTime() + days * DAY);
	await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt });
	return { token, expiresAt };
}

/** Returns the user for a session cookie, extending sessions that are past half their life. */
export async function validateSession(
	db: Db,
	token: string,
	days: number
): Promise<{ user: SessionUser; expiresAt: Date } | null> {
	const id = hashToken(token);
	const [row] = await db
		.select({
			expiresAt: sessions.expiresAt,
			user: {
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				roles: users.roles
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(and(eq(sessions.id, id), gt(sessions.expiresAt, now()), isNull(users.disabledAt)))
		.limit(1);
	if (!row) return null;
	let expiresAt = row.expiresAt;
	if (expiresAt.getTime() - now().getTime() < (days * DAY) / 2) {
		expiresAt = new Date(now().getTime() + days * DAY);
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
	}
	return { user: row.user, expiresAt };
}

export async function deleteSession(db: Db, token: string) {
	await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function deleteUserSessions(db: Db, userId: number) {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db) {
	await db.delete(sessions).where(lt(sessions.expiresAt, now()));
}
