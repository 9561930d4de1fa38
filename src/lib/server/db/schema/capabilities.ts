import {
	boolean,
	check,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { oneOf } from './checks';

/**
 * What a capability link may do, and the kind of record it acts on. A purpose belongs to exactly
 * one record type ('user': the link acts as that user, within their current roles). 'example.view' exists for the mechanism's own tests.
 */
export const CAPABILITY_PURPOSES = {
	'example.view': 'example',
	'concern.status': 'concern',
	'concern.answer': 'concern',
	'booking.status': 'booking',
	'booking.cancel': 'booking',
	'event.moderate': 'event',
	/** The submitter's private page with the state of an event proposal. */
	'event.proposal-status': 'event',
	/** The cancel link in a registration's confirmation mail. */
	'event.registration-cancel': 'event_registration',
	/** A staff member's private room calendar feed (calendar apps cannot sign in). */
	'rooms.staff-feed': 'user'
} as const;
export type CapabilityPurpose = keyof typeof CAPABILITY_PURPOSES;
export type CapabilityRecordType = (typeof CAPABILITY_PURPOSES)[CapabilityPurpose];
export const CAPABILITY_PURPOSE_NAMES = Object.keys(CAPABILITY_PURPOSES) as CapabilityPurpose[];
export const CAPABILITY_RECORD_TYPES = [
	...new Set(Object.values(CAPABILITY_PURPOSES))
] as CapabilityRecordType[];

/**
 * Private links that act on one record without an account (a status link, a cancel link, an
 * answer link for a town department). Only the SHA-256 of the token is stored: the link itself
 * exists once, in the mail that carries it.
 */
export const capabilityLinks = pgTable(
	'capability_links',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		purpose: text('purpose').$type<CapabilityPurpose>().notNull(),
		recordType: text('record_type').$type<CapabilityRecordType>().notNull(),
		recordId: integer('record_id').notNull(),
		tokenHash: text('token_hash').notNull(),
		singleUse: boolean('single_use').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		/** A masked address ("e…@example.org"), enough for staff to recognise the recipient. */
		sentToHint: text('sent_to_hint')
	},
	(t) => [
		uniqueIndex('capability_links_token_unique').on(t.tokenHash),
		index('capability_links_record_idx').on(t.recordType, t.recordId),
		check('capability_links_purpose_check', oneOf(t.purpose, CAPABILITY_PURPOSE_NAMES)),
		check('capability_links_record_type_check', oneOf(t.recordType, CAPABILITY_RECORD_TYPES))
	]
);
