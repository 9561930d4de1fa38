import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import { ANONYMOUS, type Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	capabilityLinks,
	eventOccurrences,
	eventRegistrations,
	events,
	outboxMails
} from '../db/schema';
import { DomainError, messageOf } from '../errors';
import { parseFormData } from '../form';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { currentGeneration, resetContentCache } from '../ops/content-cache';
import { peekCapabilityLink, redeemCapabilityLink } from '../capabilities/redeem-capability-link';
import { anonymiseEventRegistrations } from './anonymise-event-registrations';
import { cancelEvent } from './cancel-event';
import { cancelEventDate } from './cancel-event-date';
import { cancelEventRegistration } from './cancel-event-registration';
import { createEvent } from './create-event';
import { eventInputSchema, type EventInput } from './events.schemas';
import { findEventRegistrations, findRegistrationDates } from './find-event-registrations';
import { getEventForEdit } from './find-events-admin';
import { getRegistration } from './get-registration';
import { getSignUpDate } from './get-sign-up-date';
import { moveEventDate } from './move-event-date';
import { registerForEvent } from './register-for-event';
import { registrationSchema, type RegistrationInput } from './registration.schemas';
import { csvCell, registrationsCsv } from './registrations-csv';
import { updateEvent } from './update-event';

// A Monday morning in Kaster; the events below are on Thursday 12 November, 19:00.
const NOW = new Date('2026-11-02T09:00:00Z');
const ORIGIN = 'https://kaster.example.org';

