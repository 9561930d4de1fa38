import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { eventOccurrences, eventRegistrations } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { revokeCapabilityLinks } from '../capabilities/revoke-capability-links';
import { DomainError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { now } from '../time';
import {
	asLocale,
	registrationCancelledMail,
	registrationConfirmedMail
} from './registration-mails';
import {
	issueCancelLink,
	loadRegistrationDate,
	officeName,
	type RegistrationDate
} from './registration-records';

const record = (id: number) => ({ type: 'event_registration' as const, id });

/**
 * Cancels one registration (its cancel link, or content staff), and in the same transaction
 * frees its seats and moves the waitlist up: waiting entries in sign-up order, each promoted
 * whole when it fits (an entry of 4 persons does not block a later one of 1 that fits). Each
 * promoted person gets a mail with their own cancel link and the date as .ics. Cancelling twice
 * is INVALID_TRANSITION. Staff cancelling mails the person.
 */
export async function cancelEventRegistration(
	db: Db,
	{ actor, registrationId, origin }: { actor: Actor; registrationId: number; origin: string }
): Promise<{ promoted: number }> {
	assertCan(actor, 'events.registration-cancel', record(registrationId));
	return db.transaction(async (tx) => {
		const at = now();
		const [before] = await tx
			.select()
			.from(eventRegistrations)
			.where(eq(eventRegistrations.id, registrationId))
			.for('update');
		if (!before || before.anonymisedAt) throw new DomainError('NOT_FOUND');
		if (before.status === 'cancelled') {
			throw new DomainError('INVALID_TRANSITION', {
				message: () => m.events_register_error_already_cancelled()
			});
		}
		await tx
			.update(eventRegistrations)
			.set({ status: 'cancelled', cancelledAt: at })
			.where(eq(eventRegistrations.id, registrationId));
		const byStaff = actor.kind !== 'capability';
		if (byStaff) await revokeCapabilityLinks(tx, { actor, record: record(registrationId) });
		await recordAudit(tx, {
			actor,
			action: 'registration.cancelled',
			entity: 'event_registration',
			entityId: registrationId,
			before: { status: before.status },
			after: { status: 'cancelled' },
			data: { occurrenceId: before.occurrenceId, persons: before.persons, byStaff }
		});
		const date = await loadRegistrationDate(tx, before.occurrenceId);
		const office = await officeName(tx);
		if (byStaff) {
			await enqueueMail(
				tx,
				registrationCancelledMail({
					to: before.email,
					locale: asLocale(before.locale),
					date,
					officeName: office
				})
			);
		}
		if (before.status !== 'confirmed') return { promoted: 0 };
		await tx
			.update(eventOccurrences)
			.set({ taken: sql`${eventOccurrences.taken} - ${before.persons}` })
			.where(eq(eventOccurrences.id, before.occurrenceId));
		// A date that has begun or is cancelled moves nobody up: they could not come any more.
		if (date.status === 'cancelled' || date.startsAt <= at) return { promoted: 0 };
		const promoted = await promoteWaitlist(tx, { actor, date, origin, office, at });
		return { promoted };
	});
}

/**
 * Moves waiting entries of a date up while seats are free, in sign-up order; the occurrence
 * row is locked by the caller's update, so two cancellations promote one after the other.
 */
export async function promoteWaitlist(
	tx: Tx,
	{
		actor,
		date,
		origin,
		office,
		at
	}: { actor: Actor; date: RegistrationDate; origin: string; office: string; at: Date }
): Promise<number> {
	const waiting = await tx
		.select()
		.from(eventRegistrations)
		.where(
			and(
				eq(eventRegistrations.occurrenceId, date.occurrenceId),
				eq(eventRegistrations.status, 'waitlisted')
			)
		)
		.orderBy(asc(eventRegistrations.id))
		.for('update');
	let promoted = 0;
	for (const entry of waiting) {
		const [seat] = await tx
			.update(eventOccurrences)
			.set({ taken: sql`${eventOccurrences.taken} + ${entry.persons}` })
			.where(
				and(
					eq(eventOccurrences.id, date.occurrenceId),
					sql`${eventOccurrences.taken} + ${entry.persons} <= ${eventOccurrences.capacity}`
				)
			)
			.returning({ taken: eventOccurrences.taken, capacity: eventOccurrences.capacity });
		if (!seat) continue;
		await tx
			.update(eventRegistrations)
			.set({ status: 'confirmed', promotedAt: at })
			.where(eq(eventRegistrations.id, entry.id));
		// The link of the waitlist mail keeps working too: people use whichever mail they find.
		const cancelUrl = await issueCancelLink(tx, {
			actor,
			registrationId: entry.id,
			startsAt: date.startsAt,
			email: entry.email,
			origin,
			at
		});
		await enqueueMail(
			tx,
			registrationConfirmedMail({
				to: entry.email,
				locale: asLocale(entry.locale),
				date,
				persons: entry.persons,
				cancelUrl,
				origin,
				officeName: office,
				promoted: true
			})
		);
		await recordAudit(tx, {
			actor,
			action: 'registration.promoted',
			entity: 'event_registration',
			entityId: entry.id,
			before: { status: 'waitlisted' },
			after: { status: 'confirmed' },
			data: { occurrenceId: date.occurrenceId, persons: entry.persons }
		});
		promoted++;
		if (seat.capacity !== null && seat.taken >= seat.capacity) break;
	}
	return promoted;
}

/**
 * After staff raised a capacity (or switched the waitlist's event back on): every coming date
 * of the event with free seats moves its waitlist up, as a cancellation would.
 */
export async function promoteAfterEdit(
	tx: Tx,
	{ actor, eventId, origin }: { actor: Actor; eventId: number; origin: string }
): Promise<number> {
	const at = now();
	const dates = await tx
		.selectDistinct({ id: eventOccurrences.id })
		.from(eventOccurrences)
		.innerJoin(eventRegistrations, eq(eventRegistrations.occurrenceId, eventOccurrences.id))
		.where(
			and(
				eq(eventOccurrences.eventId, eventId),
				eq(eventRegistrations.status, 'waitlisted'),
				sql`${eventOccurrences.taken} < ${eventOccurrences.capacity}`,
				gt(eventOccurrences.startsAt, at)
			)
		);
	if (dates.length === 0) return 0;
	const office = await officeName(tx);
	let promoted = 0;
	for (const { id } of dates) {
		const date = await loadRegistrationDate(tx, id);
		if (date.status === 'cancelled') continue;
		promoted += await promoteWaitlist(tx, { actor, date, origin, office, at });
	}
	return promoted;
}
