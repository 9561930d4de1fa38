import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { contactMessages } from './contact';
import {
	CONCERN_STATUSES,
	CONCERN_VISIBILITIES,
	type ConcernStatus,
	type ConcernVisibility
} from '../../../concerns/choices';
import { oneOf } from './checks';

/** What a concern is about; staff keep the list (seeded with the eight of the issue). */
export const concernCategories = pgTable(
	'concern_categories',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		sortOrder: integer('sort_order').notNull().default(0),
		/** An unused category is switched off, never deleted while concerns refer to it. */
		active: boolean('active').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('concern_categories_slug_unique').on(t.slug),
		/** intake: two categories of the same name (any case) would be indistinguishable in the form. */
		uniqueIndex('concern_categories_name_unique').on(sql`lower(${t.name})`),
		check('concern_categories_name_check', sql`length(trim(${t.name})) > 0`)
	]
);

/**
 * The last reference number given out per year. Taken with one INSERT … ON CONFLICT DO UPDATE …
 * RETURNING in the transaction that stores the concern: the row lock makes concurrent
 * submitters wait for each other, and a rolled-back submission gives its number back.
 */
export const concernCounters = pgTable(
	'concern_counters',
	{
		year: integer('year').primaryKey(),
		last: integer('last').notNull()
	},
	(t) => [check('concern_counters_last_check', sql`${t.last} >= 1`)]
);

export { CONCERN_STATUSES, CONCERN_VISIBILITIES, type ConcernStatus, type ConcernVisibility };

export const CONCERN_CHANNELS = ['web', 'desk', 'phone', 'contact_message', 'open311'] as const;
export type ConcernChannel = (typeof CONCERN_CHANNELS)[number];

export const CONCERN_DESCRIPTION_MIN = 10;
export const CONCERN_DESCRIPTION_MAX = 4000;

/**
 * A resident's concern: a public notice about the district or a private matter only staff see.
 * Everything personal sits in the `submitter_*` and `consent_*` columns, so that it can be erased
 * in one UPDATE after the retention period while the concern itself stays for the statistics.
 */
export const concerns = pgTable(
	'concerns',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		/** `KAS-2026-0042`: what people quote on the phone and what the public page is called. */
		reference: text('reference').notNull(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => concernCategories.id, { onDelete: 'restrict' }),
		description: text('description').notNull(),
		address: text('address').notNull().default(''),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		visibility: text('visibility', { enum: CONCERN_VISIBILITIES }).notNull(),
		status: text('status', { enum: CONCERN_STATUSES }).notNull().default('received'),
		channel: text('channel', { enum: CONCERN_CHANNELS }).notNull().default('web'),
		submitterName: text('submitter_name').notNull().default(''),
		submitterEmail: text('submitter_email').notNull().default(''),
		submitterPhone: text('submitter_phone').notNull().default(''),
		/** The submitter may be contacted about this concern (given with an e-mail or phone). */
		consentContact: boolean('consent_contact').notNull().default(false),
		/** Bodies the concern is forwarded to may see the contact data (used by forwarding). */
		consentForwardContact: boolean('consent_forward_contact').notNull().default(false),
		submitterUserId: integer('submitter_user_id').references(() => users.id, {
			onDelete: 'set null'
		}),
		/** Set when the retention job (or a request) blanked the submitter columns. */
		personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
		assignedTo: integer('assigned_to').references(() => users.id, { onDelete: 'set null' }),
		mergedInto: integer('merged_into').references((): AnyPgColumn => concerns.id, {
			onDelete: 'set null'
		}),
		locale: text('locale').notNull().default('de'),
		firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/**
		 * Follow-up (area "followup"): when the one "Ist es wirklich behoben?" mail was sent. Set by
		 * the conditional UPDATE that claims it and never cleared, so a concern is asked at most once.
		 */
		followupSentAt: timestamp('followup_sent_at', { withTimezone: true }),
		/** intake: the contact message this concern was made from (one concern per message). */
		contactMessageId: integer('contact_message_id').references(() => contactMessages.id, {
			onDelete: 'set null'
		})
	},
	(t) => [
		uniqueIndex('concerns_reference_unique').on(t.reference),
		uniqueIndex('concerns_contact_message_unique').on(t.contactMessageId),
		index('concerns_public_idx').on(t.visibility, t.createdAt),
		index('concerns_status_idx').on(t.status, t.createdAt),
		index('concerns_category_idx').on(t.categoryId),
		index('concerns_submitter_user_idx').on(t.submitterUserId),
		index('concerns_assigned_idx').on(t.assignedTo),
		check('concerns_visibility_check', oneOf(t.visibility, CONCERN_VISIBILITIES)),
		check('concerns_status_check', oneOf(t.status, CONCERN_STATUSES)),
		check('concerns_channel_check', oneOf(t.channel, CONCERN_CHANNELS)),
		check(
			'concerns_description_check',
			sql`char_length(${t.description}) between ${sql.raw(String(CONCERN_DESCRIPTION_MIN))} and ${sql.raw(String(CONCERN_DESCRIPTION_MAX))}`
		),
		check('concerns_reference_check', sql`${t.reference} ~ '^KAS-[0-9]{4}-[0-9]{4,}$'`),
		check(
			'concerns_position_check',
			sql`(${t.latitude} is null) = (${t.longitude} is null) and (${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180))`
		)
	]
);

/**
 * `not_solved` and `confirmed` (area "followup") are what the holder of the status link said about
 * a resolved concern; private, since whoever holds the link may write anything there.
 */
export const CONCERN_ENTRY_KINDS = [
	'status',
	'answer',
	'note',
	'assigned',
	'not_solved',
	'confirmed'
] as const;
export type ConcernEntryKind = (typeof CONCERN_ENTRY_KINDS)[number];

/**
 * A concern's timeline: status changes, answers (public ones are shown on the public page and
 * the status link) and internal notes (never public, enforced by a CHECK).
 */
export const concernEntries = pgTable(
	'concern_entries',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		concernId: integer('concern_id')
			.notNull()
			.references(() => concerns.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: CONCERN_ENTRY_KINDS }).notNull(),
		statusFrom: text('status_from', { enum: CONCERN_STATUSES }),
		statusTo: text('status_to', { enum: CONCERN_STATUSES }),
		body: text('body').notNull().default(''),
		isPublic: boolean('is_public').notNull(),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		// Forwarding (area forward): the responsible body an entry is about ("weitergeleitet an …")
		// or from (its answer); kept as text so the timeline stays as it was if the body is renamed.
		bodyName: text('body_name').notNull().default('')
	},
	(t) => [
		index('concern_entries_concern_idx').on(t.concernId, t.createdAt),
		check('concern_entries_kind_check', oneOf(t.kind, CONCERN_ENTRY_KINDS)),
		check(
			'concern_entries_note_private_check',
			sql`${t.kind} not in ('note', 'assigned', 'not_solved', 'confirmed') or not ${t.isPublic}`
		),
		check('concern_entries_status_check', sql`(${t.kind} = 'status') = (${t.statusTo} is not null)`)
	]
);
