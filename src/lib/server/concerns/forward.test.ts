import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { clearConcerns } from '$tests/helpers/concerns';
import { failure } from '$tests/helpers/domain-error';
import { createActor } from '$tests/helpers/users';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	concernBodies,
	concernBodyCategories,
	concernCategories,
	concernEntries,
	concernForwardings,
	concerns,
	outboxMails
} from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { httpStatusOf, messageOf } from '../errors';
import { countOpenWork } from '../dashboard/count-open-work';
import { resetRateLimits } from '../security/rate-limit';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { answerForwarding } from './answer-forwarding';
import { findConcernBodies } from './find-concern-bodies';
import {
	countOverdueForwardings,
	findOpenForwardings,
	getConcernForwarding
} from './find-forwardings';
import { forwardConcern } from './forward-concern';
import { remindForwardings } from './forwarding-reminders.job';
import { getForwardingForAnswer } from './get-forwarding-for-answer';
import { getConcernStatus } from './get-concern-status';
import { getPublicConcern } from './public-concerns';
import { saveConcernBody } from './save-concern-body';
import { SEED_CONCERN_BODIES } from './seed-concern-bodies';
import { submitConcern } from './submit-concern';
import type { ConcernSubmissionInput } from './concerns.schemas';
import type { ConcernBodyInput } from './forward.schemas';
import { actions as bodiesActions } from '../../../routes/verwaltung/anliegen/stellen/+page.server';
import { actions as detailActions } from '../../../routes/verwaltung/anliegen/[id=id]/+page.server';
import {
	actions as answerActions,
	load as answerLoad
} from '../../../routes/(public)/anliegen/antwort/[token]/+page.server';
import { load as ledgerLoad } from '../../../routes/verwaltung/anliegen/weiterleitungen/+page.server';

const ORIGIN = 'https://quartier.example';
const NOW = new Date('2026-11-02T09:00:00Z');
const DAY = 24 * 60 * 60_000;
const LINK = /\/anliegen\/antwort\/([A-Za-z0-9_-]{43})/;

