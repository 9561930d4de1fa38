import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { call, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { clearConcerns, concernInput } from '$tests/helpers/concerns';
import { failure } from '$tests/helpers/domain-error';
import { createActor } from '$tests/helpers/users';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	capabilityLinks,
	concernCategories,
	concernEntries,
	concerns,
	outboxMails
} from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { messageOf } from '../errors';
import { resetRateLimits } from '../security/rate-limit';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { assignConcern } from './assign-concern';
import { changeConcernStatus } from './change-concern-status';
import { confirmConcernSolved } from './confirm-concern-solved';
import { eraseExpiredConcernData, monthsBefore } from './erase-concern-personal-data';
import { getConcernFeedback } from './get-concern-feedback';
import { getPublicConcern } from './public-concerns';
import { reportConcernNotSolved } from './report-concern-not-solved';
import { sendConcernFollowups } from './send-concern-followups';
import { submitConcern } from './submit-concern';
import {
	eraseSubmitterData,
	exportSubmitterData,
	findSubmitterConcerns
} from './submitter-personal-data';
import type { ConcernSubmissionInput } from './concerns.schemas';
import { actions as statusActions } from '../../../routes/(public)/anliegen/status/[token]/+page.server';
import { actions as personActions } from '../../../routes/verwaltung/anliegen/personen/+page.server';
import { POST as exportPost } from '../../../routes/verwaltung/anliegen/personen/export.json/+server';

/*
 * The follow-up area of the concerns (issue 13): "nicht gelöst" and "Ja, erledigt" through the
 * status link, the one follow-up question, the retention job and the staff's Art. 15/17 tools.
 */

