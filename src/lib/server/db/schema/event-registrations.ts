import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { oneOf } from './checks';
import { eventOccurrences } from './events';

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Persons per sign-up: a family, not a school class. */
export const MAX_PERSONS = 10;

/**
 * A sign-up for one date of an event, without an account. Confirmed seats are counted in
 * event_occurrences.taken (held by a CHECK there); a waitlisted entry waits in id order.
 * Personal data is blanked some time after the date (anonymised_at).
 */
export const eventRegistrations = pgTable(
	'event_registrations',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		occurrenceId: integer('occurrence_id')
			.notNull()
			.references(() => eventOccurrences.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		email: text('email').notNull(),
		persons: integer('persons').notNull(),
		note: text('note').notNull().default(''),
		status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
		/** The language of the form, for the mails. */
		locale: text('locale').notNull().default('de'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		promotedAt: timestamp('promoted_at', { withTimezone: true }),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		anonymisedAt: timestamp('anonymised_at', { withTimezone: true })
	},
	(t) => [
		// One active sign-up per address and date: a second one is a double sign-up.
		uniqueIndex('event_registrations_email_unique')
			.on(t.occurrenceId, sql`lower(${t.email})`)
			.where(sql`${t.status} <> 'cancelled' and ${t.anonymisedAt} is null`),
		index('event_registrations_occurrence_idx').on(t.occurrenceId, t.status, t.id),
		check('event_registrations_status_check', oneOf(t.status, REGISTRATION_STATUSES)),
		check(
			'event_registrations_persons_check',
			sql`${t.persons} between 1 and ${sql.raw(String(MAX_PERSONS))}`
		)
	]
);
