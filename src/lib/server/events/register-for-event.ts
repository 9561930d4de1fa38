import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { eventOccurrences, eventRegistrations } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError, fieldError, sqlStateOf } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { now } from '../time';
import { registrationConfirmedMail, registrationWaitlistedMail } from './registration-mails';
import {
	closesAt,
	issueCancelLink,
	loadRegistrationDate,
	officeName,
	waitlistPosition,
	type RegistrationDate
} from './registration-records';
import type { RegistrationInput } from './registration.schemas';

export interface RegistrationResult {
	id: number;
	status: 'confirmed' | 'waitlisted';
	/** Place on the waitlist (1 = next), null when confirmed. */
	position: number | null;
}

/**
 * Signs someone up for one date of an event, without an account. The seats are taken by one
 * conditional UPDATE of the date's counter (and a CHECK holds it), so concurrent sign-ups can
 * never confirm more persons than the capacity: whoever does not fit goes on the waitlist, if
 * the event has one, or is told the date is full. Registration, link, mail and audit are one
 * transaction; a second active sign-up with the same address for the date is refused.
 */
export async function registerForEvent(
	db: Db,
	{
		actor,
		occurrenceId,
		input,
		origin,
		locale = 'de'
	}: {
		actor: Actor;
		occurrenceId: number;
		input: RegistrationInput;
		origin: string;
		locale?: 'de' | 'en';
	}
): Promise<RegistrationResult> {
	assertCan(actor, 'events.register');
	try {
		return await db.transaction((tx) =>
			register(tx, { actor, occurrenceId, input, origin, locale })
		);
	} catch (err) {
		if (sqlStateOf(err) === '23505') {
			throw fieldError('email', () => m.events_register_error_already(), 'CONFLICT');
		}
		throw err;
	}
}

/** Whether the date takes sign-ups at all now; a German reason otherwise. */
export function assertOpen(date: RegistrationDate, at: Date): void {
	if (!date.registrationEnabled || date.capacity === null) {
		throw new DomainError('NOT_FOUND', { detail: 'no registration for this event' });
	}
	if (date.status === 'cancelled') {
		throw new DomainError('INVALID_TRANSITION', {
			message: () => m.events_register_error_cancelled()
		});
	}
	if (at >= closesAt(date)) {
		throw new DomainError('INVALID_TRANSITION', {
			message: () => m.events_register_error_closed()
		});
	}
}

async function register(
	tx: Tx,
	{
		actor,
		occurrenceId,
		input,
		origin,
		locale
	}: {
		actor: Actor;
		occurrenceId: number;
		input: RegistrationInput;
		origin: string;
		locale: 'de' | 'en';
	}
): Promise<RegistrationResult> {
	const at = now();
	const date = await loadRegistrationDate(tx, occurrenceId);
	assertOpen(date, at);
	// The seat check and the seat count are one statement: under concurrent sign-ups each one
	// sees the counter after the others' updates (the row lock), never a stale count.
	const [seat] = await tx
		.update(eventOccurrences)
		.set({ taken: sql`${eventOccurrences.taken} + ${input.persons}` })
		.where(
			and(
				eq(eventOccurrences.id, occurrenceId),
				isNotNull(eventOccurrences.capacity),
				sql`${eventOccurrences.taken} + ${input.persons} <= ${eventOccurrences.capacity}`
			)
		)
		.returning({ taken: eventOccurrences.taken, capacity: eventOccurrences.capacity });
	if (!seat && !date.registrationWaitlist) {
		const [current] = await tx
			.select({ taken: eventOccurrences.taken, capacity: eventOccurrences.capacity })
			.from(eventOccurrences)
			.where(eq(eventOccurrences.id, occurrenceId));
		const free = Math.max(0, (current?.capacity ?? 0) - (current?.taken ?? 0));
		if (free > 0) {
			throw fieldError('persons', () => m.events_register_error_too_many({ free }), 'CONFLICT');
		}
		throw new DomainError('CONFLICT', { message: () => m.events_register_error_full() });
	}
	const status = seat ? ('confirmed' as const) : ('waitlisted' as const);
	const [row] = await tx
		.insert(eventRegistrations)
		.values({
			occurrenceId,
			name: input.name,
			email: input.email,
			persons: input.persons,
			note: input.note,
			status,
			locale,
			createdAt: at
		})
		.returning({ id: eventRegistrations.id });
	const position =
		status === 'waitlisted'
			? await waitlistPosition(tx, { occurrenceId, registrationId: row.id })
			: null;
	const cancelUrl = await issueCancelLink(tx, {
		actor,
		registrationId: row.id,
		startsAt: date.startsAt,
		email: input.email,
		origin,
		at
	});
	const office = await officeName(tx);
	await enqueueMail(
		tx,
		status === 'confirmed'
			? registrationConfirmedMail({
					to: input.email,
					locale,
					date,
					persons: input.persons,
					cancelUrl,
					origin,
					officeName: office
				})
			: registrationWaitlistedMail({
					to: input.email,
					locale,
					date,
					persons: input.persons,
					position: position!,
					cancelUrl,
					officeName: office
				})
	);
	await recordAudit(tx, {
		actor,
		action: 'registration.created',
		entity: 'event_registration',
		entityId: row.id,
		data: { eventId: date.eventId, occurrenceId, persons: input.persons, status, position }
	});
	return { id: row.id, status, position };
}
