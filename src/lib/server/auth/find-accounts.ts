import { asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from './actor';
import { assertCan } from './permissions';

export const ACCOUNT_FILTERS = ['all', 'staff', 'residents'] as const;
export type AccountFilter = (typeof ACCOUNT_FILTERS)[number];

const columns = {
	id: users.id,
	email: users.email,
	displayName: users.displayName,
	roles: users.roles,
	emailVerifiedAt: users.emailVerifiedAt,
	disabledAt: users.disabledAt,
	lockedUntil: users.lockedUntil,
	hasPassword: sql<boolean>`${users.passwordHash} is not null`,
	createdAt: users.createdAt
};

/** One page of accounts, staff first, then by address. */
export async function findAccounts(
	db: Db,
	{
		actor,
		page,
		filter = 'all',
		pageSize = 25
	}: { actor: Actor; page: number; filter?: AccountFilter; pageSize?: number }
) {
	assertCan(actor, 'accounts.manage');
	const isStaff = sql`cardinality(${users.roles}) > 0`;
	const where: SQL | undefined =
		filter === 'staff' ? isStaff : filter === 'residents' ? sql`not (${isStaff})` : undefined;
	const [rows, [{ total }]] = await Promise.all([
		db
			.select(columns)
			.from(users)
			.where(where)
			.orderBy(sql`${isStaff} desc`, asc(users.email))
			.limit(pageSize)
			.offset((Math.max(1, page) - 1) * pageSize),
		db.select({ total: count() }).from(users).where(where)
	]);
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export async function getAccountById(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'accounts.manage');
	const [row] = await db.select(columns).from(users).where(eq(users.id, id)).limit(1);
	if (!row) throw new DomainError('NOT_FOUND');
	return row;
}
