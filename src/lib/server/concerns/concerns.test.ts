import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { clearConcerns, concernInput } from '$tests/helpers/concerns';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	capabilityLinks,
	concernCategories,
	concernCounters,
	concernEntries,
	concerns,
	outboxMails
} from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { messageOf } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { addConcernNote } from './add-concern-note';
import { answerConcern } from './answer-concern';
import { assignConcern } from './assign-concern';
import { changeConcernStatus } from './change-concern-status';
import { changeConcernVisibility } from './change-concern-visibility';
import { parseReference } from './concern-reference';
import { countOpenConcerns, findConcerns, staffFiltersOf } from './find-concerns';
import { findOwnConcerns } from './find-own-concerns';
import { getConcern } from './get-concern';
import { getConcernStatus } from './get-concern-status';
import {
	findPublicConcerns,
	getPublicConcern,
	listConcernCategories,
	publicFiltersOf
} from './public-concerns';
import { SEED_CONCERN_CATEGORIES } from './seed-concern-categories';
import { submitConcern } from './submit-concern';
import type { ConcernSubmissionInput } from './concerns.schemas';

const ORIGIN = 'https://quartier.example';
const NOW = new Date('2026-11-02T09:00:00Z');

describe('concerns', () => {
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
		staff = await createActor(db, {
			email: 'anliegen@kaster.example',
			roles: ['concerns'],
			displayName: 'Frau Anliegen'
		});
		colleague = await createActor(db, {
			email: 'kollege@kaster.example',
			roles: ['concerns'],
			displayName: 'Herr Kollege'
		});
		roomsStaff = await createActor(db, { email: 'raeume@kaster.example', roles: ['rooms'] });
		resident = await createActor(db, { email: 'bewohnerin@example.org' });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		await clearConcerns(db);
	});

	const input = (over: Partial<ConcernSubmissionInput> = {}) =>
		concernInput(categoryId, { ...over });
	const submit = (over: Partial<ConcernSubmissionInput> = {}, actor: Actor = ANONYMOUS) =>
		submitConcern(db, { actor, input: input(over), origin: ORIGIN });

	async function stored() {
		const [{ n }] = await db.select({ n: count() }).from(concerns);
		const [{ mails }] = await db.select({ mails: count() }).from(outboxMails);
		const [{ entries }] = await db.select({ entries: count() }).from(concernEntries);
		return { concerns: n, mails, entries };
	}

	describe('submitting', () => {
		it('seeds the eight categories of the issue once', async () => {
			const names = (await listConcernCategories(db)).map((c) => c.name);
			expect(names).toEqual(SEED_CONCERN_CATEGORIES.map((c) => c.name));
			await seedSite(db);
			expect(await listConcernCategories(db)).toHaveLength(8);
		});

		it('stores a concern with its first entry, a status link, both mails and the audit', async () => {
			const result = await submit();
			expect(result.reference).toBe('KAS-2026-0001');
			expect(result.mailed).toBe(true);
			const [row] = await db.select().from(concerns);
			expect(row).toMatchObject({
				reference: 'KAS-2026-0001',
				status: 'received',
				visibility: 'public',
				submitterName: 'Erika Mustermann',
				submitterEmail: 'erika@example.org',
				submitterPhone: '0170 1234567',
				consentContact: true,
				consentForwardContact: false,
				submitterUserId: null
			});
			expect(await stored()).toEqual({ concerns: 1, mails: 3, entries: 1 });
			const mails = await db.select().from(outboxMails).orderBy(asc(outboxMails.id));
			const confirmation = mails.find((m) => m.recipient === 'erika@example.org')!;
			expect(confirmation.subject).toBe('Ihr Anliegen KAS-2026-0001 ist eingegangen');
			expect(confirmation.textBody).toContain(`${ORIGIN}/anliegen/status/${result.statusToken}`);
			// Anyone may type someone else's address: the confirmation repeats none of the text.
			expect(confirmation.textBody).not.toContain('Laterne');
			const toStaff = mails
				.filter((m) => m.recipient !== 'erika@example.org')
				.map((m) => m.recipient);
			expect(toStaff.sort()).toEqual(['anliegen@kaster.example', 'kollege@kaster.example']);
			const actor = await peekCapabilityLink(db, result.statusToken!, 'concern.status');
			expect(actor.recordId).toBe(result.id);
			const audits = await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.entity, 'concern'), eq(auditLog.entityId, String(result.id))));
			expect(audits.map((a) => a.action)).toEqual(['concern.submitted']);
		});

		it('takes anonymous concerns without link or confirmation, and links a resident’s to the account', async () => {
			const anonymous = await submit({ name: '', email: '', phone: '', visibility: 'private' });
			expect(anonymous).toMatchObject({ mailed: false, statusToken: null });
			const [row] = await db.select().from(concerns).where(eq(concerns.id, anonymous.id));
			expect(row.consentContact).toBe(false);
			expect(await db.select().from(capabilityLinks)).toHaveLength(0);
			// Only the staff hear about it.
			expect((await stored()).mails).toBe(2);

			const own = await submit({ consentForward: true }, resident);
			const [ownRow] = await db.select().from(concerns).where(eq(concerns.id, own.id));
			expect(ownRow.submitterUserId).toBe(resident.id);
			expect(ownRow.consentForwardContact).toBe(true);
			expect((await findOwnConcerns(db, { actor: resident })).map((c) => c.reference)).toEqual([
				own.reference
			]);
			expect(await findOwnConcerns(db, { actor: ANONYMOUS })).toEqual([]);
		});

		it('refuses an unknown or switched-off category at the field and keeps the number free', async () => {
			for (const category of [999_999, -1]) {
				const err = await failure(submit({ category }));
				expect(err.code).toBe('INVALID');
				expect(err.fieldErrors).toEqual({
					category: 'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.'
				});
			}
			await db
				.update(concernCategories)
				.set({ active: false })
				.where(eq(concernCategories.id, categoryId));
			try {
				expect((await failure(submit())).code).toBe('INVALID');
				expect((await listConcernCategories(db)).map((c) => c.id)).not.toContain(categoryId);
			} finally {
				await db
					.update(concernCategories)
					.set({ active: true })
					.where(eq(concernCategories.id, categoryId));
			}
			expect(await stored()).toEqual({ concerns: 0, mails: 0, entries: 0 });
			expect((await submit()).reference).toBe('KAS-2026-0001');
		});

		it('stores markup, SQL and any script literally', async () => {
			const description = `<script>alert(1)</script> '); DROP TABLE concerns; -- 🚲 ﷽ Ünïcødé`;
			await submit({ description, name: "O'Brien", address: '"; DELETE FROM users; --' });
			const [row] = await db.select().from(concerns);
			expect(row.description).toBe(description);
			expect(row.submitterName).toBe("O'Brien");
		});

		it('counts per year and restarts in January (local time)', async () => {
			setClock(new Date('2026-12-31T22:30:00Z')); // 23:30 in Berlin
			expect((await submit()).reference).toBe('KAS-2026-0001');
			setClock(new Date('2026-12-31T23:30:00Z')); // 00:30 on New Year's Day in Berlin
			expect((await submit()).reference).toBe('KAS-2027-0001');
			expect((await submit()).reference).toBe('KAS-2027-0002');
		});

		it('gives 20 concurrent submissions 20 different numbers without gaps', async () => {
			const results = await Promise.all(
				Array.from({ length: 20 }, (_, i) => submit({ email: `person${i}@example.org` }))
			);
			const numbers = results.map((r) => r.reference).sort();
			expect(numbers).toEqual(
				Array.from({ length: 20 }, (_, i) => `KAS-2026-${String(i + 1).padStart(4, '0')}`)
			);
			const [counter] = await db.select().from(concernCounters);
			expect(counter).toEqual({ year: 2026, last: 20 });
		});

		it('has the database refuse what the form would never send', async () => {
			const bad = (values: Partial<typeof concerns.$inferInsert>) =>
				db.insert(concerns).values({
					reference: 'KAS-2026-9999',
					categoryId,
					description: 'Eine gültige Beschreibung.',
					visibility: 'public',
					...values
				});
			await expect(bad({ description: 'kurz' })).rejects.toThrow();
			await expect(bad({ description: 'x'.repeat(4001) })).rejects.toThrow();
			await expect(bad({ visibility: 'secret' as 'public' })).rejects.toThrow();
			await expect(bad({ latitude: 51.5 })).rejects.toThrow();
			await expect(bad({ latitude: 91, longitude: 7 })).rejects.toThrow();
			await expect(bad({ reference: 'RAUM-2026-0001' })).rejects.toThrow();
			const { id } = await submit();
			await expect(
				db.insert(concernEntries).values({ concernId: id, kind: 'note', body: 'x', isPublic: true })
			).rejects.toThrow();
		});
	});

	describe('what the public sees', () => {
		it('lists public concerns only, never names, contact data, notes or private concerns', async () => {
			const open = await submit({ description: 'Öffentlicher Hinweis zur Laterne am Bach.' });
			const secret = await submit({
				visibility: 'private',
				description: 'Persönliche Sache: Ärger mit dem Vermieter.'
			});
			await addConcernNote(db, { actor: staff, id: open.id, note: 'Intern: Stadtwerke anrufen' });
			await answerConcern(db, {
				actor: staff,
				id: open.id,
				answer: 'Wir haben die Stadtwerke informiert.',
				origin: ORIGIN
			});
			await assignConcern(db, { actor: staff, id: open.id, assigneeId: colleague.id });

			const list = await findPublicConcerns(db, { category: '', status: '', page: 1 });
			expect(list.total).toBe(1);
			expect(list.items.map((c) => c.reference)).toEqual([open.reference]);
			const detail = await getPublicConcern(db, open.reference.toLowerCase());
			expect(detail.timeline.map((e) => e.kind)).toEqual(['status', 'answer']);
			const everything = JSON.stringify({ list, detail });
			for (const secretText of [
				'Erika',
				'erika@example.org',
				'0170',
				'Intern: Stadtwerke',
				'Herr Kollege',
				'Vermieter',
				secret.reference
			]) {
				expect(everything).not.toContain(secretText);
			}
			expect((await failure(getPublicConcern(db, secret.reference))).code).toBe('NOT_FOUND');
			expect((await failure(getPublicConcern(db, 'KAS-2026-9999'))).code).toBe('NOT_FOUND');
			expect((await failure(getPublicConcern(db, "1' OR '1'='1"))).code).toBe('NOT_FOUND');
		});

		it('filters by category and status and pages newest first; refuses made-up filters', async () => {
			for (let i = 0; i < 22; i += 1) {
				setClock(new Date(NOW.getTime() + i * 60_000));
				await submit({ description: `Hinweis Nummer ${i} aus dem Quartier.` });
			}
			const first = await findPublicConcerns(db, { category: '', status: '', page: 1 });
			expect(first.total).toBe(22);
			expect(first.items[0].description).toBe('Hinweis Nummer 21 aus dem Quartier.');
			const second = await findPublicConcerns(db, { category: '', status: '', page: 2 });
			expect(second.items.map((c) => c.description)).toEqual([
				'Hinweis Nummer 1 aus dem Quartier.',
				'Hinweis Nummer 0 aus dem Quartier.'
			]);
			expect(
				(await findPublicConcerns(db, { category: 'verkehr', status: '', page: 1 })).total
			).toBe(0);
			expect(
				(await findPublicConcerns(db, { category: 'beleuchtung', status: 'received', page: 1 }))
					.total
			).toBe(22);

			const categories = await listConcernCategories(db);
			const url = (q: string) => new URL(`${ORIGIN}/anliegen${q}`);
			expect(
				publicFiltersOf(url('?kategorie=verkehr&status=resolved&seite=2'), categories)
			).toEqual({ category: 'verkehr', status: 'resolved', page: 2 });
			expect(publicFiltersOf(url('?kategorie=&status='), categories)).toMatchObject({
				category: '',
				status: ''
			});
			for (const q of ['?kategorie=nope', '?status=geheim', '?seite=0', '?seite=abc']) {
				const err = (() => {
					try {
						publicFiltersOf(url(q), categories);
					} catch (e) {
						return e as Error;
					}
				})();
				expect(err && messageOf(err as never), q).toBe(
					'Diese Auswahl gibt es nicht. Bitte wählen Sie aus den angebotenen Filtern.'
				);
			}
		});

		it('shows the holder of a status link their private concern, and nothing else', async () => {
			const mine = await submit({ visibility: 'private' });
			const other = await submit({ visibility: 'private' });
			const actor = await peekCapabilityLink(db, mine.statusToken!, 'concern.status');
			const status = await getConcernStatus(db, { actor, concernId: mine.id });
			expect(status.reference).toBe(mine.reference);
			expect(JSON.stringify(status)).not.toContain('erika@example.org');
			expect((await failure(getConcernStatus(db, { actor, concernId: other.id }))).code).toBe(
				'FORBIDDEN'
			);
			// A link of another purpose for the same record does not open it.
			const [answerLink] = await db.transaction(async (tx) => [
				await issueCapabilityLink(tx, {
					actor: staff,
					purpose: 'concern.answer',
					record: { type: 'concern', id: mine.id },
					expiresIn: { days: 1 },
					singleUse: true
				})
			]);
			expect((await failure(peekCapabilityLink(db, answerLink.token, 'concern.status'))).code).toBe(
				'NOT_FOUND'
			);
			setClock(new Date(NOW.getTime() + 401 * 86_400_000));
			expect(
				(await failure(peekCapabilityLink(db, mine.statusToken!, 'concern.status'))).code
			).toBe('GONE');
		});
	});

	describe('staff', () => {
		it('moves a concern along the allowed transitions, one entry and one audit per move', async () => {
			const { id } = await submit();
			const moves = async (status: 'in_review' | 'in_progress' | 'resolved' | 'declined') =>
				changeConcernStatus(db, { actor: staff, id, status, origin: ORIGIN });
			expect(await moves('in_review')).toEqual({ changed: true, mailed: false });
			expect(await moves('in_review')).toEqual({ changed: false, mailed: false });
			expect(await moves('in_progress')).toMatchObject({ changed: true });
			expect(await moves('resolved')).toMatchObject({ changed: true });
			let [row] = await db.select().from(concerns).where(eq(concerns.id, id));
			expect(row.closedAt).toEqual(NOW);
			// Reopened: no longer closed.
			expect(await moves('in_progress')).toMatchObject({ changed: true });
			[row] = await db.select().from(concerns).where(eq(concerns.id, id));
			expect(row.closedAt).toBeNull();
			const err = await failure(moves('in_review'));
			expect(err.code).toBe('INVALID_TRANSITION');
			expect(messageOf(err)).toBe(
				'Von hier aus kann das Anliegen nicht auf „In Prüfung“ gesetzt werden.'
			);
			const entries = await db
				.select()
				.from(concernEntries)
				.where(eq(concernEntries.concernId, id))
				.orderBy(asc(concernEntries.id));
			expect(entries.map((e) => [e.statusFrom, e.statusTo])).toEqual([
				[null, 'received'],
				['received', 'in_review'],
				['in_review', 'in_progress'],
				['in_progress', 'resolved'],
				['resolved', 'in_progress']
			]);
			const audits = await db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(and(eq(auditLog.entity, 'concern'), eq(auditLog.entityId, String(id))));
			expect(audits.filter((a) => a.action === 'concern.status-changed')).toHaveLength(4);
		});

		it('refuses every move from merged and lets one of two concurrent moves win', async () => {
			const { id } = await submit();
			await db.update(concerns).set({ status: 'merged' }).where(eq(concerns.id, id));
			for (const status of ['in_review', 'in_progress', 'resolved', 'declined'] as const) {
				expect(
					(await failure(changeConcernStatus(db, { actor: staff, id, status, origin: ORIGIN })))
						.code
				).toBe('INVALID_TRANSITION');
			}
			const other = await submit();
			const results = await Promise.allSettled([
				changeConcernStatus(db, { actor: staff, id: other.id, status: 'resolved', origin: ORIGIN }),
				changeConcernStatus(db, {
					actor: colleague,
					id: other.id,
					status: 'declined',
					origin: ORIGIN
				})
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const statusEntries = await db
				.select()
				.from(concernEntries)
				.where(and(eq(concernEntries.concernId, other.id), eq(concernEntries.kind, 'status')));
			expect(statusEntries).toHaveLength(2);
		});

		it('answers publicly with a mail to the submitter, and only when there is an address', async () => {
			const { id } = await submit();
			await db.delete(outboxMails);
			expect(
				await changeConcernStatus(db, {
					actor: staff,
					id,
					status: 'resolved',
					message: 'Die Lampe brennt wieder.',
					origin: ORIGIN
				})
			).toEqual({ changed: true, mailed: true });
			const [mail] = await db.select().from(outboxMails);
			expect(mail.recipient).toBe('erika@example.org');
			expect(mail.subject).toBe('Antwort zu Ihrem Anliegen KAS-2026-0001');
			expect(mail.textBody).toContain('Die Lampe brennt wieder.');
			expect(mail.textBody).toContain('Neuer Stand: Erledigt');
			expect(mail.textBody).toMatch(/\/anliegen\/status\/[A-Za-z0-9_-]+/);
			const [row] = await db.select().from(concerns).where(eq(concerns.id, id));
			expect(row.firstAnsweredAt).toEqual(NOW);

			const anonymous = await submit({ email: '', name: '', phone: '' });
			await db.delete(outboxMails);
			expect(
				await answerConcern(db, {
					actor: staff,
					id: anonymous.id,
					answer: 'Danke!',
					origin: ORIGIN
				})
			).toEqual({ mailed: false });
			expect(await db.select().from(outboxMails)).toHaveLength(0);
			const detail = await getConcern(db, { actor: staff, id: anonymous.id });
			expect(detail.timeline.map((e) => [e.kind, e.isPublic])).toEqual([
				['status', true],
				['answer', true]
			]);
		});

		it('assigns to colleagues with the role only, and records each change once', async () => {
			const { id } = await submit();
			expect(await assignConcern(db, { actor: staff, id, assigneeId: colleague.id })).toEqual({
				changed: true
			});
			expect(await assignConcern(db, { actor: staff, id, assigneeId: colleague.id })).toEqual({
				changed: false
			});
			for (const assigneeId of [roomsStaff.id, resident.id, 999_999]) {
				const err = await failure(assignConcern(db, { actor: staff, id, assigneeId }));
				expect(err.fieldErrors).toEqual({
					assignee: 'Bitte wählen Sie bei „Zuständig“ eine der angebotenen Möglichkeiten.'
				});
			}
			expect(await assignConcern(db, { actor: staff, id, assigneeId: null })).toEqual({
				changed: true
			});
			const detail = await getConcern(db, { actor: staff, id });
			expect(detail.assignedTo).toBeNull();
			expect(detail.timeline.filter((e) => e.kind === 'assigned').map((e) => e.body)).toEqual([
				'Herr Kollege',
				''
			]);
			expect(detail.colleagues.map((c) => c.email).sort()).toEqual([
				'anliegen@kaster.example',
				'kollege@kaster.example'
			]);
		});

		it('takes a public notice off the public pages, audited once', async () => {
			const { id, reference } = await submit();
			expect(
				await changeConcernVisibility(db, { actor: staff, id, visibility: 'private' })
			).toEqual({ changed: true });
			expect(
				await changeConcernVisibility(db, { actor: staff, id, visibility: 'private' })
			).toEqual({ changed: false });
			expect((await failure(getPublicConcern(db, reference))).code).toBe('NOT_FOUND');
			expect((await findPublicConcerns(db, { category: '', status: '', page: 1 })).total).toBe(0);
			const audits = await db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(and(eq(auditLog.entity, 'concern'), eq(auditLog.entityId, String(id))));
			expect(audits.filter((a) => a.action === 'concern.visibility-changed')).toHaveLength(1);
			for (const actor of [ANONYMOUS, resident, roomsStaff]) {
				await failure(changeConcernVisibility(db, { actor, id, visibility: 'public' }));
			}
			expect(
				(
					await failure(
						changeConcernVisibility(db, { actor: staff, id: 999_999, visibility: 'public' })
					)
				).code
			).toBe('NOT_FOUND');
		});

		it('lets only the concerns role (or admin) read and act', async () => {
			const { id } = await submit();
			const filters = staffFiltersOf(new URL(`${ORIGIN}/verwaltung/anliegen`));
			for (const [actor, code] of [
				[ANONYMOUS, 'UNAUTHENTICATED'],
				[resident, 'FORBIDDEN'],
				[roomsStaff, 'FORBIDDEN']
			] as const) {
				expect((await failure(findConcerns(db, { actor, filters }))).code).toBe(code);
				expect((await failure(getConcern(db, { actor, id }))).code).toBe(code);
				expect(
					(
						await failure(
							changeConcernStatus(db, { actor, id, status: 'resolved', origin: ORIGIN })
						)
					).code
				).toBe(code);
				expect(
					(await failure(answerConcern(db, { actor, id, answer: 'x', origin: ORIGIN }))).code
				).toBe(code);
				expect((await failure(addConcernNote(db, { actor, id, note: 'x' }))).code).toBe(code);
				expect((await failure(assignConcern(db, { actor, id, assigneeId: null }))).code).toBe(code);
			}
			expect((await failure(getConcern(db, { actor: staff, id: 999_999 }))).code).toBe('NOT_FOUND');
			expect(
				(await failure(addConcernNote(db, { actor: staff, id: 999_999, note: 'x' }))).code
			).toBe('NOT_FOUND');
			const [row] = await db.select().from(concerns);
			expect(row.status).toBe('received');
		});

		it('filters and searches the inbox and counts the open concerns', async () => {
			await submit({ description: 'Müll am Spielplatz, 100% voll_und_so.' });
			const secret = await submit({
				visibility: 'private',
				description: 'Private Beratung bitte.'
			});
			const done = await submit({ description: 'Schon erledigt, danke sehr.' });
			await changeConcernStatus(db, {
				actor: staff,
				id: done.id,
				status: 'resolved',
				origin: ORIGIN
			});
			const find = (q: string) =>
				findConcerns(db, {
					actor: staff,
					filters: staffFiltersOf(new URL(`${ORIGIN}/verwaltung/anliegen${q}`))
				});
			expect((await find('')).total).toBe(3);
			expect((await find('?status=offen')).total).toBe(2);
			expect((await find('?status=resolved')).items.map((c) => c.id)).toEqual([done.id]);
			expect((await find('?sichtbarkeit=private')).items.map((c) => c.id)).toEqual([secret.id]);
			expect((await find('?q=100%25')).total).toBe(1);
			expect((await find('?q=_')).total).toBe(1);
			expect((await find(`?q=${secret.reference.toLowerCase()}`)).items[0].id).toBe(secret.id);
			expect((await find(`?kategorie=${categoryId}`)).total).toBe(3);
			expect(await countOpenConcerns(db)).toBe(2);
			for (const q of ['?status=x', '?sichtbarkeit=alle', '?kategorie=abc', '?seite=-1']) {
				expect(() => staffFiltersOf(new URL(`${ORIGIN}/verwaltung/anliegen${q}`)), q).toThrow();
			}
		});
	});

	it('normalises references as typed', () => {
		expect(parseReference(' kas-2026-42 ')).toBe('KAS-2026-0042');
		expect(parseReference('KAS-2026-12345')).toBe('KAS-2026-12345');
		expect(parseReference('KAS-2026-0')).toBeNull();
		expect(parseReference('RAUM-2026-0001')).toBeNull();
	});
});
