import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	customType,
	doublePrecision,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { allOf, oneOf } from './checks';
import { rooms } from './rooms';
import {
	EVENT_CATEGORIES,
	EVENT_LANGUAGES,
	EVENT_TARGET_GROUPS,
	type EventCategory,
	type EventLanguage,
	type EventTargetGroup
} from '../../../events/choices';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * An organiser of events: a club, an initiative, a team of volunteers. The office itself is not a
 * group: an event without a group is organised by the Quartiersmanagement.
 */
export const groups = pgTable(
	'groups',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		/** One or two sentences, plain text. */
		description: text('description').notNull().default(''),
		email: text('email').notNull().default(''),
		phone: text('phone').notNull().default(''),
		/** The group agreed that its e-mail and phone are shown on public pages. */
		showContact: boolean('show_contact').notNull().default(false),
		/** Seeded example data, removable by staff in one action. */
		isExample: boolean('is_example').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('groups_slug_unique').on(t.slug)]
);

export const EVENT_STATUSES = ['scheduled', 'cancelled', 'postponed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const EVENT_MODERATION_STATES = ['pending', 'published', 'rejected'] as const;
export type EventModeration = (typeof EVENT_MODERATION_STATES)[number];

export {
	EVENT_CATEGORIES,
	EVENT_LANGUAGES,
	EVENT_TARGET_GROUPS,
	type EventCategory,
	type EventLanguage,
	type EventTargetGroup
};

/** An event may last up to 31 days: the list's lower bound on starts_at depends on it. */
export const MAX_EVENT_DAYS = 31;

/**
 * An event of the district's calendar: one date, or a series (RFC 5545 RRULE from the first date,
 * minus EXDATEs). Its dates are materialised in event_occurrences, up to a horizon, so lists and
 * feeds are index range scans.
 */
export const events = pgTable(
	'events',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		/** Markdown, rendered sanitised. */
		description: text('description').notNull().default(''),
		status: text('status', { enum: EVENT_STATUSES }).notNull().default('scheduled'),
		moderation: text('moderation', { enum: EVENT_MODERATION_STATES }).notNull().default('pending'),
		/** The first date (of a series: DTSTART and its duration). */
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		allDay: boolean('all_day').notNull().default(false),
		/** `FREQ=WEEKLY;INTERVAL=2;UNTIL=…` without DTSTART (that is starts_at in the zone); null: one date. */
		rrule: text('rrule'),
		/** Original starts of the dates of a series that do not take place (EXDATE). */
		exdates: timestamp('exdates', { withTimezone: true })
			.array()
			.notNull()
			.default(sql`'{}'::timestamptz[]`),
		/** A room of the house, or another place below. */
		roomId: integer('room_id').references(() => rooms.id, { onDelete: 'restrict' }),
		placeName: text('place_name').notNull().default(''),
		placeAddress: text('place_address').notNull().default(''),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		/** null: organised by the office itself. */
		groupId: integer('group_id').references(() => groups.id, { onDelete: 'restrict' }),
		categories: text('categories')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		targetGroups: text('target_groups')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		languages: text('languages')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		accessibilityNotes: text('accessibility_notes').notNull().default(''),
		wheelchairAccessible: boolean('wheelchair_accessible').notNull().default(false),
		cost: text('cost').notNull().default(''),
		isFree: boolean('is_free').notNull().default(true),
		/** RFC 5545 SEQUENCE: grows with every change, so calendar apps take the update. */
		sequence: integer('sequence').notNull().default(0),
		isExample: boolean('is_example').notNull().default(false),
		/** German full text of title (weight A) and description (B). */
		search: tsvector('search').generatedAlwaysAs(
			sql`setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', description), 'B')`
		),
		/** End of the last materialised date: feeds take events that end after a recent day. */
		lastEndsAt: timestamp('last_ends_at', { withTimezone: true }).notNull(),
		/** Dates of an open series are materialised up to here (a job moves it forward). */
		materialisedUntil: timestamp('materialised_until', { withTimezone: true }).notNull(),
		/** Registration (per date of a series): off, or on with a capacity per date. */
		registrationEnabled: boolean('registration_enabled').notNull().default(false),
		registrationCapacity: integer('registration_capacity'),
		/** Sign-ups close this many hours before a date starts; null: open until the start. */
		registrationClosesHours: integer('registration_closes_hours'),
		registrationWaitlist: boolean('registration_waitlist').notNull().default(false),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/*
		 * A proposal from the public form (moderation 'pending' until staff decide). The
		 * submitter's name and address are personal data: kept only in these columns, so they
		 * can be erased without touching the event. Never shown on public pages.
		 */
		submitterName: text('submitter_name').notNull().default(''),
		/** Empty: the submitter chose not to hear back. */
		submitterEmail: text('submitter_email').notNull().default(''),
		/** Who organises it, as the submitter typed it (a proposal names no group). */
		organiserName: text('organiser_name').notNull().default(''),
		/** Staff's reason for rejecting a proposal, shown on the submitter's status page. */
		rejectionReason: text('rejection_reason').notNull().default(''),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		moderatedBy: integer('moderated_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		uniqueIndex('events_slug_unique').on(t.slug),
		index('events_group_idx').on(t.groupId),
		index('events_room_idx').on(t.roomId),
		index('events_last_ends_idx').on(t.lastEndsAt),
		index('events_moderation_idx').on(t.moderation, t.createdAt),
		index('events_categories_idx').using('gin', t.categories),
		index('events_target_groups_idx').using('gin', t.targetGroups),
		index('events_languages_idx').using('gin', t.languages),
		index('events_search_idx').using('gin', t.search),
		check('events_status_check', oneOf(t.status, EVENT_STATUSES)),
		check('events_moderation_check', oneOf(t.moderation, EVENT_MODERATION_STATES)),
		check('events_categories_check', allOf(t.categories, EVENT_CATEGORIES)),
		check('events_target_groups_check', allOf(t.targetGroups, EVENT_TARGET_GROUPS)),
		check('events_languages_check', allOf(t.languages, EVENT_LANGUAGES)),
		check(
			'events_duration_check',
			sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.startsAt} + interval '31 days'`
		),
		check('events_sequence_check', sql`${t.sequence} >= 0`),
		// A rejection always says why: the submitter reads it on their status page.
		check(
			'events_rejection_reason_check',
			sql`${t.moderation} <> 'rejected' or ${t.rejectionReason} <> ''`
		),
		check(
			'events_registration_check',
			sql`(${t.registrationCapacity} is null or ${t.registrationCapacity} between 1 and 10000) and (${t.registrationClosesHours} is null or ${t.registrationClosesHours} between 0 and 2160) and (not ${t.registrationEnabled} or ${t.registrationCapacity} is not null)`
		),
		check(
			'events_coordinates_check',
			sql`(${t.latitude} is null) = (${t.longitude} is null) and (${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180))`
		)
	]
);

/**
 * The dates of an event, materialised from its rule up to a horizon: the list and the feeds
 * read a range of starts_at instead of expanding rules per request.
 */
export const eventOccurrences = pgTable(
	'event_occurrences',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		/** The date as the rule gives it (RECURRENCE-ID), also when a single date is moved. */
		originalStart: timestamp('original_start', { withTimezone: true }).notNull(),
		/** This one date does not take place (the series goes on); it stays listed as cancelled. */
		cancelled: boolean('cancelled').notNull().default(false),
		/** Why, shown publicly with the cancelled date. */
		cancelReason: text('cancel_reason').notNull().default(''),
		/**
		 * Staff set this date's times by hand (starts_at/ends_at differ from what the rule gives):
		 * re-materialising the series keeps them.
		 */
		moved: boolean('moved').notNull().default(false),
		/** A public note on this date ("Heute im Kreativraum"). */
		note: text('note').notNull().default(''),
		/** The event's capacity copied to each date (null: no registration), so a CHECK holds it. */
		capacity: integer('capacity'),
		/** Persons with a confirmed registration: changed only by one conditional UPDATE. */
		taken: integer('taken').notNull().default(0)
	},
	(t) => [
		uniqueIndex('event_occurrences_event_start_unique').on(t.eventId, t.originalStart),
		index('event_occurrences_starts_idx').on(t.startsAt),
		index('event_occurrences_ends_idx').on(t.endsAt),
		// The few dates that differ from their rule, for the feeds' override VEVENTs.
		index('event_occurrences_exceptions_idx')
			.on(t.eventId)
			.where(sql`${t.cancelled} or ${t.moved} or ${t.note} <> ''`),
		check('event_occurrences_order_check', sql`${t.startsAt} < ${t.endsAt}`),
		check('event_occurrences_reason_check', sql`length(${t.cancelReason}) <= 500`),
		check('event_occurrences_note_check', sql`length(${t.note}) <= 500`),
		// The page cache expires when a date's sign-up closes (content-cache.ts).
		index('event_occurrences_registration_idx')
			.on(t.startsAt)
			.where(sql`${t.capacity} is not null`),
		check(
			'event_occurrences_taken_check',
			sql`${t.taken} >= 0 and (${t.capacity} is null or ${t.taken} <= ${t.capacity})`
		)
	]
);
