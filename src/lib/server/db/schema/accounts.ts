import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { allOf, oneOf } from './checks';

export const STAFF_ROLES = ['concerns', 'rooms', 'content', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Staff and residents. A user without roles is a resident. */
export const users = pgTable(
	'users',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		email: text('email').notNull(),
		displayName: text('display_name').notNull().default(''),
		passwordHash: text('password_hash'),
		roles: text('roles')
			.array()
			.$type<StaffRole[]>()
			.notNull()
			.default(sql`'{}'::text[]`),
		emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
		failedLoginCount: integer('failed_login_count').notNull().default(0),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
		check('users_roles_check', allOf(t.roles, STAFF_ROLES))
	]
);

/** Sessions are stored by the SHA-256 of the cookie token, so a database leak does not leak sessions. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

export const TOKEN_PURPOSES = [
	'set_password',
	'reset_password',
	'verify_email',
	'sign_in'
] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** One-time tokens sent by mail or printed by the CLI; stored hashed. */
export const userTokens = pgTable(
	'user_tokens',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('user_tokens_user_idx').on(t.userId),
		check('user_tokens_purpose_check', oneOf(t.purpose, TOKEN_PURPOSES))
	]
);

/**
 * Wrong passwords per e-mail address, known or not (the key is the SHA-256 of the normalised
 * address, so unknown addresses typed by strangers are not stored readably). Keyed by address
 * rather than by account, so that an unknown address is slowed down exactly like a real one.
 */
export const loginThrottles = pgTable(
	'login_throttles',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull(),
		lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
		delayedUntil: timestamp('delayed_until', { withTimezone: true })
	},
	(t) => [index('login_throttles_last_failure_idx').on(t.lastFailureAt)]
);