describe('forwarding concerns to responsible bodies', () => {
	let database: Database;
	let db: Db;
	let lighting: number;
	let tiefbau: number;
	let ordnung: number;
	let staff: Actor & { id: number };
	let roomsStaff: Actor & { id: number };
	let resident: Actor & { id: number };

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		[{ id: lighting }] = await db
			.select({ id: concernCategories.id })
			.from(concernCategories)
			.where(eq(concernCategories.slug, 'beleuchtung'));
		const bodies = await db.select().from(concernBodies);
		tiefbau = bodies.find((b) => b.name.startsWith('Tiefbauamt'))!.id;
		ordnung = bodies.find((b) => b.name.startsWith('Ordnungsamt'))!.id;
		staff = await createActor(db, {
			email: 'anliegen@kaster.example',
			roles: ['concerns'],
			displayName: 'Frau Anliegen'
		});
		roomsStaff = await createActor(db, { email: 'raeume@kaster.example', roles: ['rooms'] });
		resident = await createActor(db, { email: 'bewohner@example.org' });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		resetRateLimits();
		await db.delete(concernForwardings);
		await clearConcerns(db);
	});

	const concernInput = (over: Partial<ConcernSubmissionInput> = {}): ConcernSubmissionInput => ({
		category: lighting,
		description: 'Die Laterne vor Lindenstraße 12 ist seit einer Woche dunkel.',
		address: 'Lindenstraße 12',
		visibility: 'public',
		name: 'Erika Mustermann',
		email: 'erika@example.org',
		phone: '0170 1234567',
		consentForward: true,
		...over
	});
	const submit = async (over: Partial<ConcernSubmissionInput> = {}) => {
		const result = await submitConcern(db, {
			actor: ANONYMOUS,
			input: concernInput(over),
			origin: ORIGIN
		});
		await db.delete(outboxMails);
		return result;
	};
	const forward = (concernId: number, over: Partial<{ body: number; dueOn: string }> = {}) =>
		forwardConcern(db, {
			actor: staff,
			concernId,
			input: { body: tiefbau, dueOn: '2026-11-16', coverNote: 'Bitte prüfen.', ...over },
			origin: ORIGIN
		});
	const mailsTo = (to: string) =>
		db.select().from(outboxMails).where(eq(outboxMails.recipient, to)).orderBy(asc(outboxMails.id));
	const tokenIn = (text: string) => LINK.exec(text)?.[1] ?? '';
	async function bodyToken(to = 'tiefbauamt@bedburg.example') {
		const mails = await mailsTo(to);
		return tokenIn(mails.at(-1)!.textBody);
	}
	const answer = (token: string, over: Partial<{ answer: string; status: string }> = {}) =>
		answerForwarding(db, {
			token,
			input: {
				answer: 'Die Laterne wird am Montag repariert.',
				status: 'resolved',
				...over
			} as never,
			origin: ORIGIN
		});

	it('seeds the example bodies once and suggests those handling the category first', async () => {
		const bodies = await findConcernBodies(db, { actor: staff });
		expect(bodies.map((b) => b.email).sort()).toEqual(
			SEED_CONCERN_BODIES.map((b) => b.email).sort()
		);
		expect(bodies.every((b) => b.email.endsWith('.example'))).toBe(true);
		await seedSite(db);
		expect(await findConcernBodies(db, { actor: staff })).toHaveLength(3);
		const { id } = await submit();
		const form = await getConcernForwarding(db, { actor: staff, concernId: id });
		expect(form.bodies[0]).toMatchObject({ id: tiefbau, suggested: true });
		expect(form.bodies.filter((b) => b.suggested)).toHaveLength(1);
		expect(form.defaultDueOn).toBe('2026-11-16');
	});

	it('refuses everyone but the concerns role (and a status link cannot answer)', async () => {
		const { id, statusToken } = await submit();
		for (const actor of [ANONYMOUS, resident, roomsStaff]) {
			const code = actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
			expect(
				(
					await failure(
						forwardConcern(db, {
							actor,
							concernId: id,
							input: { body: tiefbau, dueOn: '2026-11-16', coverNote: '' },
							origin: ORIGIN
						})
					)
				).code
			).toBe(code);
			expect((await failure(findOpenForwardings(db, { actor }))).code).toBe(code);
			expect((await failure(getConcernForwarding(db, { actor, concernId: id }))).code).toBe(code);
			expect(
				(
					await failure(
						saveConcernBody(db, {
							actor,
							id: null,
							input: { name: 'X', email: 'x@example.org' } as ConcernBodyInput
						})
					)
				).code
			).toBe(code);
		}
		const statusActor = await peekCapabilityLink(db, statusToken!, 'concern.status');
		expect((await failure(getForwardingForAnswer(db, { actor: statusActor }))).code).toBe(
			'FORBIDDEN'
		);
		expect(await db.select().from(concernForwardings)).toHaveLength(0);
	});

	it.each([
		{ consent: true, shown: true },
		{ consent: false, shown: false }
	])(
		'forwards in one transaction; contact data only with consent ($consent)',
		async ({ consent, shown }) => {
			const { id } = await submit({ consentForward: consent });
			const { forwardingId } = await forward(id);
			const [row] = await db.select().from(concerns).where(eq(concerns.id, id));
			expect(row.status).toBe('forwarded');
			const [f] = await db.select().from(concernForwardings);
			expect(f).toMatchObject({
				id: forwardingId,
				bodyId: tiefbau,
				sentAt: NOW,
				answeredAt: null,
				reminderCount: 0,
				forwardedBy: staff.id
			});
			// The last second of 16 November in Berlin.
			expect(f.dueAt.toISOString()).toBe('2026-11-16T22:59:59.000Z');
			const publicPage = await getPublicConcern(db, row.reference);
			expect(publicPage.timeline.at(-1)).toMatchObject({
				kind: 'status',
				statusTo: 'forwarded',
				bodyName: 'Tiefbauamt der Stadt Bedburg'
			});
			const [mail] = await mailsTo('tiefbauamt@bedburg.example');
			expect(mail.subject).toBe(`Anliegen ${row.reference} (Beleuchtung): Bitte um Antwort`);
			for (const part of [
				row.reference,
				'Beleuchtung',
				'Lindenstraße 12',
				'Die Laterne vor Lindenstraße 12',
				'Bitte prüfen.',
				'16. November 2026'
			]) {
				expect(mail.textBody).toContain(part);
			}
			for (const personal of ['Erika Mustermann', 'erika@example.org', '0170 1234567']) {
				expect(mail.textBody.includes(personal)).toBe(shown);
			}
			const token = tokenIn(mail.textBody);
			expect(mail.secrets).toContain(`${ORIGIN}/anliegen/antwort/${token}`);
			const actor = await peekCapabilityLink(db, token, 'concern.answer');
			const page = await getForwardingForAnswer(db, { actor });
			expect(page.concern.contact !== null).toBe(shown);
			expect(JSON.stringify(page).includes('erika@example.org')).toBe(shown);
			const audits = await db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(and(eq(auditLog.entity, 'concern'), eq(auditLog.entityId, String(id))));
			expect(audits.map((a) => a.action)).toEqual(
				expect.arrayContaining(['concern.status-changed', 'concern.forwarded'])
			);
		}
	);

	it('never passes on erased contact data, even with consent', async () => {
		const { id } = await submit();
		await db
			.update(concerns)
			.set({ submitterName: '', submitterEmail: '', submitterPhone: '', personalDataErasedAt: NOW })
			.where(eq(concerns.id, id));
		await forward(id);
		const [mail] = await mailsTo('tiefbauamt@bedburg.example');
		expect(mail.textBody).toContain('nicht zugestimmt');
	});

	it('refuses bad forwardings with a German message and writes nothing', async () => {
		const { id } = await submit();
		const past = await failure(forward(id, { dueOn: '2026-11-01' }));
		expect([past.code, Object.keys(past.fieldErrors ?? {})]).toEqual(['INVALID', ['dueOn']]);
		expect(messageOf(past)).toContain('ab heute');
		const far = await failure(forward(id, { dueOn: '2027-12-01' }));
		expect(far.fieldErrors?.dueOn).toBeTruthy();
		expect((await failure(forward(id, { body: 999_999 }))).fieldErrors?.body).toBeTruthy();
		await db.update(concernBodies).set({ active: false }).where(eq(concernBodies.id, ordnung));
		expect((await failure(forward(id, { body: ordnung }))).code).toBe('INVALID');
		await db.update(concernBodies).set({ active: true }).where(eq(concernBodies.id, ordnung));
		expect(
			(
				await failure(
					forwardConcern(db, {
						actor: staff,
						concernId: 999_999,
						input: { body: tiefbau, dueOn: '2026-11-16', coverNote: '' },
						origin: ORIGIN
					})
				)
			).code
		).toBe('NOT_FOUND');
		expect(await db.select().from(concernForwardings)).toHaveLength(0);
		expect(await db.select().from(outboxMails)).toHaveLength(0);

		await forward(id);
		const twice = await failure(forward(id));
		expect([twice.code, messageOf(twice)]).toEqual([
			'CONFLICT',
			'An diese Stelle ist das Anliegen schon weitergeleitet und noch nicht beantwortet.'
		]);
		// A second body may get it too; the state stays forwarded.
		await forward(id, { body: ordnung });
		expect(await db.select().from(concernForwardings)).toHaveLength(2);

		const closed = await submit();
		await db.update(concerns).set({ status: 'resolved' }).where(eq(concerns.id, closed.id));
		expect((await failure(forward(closed.id))).code).toBe('INVALID_TRANSITION');
	});

	it('takes the body’s answer once: public entry, new state, mails; a second use is 410', async () => {
		const { id, statusToken } = await submit();
		await db.update(concerns).set({ assignedTo: staff.id }).where(eq(concerns.id, id));
		await forward(id);
		const token = await bodyToken();
		await db.delete(outboxMails);
		const result = await answer(token);
		expect(result).toMatchObject({ statusChanged: true, mailedSubmitter: true });
		const [row] = await db.select().from(concerns).where(eq(concerns.id, id));
		expect(row.status).toBe('resolved');
		expect(row.closedAt).toEqual(NOW);
		expect(row.firstAnsweredAt).toEqual(NOW);
		const [f] = await db.select().from(concernForwardings);
		expect(f).toMatchObject({ answeredAt: NOW, answerStatus: 'resolved' });
		const timeline = (await getPublicConcern(db, row.reference)).timeline;
		expect(timeline.find((e) => e.kind === 'answer')).toMatchObject({
			body: 'Die Laterne wird am Montag repariert.',
			bodyName: 'Tiefbauamt der Stadt Bedburg'
		});
		const statusActor = await peekCapabilityLink(db, statusToken!, 'concern.status');
		const status = await getConcernStatus(db, { actor: statusActor, concernId: id });
		expect(status.timeline.some((e) => e.body.includes('Montag repariert'))).toBe(true);
		const [toStaff] = await mailsTo('anliegen@kaster.example');
		expect(toStaff.subject).toBe(
			`Tiefbauamt der Stadt Bedburg hat zu ${row.reference} geantwortet`
		);
		expect(toStaff.textBody).toContain('Neuer Stand: Erledigt');
		expect(toStaff.textBody).toContain(`${ORIGIN}/verwaltung/anliegen/${id}`);
		const [toSubmitter] = await mailsTo('erika@example.org');
		expect(toSubmitter.textBody).toContain('Die Laterne wird am Montag repariert.');
		expect(toSubmitter.textBody).toMatch(/\/anliegen\/status\/[A-Za-z0-9_-]{43}/);

		const again = await failure(answer(token));
		expect([again.code, httpStatusOf(again)]).toEqual(['GONE', 410]);
		const visit = await failure(peekCapabilityLink(db, token, 'concern.answer'));
		expect(httpStatusOf(visit)).toBe(410);
		expect(
			await db.select({ n: count() }).from(concernEntries).where(eq(concernEntries.kind, 'answer'))
		).toEqual([{ n: 1 }]);
	});

	it('without consent to contact, the submitter gets no mail; a closed concern keeps its state', async () => {
		const { id } = await submit({ email: '', phone: '', name: '' });
		await forward(id);
		const token = await bodyToken();
		await db.update(concerns).set({ status: 'declined' }).where(eq(concerns.id, id));
		const result = await answer(token, { status: 'in_progress' });
		expect(result).toMatchObject({ statusChanged: false, mailedSubmitter: false });
		const [row] = await db.select().from(concerns).where(eq(concerns.id, id));
		expect([row.status, row.firstAnsweredAt]).toEqual(['declined', NOW]);
	});

	it('forged and expired links: 404 and 410; a failed answer leaves the link usable', async () => {
		const { id } = await submit();
		await forward(id);
		const token = await bodyToken();
		const forged = `${token.slice(0, 42)}${token.endsWith('A') ? 'B' : 'A'}`;
		expect((await failure(answer(forged))).code).toBe('NOT_FOUND');
		expect((await failure(answer('kurz'))).code).toBe('NOT_FOUND');
		// A bad status reaches the database CHECK only if the form let it through: it rolls back.
		await expect(answer(token, { status: 'merged' })).rejects.toThrow();
		await peekCapabilityLink(db, token, 'concern.answer');
		setClock(new Date(NOW.getTime() + 61 * DAY));
		const expired = await failure(answer(token));
		expect([expired.code, httpStatusOf(expired)]).toEqual(['GONE', 410]);
	});

	it('reminds unanswered bodies every N days, at most M times, idempotently, with fresh links', async () => {
		const { id } = await submit();
		await forward(id);
		const first = await bodyToken();
		const at = (days: number) => new Date(NOW.getTime() + days * DAY);
		expect(await remindForwardings(db, { now: at(6), origin: ORIGIN, days: 7, max: 2 })).toBe(0);
		expect(await remindForwardings(db, { now: at(7), origin: ORIGIN, days: 7, max: 2 })).toBe(1);
		expect(await remindForwardings(db, { now: at(7), origin: ORIGIN, days: 7, max: 2 })).toBe(0);
		const [a, b] = await Promise.all([
			remindForwardings(db, { now: at(14), origin: ORIGIN, days: 7, max: 2 }),
			remindForwardings(db, { now: at(14), origin: ORIGIN, days: 7, max: 2 })
		]);
		expect(a + b).toBe(1);
		expect(await remindForwardings(db, { now: at(30), origin: ORIGIN, days: 7, max: 2 })).toBe(0);
		const mails = await mailsTo('tiefbauamt@bedburg.example');
		expect(mails.map((m) => m.templateKey)).toEqual([
			'concerns.forwarded',
			'concerns.forward-reminder',
			'concerns.forward-reminder'
		]);
		const [f] = await db.select().from(concernForwardings);
		expect([f.reminderCount, f.lastRemindedAt]).toEqual([2, at(14)]);
		const tokens = mails.map((m) => tokenIn(m.textBody));
		expect(new Set(tokens).size).toBe(3);
		// Any of the links answers; after that every one of them is 410.
		setClock(at(15));
		await answer(tokens[1]);
		const viaFirst = await failure(answer(first));
		expect([viaFirst.code, messageOf(viaFirst)]).toEqual([
			'GONE',
			expect.stringContaining('bereits beantwortet')
		]);
		const actor = await peekCapabilityLink(db, tokens[2], 'concern.answer');
		expect((await failure(getForwardingForAnswer(db, { actor }))).code).toBe('GONE');
		expect(await remindForwardings(db, { now: at(60), origin: ORIGIN, days: 7, max: 5 })).toBe(0);
	});

	it('lists open forwardings overdue first and counts the overdue ones for the start page', async () => {
		const early = await submit();
		const late = await submit();
		await forward(late.id, { dueOn: '2026-11-30' });
		await forward(early.id, { dueOn: '2026-11-03' });
		await forward(early.id, { body: ordnung, dueOn: '2026-12-10' });
		setClock(new Date('2026-11-05T09:00:00Z'));
		const rows = await findOpenForwardings(db, { actor: staff });
		expect(rows.map((r) => [r.concernId, r.overdue])).toEqual([
			[early.id, true],
			[late.id, false],
			[early.id, false]
		]);
		expect(await countOverdueForwardings(db)).toBe(1);
		expect((await countOpenWork(db, { actor: staff })).overdueForwardings).toBe(1);
		expect((await countOpenWork(db, { actor: roomsStaff })).overdueForwardings).toBeNull();
		const page = await call(ledgerLoad as Handler, {
			db,
			actor: staff,
			path: '/verwaltung/anliegen/weiterleitungen'
		});
		expect(page.data?.overdue).toBe(1);
	});

	describe('forms', () => {
		const bodyFields = (over: Fields = {}): Fields => ({
			name: 'Grünflächenamt',
			email: 'gruen@bedburg.example',
			contactPerson: 'Herr Grün',
			notes: '',
			categories: String(lighting),
			active: 'on',
			...over
		});
		const createBody = (fields: Fields, actor: Actor = staff) =>
			call(bodiesActions.create as Handler, {
				db,
				actor,
				path: '/verwaltung/anliegen/stellen?/create',
				fields
			});

		it('bodies: bad input is 400 with German messages, a taken name 409, nothing half-written', async () => {
			const before = await db.select({ n: count() }).from(concernBodies);
			const cases: [Fields, string][] = [
				[bodyFields({ name: '' }), 'name'],
				[bodyFields({ email: 'keine-adresse' }), 'email'],
				[bodyFields({ categories: 'abc' }), 'categories'],
				[bodyFields({ name: 'x'.repeat(121) }), 'name']
			];
			for (const [fields, field] of cases) {
				const answer = await createBody(fields);
				expect(answer.status).toBe(400);
				expect(answer.errors?.[field]).toMatch(/[a-zäöüß]/);
			}
			const unknown = await createBody(bodyFields({ categories: '999999' }));
			expect([unknown.status, unknown.errors?.categories]).toEqual([
				400,
				expect.stringContaining('Zuständig für')
			]);
			const taken = await createBody(bodyFields({ name: 'ORDNUNGSAMT der Stadt Bedburg' }));
			expect([taken.status, taken.errors?.name]).toEqual([
				409,
				'Eine Stelle mit diesem Namen gibt es schon.'
			]);
			expect(await db.select({ n: count() }).from(concernBodies)).toEqual(before);
			expect((await createBody(bodyFields(), resident)).status).toBe(403);

			const created = await createBody(bodyFields());
			expect(created.status).toBe(303);
			const [body] = await db
				.select()
				.from(concernBodies)
				.where(eq(concernBodies.name, 'Grünflächenamt'));
			const links = await db
				.select()
				.from(concernBodyCategories)
				.where(eq(concernBodyCategories.bodyId, body.id));
			expect(links.map((l) => l.categoryId)).toEqual([lighting]);
			await saveConcernBody(db, {
				actor: staff,
				id: body.id,
				input: {
					name: 'Grünflächenamt',
					email: 'GRUEN@bedburg.example',
					contactPerson: '',
					notes: '',
					categories: [],
					active: false
				}
			});
			const [updated] = await db.select().from(concernBodies).where(eq(concernBodies.id, body.id));
			expect([updated.email, updated.active]).toEqual(['gruen@bedburg.example', false]);
			expect(
				await db
					.select()
					.from(concernBodyCategories)
					.where(eq(concernBodyCategories.bodyId, body.id))
			).toEqual([]);
			await db.delete(concernBodies).where(eq(concernBodies.id, body.id));
		});

		it('forward action and answer page: bad input is 400, the link still works afterwards', async () => {
			const { id } = await submit();
			const forwardAction = (fields: Fields) =>
				call(detailActions.forward as Handler, {
					db,
					actor: staff,
					path: `/verwaltung/anliegen/${id}?/forward`,
					params: { id: String(id) },
					fields
				});
			for (const fields of [
				{ body: '', dueOn: '2026-11-16' } as Fields,
				{ body: 'abc', dueOn: '2026-11-16' },
				{ body: String(tiefbau), dueOn: 'morgen' },
				{ body: String(tiefbau), dueOn: '2026-11-16', coverNote: 'x'.repeat(2001) }
			]) {
				const answer = await forwardAction(fields);
				expect(answer.status).toBe(400);
				expect(answer.data?.form).toBe('forward');
			}
			expect(await db.select().from(concernForwardings)).toHaveLength(0);
			const ok = await forwardAction({ body: String(tiefbau), dueOn: '16.11.2026' });
			expect([ok.status, ok.location]).toEqual([
				303,
				expect.stringContaining('aktion=weitergeleitet')
			]);

			const token = await bodyToken();
			const path = `/anliegen/antwort/${token}`;
			const page = await call(answerLoad as Handler, { db, path, params: { token } });
			expect(page.status).toBe(200);
			const send = (fields: Fields) =>
				call(answerActions.default as Handler, { db, path, params: { token }, fields });
			for (const fields of [
				{ answer: '', status: 'resolved' } as Fields,
				{ answer: 'Wird erledigt.', status: 'merged' },
				{ answer: 'Wird erledigt.' },
				{ answer: 'x'.repeat(4001), status: 'resolved' }
			]) {
				const answer = await send(fields);
				expect(answer.status).toBe(400);
			}
			const done = await send({ answer: 'Wird erledigt.', status: 'in_progress' });
			expect([done.status, done.location]).toEqual([303, '/anliegen/antwort/erledigt']);
			expect((await send({ answer: 'Noch einmal.', status: 'resolved' })).status).toBe(410);
			const visit = await call(answerLoad as Handler, { db, path, params: { token } });
			expect([visit.status, visit.message]).toEqual([410, expect.stringContaining('einmal')]);
			const forged = 'A'.repeat(43);
			expect(
				(
					await call(answerLoad as Handler, {
						db,
						path: '/anliegen/antwort/x',
						params: { token: forged }
					})
				).status
			).toBe(404);
			expect(
				(
					await call(answerActions.default as Handler, {
						db,
						path: '/anliegen/antwort/x',
						params: { token: forged },
						fields: { answer: 'Hallo', status: 'resolved' }
					})
				).status
			).toBe(404);
		});
	});
});
