import { sql } from 'drizzle-orm';
import {
	boolean,
	date,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	index,
	check,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** The one row that describes this installation: neighbourhood, office, legal and accessibility data. */
export const siteSettings = pgTable(
	'site_settings',
	{
		id: integer('id').primaryKey().default(1),
		neighbourhoodName: text('neighbourhood_name').notNull(),
		townName: text('town_name').notNull(),
		regionName: text('region_name').notNull().default(''),
		officeName: text('office_name').notNull(),
		tagline: text('tagline').notNull().default(''),
		intro: text('intro').notNull().default(''),
		aboutText: text('about_text').notNull().default(''),
		tasks: jsonb('tasks').$type<string[]>().notNull().default([]),
		goals: jsonb('goals').$type<string[]>().notNull().default([]),
		invitation: text('invitation').notNull().default(''),
		contactEmail: text('contact_email').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		accessibilityEnforcementBody: text('accessibility_enforcement_body').notNull().default(''),
		accessibilityReviewedOn: date('accessibility_reviewed_on'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('site_settings_singleton', sql`${t.id} = 1`)]
);

/** A venue run by the office, e.g. the Haus der Begegnung. Address fields may be empty until staff fill them in. */
export const venues = pgTable(
	'venues',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		street: text('street').notNull().default(''),
		postalCode: text('postal_code').notNull().default(''),
		city: text('city').notNull().default(''),
		openingHours: text('opening_hours').notNull().default(''),
		accessibility: text('accessibility').notNull().default(''),
		/** Who receives room booking requests (the contact form's recipient rules apply). */
		bookingContactId: integer('booking_contact_id').references(
			(): AnyPgColumn => contactPersons.id,
			{ onDelete: 'set null' }
		),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('venues_slug_unique').on(t.slug)]
);

export const contactPersons = pgTable(
	'contact_persons',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		roleTitle: text('role_title').notNull(),
		name: text('name').notNull().default(''),
		responsibilities: text('responsibilities').notNull().default(''),
		email: text('email').notNull().default(''),
		phone: text('phone').notNull().default(''),
		officeHours: text('office_hours').notNull().default(''),
		isVacant: boolean('is_vacant').notNull().default(false),
		vacancyNote: text('vacancy_note').notNull().default(''),
		// Deleting a person leaves whoever had them as substitute without one.
		substituteId: integer('substitute_id').references((): AnyPgColumn => contactPersons.id, {
			onDelete: 'set null'
		}),
		sortOrder: integer('sort_order').notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('contact_persons_sort_idx').on(t.sortOrder)]
);

/** Editable text pages (legal texts, accessibility statement). Body is Markdown, rendered sanitised. */
export const pages = pgTable(
	'pages',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [uniqueIndex('pages_slug_unique').on(t.slug)]
);
