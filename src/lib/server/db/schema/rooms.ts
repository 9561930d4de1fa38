import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	time,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { images } from './media';
import { oneOf } from './checks';
import { venues } from './site';

/** A room of a venue that groups and residents may ask to use. */
export const rooms = pgTable(
	'rooms',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		venueId: integer('venue_id')
			.notNull()
			.references(() => venues.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		capacity: integer('capacity').notNull(),
		equipment: text('equipment').notNull().default(''),
		stepFree: boolean('step_free').notNull().default(false),
		accessibleToilet: boolean('accessible_toilet').notNull().default(false),
		hearingLoop: boolean('hearing_loop').notNull().default(false),
		/** Markdown, rendered sanitised; the requester accepts it with the request. */
		houseRules: text('house_rules').notNull().default(''),
		/** Set-up and clean-up time after each booking, in which the room is not free. */
		bufferMinutes: integer('buffer_minutes').notNull().default(0),
		minNoticeHours: integer('min_notice_hours').notNull().default(48),
		maxAdvanceDays: integer('max_advance_days').notNull().default(365),
		maxDurationMinutes: integer('max_duration_minutes').notNull().default(720),
		/** Seeded example data that the office should replace with its real rooms. */
		isExample: boolean('is_example').notNull().default(false),
		active: boolean('active').notNull().default(true),
		sortOrder: integer('sort_order').notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('rooms_slug_unique').on(t.slug),
		check('rooms_capacity_check', sql`${t.capacity} between 1 and 10000`),
		check('rooms_buffer_check', sql`${t.bufferMinutes} between 0 and 240`),
		check('rooms_notice_check', sql`${t.minNoticeHours} between 0 and 8760`),
		check('rooms_advance_check', sql`${t.maxAdvanceDays} between 1 and 1100`),
		check('rooms_duration_check', sql`${t.maxDurationMinutes} between 15 and 1440`)
	]
);

/** Opening hours per ISO weekday (1 = Monday); a weekday without a row is closed. */
export const roomOpeningHours = pgTable(
	'room_opening_hours',
	{
		roomId: integer('room_id')
			.notNull()
			.references(() => rooms.id, { onDelete: 'cascade' }),
		weekday: integer('weekday').notNull(),
		opens: time('opens').notNull(),
		closes: time('closes').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.roomId, t.weekday, t.opens] }),
		check('room_opening_hours_weekday_check', sql`${t.weekday} between 1 and 7`),
		check('room_opening_hours_order_check', sql`${t.opens} < ${t.closes}`)
	]
);

/**
 * A room's photos, in the order shown. Each row owns its image (one upload, one row): removing the
 * photo deletes the image and, after commit, its files (rooms/remove-room-photo.ts).
 */
export const roomPhotos = pgTable(
	'room_photos',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		roomId: integer('room_id')
			.notNull()
			.references(() => rooms.id, { onDelete: 'cascade' }),
		imageId: integer('image_id')
			.notNull()
			.references(() => images.id),
		/** What the photo shows, for people who cannot see it. */
		altText: text('alt_text').notNull(),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [
		uniqueIndex('room_photos_image_unique').on(t.imageId),
		index('room_photos_room_idx').on(t.roomId, t.sortOrder),
		check('room_photos_alt_text_check', sql`length(trim(${t.altText})) > 0`)
	]
);

/**
 * Days on which a room (or, without room, the whole venue) cannot be booked: holidays of the
 * house, renovation. Public holidays are computed (rooms/closing-days.ts), not stored.
 */
export const roomClosures = pgTable(
	'room_closures',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		venueId: integer('venue_id')
			.notNull()
			.references(() => venues.id, { onDelete: 'cascade' }),
		roomId: integer('room_id').references(() => rooms.id, { onDelete: 'cascade' }),
		firstDay: date('first_day').notNull(),
		lastDay: date('last_day').notNull(),
		reason: text('reason').notNull().default('')
	},
	(t) => [
		index('room_closures_days_idx').on(t.firstDay, t.lastDay),
		check('room_closures_order_check', sql`${t.firstDay} <= ${t.lastDay}`)
	]
);

