import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { config } from '../config';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { now } from '../time';
import type { SessionUser } from './roles';
import { hashToken, newToken } from './tokens';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;

export async function createSession(db: Db, userId: number, days: number) {
	const token = newToken();
	const createdAt = now();
	const expiresAt = new Date(createdAt.getTime() + days * DAY);
	await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt, createdAt });
	return { token, expiresAt };
}

/**
 * Returns the user for a session cookie, extending sessions that are past half their life
 * (`days`, sliding). However often it is used, a session ends `maxDays` after the login
 * (SESSION_MAX_DAYS): a stolen cookie does not live for ever.
 */
export async function validateSession(
	db: Db,
	token: string,
	days: number,
	maxDays: number = config().SESSION_MAX_DAYS
): Promise<{ user: SessionUser; expiresAt: Date } | null> {
	const id = hashToken(token);
	const at = now();
	const [row] = await db
		.select({
			expiresAt: sessions.expiresAt,
			createdAt: sessions.createdAt,
			user: {
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				roles: users.roles
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(
			and(
				eq(sessions.id, id),
				gt(sessions.expiresAt, at),
				gt(sessions.createdAt, new Date(at.getTime() - maxDays * DAY)),
				isNull(users.disabledAt)
			)
		)
		.limit(1);
	if (!row) return null;
	let expiresAt = row.expiresAt;
	if (expiresAt.getTime() - at.getTime() < (days * DAY) / 2) {
		const end = row.createdAt.getTime() + maxDays * DAY;
		expiresAt = new Date(Math.min(at.getTime() + days * DAY, end));
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
