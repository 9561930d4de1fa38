import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, count, eq, inArray } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { clearConcerns } from '$tests/helpers/concerns';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	concernCategories,
	concernEntries,
	concerns,
	outboxMails,
	type ConcernStatus
} from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { durationText } from '$lib/concerns/duration';
import { answerConcern } from './answer-concern';
import { changeConcernStatus } from './change-concern-status';
import { getConcernStatistics } from './concern-statistics';
import {
	findMergeCandidates,
	haversineMetres,
	normaliseAddress,
	significantWords,
	wordSimilarity
} from './find-merge-candidates';
import { getMergeTarget } from './get-merge-target';
import { loadMergePanel } from './load-merge-panel';
import { mergeConcern, mergeTargetOf } from './merge-concern';
import { getPublicConcern } from './public-concerns';
import { submitConcern } from './submit-concern';
import type { ConcernSubmissionInput } from './concerns.schemas';

const ORIGIN = 'https://quartier.example';
const NOW = new Date('2026-11-02T09:00:00Z');
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

describe('concerns: merging duplicates and statistics', () => {
	let database: Database;
	let db: Db;
	let lights: number;
	let roads: number;
	let staff: Actor & { id: number };
	let roomsStaff: Actor & { id: number };
	let resident: Actor & { id: number };

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const categories = await db.select().from(concernCategories);
		lights = categories.find((c) => c.slug === 'beleuchtung')!.id;
		roads = categories.find((c) => c.slug !== 'beleuchtung')!.id;
		staff = await createActor(db, {
			email: 'anliegen@kaster.example',
			roles: ['concerns'],
			displayName: 'Frau Anliegen'
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
		await db.delete(auditLog);
	});

	const submit = async (
		over: Partial<ConcernSubmissionInput> = {},
		set: Partial<typeof concerns.$inferInsert> = {}
	) => {
		const result = await submitConcern(db, {
			actor: ANONYMOUS,
			input: {
				category: lights,
				description: 'Die Laterne vor Lindenstraße 12 ist seit einer Woche dunkel.',
				address: 'Lindenstraße 12',
				visibility: 'public',
				name: 'Erika Mustermann',
				email: 'erika@example.org',
				phone: '',
				consentForward: false,
				...over
			},
			origin: ORIGIN
		});
		if (Object.keys(set).length > 0) {
			await db.update(concerns).set(set).where(eq(concerns.id, result.id));
		}
		return result;
	};
	const row = async (id: number) =>
		(await db.select().from(concerns).where(eq(concerns.id, id)))[0];
	const entriesOf = (id: number) =>
		db
			.select()
			.from(concernEntries)
			.where(eq(concernEntries.concernId, id))
			.orderBy(asc(concernEntries.id));
	async function written() {
		const [{ entries }] = await db.select({ entries: count() }).from(concernEntries);
		const [{ mails }] = await db.select({ mails: count() }).from(outboxMails);
		const [{ audits }] = await db.select({ audits: count() }).from(auditLog);
		const merged = await db
			.select({ id: concerns.id })
			.from(concerns)
			.where(eq(concerns.status, 'merged'));
		return { entries, mails, audits, merged: merged.length };
	}
	const merge = (id: number, target: string, actor: Actor = staff, notify = false) =>
		mergeConcern(db, { actor, id, target, notify, origin: ORIGIN });

	describe('merging', () => {
		it('merges A into B in one go: status, link, timeline on both, audit and the mail', async () => {
			const b = await submit({ email: 'other@example.org' });
			const a = await submit({
				description: 'Straßenlaterne Lindenstraße 12 kaputt, ganz dunkel.'
			});
			await db.delete(outboxMails);
			setClock(new Date(NOW.getTime() + HOUR));

			const result = await merge(a.id, ` ${b.reference.toLowerCase()} `, staff, true);
			expect(result).toEqual({ intoId: b.id, intoReference: b.reference, mailed: true });

			const merged = await row(a.id);
			expect(merged.status).toBe('merged');
			expect(merged.mergedInto).toBe(b.id);
			expect(merged.closedAt).toEqual(new Date(NOW.getTime() + HOUR));
			expect((await row(b.id)).status).toBe('received');

			const onA = (await entriesOf(a.id)).at(-1)!;
			expect(onA).toMatchObject({ kind: 'status', statusTo: 'merged', isPublic: true });
			expect(onA.body).toContain(b.reference);
			const onB = (await entriesOf(b.id)).at(-1)!;
			expect(onB).toMatchObject({ kind: 'note', isPublic: false });
			expect(onB.body).toContain(a.reference);

			const audits = await db
				.select({ action: auditLog.action, entityId: auditLog.entityId })
				.from(auditLog)
				.where(inArray(auditLog.action, ['concern.merged', 'concern.duplicate-merged']));
			expect(audits).toEqual(
				expect.arrayContaining([
					{ action: 'concern.merged', entityId: String(a.id) },
					{ action: 'concern.duplicate-merged', entityId: String(b.id) }
				])
			);

			const [mail] = await db.select().from(outboxMails);
			expect(mail.recipient).toBe('erika@example.org');
			expect(mail.textBody).toContain(b.reference);
			expect(mail.textBody).toContain(`${ORIGIN}/anliegen/${b.reference}`);

			// The public page of A shows the way to B; its timeline says where it went.
			expect(await getMergeTarget(db, a.id)).toEqual({ reference: b.reference, isPublic: true });
			expect(await getMergeTarget(db, b.id)).toBeNull();
			const page = await getPublicConcern(db, a.reference);
			expect(page.status).toBe('merged');
			expect(page.timeline.at(-1)?.body).toContain(b.reference);
			// …and the panel on A's staff page says so instead of offering the form again.
			expect(await loadMergePanel(db, { actor: staff, id: a.id })).toMatchObject({
				mergeable: false,
				mergedInto: { id: b.id, reference: b.reference },
				candidates: []
			});
		});

		it('names a private target without a link, and mails only when asked and allowed', async () => {
			const b = await submit({ visibility: 'private' });
			const a = await submit({ email: '', name: '' });
			const c = await submit();
			await db.delete(outboxMails);
			expect((await merge(a.id, b.reference, staff, true)).mailed).toBe(false);
			expect((await merge(c.id, b.reference, staff, false)).mailed).toBe(false);
			expect(await db.select().from(outboxMails)).toEqual([]);
			expect(await getMergeTarget(db, a.id)).toEqual({ reference: b.reference, isPublic: false });

			const d = await submit();
			await db.delete(outboxMails);
			await merge(d.id, b.reference, staff, true);
			const [mail] = await db.select().from(outboxMails);
			expect(mail.textBody).toContain(b.reference);
			expect(mail.textBody).not.toContain('/anliegen/');
		});

		it('merges from every open state and refuses closed ones with a German message', async () => {
			const b = await submit();
			for (const status of ['received', 'in_review', 'forwarded', 'in_progress'] as const) {
				const a = await submit({}, { status });
				await merge(a.id, b.reference);
				expect((await row(a.id)).status).toBe('merged');
				expect((await entriesOf(a.id)).at(-1)).toMatchObject({ statusFrom: status });
			}
			for (const status of ['resolved', 'declined'] as ConcernStatus[]) {
				const a = await submit({}, { status });
				const before = await written();
				const err = await failure(merge(a.id, b.reference));
				expect(err.code).toBe('CONFLICT');
				expect(err.fieldErrors?.reference).toMatch(/Nur offene Anliegen/);
				expect(await written()).toEqual(before);
			}
		});

		it('refuses itself, unknown and malformed numbers, chains and cycles, writing nothing', async () => {
			const a = await submit();
			const b = await submit();
			const c = await submit();
			await merge(b.id, c.reference); // B → C
			const before = await written();
			const refusal = async (promise: Promise<unknown>) => {
				const err = await failure(promise);
				expect(await written()).toEqual(before);
				return err.fieldErrors?.reference ?? '';
			};
			expect(await refusal(merge(a.id, a.reference))).toMatch(/nicht mit sich selbst/);
			expect(await refusal(merge(a.id, 'KAS-2026-9999'))).toMatch(
				/kein Anliegen mit der Nummer KAS-2026-9999/
			);
			expect(await refusal(merge(a.id, 'Lindenstraße'))).toMatch(/keine Vorgangsnummer/);
			expect(await refusal(merge(a.id, '   '))).toMatch(/Bitte wählen Sie/);
			// Into a merged concern: a chain; the message names where that one went.
			expect(await refusal(merge(a.id, b.reference))).toBe(
				`${b.reference} ist selbst schon mit ${c.reference} zusammengeführt. Bitte führen Sie dieses Anliegen direkt mit ${c.reference} zusammen.`
			);
			// C back into B would close a cycle: B is merged, so it is refused too.
			expect(await refusal(merge(c.id, b.reference))).toMatch(/selbst schon mit/);
			// B again: already merged.
			expect(await refusal(merge(b.id, a.reference))).toMatch(/bereits mit einem anderen/);
			// An unknown concern to merge is a 404.
			expect((await failure(merge(999_999, a.reference))).code).toBe('NOT_FOUND');
		});

		it('lets only one of two crossing merges win (no cycle), and the database refuses a self-link', async () => {
			const a = await submit();
			const b = await submit();
			const results = await Promise.allSettled([
				merge(a.id, b.reference),
				merge(b.id, a.reference)
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect((await written()).merged).toBe(1);
			await expect(
				db.update(concerns).set({ status: 'merged', mergedInto: a.id }).where(eq(concerns.id, a.id))
			).rejects.toThrow();
			const open = await submit();
			await expect(
				db.update(concerns).set({ mergedInto: a.id }).where(eq(concerns.id, open.id))
			).rejects.toThrow();
		});

		it('is for the concerns role only', async () => {
			const a = await submit();
			const b = await submit();
			const before = await written();
			const refused = ['FORBIDDEN', 'UNAUTHENTICATED'];
			for (const actor of [ANONYMOUS, resident, roomsStaff]) {
				expect(refused).toContain((await failure(merge(a.id, b.reference, actor))).code);
				expect(refused).toContain(
					(await failure(findMergeCandidates(db, { actor, id: a.id }))).code
				);
				expect(refused).toContain(
					(await failure(getConcernStatistics(db, { actor, scope: 'all' }))).code
				);
			}
			expect(await written()).toEqual(before);
		});

		it('takes a picked suggestion over a typed number', () => {
			expect(
				mergeTargetOf({ target: 'KAS-2026-0001', reference: 'KAS-2026-0002', notify: false })
			).toBe('KAS-2026-0001');
			expect(mergeTargetOf({ target: '', reference: 'KAS-2026-0002', notify: false })).toBe(
				'KAS-2026-0002'
			);
		});
	});

	describe('suggestions', () => {
		// Lindenstraße 12 and a point about 100 m north of it; 500 m is far.
		const here = { latitude: 52.5, longitude: 13.4 };
		const metresNorth = (m: number) => ({ latitude: 52.5 + m / 111_195, longitude: 13.4 });

		it('finds near, same-address and similar-text duplicates of the same category, open and recent', async () => {
			const self = await submit(
				{
					description: 'Die Straßenlaterne vor dem Spielplatz flackert nachts.',
					address: 'Am Markt 3'
				},
				here
			);
			const near = await submit(
				{ description: 'Licht an der Ecke geht an und aus.', address: '' },
				metresNorth(100)
			);
			await submit({ description: 'Lampe im Hinterhof defekt.', address: '' }, metresNorth(500));
			const sameAddress = await submit({
				description: 'Es ist abends sehr finster hier.',
				address: 'am markt 3'
			});
			const similar = await submit({
				description: 'Straßenlaternen am Spielplatz flackern seit Tagen',
				address: ''
			});
			// Similar or near, but another category, closed, merged or too old: never offered.
			await submit(
				{ category: roads, description: 'Straßenlaterne Spielplatz flackert', address: '' },
				here
			);
			await submit(
				{ description: 'Straßenlaterne Spielplatz flackert', address: '' },
				{
					...here,
					status: 'resolved'
				}
			);
			await submit(
				{ description: 'Straßenlaterne Spielplatz flackert', address: '' },
				{
					...here,
					status: 'declined'
				}
			);
			await submit(
				{ description: 'Straßenlaterne Spielplatz flackert', address: '' },
				{
					...here,
					createdAt: new Date(NOW.getTime() - 200 * DAY)
				}
			);

			const found = await findMergeCandidates(db, { actor: staff, id: self.id });
			expect(found.map((c) => c.reference).sort()).toEqual(
				[near.reference, sameAddress.reference, similar.reference].sort()
			);
			expect(found[0]).toMatchObject({ reference: near.reference, reasons: ['near'] });
			expect(found[0].distance).toBeGreaterThan(95);
			expect(found[0].distance).toBeLessThan(105);
			expect(found.find((c) => c.id === sameAddress.id)?.reasons).toEqual(['address']);
			expect(found.find((c) => c.id === similar.id)?.reasons).toEqual(['text']);
			// No submitter data travels with a suggestion.
			expect(JSON.stringify(found)).not.toContain('erika');
			expect((await failure(findMergeCandidates(db, { actor: staff, id: 999_999 }))).code).toBe(
				'NOT_FOUND'
			);
		});

		it('compares German words and addresses loosely, and measures metres', () => {
			const a = significantWords('Die Straßenlaterne flackert, die Laternen sind kaputt!');
			const b = significantWords('STRASSENLATERNE flackern; Laterne kaputt');
			expect(wordSimilarity(a, b)).toBeGreaterThanOrEqual(0.5);
			expect(
				wordSimilarity(significantWords('Müll im Park'), significantWords('Laterne im Park'))
			).toBe(0);
			expect(normaliseAddress('Lindenstr. 12')).toBe(normaliseAddress('Lindenstraße  12'));
			expect(Math.round(haversineMetres(52.5, 13.4, 52.5 + 150 / 111_195, 13.4))).toBe(150);
		});
	});

	describe('statistics', () => {
		it('counts by status and category and takes medians, public concerns only on the public page', async () => {
			// Answered after 1 h, 3 h and 11 h (median 3 h); resolved after 2 and 4 days (median 3 days).
			const answered = [1, 3, 11];
			const ids: number[] = [];
			for (const hours of answered) {
				setClock(NOW);
				const c = await submit();
				ids.push(c.id);
				setClock(new Date(NOW.getTime() + hours * HOUR));
				await answerConcern(db, {
					actor: staff,
					id: c.id,
					answer: 'Wir kümmern uns.',
					origin: ORIGIN
				});
			}
			setClock(new Date(NOW.getTime() + 2 * DAY));
			await changeConcernStatus(db, {
				actor: staff,
				id: ids[0],
				status: 'resolved',
				origin: ORIGIN
			});
			setClock(new Date(NOW.getTime() + 4 * DAY));
			await changeConcernStatus(db, {
				actor: staff,
				id: ids[1],
				status: 'resolved',
				origin: ORIGIN
			});
			// Declined quickly: not a resolution.
			await changeConcernStatus(db, {
				actor: staff,
				id: ids[2],
				status: 'declined',
				origin: ORIGIN
			});
			setClock(new Date(NOW.getTime() + 5 * DAY));
			// A private one, answered at once and resolved: counted for staff only.
			const personal = await submit({ visibility: 'private', category: roads });
			await answerConcern(db, {
				actor: staff,
				id: personal.id,
				answer: 'Erledigt.',
				origin: ORIGIN
			});
			await changeConcernStatus(db, {
				actor: staff,
				id: personal.id,
				status: 'resolved',
				origin: ORIGIN
			});
			// An old public one (two years ago), unanswered, in another category.
			await submit({ category: roads }, { createdAt: new Date(NOW.getTime() - 730 * DAY) });

			const pub = await getConcernStatistics(db, { scope: 'public' });
			expect(pub.all).toEqual({ recent: 3, total: 4 });
			const status = (s: string) => pub.byStatus.find((r) => r.status === s);
			expect(status('resolved')).toEqual({ status: 'resolved', recent: 2, total: 2 });
			expect(status('declined')).toEqual({ status: 'declined', recent: 1, total: 1 });
			expect(status('received')).toEqual({ status: 'received', recent: 0, total: 1 });
			expect(pub.byStatus).toHaveLength(7);
			const lightsName = (
				await db.select().from(concernCategories).where(eq(concernCategories.id, lights))
			)[0].name;
			const roadsName = (
				await db.select().from(concernCategories).where(eq(concernCategories.id, roads))
			)[0].name;
			expect(pub.byCategory.find((r) => r.name === lightsName)).toEqual({
				name: lightsName,
				recent: 3,
				total: 3
			});
			expect(pub.byCategory.find((r) => r.name === roadsName)).toEqual({
				name: roadsName,
				recent: 0,
				total: 1
			});
			// Every active category is listed, with zeros where nothing came in.
			expect(pub.byCategory).toHaveLength(8);
			expect(pub.firstAnswer).toEqual({ recent: 3 * 3600, total: 3 * 3600 });
			expect(pub.resolution).toEqual({ recent: 3 * 86400, total: 3 * 86400 });

			const all = await getConcernStatistics(db, { actor: staff, scope: 'all' });
			expect(all.all).toEqual({ recent: 4, total: 5 });
			expect(all.byCategory.find((r) => r.name === roadsName)).toMatchObject({
				recent: 1,
				total: 2
			});
			// Answers after 0, 1, 3, 11 h: median (1 + 3) / 2 = 2 h; resolutions 0, 2, 4 days: 2 days.
			expect(all.firstAnswer.total).toBe(2 * 3600);
			expect(all.resolution.total).toBe(2 * 86400);
			expect(JSON.stringify(pub)).not.toMatch(/erika|Mustermann/);
		});

		it('has no medians without answers, and says durations in plain German', async () => {
			const stats = await getConcernStatistics(db, { scope: 'public' });
			expect(stats.all).toEqual({ recent: 0, total: 0 });
			expect(stats.firstAnswer).toEqual({ recent: null, total: null });
			expect(stats.resolution).toEqual({ recent: null, total: null });
			expect(durationText(20)).toBe('1 Minute');
			expect(durationText(45 * 60)).toBe('45 Minuten');
			expect(durationText(3600)).toBe('1 Stunde');
			expect(durationText(5 * 3600)).toBe('5 Stunden');
			expect(durationText(47 * 3600)).toBe('47 Stunden');
			expect(durationText(2 * 86400)).toBe('2 Tage');
			expect(durationText(86400 * 1.4 + 48 * 3600)).toBe('3 Tage');
		});
	});
});
