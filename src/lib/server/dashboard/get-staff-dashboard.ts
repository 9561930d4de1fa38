import { and, asc, count, eq, gt, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { assertCan, can } from '../auth/permissions';
import { config } from '../config';
import type { Db } from '../db/client';
import { contactMessages, notices, outboxMails, pages, siteSettings, venues } from '../db/schema';
import { isAccessibilityReviewOverdue } from '../site/is-accessibility-review-overdue';
import { now } from '../time';
import { stuckMail } from '../mail/outbox';
import { goLiveChecklist } from './go-live-checklist';
import { countPendingBookingRequests } from '../rooms/find-booking-requests';
import { countPendingProposals } from '../events/find-events-admin';
import { countOpenConcerns } from '../concerns/find-concerns';

/** A contact message waiting longer than this counts as overdue (feedback has its legal due date). */
export const CONTACT_REPLY_DAYS = 7;
/** Notices ending within this many days are "about to expire". */
export const NOTICE_EXPIRY_DAYS = 7;
const LIST_SIZE = 5;
const DAY_MS = 86_400_000;

/**
 * The back office's start page: what needs doing, for the sections this person may see.
 * Each section is null when the actor lacks its permission, so nothing leaks into the page.
 */
export async function getStaffDashboard(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'backoffice.enter');
	const at = now();
	const [
		messages,
		outbox,
		expiringNotices,
		checklist,
		review,
		bookingRequests,
		eventProposals,
		concerns
	] = await Promise.all([
		can(actor, 'contact.read') ? messageSection(db, at) : null,
		can(actor, 'outbox.read') ? outboxSection(db) : null,
		can(actor, 'content.edit') ? expiringNoticeSection(db, at) : null,
		can(actor, 'site.settings.edit') ? checklistSection(db) : null,
		can(actor, 'accessibility.review') ? reviewSection(db, at) : null,
		can(actor, 'bookings.read')
			? countPendingBookingRequests(db).then((pending) => ({ pending }))
			: null,
		can(actor, 'events.moderate')
			? countPendingProposals(db).then((pending) => ({ pending }))
			: null,
		can(actor, 'concerns.manage') ? countOpenConcerns(db).then((open) => ({ open })) : null
	]);
	return {
		messages,
		outbox,
		expiringNotices,
		checklist,
		review,
		bookingRequests,
		eventProposals,
		concerns
	};
}

async function messageSection(db: Db, at: Date) {
	const contactDeadline = new Date(at.getTime() - CONTACT_REPLY_DAYS * DAY_MS);
	const overdue = or(
		and(eq(contactMessages.kind, 'accessibility'), lt(contactMessages.dueAt, at)),
		and(eq(contactMessages.kind, 'contact'), lt(contactMessages.createdAt, contactDeadline))
	);
	const open = eq(contactMessages.status, 'new');
	const [[counts], oldest, feedback] = await Promise.all([
		db
			.select({
				open: count(),
				overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number)
			})
			.from(contactMessages)
			.where(open),
		db
			.select({
				id: contactMessages.id,
				kind: contactMessages.kind,
				subject: contactMessages.subject,
				name: contactMessages.name,
				createdAt: contactMessages.createdAt
			})
			.from(contactMessages)
			.where(and(open, eq(contactMessages.kind, 'contact')))
			.orderBy(asc(contactMessages.createdAt), asc(contactMessages.id))
			.limit(LIST_SIZE),
		db
			.select({
				id: contactMessages.id,
				subject: contactMessages.subject,
				name: contactMessages.name,
				dueAt: contactMessages.dueAt
			})
			.from(contactMessages)
			.where(and(open, eq(contactMessages.kind, 'accessibility')))
			.orderBy(asc(contactMessages.dueAt), asc(contactMessages.id))
			.limit(LIST_SIZE)
	]);
	return {
		open: counts.open,
		overdue: counts.overdue,
		oldest: oldest.map((m) => ({ ...m, overdue: m.createdAt < contactDeadline })),
		feedback: feedback.map((f) => ({ ...f, overdue: f.dueAt !== null && f.dueAt < at }))
	};
}

async function outboxSection(db: Db) {
	const [[{ waiting }], rows] = await Promise.all([
		db.select({ waiting: count() }).from(outboxMails).where(eq(outboxMails.status, 'pending')),
		db
			.select({
				id: outboxMails.id,
				subject: outboxMails.subject,
				status: outboxMails.status,
				attempts: outboxMails.attempts,
				lastError: outboxMails.lastError,
				createdAt: outboxMails.createdAt
			})
			.from(outboxMails)
			.where(stuckMail)
			.orderBy(asc(outboxMails.createdAt), asc(outboxMails.id))
			.limit(LIST_SIZE)
	]);
	return { mailServerConfigured: Boolean(config().SMTP_URL), waiting, stuck: rows };
}

async function expiringNoticeSection(db: Db, at: Date) {
	const soon = new Date(at.getTime() + NOTICE_EXPIRY_DAYS * DAY_MS);
	return db
		.select({ id: notices.id, title: notices.title, endsAt: notices.endsAt })
		.from(notices)
		.where(
			and(
				lte(notices.startsAt, at),
				isNotNull(notices.endsAt),
				gt(notices.endsAt, at),
				lte(notices.endsAt, soon)
			)
		)
		.orderBy(asc(notices.endsAt))
		.limit(LIST_SIZE);
}

async function checklistSection(db: Db) {
	const [[site], [venue], legalPages] = await Promise.all([
		db
			.select({ phone: siteSettings.contactPhone, email: siteSettings.contactEmail })
			.from(siteSettings)
			.where(eq(siteSettings.id, 1)),
		db
			.select({
				id: venues.id,
				street: venues.street,
				postalCode: venues.postalCode,
				city: venues.city,
				openingHours: venues.openingHours
			})
			.from(venues)
			.orderBy(asc(venues.id))
			.limit(1),
		db
			.select({ slug: pages.slug, body: pages.body })
			.from(pages)
			.where(inArray(pages.slug, ['impressum', 'datenschutz']))
	]);
	const body = (slug: string) => legalPages.find((p) => p.slug === slug)?.body ?? '';
	return goLiveChecklist({
		imprintBody: body('impressum'),
		privacyBody: body('datenschutz'),
		venue: venue ?? null,
		contactPhone: site?.phone ?? '',
		contactEmail: site?.email ?? ''
	});
}

async function reviewSection(db: Db, at: Date) {
	const [site] = await db
		.select({ accessibilityReviewedOn: siteSettings.accessibilityReviewedOn })
		.from(siteSettings)
		.where(eq(siteSettings.id, 1));
	if (!site) return null;
	return {
		overdue: isAccessibilityReviewOverdue(site, at),
		reviewedOn: site.accessibilityReviewedOn
	};
}