const ORIGIN = 'https://quartier.example';
const NOW = new Date('2026-11-02T09:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

describe('concerns: follow-up and privacy', () => {
	let database: Database;
	let db: Db;
	let categoryId: number;
	let staff: Actor & { id: number };
	let colleague: Actor & { id: number };
	let roomsStaff: Actor & { id: number };
	let resident: Actor & { id: number };

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const [category] = await db
			.select()
			.from(concernCategories)
			.where(eq(concernCategories.slug, 'beleuchtung'));
		categoryId = category.id;
		staff = await createActor(db, { email: 'anliegen@kaster.example', roles: ['concerns'] });
		colleague = await createActor(db, { email: 'kollege@kaster.example', roles: ['concerns'] });
		roomsStaff = await createActor(db, { email: 'raeume@kaster.example', roles: ['rooms'] });
		resident = await createActor(db, { email: 'Bewohnerin@Example.org' });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		resetRateLimits();
		await clearConcerns(db);
		await db.delete(auditLog);
	});

	const input = (over: Partial<ConcernSubmissionInput> = {}) =>
		concernInput(categoryId, { consentForward: true, ...over });
	const submit = (over: Partial<ConcernSubmissionInput> = {}, actor: Actor = ANONYMOUS) =>
		submitConcern(db, { actor, input: input(over), origin: ORIGIN });
	const resolve = (id: number) =>
		changeConcernStatus(db, { actor: staff, id, status: 'resolved', origin: ORIGIN });
	const holder = (token: string | null) => peekCapabilityLink(db, token!, 'concern.status');
	const row = async (id: number) =>
		(await db.select().from(concerns).where(eq(concerns.id, id)))[0];
	const entriesOf = (id: number) =>
		db
			.select()
			.from(concernEntries)
			.where(eq(concernEntries.concernId, id))
			.orderBy(asc(concernEntries.id));
	const mailsTo = async (to: string) =>
		(await db.select().from(outboxMails)).filter((m) => m.recipient === to);
	const clearMails = () => db.delete(outboxMails);

	describe('"nicht gelöst" through the status link', () => {
		it('reopens a resolved concern once: private text, public step, audit, mail to staff', async () => {
			const c = await submit();
			await resolve(c.id);
			await clearMails();
			setClock(at(3));
			const actor = await holder(c.statusToken);
			await reportConcernNotSolved(db, {
				actor,
				concernId: c.id,
				text: 'Die Lampe flackert immer noch. Herr Nachbar Müller sagt das auch.',
				origin: ORIGIN
			});
			const concern = await row(c.id);
			expect(concern).toMatchObject({ status: 'in_progress', closedAt: null });
			const entries = (await entriesOf(c.id)).slice(-2);
			expect(entries.map((e) => [e.kind, e.isPublic, e.statusTo, e.authorId])).toEqual([
				['not_solved', false, null, null],
				['status', true, 'in_progress', null]
			]);
			expect(entries[0].body).toContain('flackert');
			// The text stays private, also on the public page of a public concern.
			const page = await getPublicConcern(db, concern.reference);
			expect(JSON.stringify(page)).not.toContain('flackert');
			expect(page!.status).toBe('in_progress');
			const [audit] = await db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'concern.reopened-by-submitter'));
			expect(audit).toMatchObject({
				actorKind: 'capability',
				actorId: null,
				entityId: String(c.id),
				data: { linkId: actor.linkId, withText: true }
			});
			expect(JSON.stringify(audit)).not.toContain('flackert');
			// Nobody is assigned: everyone with the concerns role hears of it, with the text.
			const staffMails = await db.select().from(outboxMails).orderBy(asc(outboxMails.recipient));
			expect(staffMails.map((m) => m.recipient)).toEqual([
				'anliegen@kaster.example',
				'kollege@kaster.example'
			]);
			expect(staffMails[0].subject).toContain(concern.reference);
			expect(staffMails[0].textBody).toContain('flackert');
			expect(staffMails[0].textBody).toContain(`${ORIGIN}/verwaltung/anliegen/${c.id}`);

			// A second click: a clear message, nothing written twice.
			const again = await failure(
				reportConcernNotSolved(db, { actor, concernId: c.id, text: '', origin: ORIGIN })
			);
			expect(again.code).toBe('CONFLICT');
			expect(messageOf(again)).toContain('nicht als erledigt');
			expect((await entriesOf(c.id)).filter((e) => e.kind === 'not_solved')).toHaveLength(1);

			// Resolved again by staff: the holder may say it once more (once per resolution).
			await resolve(c.id);
			await reportConcernNotSolved(db, { actor, concernId: c.id, text: '', origin: ORIGIN });
			expect((await row(c.id)).status).toBe('in_progress');
		});

		it('is refused on every state but resolved', async () => {
			const c = await submit();
			const actor = await holder(c.statusToken);
			for (const status of ['received', 'in_review', 'in_progress', 'declined'] as const) {
				if (status !== 'received') {
					await changeConcernStatus(db, { actor: staff, id: c.id, status, origin: ORIGIN });
				}
				const err = await failure(
					reportConcernNotSolved(db, { actor, concernId: c.id, text: '', origin: ORIGIN })
				);
				expect(err.code).toBe('CONFLICT');
				expect((await row(c.id)).status).toBe(status);
				expect((await getConcernFeedback(db, { actor, concernId: c.id })).askable).toBe(false);
				if (status === 'declined') {
					await changeConcernStatus(db, {
						actor: staff,
						id: c.id,
						status: 'in_review',
						origin: ORIGIN
					});
				}
			}
		});

		it('mails the assigned colleague only; only the link of that concern may do it', async () => {
			const c = await submit();
			const other = await submit();
			await assignConcern(db, { actor: staff, id: c.id, assigneeId: colleague.id });
			await resolve(c.id);
			await resolve(other.id);
			await clearMails();
			const otherHolder = await holder(other.statusToken);
			for (const actor of [otherHolder, ANONYMOUS, staff, resident]) {
				const err = await failure(
					reportConcernNotSolved(db, { actor, concernId: c.id, text: '', origin: ORIGIN })
				);
				expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(err.code);
			}
			expect((await row(c.id)).status).toBe('resolved');
			await reportConcernNotSolved(db, {
				actor: await holder(c.statusToken),
				concernId: c.id,
				text: '',
				origin: ORIGIN
			});
			const mails = await db.select().from(outboxMails);
			expect(mails.map((m) => m.recipient)).toEqual(['kollege@kaster.example']);
			expect(mails[0].textBody).toContain('Ein Text wurde nicht mitgeschickt.');
		});

		it('"Ja, erledigt" records one private entry per resolution and changes nothing else', async () => {
			const c = await submit();
			const actor = await holder(c.statusToken);
			expect((await failure(confirmConcernSolved(db, { actor, concernId: c.id }))).code).toBe(
				'CONFLICT'
			);
			await resolve(c.id);
			expect(await getConcernFeedback(db, { actor, concernId: c.id })).toEqual({
				askable: true,
				confirmed: false
			});
			expect(await confirmConcernSolved(db, { actor, concernId: c.id })).toEqual({
				recorded: true
			});
			expect(await confirmConcernSolved(db, { actor, concernId: c.id })).toEqual({
				recorded: false
			});
			expect(await getConcernFeedback(db, { actor, concernId: c.id })).toEqual({
				askable: true,
				confirmed: true
			});
			const confirmed = (await entriesOf(c.id)).filter((e) => e.kind === 'confirmed');
			expect(confirmed).toHaveLength(1);
			expect(confirmed[0].isPublic).toBe(false);
			expect((await row(c.id)).status).toBe('resolved');
		});

		it('the page actions: too long a text is a 400 at the field, a dead link the error page', async () => {
			const c = await submit();
			await resolve(c.id);
			const path = `/anliegen/status/${c.statusToken}`;
			const params = { token: c.statusToken! };
			const tooLong = await call(statusActions.notSolved as Handler, {
				db,
				path: `${path}?/notSolved`,
				params,
				fields: { text: 'x'.repeat(2001) }
			});
			expect(tooLong.status).toBe(400);
			expect(tooLong.errors?.text).toMatch(/höchstens 2000 Zeichen/);
			expect((await row(c.id)).status).toBe('resolved');

			const unknown = await call(statusActions.notSolved as Handler, {
				db,
				path: `/anliegen/status/${'A'.repeat(43)}?/notSolved`,
				params: { token: 'A'.repeat(43) },
				fields: { text: '' }
			});
			expect(unknown.status).toBe(404);

			const ok = await call(statusActions.notSolved as Handler, {
				db,
				path: `${path}?/notSolved`,
				params,
				fields: { text: 'Immer noch dunkel.' }
			});
			expect(ok.status).toBe(303);
			expect(ok.location).toBe(`${path}?rueckmeldung=offen#rueckmeldung`);
			const twice = await call(statusActions.notSolved as Handler, {
				db,
				path: `${path}?/notSolved`,
				params,
				fields: { text: '' }
			});
			expect(twice.status).toBe(409);
			expect(twice.errors?._form).toContain('nicht als erledigt');

			// The status link expires after 400 days: then the page says why (410).
			await resolve(c.id);
			setClock(at(401));
			const expired = await call(statusActions.confirm as Handler, {
				db,
				path: `${path}?/confirm`,
				params,
				fields: {}
			});
			expect(expired.status).toBe(410);
			expect((await entriesOf(c.id)).filter((e) => e.kind === 'confirmed')).toHaveLength(0);
		});
	});

	describe('the four-week follow-up', () => {
		const followups = (now: Date) => sendConcernFollowups(db, { now, days: 28, origin: ORIGIN });

		it('asks once, 28 days after resolution, with a working status link', async () => {
			const c = await submit();
			await resolve(c.id);
			await clearMails();
			expect(await followups(at(27))).toBe(0);
			expect(await followups(at(28))).toBe(1);
			const [mail] = await mailsTo('erika@example.org');
			expect(mail.subject).toBe(
				`Ihr Anliegen ${(await row(c.id)).reference}: Ist es wirklich behoben?`
			);
			const token = /\/anliegen\/status\/([A-Za-z0-9_-]{43})/.exec(mail.textBody)![1];
			expect((await holder(token)).recordId).toBe(c.id);
			expect((await row(c.id)).followupSentAt).toEqual(at(28));
			expect(await followups(at(29))).toBe(0);
			// Reopened and resolved again: not asked a second time.
			await reportConcernNotSolved(db, {
				actor: await holder(token),
				concernId: c.id,
				text: '',
				origin: ORIGIN
			});
			setClock(at(30));
			await resolve(c.id);
			expect(await followups(at(60))).toBe(0);
			expect(await mailsTo('erika@example.org')).toHaveLength(1);
		});

		it('skips no e-mail, no consent, erased data, open and long-ago concerns', async () => {
			const anonymous = await submit({ name: '', email: '', phone: '' });
			const phoneOnly = await submit({ email: '' });
			const noConsent = await submit({ email: 'ohne@example.org' });
			await db.update(concerns).set({ consentContact: false }).where(eq(concerns.id, noConsent.id));
			const erased = await submit({ email: 'geloescht@example.org' });
			const open = await submit({ email: 'offen@example.org' });
			const old = await submit({ email: 'alt@example.org' });
			for (const c of [anonymous, phoneOnly, noConsent, erased]) await resolve(c.id);
			await db
				.update(concerns)
				.set({ personalDataErasedAt: NOW })
				.where(eq(concerns.id, erased.id));
			setClock(at(-60));
			await resolve(old.id);
			setClock(NOW);
			await clearMails();
			expect(await followups(at(28))).toBe(0);
			expect(await db.select().from(outboxMails)).toHaveLength(0);
			expect((await row(open.id)).followupSentAt).toBeNull();
		});
	});

	describe('the retention job', () => {
		it('erases personal data of concerns closed longer than the months ago, nothing else', async () => {
			const due = await submit({}, resident);
			const declined = await submit({ email: 'abgelehnt@example.org' });
			const recent = await submit({ email: 'neulich@example.org' });
			const open = await submit({ email: 'offen@example.org' });
			// Merged by hand without closed_at: counts from its last change.
			const merged = await submit({ email: 'zusammen@example.org' });
			await db
				.update(concerns)
				.set({ status: 'merged', closedAt: null, updatedAt: NOW })
				.where(eq(concerns.id, merged.id));
			await resolve(due.id);
			await reportConcernNotSolved(db, {
				actor: await holder(due.statusToken),
				concernId: due.id,
				text: 'Meine Nummer ist 0170 1234567.',
				origin: ORIGIN
			});
			await resolve(due.id);
			await changeConcernStatus(db, {
				actor: staff,
				id: declined.id,
				status: 'declined',
				origin: ORIGIN
			});
			setClock(at(60));
			await resolve(recent.id);
			const run = at(6 * 31 + 1);
			// Six calendar months in the office's zone, not 180 days.
			expect(monthsBefore(run, 6).getTime()).toBeGreaterThan(at(0).getTime());
			expect(await eraseExpiredConcernData(db, { now: run, months: 6 })).toBe(3);
			expect((await row(merged.id)).submitterEmail).toBe('');
			const erased = await row(due.id);
			expect(erased).toMatchObject({
				submitterName: '',
				submitterEmail: '',
				submitterPhone: '',
				consentContact: false,
				consentForwardContact: false,
				submitterUserId: null,
				personalDataErasedAt: run,
				description: 'Die Laterne vor Lindenstraße 12 ist seit einer Woche dunkel.'
			});
			expect((await row(declined.id)).personalDataErasedAt).toEqual(run);
			expect((await row(recent.id)).submitterEmail).toBe('neulich@example.org');
			expect((await row(open.id)).submitterEmail).toBe('offen@example.org');
			// The holder's words go, the steps stay; the public page still shows the concern.
			const entries = await entriesOf(due.id);
			expect(entries.find((e) => e.kind === 'not_solved')!.body).toBe('');
			expect(entries.filter((e) => e.kind === 'status').length).toBeGreaterThan(2);
			expect((await getPublicConcern(db, erased.reference))!.description).toContain('Laterne');
			// Every link of the concern is dead.
			const links = await db
				.select()
				.from(capabilityLinks)
				.where(eq(capabilityLinks.recordId, due.id));
			expect(links.every((l) => l.revokedAt !== null && l.sentToHint === null)).toBe(true);
			expect((await failure(holder(due.statusToken))).code).toBe('GONE');
			const audits = await db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'concern.personal-data-erased'));
			expect(audits.map((a) => a.entityId).sort()).toEqual(
				[String(due.id), String(declined.id), String(merged.id)].sort()
			);
			expect(JSON.stringify(audits)).not.toMatch(/erika|abgelehnt|0170/);
			// Run again: nothing left to do.
			expect(await eraseExpiredConcernData(db, { now: run, months: 6 })).toBe(0);
		});
	});

	describe('Art. 15 / 17: staff find, export and erase a person', () => {
		async function twoPeople() {
			const a1 = await submit({ email: 'Erika@Example.org', phone: '+49 170 1234567' });
			const a2 = await submit({ email: 'anders@example.org', phone: '+49 (170) 123-4567' });
			const a3 = await submit({ name: '', email: '', phone: '' }, resident);
			const b = await submit({ name: 'Max Andere', email: 'max@example.org', phone: '0221 999' });
			await db.insert(concernEntries).values({
				concernId: a1.id,
				kind: 'note',
				body: 'Interne Notiz über Max Andere',
				isPublic: false
			});
			return { a1, a2, a3, b };
		}

		it('finds by e-mail (any case, also the account) or by the phone digits', async () => {
			const { a1, a2, a3 } = await twoPeople();
			const byMail = await findSubmitterConcerns(db, {
				actor: staff,
				query: { email: 'ERIKA@example.ORG', phone: '' }
			});
			expect(byMail.map((c) => c.id)).toEqual([a1.id]);
			const byPhone = await findSubmitterConcerns(db, {
				actor: staff,
				query: { email: '', phone: '+49-170-1234567' }
			});
			expect(byPhone.map((c) => c.id).sort()).toEqual([a1.id, a2.id].sort());
			const byAccount = await findSubmitterConcerns(db, {
				actor: staff,
				query: { email: 'bewohnerin@example.org', phone: '' }
			});
			expect(byAccount.map((c) => c.id)).toEqual([a3.id]);
		});

		it("exports exactly that person's concerns, without internal notes; audited without data", async () => {
			const { a1, a2, b } = await twoPeople();
			await resolve(a1.id);
			const data = await exportSubmitterData(db, {
				actor: staff,
				query: { email: '', phone: '0049 170 1234567'.replace('0049', '+49') }
			});
			expect(data.concerns.map((c) => c.reference).sort()).toEqual(
				[(await row(a1.id)).reference, (await row(a2.id)).reference].sort()
			);
			const json = JSON.stringify(data);
			expect(json).toContain('erika@example.org');
			expect(json).toContain('Lindenstraße 12');
			expect(json).not.toContain('max@example.org');
			expect(json).not.toContain('Max Andere');
			expect(data.concerns[0].timeline.map((e) => e.kind)).toContain('status');
			const audits = await db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'concern.personal-data-exported'));
			expect(audits).toHaveLength(2);
			expect(JSON.stringify(audits)).not.toContain('erika');
			expect((await row(b.id)).submitterEmail).toBe('max@example.org');
		});

		it('erases the listed concerns of that person only, as the job does', async () => {
			const { a1, a2, b } = await twoPeople();
			const n = await eraseSubmitterData(db, {
				actor: staff,
				query: { email: '', phone: '+49 170 1234567' },
				// b is listed by mistake (or a forged form): it does not match, it stays.
				ids: [a1.id, b.id]
			});
			expect(n).toBe(1);
			expect(await row(a1.id)).toMatchObject({ submitterEmail: '', submitterPhone: '' });
			expect((await row(a2.id)).submitterEmail).toBe('anders@example.org');
			expect((await row(b.id)).submitterEmail).toBe('max@example.org');
			expect((await failure(holder(a1.statusToken))).code).toBe('GONE');
			const again = await failure(
				eraseSubmitterData(db, {
					actor: staff,
					query: { email: '', phone: '+49 170 1234567' },
					ids: [a1.id]
				})
			);
			expect(again.code).toBe('CONFLICT');
		});

		it('is for the concerns role (and admins) only', async () => {
			await twoPeople();
			const query = { email: 'erika@example.org', phone: '' };
			for (const actor of [ANONYMOUS, resident, roomsStaff]) {
				const err = await failure(findSubmitterConcerns(db, { actor, query }));
				expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(err.code);
				await failure(exportSubmitterData(db, { actor, query }));
				await failure(eraseSubmitterData(db, { actor, query, ids: [1] }));
			}
			const erased = await db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'concern.personal-data-erased'));
			expect(erased).toHaveLength(0);
		});

		it('the page: search needs a person, erase needs the box ticked; export is a JSON download', async () => {
			const { a1 } = await twoPeople();
			const path = '/verwaltung/anliegen/personen';
			const empty = await call(personActions.search as Handler, {
				db,
				actor: staff,
				path: `${path}?/search`,
				fields: { email: '', phone: '' }
			});
			expect(empty.status).toBe(400);
			expect(empty.errors?.email).toContain('E-Mail-Adresse oder eine Telefonnummer');
			const found = await call(personActions.search as Handler, {
				db,
				actor: staff,
				path: `${path}?/search`,
				fields: { email: 'erika@example.org', phone: '' }
			});
			expect(found.status).toBe(200);
			expect((found.data?.items as { id: number }[]).map((c) => c.id)).toEqual([a1.id]);
			const unconfirmed = await call(personActions.erase as Handler, {
				db,
				actor: staff,
				path: `${path}?/erase`,
				fields: { email: 'erika@example.org', phone: '', ids: String(a1.id) }
			});
			expect(unconfirmed.status).toBe(400);
			expect(unconfirmed.errors?.confirm).toBeTruthy();
			const badIds = await call(personActions.erase as Handler, {
				db,
				actor: staff,
				path: `${path}?/erase`,
				fields: { email: 'erika@example.org', phone: '', ids: '1;drop', confirm: 'on' }
			});
			expect(badIds.status).toBe(400);
			expect((await row(a1.id)).submitterEmail).toBe('erika@example.org');
			const exported = await call(exportPost as Handler, {
				db,
				actor: staff,
				path: `${path}/export.json`,
				fields: { email: 'erika@example.org', phone: '' }
			});
			expect(exported.status).toBe(200);
			const erased = await call(personActions.erase as Handler, {
				db,
				actor: staff,
				path: `${path}?/erase`,
				fields: { email: 'erika@example.org', phone: '', ids: String(a1.id), confirm: 'on' }
			});
			expect(erased).toMatchObject({ status: 200, data: { form: 'erased', erased: 1 } });
			expect((await row(a1.id)).submitterEmail).toBe('');
			expect(
				await db
					.select()
					.from(auditLog)
					.where(
						and(eq(auditLog.action, 'concern.personal-data-erased'), eq(auditLog.actorId, staff.id))
					)
			).toHaveLength(1);
		});
	});
});