describe('event registration', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let roomsStaff: Actor;
	let n = 0;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		setClock(NOW);
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(() => setClock(NOW));
	afterEach(() => resetClock());

	function parse(over: Record<string, string | string[]>) {
		const data = new FormData();
		const fields: Record<string, string | string[]> = {
			title: 'Kochabend',
			date: '2026-11-12',
			startTime: '19:00',
			endTime: '21:00',
			repeat: 'none',
			placeName: 'Pfarrheim St. Rochus',
			placeAddress: 'Kirchstraße 1, 50181 Bedburg',
			isFree: 'on',
			registrationEnabled: 'on',
			registrationCapacity: '5',
			...over
		};
		for (const [key, value] of Object.entries(fields)) {
			for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
		}
		return parseFormData(data, eventInputSchema);
	}
	function eventInput(over: Record<string, string | string[]> = {}): EventInput {
		const parsed = parse(over);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return parsed.data;
	}
	/** A new event (own slug) with registration; returns its id and its dates' ids in order. */
	async function newEvent(over: Record<string, string | string[]> = {}) {
		n++;
		const { id, slug } = await createEvent(db, {
			actor: content,
			input: eventInput({ slug: `kochabend-${n}`, ...over })
		});
		const dates = await db
			.select({ id: eventOccurrences.id, startsAt: eventOccurrences.startsAt })
			.from(eventOccurrences)
			.where(eq(eventOccurrences.eventId, id))
			.orderBy(asc(eventOccurrences.startsAt));
		return { id, slug, dates: dates.map((d) => d.id), starts: dates.map((d) => d.startsAt) };
	}
	function person(over: Partial<RegistrationInput> = {}): RegistrationInput {
		n++;
		return { name: 'Aylin Demir', email: `person${n}@example.org`, persons: 1, note: '', ...over };
	}
	const signUp = (occurrenceId: number, input: RegistrationInput = person()) =>
		registerForEvent(db, { actor: ANONYMOUS, occurrenceId, input, origin: ORIGIN });
	const taken = async (occurrenceId: number) =>
		(
			await db
				.select({ taken: eventOccurrences.taken })
				.from(eventOccurrences)
				.where(eq(eventOccurrences.id, occurrenceId))
		)[0].taken;
	const mailsTo = (to: string) =>
		db.select().from(outboxMails).where(eq(outboxMails.recipient, to)).orderBy(asc(outboxMails.id));
	/** The cancel link's token from the latest mail to `to`. */
	async function cancelToken(to: string): Promise<string> {
		const mails = await mailsTo(to);
		const match = /\/veranstaltungen\/anmeldung\/absagen\/([A-Za-z0-9_-]{43})/.exec(
			mails[mails.length - 1].textBody
		);
		expect(match).not.toBeNull();
		return match![1];
	}
	const statusOf = async (id: number) =>
		(
			await db
				.select({ status: eventRegistrations.status })
				.from(eventRegistrations)
				.where(eq(eventRegistrations.id, id))
		)[0].status;

	describe('settings in the staff form', () => {
		it('stores the settings and copies the capacity to every date of a series', async () => {
			const e = await newEvent({
				repeat: 'weekly',
				repeatEnd: 'count',
				count: '3',
				registrationCapacity: '12',
				registrationCloses: '24',
				registrationWaitlist: 'on'
			});
			const [row] = await db.select().from(events).where(eq(events.id, e.id));
			expect(row).toMatchObject({
				registrationEnabled: true,
				registrationCapacity: 12,
				registrationClosesHours: 24,
				registrationWaitlist: true
			});
			const dates = await db
				.select()
				.from(eventOccurrences)
				.where(eq(eventOccurrences.eventId, e.id));
			expect(dates.map((d) => d.capacity)).toEqual([12, 12, 12]);
			const edit = await getEventForEdit(db, { actor: content, id: e.id });
			expect(edit.values).toMatchObject({
				registrationEnabled: 'on',
				registrationCapacity: '12',
				registrationCloses: '24',
				registrationWaitlist: 'on'
			});
		});

		it.each([
			['0', 'registrationCapacity'],
			['10001', 'registrationCapacity'],
			['zehn', 'registrationCapacity'],
			['5; drop table events', 'registrationCapacity']
		])('refuses the capacity %s with a field message', (capacity, fieldName) => {
			const parsed = parse({ registrationCapacity: capacity });
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.errors[fieldName]).toMatch(/Plätze pro Termin/);
		});

		it('refuses an unknown closing choice and asks for a capacity when registration is on', async () => {
			const parsed = parse({ registrationCloses: '5' });
			expect(parsed.ok).toBe(false);
			const err = await failure(
				createEvent(db, { actor: content, input: eventInput({ registrationCapacity: '' }) })
			);
			expect(err.details.fields?.registrationCapacity?.()).toMatch(/Plätze pro Termin/);
		});

		it('switches registration off: no capacity on the dates, the page offers no form', async () => {
			const e = await newEvent({ registrationEnabled: '' });
			const [date] = await db
				.select()
				.from(eventOccurrences)
				.where(eq(eventOccurrences.eventId, e.id));
			expect(date.capacity).toBeNull();
			expect(await findRegistrationDates(db, { eventId: e.id })).toEqual([]);
			expect((await failure(signUp(e.dates[0]))).code).toBe('NOT_FOUND');
			expect((await failure(getSignUpDate(db, { slug: e.slug, occurrenceId: null }))).code).toBe(
				'NOT_FOUND'
			);
		});

		it('keeps date ids across an edit and refuses to drop a date that has registrations', async () => {
			const e = await newEvent({ repeat: 'weekly', repeatEnd: 'count', count: '3' });
			await signUp(e.dates[2]);
			// Fewer dates: the third one, with a registration, would go.
			const err = await failure(
				updateEvent(db, {
					actor: content,
					id: e.id,
					input: eventInput({ slug: e.slug, repeat: 'weekly', repeatEnd: 'count', count: '2' })
				})
			);
			expect(err.details.fields?.date?.()).toMatch(/hat Anmeldungen/);
			expect(
				await db.select().from(eventOccurrences).where(eq(eventOccurrences.eventId, e.id))
			).toHaveLength(3);
			// More dates and a new title: the dates that stay keep their ids.
			await updateEvent(db, {
				actor: content,
				id: e.id,
				input: eventInput({
					slug: e.slug,
					title: 'Kochabend (neu)',
					repeat: 'weekly',
					repeatEnd: 'count',
					count: '4'
				})
			});
			const after = await db
				.select({ id: eventOccurrences.id })
				.from(eventOccurrences)
				.where(eq(eventOccurrences.eventId, e.id))
				.orderBy(asc(eventOccurrences.startsAt));
			expect(after.slice(0, 3).map((d) => d.id)).toEqual(e.dates);
			expect(await taken(e.dates[2])).toBe(1);
		});

		it('refuses a capacity below the seats already taken', async () => {
			const e = await newEvent({ registrationCapacity: '5' });
			await signUp(e.dates[0], person({ persons: 3 }));
			const err = await failure(
				updateEvent(db, {
					actor: content,
					id: e.id,
					input: eventInput({ slug: e.slug, registrationCapacity: '2' })
				})
			);
			expect(err.details.fields?.registrationCapacity?.()).toMatch(/schon 3 Plätze vergeben/);
			await updateEvent(db, {
				actor: content,
				id: e.id,
				input: eventInput({ slug: e.slug, registrationCapacity: '3' })
			});
			expect((await findRegistrationDates(db, { eventId: e.id }))[0].state).toEqual({
				kind: 'full'
			});
		});
	});

	it('lets cached pages expire when a sign-up closes ("Anmeldung geschlossen")', async () => {
		// Today 11:30 in Kaster (10:30 UTC), sign-up closes an hour before: 09:30 UTC.
		await newEvent({
			date: '2026-11-02',
			startTime: '11:30',
			endTime: '12:30',
			registrationCloses: '1'
		});
		resetContentCache();
		const generation = await currentGeneration(db);
		expect(new Date(generation!.validUntil).toISOString()).toBe('2026-11-02T09:30:00.000Z');
	});

	it('moves the waitlist up when staff raise the capacity', async () => {
		const e = await newEvent({ registrationCapacity: '1', registrationWaitlist: 'on' });
		await signUp(e.dates[0]);
		const waiting = person();
		const { id } = await signUp(e.dates[0], waiting);
		await updateEvent(db, {
			actor: content,
			id: e.id,
			origin: ORIGIN,
			input: eventInput({
				slug: e.slug,
				registrationCapacity: '2',
				registrationWaitlist: 'on'
			})
		});
		expect(await statusOf(id)).toBe('confirmed');
		expect(await taken(e.dates[0])).toBe(2);
		expect((await mailsTo(waiting.email)).at(-1)!.subject).toBe(
			'Nachgerückt – Sie sind angemeldet: Kochabend'
		);
	});

	describe('signing up', () => {
		it('confirms a seat: counter, mail with cancel link and .ics, audit, state in words', async () => {
			const e = await newEvent({ registrationCapacity: '5' });
			const who = person({ persons: 2, note: 'Eine Person im Rollstuhl' });
			const result = await signUp(e.dates[0], who);
			expect(result).toMatchObject({ status: 'confirmed', position: null });
			expect(await taken(e.dates[0])).toBe(2);
			expect((await findRegistrationDates(db, { eventId: e.id }))[0].state).toEqual({
				kind: 'open',
				free: 3
			});
			const [mail] = await mailsTo(who.email);
			expect(mail.subject).toBe('Anmeldung bestätigt: Kochabend');
			expect(mail.textBody).toContain('2 Person(en)');
			// The note typed in is not mailed (anyone can type someone else's address).
			expect(mail.textBody).not.toContain('Rollstuhl');
			expect(mail.secrets).toHaveLength(1);
			const ics = Buffer.from(mail.attachments[0].content, 'base64').toString('utf8');
			expect(ics).toContain('METHOD:PUBLISH');
			const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
			expect(vevent.getFirstPropertyValue('uid')).toBe(`event-${e.id}@kaster.example.org`);
			expect(vevent.hasProperty('recurrence-id')).toBe(false);
			const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
			expect(start.toJSDate().toISOString()).toBe('2026-11-12T18:00:00.000Z');
			const [audit] = await db
				.select()
				.from(auditLog)
				.where(
					and(eq(auditLog.action, 'registration.created'), eq(auditLog.entityId, String(result.id)))
				);
			expect(audit.data).toMatchObject({ persons: 2, status: 'confirmed' });
			// The cancel link opens the registration without showing who signed up.
			const actor = await peekCapabilityLink(
				db,
				await cancelToken(who.email),
				'event.registration-cancel'
			);
			const shown = await getRegistration(db, { actor, registrationId: actor.recordId });
			expect(shown).toMatchObject({ status: 'confirmed', persons: 2 });
			expect(JSON.stringify(shown)).not.toContain(who.email);
		});

		it('names the date of a series in the .ics with RECURRENCE-ID', async () => {
			const e = await newEvent({ repeat: 'weekly', repeatEnd: 'count', count: '3' });
			const who = person();
			await signUp(e.dates[1], who);
			const [mail] = await mailsTo(who.email);
			const ics = Buffer.from(mail.attachments[0].content, 'base64').toString('utf8');
			const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
			const rid = vevent.getFirstPropertyValue('recurrence-id') as ICAL.Time;
			expect(rid.toJSDate().toISOString()).toBe('2026-11-19T18:00:00.000Z');
			expect(vevent.getFirstPropertyValue('uid')).toBe(`event-${e.id}@kaster.example.org`);
		});

		it.each([
			['an empty name', { name: '' }, 'name'],
			['a huge name', { name: 'x'.repeat(5000) }, 'name'],
			['no e-mail', { email: '' }, 'email'],
			['a broken e-mail', { email: 'aylin@' }, 'email'],
			['0 persons', { persons: '0' }, 'persons'],
			['11 persons', { persons: '11' }, 'persons'],
			['persons as words', { persons: 'zwei' }, 'persons'],
			['a huge note', { note: 'x'.repeat(1001) }, 'note']
		])('refuses %s with a German field message', (_, over, fieldName) => {
			const data = new FormData();
			const values = { name: 'Aylin', email: 'a@example.org', persons: '1', note: '', ...over };
			for (const [k, v] of Object.entries(values)) data.append(k, v);
			const parsed = parseFormData(data, registrationSchema);
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.errors[fieldName]).toBeTruthy();
		});

		it('stores script, SQL and unicode as plain text', async () => {
			const e = await newEvent();
			const evil = {
				name: `<script>alert(1)</script> Robert'); DROP TABLE event_registrations;-- 🎉 Ümit`,
				note: '=HYPERLINK("http://evil")'
			};
			const { id } = await signUp(e.dates[0], person(evil));
			const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
			expect(row.name).toBe(evil.name);
			expect(row.note).toBe(evil.note);
		});

		it('refuses a second sign-up with the same address (any case) and stores nothing of it', async () => {
			const e = await newEvent();
			await signUp(e.dates[0], person({ email: 'doppelt@example.org' }));
			const err = await failure(
				signUp(e.dates[0], person({ email: 'Doppelt@Example.org'.toLowerCase() }))
			);
			expect(err.code).toBe('CONFLICT');
			expect(err.details.fields?.email?.()).toMatch(/schon eine Anmeldung/);
			expect(await taken(e.dates[0])).toBe(1);
			expect(await mailsTo('doppelt@example.org')).toHaveLength(1);
		});

		it('says "ausgebucht" when full without a waitlist, and how many seats are left', async () => {
			const e = await newEvent({ registrationCapacity: '3' });
			await signUp(e.dates[0], person({ persons: 2 }));
			const tooMany = await failure(signUp(e.dates[0], person({ persons: 2 })));
			expect(tooMany.details.fields?.persons?.()).toBe(
				'Es sind nur noch 1 Plätze frei. Bitte melden Sie weniger Personen an.'
			);
			await signUp(e.dates[0]);
			const full = await failure(signUp(e.dates[0]));
			expect(full.code).toBe('CONFLICT');
			expect(messageOf(full)).toBe('Dieser Termin ist ausgebucht.');
			expect((await findRegistrationDates(db, { eventId: e.id }))[0].state.kind).toBe('full');
			expect(await taken(e.dates[0])).toBe(3);
		});

		it('puts people on the waitlist with their place, and says so in the mail', async () => {
			const e = await newEvent({ registrationCapacity: '1', registrationWaitlist: 'on' });
			await signUp(e.dates[0]);
			expect((await findRegistrationDates(db, { eventId: e.id }))[0].state.kind).toBe('waitlist');
			const first = person();
			const second = person();
			expect(await signUp(e.dates[0], first)).toMatchObject({ status: 'waitlisted', position: 1 });
			expect(await signUp(e.dates[0], second)).toMatchObject({ status: 'waitlisted', position: 2 });
			const [mail] = await mailsTo(second.email);
			expect(mail.subject).toBe('Warteliste, Platz 2: Kochabend');
			expect(mail.attachments).toEqual([]);
			expect(await taken(e.dates[0])).toBe(1);
		});

		it('closes the sign-up the set time before the start, and at the start', async () => {
			const e = await newEvent({ registrationCloses: '24' });
			setClock(new Date('2026-11-11T17:59:00Z'));
			await signUp(e.dates[0]);
			setClock(new Date('2026-11-11T18:00:00Z'));
			const err = await failure(signUp(e.dates[0]));
			expect(err.code).toBe('INVALID_TRANSITION');
			expect(messageOf(err)).toBe('Die Anmeldung für diesen Termin ist geschlossen.');
			expect((await findRegistrationDates(db, { eventId: e.id }))[0].state.kind).toBe('closed');
			const open = await newEvent();
			setClock(new Date('2026-11-12T18:00:00Z'));
			expect((await failure(signUp(open.dates[0]))).code).toBe('INVALID_TRANSITION');
		});

		it('refuses sign-ups for a cancelled event, shows it as cancelled, mails those signed up', async () => {
			const e = await newEvent();
			const who = person();
			await signUp(e.dates[0], who);
			await cancelEvent(db, { actor: content, id: e.id });
			expect((await mailsTo(who.email)).at(-1)!.subject).toBe('Abgesagt: Kochabend');
			const err = await failure(signUp(e.dates[0]));
			expect(messageOf(err)).toBe('Dieser Termin ist abgesagt. Eine Anmeldung ist nicht möglich.');
			expect((await findRegistrationDates(db, { eventId: e.id }))[0].state.kind).toBe('cancelled');
		});

		it('mails who signed up for one cancelled date of a series and takes no more sign-ups for it', async () => {
			const e = await newEvent({ repeat: 'weekly', repeatEnd: 'count', count: '2' });
			const first = person();
			const second = person();
			await signUp(e.dates[0], first);
			await signUp(e.dates[1], second);
			const before = (await mailsTo(second.email)).length;
			await cancelEventDate(db, {
				actor: content,
				eventId: e.id,
				occurrenceId: e.dates[0],
				input: { reason: 'Ferien' }
			});
			expect((await mailsTo(first.email)).at(-1)!.subject).toBe('Abgesagt: Kochabend');
			expect(await mailsTo(second.email)).toHaveLength(before);
			const err = await failure(signUp(e.dates[0]));
			expect(messageOf(err)).toBe('Dieser Termin ist abgesagt. Eine Anmeldung ist nicht möglich.');
			const states = (await findRegistrationDates(db, { eventId: e.id })).map((d) => d.state.kind);
			expect(states).toEqual(['cancelled', 'open']);
			await signUp(e.dates[1]);
		});

		it('mails who signed up for a moved date the new time (with .ics when confirmed), not for a new note alone', async () => {
			const e = await newEvent({
				repeat: 'weekly',
				repeatEnd: 'count',
				count: '2',
				registrationCapacity: '1',
				registrationWaitlist: 'on'
			});
			const seated = person({ persons: 1 });
			const waiting = person();
			const otherDate = person();
			await signUp(e.dates[0], seated);
			await signUp(e.dates[0], waiting);
			await signUp(e.dates[1], otherDate);
			const before = (await mailsTo(otherDate.email)).length;
			const move = (startTime: string, note: string) =>
				moveEventDate(db, {
					actor: content,
					origin: ORIGIN,
					eventId: e.id,
					occurrenceId: e.dates[0],
					input: { date: '2026-11-13', endDate: '', startTime, endTime: '21:00', note }
				});
			await move('18:00', 'Diesmal freitags.');
			const [moved] = (await mailsTo(seated.email)).slice(-1);
			expect(moved.subject).toBe('Neuer Termin: Kochabend');
			expect(moved.textBody).toContain('Freitag, 13. November 2026');
			expect(moved.textBody).toContain('Diesmal freitags.');
			expect(moved.textBody).toMatch(/Bisher war der Termin: Donnerstag, 12\. November 2026/);
			expect(moved.attachments).toHaveLength(1);
			const ics = Buffer.from(moved.attachments[0].content, 'base64').toString('utf8');
			expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20261113T180000');
			const [waitlisted] = (await mailsTo(waiting.email)).slice(-1);
			expect(waitlisted.subject).toBe('Neuer Termin: Kochabend');
			expect(waitlisted.attachments).toEqual([]);
			expect(await mailsTo(otherDate.email)).toHaveLength(before);

			const count = (await mailsTo(seated.email)).length;
			await move('18:00', 'Bitte Schürze mitbringen.');
			expect(await mailsTo(seated.email)).toHaveLength(count);
		});

		it('finds the date of the form: the one date, a date of the series, never another event', async () => {
			const single = await newEvent();
			const series = await newEvent({ repeat: 'weekly', repeatEnd: 'count', count: '2' });
			expect(await getSignUpDate(db, { slug: single.slug, occurrenceId: null })).toMatchObject({
				occurrenceId: single.dates[0],
				state: { kind: 'open', free: 5 }
			});
			expect(await getSignUpDate(db, { slug: series.slug, occurrenceId: null })).toBeNull();
			expect(
				(await getSignUpDate(db, { slug: series.slug, occurrenceId: series.dates[1] }))!
					.occurrenceId
			).toBe(series.dates[1]);
			const other = await failure(
				getSignUpDate(db, { slug: series.slug, occurrenceId: single.dates[0] })
			);
			expect(other.code).toBe('NOT_FOUND');
		});
	});

	describe('cancelling', () => {
		it('moves the waitlist up in order, whole entries that fit, each with a mail', async () => {
			const e = await newEvent({ registrationCapacity: '3', registrationWaitlist: 'on' });
			const first = person({ persons: 3 });
			const big = person({ persons: 3 });
			const two = person({ persons: 2 });
			const one = person({ persons: 1 });
			const { id: firstId } = await signUp(e.dates[0], first);
			const { id: twoId } = await signUp(e.dates[0], two);
			const { id: bigId } = await signUp(e.dates[0], big);
			const { id: oneId } = await signUp(e.dates[0], one);
			const actor = await redeemCapabilityLink(
				db,
				await cancelToken(first.email),
				'event.registration-cancel'
			);
			const result = await cancelEventRegistration(db, {
				actor,
				registrationId: actor.recordId,
				origin: ORIGIN
			});
			// 3 seats free: the 2 fit, the 3 do not any more, the 1 after them does.
			expect(result.promoted).toBe(2);
			expect(await statusOf(firstId)).toBe('cancelled');
			expect(await statusOf(twoId)).toBe('confirmed');
			expect(await statusOf(bigId)).toBe('waitlisted');
			expect(await statusOf(oneId)).toBe('confirmed');
			expect(await taken(e.dates[0])).toBe(3);
			const promotedMail = (await mailsTo(two.email)).at(-1)!;
			expect(promotedMail.subject).toBe('Nachgerückt – Sie sind angemeldet: Kochabend');
			expect(promotedMail.attachments).toHaveLength(1);
			// Their own new link cancels their own registration.
			const own = await peekCapabilityLink(
				db,
				await cancelToken(two.email),
				'event.registration-cancel'
			);
			expect(own.recordId).toBe(twoId);
			const promotions = await db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'registration.promoted'));
			expect(promotions.map((a) => a.entityId)).toEqual(
				expect.arrayContaining([String(twoId), String(oneId)])
			);
			// The big entry waits, now first in line.
			const big2 = await getRegistration(db, { actor: content, registrationId: bigId });
			expect(big2.position).toBe(1);
		});

		it('refuses a second cancel, a used, forged, expired or foreign link', async () => {
			const e = await newEvent();
			const who = person();
			const other = person();
			const { id } = await signUp(e.dates[0], who);
			const { id: otherId } = await signUp(e.dates[0], other);
			const token = await cancelToken(who.email);
			const actor = await redeemCapabilityLink(db, token, 'event.registration-cancel');
			// The link acts on its own registration only.
			expect(
				(
					await failure(
						cancelEventRegistration(db, { actor, registrationId: otherId, origin: ORIGIN })
					)
				).code
			).toBe('FORBIDDEN');
			await cancelEventRegistration(db, { actor, registrationId: id, origin: ORIGIN });
			const twice = await failure(
				cancelEventRegistration(db, { actor: content, registrationId: id, origin: ORIGIN })
			);
			expect(twice.code).toBe('INVALID_TRANSITION');
			expect(messageOf(twice)).toBe('Diese Anmeldung ist bereits abgesagt.');
			expect(await taken(e.dates[0])).toBe(1);
			const used = await failure(redeemCapabilityLink(db, token, 'event.registration-cancel'));
			expect(used.code).toBe('GONE');
			const forged = await failure(
				redeemCapabilityLink(
					db,
					token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
					'event.registration-cancel'
				)
			);
			expect(forged.code).toBe('NOT_FOUND');
			expect(
				(await failure(redeemCapabilityLink(db, '<script>', 'event.registration-cancel'))).code
			).toBe('NOT_FOUND');
			// A link for another purpose does not cancel.
			expect(
				(await failure(redeemCapabilityLink(db, await cancelToken(other.email), 'booking.cancel')))
					.code
			).toBe('NOT_FOUND');
			// After the start the link has expired.
			setClock(new Date('2026-11-12T18:00:01Z'));
			const expired = await failure(
				redeemCapabilityLink(db, await cancelToken(other.email), 'event.registration-cancel')
			);
			expect(expired.code).toBe('GONE');
		});

		it('lets content staff cancel with a mail; others may not', async () => {
			const e = await newEvent();
			const who = person();
			const { id } = await signUp(e.dates[0], who);
			for (const actor of [ANONYMOUS, roomsStaff]) {
				const err = await failure(
					cancelEventRegistration(db, { actor, registrationId: id, origin: ORIGIN })
				);
				expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(err.code);
				expect((await failure(findEventRegistrations(db, { actor, eventId: e.id }))).code).toMatch(
					/UNAUTHENTICATED|FORBIDDEN/
				);
			}
			await cancelEventRegistration(db, { actor: content, registrationId: id, origin: ORIGIN });
			const mails = await mailsTo(who.email);
			expect(mails.at(-1)!.subject).toBe('Anmeldung abgesagt: Kochabend');
			// Staff cancelling revokes the person's link.
			const links = await db
				.select()
				.from(capabilityLinks)
				.where(
					and(
						eq(capabilityLinks.recordType, 'event_registration'),
						eq(capabilityLinks.recordId, id)
					)
				);
			expect(links.every((l) => l.revokedAt !== null)).toBe(true);
			expect(await taken(e.dates[0])).toBe(0);
		});
	});

	describe('staff list, CSV and personal data', () => {
		it('lists per date with counts and exports CSV for German Excel, formulas guarded', async () => {
			const e = await newEvent({ registrationCapacity: '2', registrationWaitlist: 'on' });
			await signUp(e.dates[0], person({ name: '=cmd|"/c calc"!A1', persons: 2, note: 'a;b' }));
			await signUp(e.dates[0], person({ name: '@SUM(1)' }));
			const list = await findEventRegistrations(db, { actor: content, eventId: e.id });
			expect(list.dates[0].counts).toEqual({ confirmed: 2, waitlisted: 1, cancelled: 0 });
			const { csv, filename } = await registrationsCsv(db, { actor: content, eventId: e.id });
			expect(filename).toBe(`anmeldungen-${e.slug}.csv`);
			expect(csv.startsWith('\uFEFFTermin;Status;Name;')).toBe(true);
			expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
			expect(csv).toContain(`;'@SUM(1);`);
			expect(csv).toContain(';"a;b";');
			expect(csvCell('-1')).toBe("'-1");
			expect(csvCell('+49 2272')).toBe("'+49 2272");
			expect(csvCell('Ümit 🎉')).toBe('Ümit 🎉');
		});

		it('blanks name, e-mail and note 30 days after the date, and the links stop working', async () => {
			const e = await newEvent();
			const who = person({ note: 'vegetarisch' });
			const { id } = await signUp(e.dates[0], who);
			const token = await cancelToken(who.email);
			expect(await anonymiseEventRegistrations(db, { now: new Date('2026-12-10T00:00:00Z') })).toBe(
				0
			);
			const count = await anonymiseEventRegistrations(db, {
				now: new Date('2026-12-13T00:00:00Z')
			});
			expect(count).toBeGreaterThanOrEqual(1);
			const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
			expect(row).toMatchObject({ name: '', email: '', note: '', persons: 1 });
			expect(row.anonymisedAt).not.toBeNull();
			setClock(new Date('2026-11-03T09:00:00Z'));
			expect((await failure(peekCapabilityLink(db, token, 'event.registration-cancel'))).code).toBe(
				'GONE'
			);
		});
	});

	describe('under concurrency', () => {
		it('never confirms more persons than the capacity: 20 sign-ups at once, 7 seats', async () => {
			const e = await newEvent({ registrationCapacity: '7', registrationWaitlist: 'on' });
			const results = await Promise.allSettled(
				Array.from({ length: 20 }, () => signUp(e.dates[0]))
			);
			expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
			const rows = await db
				.select()
				.from(eventRegistrations)
				.where(eq(eventRegistrations.occurrenceId, e.dates[0]));
			const confirmed = rows.filter((r) => r.status === 'confirmed');
			expect(confirmed.reduce((s, r) => s + r.persons, 0)).toBe(7);
			expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(13);
			expect(await taken(e.dates[0])).toBe(7);
		});

		it('refuses the rest with "ausgebucht" when there is no waitlist (2 persons each)', async () => {
			const e = await newEvent({ registrationCapacity: '7' });
			const results = await Promise.allSettled(
				Array.from({ length: 20 }, () => signUp(e.dates[0], person({ persons: 2 })))
			);
			const ok = results.filter((r) => r.status === 'fulfilled');
			expect(ok).toHaveLength(3);
			for (const r of results.filter((r) => r.status === 'rejected')) {
				expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
				expect(((r as PromiseRejectedResult).reason as DomainError).code).toBe('CONFLICT');
			}
			expect(await taken(e.dates[0])).toBe(6);
			const stored = await db
				.select()
				.from(eventRegistrations)
				.where(
					and(
						eq(eventRegistrations.occurrenceId, e.dates[0]),
						inArray(eventRegistrations.status, ['confirmed', 'waitlisted'])
					)
				);
			expect(stored).toHaveLength(3);
		});

		it('lets the CHECK refuse a counter above the capacity even without the use case', async () => {
			const e = await newEvent({ registrationCapacity: '2' });
			await expect(
				db.update(eventOccurrences).set({ taken: 3 }).where(eq(eventOccurrences.id, e.dates[0]))
			).rejects.toThrow();
		});
	});
});