export const BOOKING_REQUEST_STATUSES = [
	'pending',
	'approved',
	'declined',
	'proposal',
	'cancelled'
] as const;
export type BookingRequestStatus = (typeof BOOKING_REQUEST_STATUSES)[number];

/** A request for one date or a series, from a group or resident (no account needed). */
export const bookingRequests = pgTable(
	'booking_requests',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		status: text('status', { enum: BOOKING_REQUEST_STATUSES }).notNull().default('pending'),
		name: text('name').notNull(),
		email: text('email').notNull(),
		phone: text('phone').notNull().default(''),
		organisation: text('organisation').notNull().default(''),
		/** The group agreed that the public plan shows its name. */
		showOrganisation: boolean('show_organisation').notNull().default(false),
		purpose: text('purpose').notNull(),
		attendees: integer('attendees').notNull(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		locale: text('locale').notNull().default('de'),
		acceptedTermsAt: timestamp('accepted_terms_at', { withTimezone: true }).notNull(),
		/** The repetition as asked for (RFC 5545 RRULE), null for a single date. */
		seriesRule: text('series_rule'),
		decisionMessage: text('decision_message').notNull().default(''),
		internalNote: text('internal_note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
		/** Personal data blanked after the retention period; the bookings stay for statistics. */
		anonymisedAt: timestamp('anonymised_at', { withTimezone: true })
	},
	(t) => [
		index('booking_requests_status_idx').on(t.status, t.createdAt),
		index('booking_requests_user_idx').on(t.userId),
		check('booking_requests_status_check', oneOf(t.status, BOOKING_REQUEST_STATUSES)),
		check('booking_requests_attendees_check', sql`${t.attendees} between 1 and 10000`)
	]
);

export const BOOKING_STATUSES = [
	'pending',
	'approved',
	'proposed',
	'conflict',
	'skipped',
	'declined',
	'cancelled'
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** The states in which a booking holds its room: no two of them overlap (exclusion constraint). */
export const HOLDING_BOOKING_STATUSES = ['pending', 'approved', 'proposed'] as const;

export const BOOKING_KINDS = ['request', 'block', 'event'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];

/**
 * One occupied time of one room: a date of a request, a block set by staff (maintenance,
 * internal use) or, later, an event in the house. The room is busy from `starts_at` until
 * `occupied_until` (the end plus the room's set-up buffer), and two holding bookings of a room
 * never overlap: the migration adds an exclusion constraint (btree_gist, `tstzrange … '[)'`, so
 * back-to-back bookings are fine).
 */
export const bookings = pgTable(
	'bookings',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		requestId: integer('request_id').references(() => bookingRequests.id, {
			onDelete: 'cascade'
		}),
		roomId: integer('room_id')
			.notNull()
			.references(() => rooms.id, { onDelete: 'restrict' }),
		kind: text('kind', { enum: BOOKING_KINDS }).notNull().default('request'),
		/** Shown in the plan for blocks and events; requests show their organisation if allowed. */
		title: text('title').notNull().default(''),
		/** The event that holds the room (Veranstaltungen); its foreign key is in drizzle/0019 (SQL). */
		eventId: integer('event_id'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		occupiedUntil: timestamp('occupied_until', { withTimezone: true }).notNull(),
		status: text('status', { enum: BOOKING_STATUSES }).notNull().default('pending'),
		note: text('note').notNull().default(''),
		/**
		 * How often staff moved the date: the SEQUENCE of its calendar event (same UID), so a
		 * calendar app replaces the old time instead of keeping both.
		 */
		revision: integer('revision').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		index('bookings_room_time_idx').on(t.roomId, t.startsAt),
		index('bookings_request_idx').on(t.requestId),
		check('bookings_status_check', oneOf(t.status, BOOKING_STATUSES)),
		check('bookings_kind_check', oneOf(t.kind, BOOKING_KINDS)),
		check(
			'bookings_order_check',
			sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.occupiedUntil}`
		),
		check(
			'bookings_request_kind_check',
			sql`(${t.kind} = 'request') = (${t.requestId} is not null)`
		)
	]
);
