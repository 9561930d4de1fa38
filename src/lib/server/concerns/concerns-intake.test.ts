import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { call } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { clearConcerns } from '$tests/helpers/concerns';
import { failure } from '$tests/helpers/domain-error';
import { createActor } from '$tests/helpers/users';
import type { Database, Db } from '../db/client';
import { auditLog, concernCategories, concerns, contactMessages, outboxMails } from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { submitContactMessage } from '../contact/submit-contact-message';
import { messageOf } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import {
	deleteConcernCategory,
	moveConcernCategory,
	setConcernCategoryActive
} from './arrange-concern-category';
import { createConcernFromMessage } from './concern-from-message';
import { findConcernCategories } from './find-concern-categories';
import { getConcern } from './get-concern';
import { getConcernReceipt } from './get-concern-receipt';
import type { DeskConcernInput } from './intake.schemas';
import { listConcernCategories } from './public-concerns';
import { recordConcern } from './record-concern';
import { reissueConcernReceipt } from './reissue-concern-receipt';
import { createConcernCategory, updateConcernCategory } from './save-concern-category';
import { submitConcern } from './submit-concern';
import * as categoriesPage from '../../../routes/verwaltung/anliegen/kategorien/+page.server';
import * as intakePage from '../../../routes/verwaltung/anliegen/neu/+page.server';
import * as receiptPage from '../../../routes/verwaltung/anliegen/[id=id]/beleg/+page.server';
import * as detailPage from '../../../routes/verwaltung/anliegen/[id=id]/+page.server';
import * as messagePage from '../../../routes/verwaltung/nachrichten/[id=id]/+page.server';

const ORIGIN = 'http://127.0.0.1';
const NOW = new Date('2026-11-02T09:00:00Z');

describe('concerns intake (categories, desk and phone, contact messages)', () => {
	let database: Database;
	let db: Db;
	let categoryId: number;
	let staff: Actor & { id: number };
	let both: Actor & { id: number };
	let content: Actor & { id: number };
	let rooms: Actor & { id: number };
	let resident: Actor & { id: number };
	let outsiders: [string, Actor][];

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const [category] = await db
			.select()
			.from(concernCategories)
			.where(eq(concernCategories.slug, 'beleuchtung'));
		categoryId = category.id;
		staff = await createActor(db, { email: 'aufnahme@kaster.example', roles: ['concerns'] });
		both = await createActor(db, {
			email: 'beides@kaster.example',
			roles: ['concerns', 'content']
		});
		content = await createActor(db, { email: 'inhalt@kaster.example', roles: ['content'] });
		rooms = await createActor(db, { email: 'raum@kaster.example', roles: ['rooms'] });
		resident = await createActor(db, { email: 'nachbarin@example.org' });
		outsiders = [
			['anonymous', ANONYMOUS],
			['resident', resident],
			['rooms', rooms],
			['content', content]
		];
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		await clearConcerns(db);
		await db.delete(contactMessages);
		await db.update(concernCategories).set({ active: true });
	});

	const desk = (over: Partial<DeskConcernInput> = {}): DeskConcernInput => ({
		channel: 'desk',
		category: categoryId,
		description: 'Der Gehweg vor der Kita ist seit dem Sturm mit Ästen versperrt.',
		address: 'Am Anger 3',
		visibility: 'private',
		name: 'Herr Alt',
		email: '',
		phone: '05251 12345',
		consentContact: true,
		consentForward: false,
		...over
	});
	const concernCount = async () => (await db.select({ n: count() }).from(concerns))[0].n;
	const deskFields = (over: Record<string, string> = {}) => ({
		channel: 'desk',
		category: String(categoryId),
		description: 'Die Bank am Spielplatz ist kaputt und hat Splitter.',
		address: '',
		visibility: 'private',
		name: '',
		email: '',
		phone: '',
		...over
	});

	describe('categories', () => {
		it('refuses everyone without the concerns role, for every change', async () => {
			for (const [label, actor] of outsiders) {
				const tries = [
					findConcernCategories(db, { actor }),
					createConcernCategory(db, { actor, input: { name: 'Neu', description: '' } }),
					updateConcernCategory(db, {
						actor,
						id: categoryId,
						input: { name: 'X', description: '' }
					}),
					moveConcernCategory(db, { actor, id: categoryId, direction: 'up' }),
					setConcernCategoryActive(db, { actor, id: categoryId, active: false }),
					deleteConcernCategory(db, { actor, id: categoryId })
				];
				for (const t of tries) {
					expect((await failure(t)).code, label).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
				}
			}
			const [row] = await db
				.select()
				.from(concernCategories)
				.where(eq(concernCategories.id, categoryId));
			expect(row).toMatchObject({ name: 'Beleuchtung', active: true });
		});

		it('adds at the end, keeps the slug on renaming and refuses a duplicate name (any case)', async () => {
			const { id } = await createConcernCategory(db, {
				actor: staff,
				input: { name: 'Hunde & Katzen', description: 'Tiere im Quartier' }
			});
			const list = await findConcernCategories(db, { actor: staff });
			expect(list.at(-1)).toMatchObject({
				id,
				slug: 'hunde-katzen',
				active: true,
				concernCount: 0
			});
			await updateConcernCategory(db, {
				actor: staff,
				id,
				input: { name: 'Haustiere', description: '' }
			});
			const [renamed] = await db
				.select()
				.from(concernCategories)
				.where(eq(concernCategories.id, id));
			expect(renamed).toMatchObject({ name: 'Haustiere', slug: 'hunde-katzen' });
			const [audit] = await db
				.select()
				.from(auditLog)
				.where(
					and(eq(auditLog.entityId, String(id)), eq(auditLog.action, 'concern.category-updated'))
				);
			expect(audit.before).toMatchObject({ name: 'Hunde & Katzen' });

			const err = await failure(
				createConcernCategory(db, { actor: staff, input: { name: 'BELEUCHTUNG', description: '' } })
			);
			expect(err.code).toBe('CONFLICT');
			expect(err.fieldErrors?.name).toMatch(/gibt es schon/);
			const renameErr = await failure(
				updateConcernCategory(db, { actor: staff, id, input: { name: 'verkehr', description: '' } })
			);
			expect(renameErr.fieldErrors?.name).toMatch(/gibt es schon/);
			await deleteConcernCategory(db, { actor: staff, id });
		});

		it('answers bad input on the page with German field errors and writes nothing', async () => {
			const before = (await findConcernCategories(db, { actor: staff })).length;
			const cases: [Record<string, string>, RegExp][] = [
				[{ name: '   ' }, /Name/],
				[{ name: 'x'.repeat(61) }, /höchstens 60/],
				[{ name: '<script>alert(1)</script>' }, /spitzen Klammern/],
				[{ name: 'Ok', description: 'y'.repeat(301) }, /höchstens 300/]
			];
			for (const [fields, message] of cases) {
				const answer = await call(categoriesPage.actions.add, {
					db,
					actor: staff,
					path: '/verwaltung/anliegen/kategorien?/add',
					fields: { description: '', ...fields }
				});
				expect(answer.status, JSON.stringify(fields)).toBe(400);
				expect(Object.values(answer.errors ?? {}).join(' ')).toMatch(message);
			}
			const dup = await call(categoriesPage.actions.add, {
				db,
				actor: staff,
				path: '/verwaltung/anliegen/kategorien?/add',
				fields: { name: 'Verkehr', description: '' }
			});
			expect(dup.status).toBe(409);
			expect(dup.errors?.name).toMatch(/gibt es schon/);
			const badRow = await call(categoriesPage.actions.move, {
				db,
				actor: staff,
				path: '/verwaltung/anliegen/kategorien?/move',
				fields: { id: 'abc', direction: 'up' }
			});
			expect(badRow.status).toBe(400);
			expect((await findConcernCategories(db, { actor: staff })).length).toBe(before);
		});

		it('moves a category up and down; the first cannot go further up', async () => {
			const order = async () =>
				(await findConcernCategories(db, { actor: staff })).map((c) => c.id);
			const start = await order();
			await moveConcernCategory(db, { actor: staff, id: start[2], direction: 'up' });
			const moved = await order();
			expect(moved.slice(0, 3)).toEqual([start[0], start[2], start[1]]);
			expect(
				await moveConcernCategory(db, { actor: staff, id: moved[0], direction: 'up' })
			).toEqual({ changed: false });
			await moveConcernCategory(db, { actor: staff, id: start[2], direction: 'down' });
			expect(await order()).toEqual(start);
			const answer = await call(categoriesPage.actions.move, {
				db,
				actor: staff,
				path: '/verwaltung/anliegen/kategorien?/move',
				fields: { id: String(start[0]), direction: 'down' }
			});
			expect(answer).toMatchObject({ status: 303 });
			expect((await order()).slice(0, 2)).toEqual([start[1], start[0]]);
			await moveConcernCategory(db, { actor: staff, id: start[0], direction: 'up' });
		});

		it('an inactive category leaves the form but old concerns keep its name; a used one is not deleted', async () => {
			const old = await recordConcern(db, { actor: staff, input: desk(), origin: ORIGIN });
			await setConcernCategoryActive(db, { actor: staff, id: categoryId, active: false });
			expect((await listConcernCategories(db)).map((c) => c.id)).not.toContain(categoryId);
			expect((await getConcern(db, { actor: staff, id: old.id })).categoryName).toBe('Beleuchtung');
			const refused = await failure(
				recordConcern(db, { actor: staff, input: desk(), origin: ORIGIN })
			);
			expect(refused.fieldErrors?.category).toBeTruthy();
			const web = await failure(
				submitConcern(db, {
					actor: ANONYMOUS,
					input: {
						category: categoryId,
						description: 'Noch eine Laterne ist dunkel.',
						address: '',
						visibility: 'public',
						name: '',
						email: '',
						phone: '',
						consentForward: false
					},
					origin: ORIGIN
				})
			);
			expect(web.fieldErrors?.category).toBeTruthy();
			expect(await concernCount()).toBe(1);

			const inUse = await failure(deleteConcernCategory(db, { actor: staff, id: categoryId }));
			expect(inUse.code).toBe('CONFLICT');
			expect(messageOf(inUse)).toMatch(/stattdessen aus/);
			const page = await call(categoriesPage.actions.delete, {
				db,
				actor: staff,
				path: '/verwaltung/anliegen/kategorien?/delete',
				fields: { id: String(categoryId) }
			});
			expect(page.status).toBe(409);
			await setConcernCategoryActive(db, { actor: staff, id: categoryId, active: true });
			expect((await listConcernCategories(db)).map((c) => c.id)).toContain(categoryId);
		});
	});

	describe('desk and phone intake', () => {
		it('refuses everyone without the concerns role and stores nothing', async () => {
			for (const [label, actor] of outsiders) {
				const err = await failure(recordConcern(db, { actor, input: desk(), origin: ORIGIN }));
				expect(err.code, label).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
			}
			expect(await concernCount()).toBe(0);
		});

		it('records a phone concern with a status link for the receipt, consents only with contact data', async () => {
			const result = await recordConcern(db, {
				actor: staff,
				input: desk({ channel: 'phone', consentForward: true }),
				origin: ORIGIN
			});
			expect(result).toMatchObject({ reference: 'KAS-2026-0001', mailed: false });
			const [row] = await db.select().from(concerns).where(eq(concerns.id, result.id));
			expect(row).toMatchObject({
				channel: 'phone',
				submitterUserId: null,
				submitterPhone: '05251 12345',
				consentContact: true,
				consentForwardContact: true
			});
			const holder = await peekCapabilityLink(db, result.statusToken, 'concern.status');
			expect(holder.recordId).toBe(result.id);
			// No mail without an address; colleagues are not told about what a colleague typed in.
			expect((await db.select({ n: count() }).from(outboxMails))[0].n).toBe(0);
			const [audit] = await db
				.select()
				.from(auditLog)
				.where(
					and(eq(auditLog.entityId, String(result.id)), eq(auditLog.action, 'concern.recorded'))
				);
			expect(audit.data).toMatchObject({ channel: 'phone' });

			const anonymous = await recordConcern(db, {
				actor: staff,
				input: desk({ name: '', phone: '', consentContact: true, consentForward: true }),
				origin: ORIGIN
			});
			const [bare] = await db.select().from(concerns).where(eq(concerns.id, anonymous.id));
			expect(bare).toMatchObject({ consentContact: false, consentForwardContact: false });
		});

		it('mails the confirmation when an e-mail address was given', async () => {
			const result = await recordConcern(db, {
				actor: staff,
				input: desk({ email: 'Alt@Example.org' }),
				origin: ORIGIN
			});
			expect(result.mailed).toBe(true);
			const mails = await db.select().from(outboxMails);
			expect(mails.map((m) => m.recipient)).toEqual(['alt@example.org']);
			expect(mails[0].textBody).toContain(`${ORIGIN}/anliegen/status/`);
		});

		it('the form answers bad input with German messages (nothing stored) and saves to the receipt', async () => {
			const bad: [Record<string, string>, string, RegExp][] = [
				[{ description: 'kurz' }, 'description', /mindestens 10/],
				[{ phone: 'ruf mich an' }, 'phone', /Telefon/],
				[{ channel: 'brief' }, 'channel', /.+/],
				[{ category: '999999' }, 'category', /.+/],
				[{ email: 'keine-adresse' }, 'email', /E-Mail/]
			];
			for (const [over, key, message] of bad) {
				const answer = await call(intakePage.actions.default, {
					db,
					actor: staff,
					path: '/verwaltung/anliegen/neu',
					fields: deskFields(over)
				});
				expect(answer.status, key).toBe(400);
				expect(answer.errors?.[key], key).toMatch(message);
			}
			expect(await concernCount()).toBe(0);

			const saved = await call(intakePage.actions.default, {
				db,
				actor: staff,
				path: '/verwaltung/anliegen/neu',
				fields: deskFields({
					consentContact: 'on',
					description: '<script>alert(1)</script> kaputt'
				})
			});
			expect(saved.status).toBe(303);
			const location = new URL(saved.location!, ORIGIN);
			expect(location.pathname).toMatch(/^\/verwaltung\/anliegen\/\d+\/beleg$/);
			const receipt = await call(receiptPage.load, {
				db,
				actor: staff,
				path: `${location.pathname}${location.search}`,
				params: { id: location.pathname.split('/')[3] }
			});
			const r = (receipt.data as { receipt: Awaited<ReturnType<typeof getConcernReceipt>> })
				.receipt;
			expect(r.concern.reference).toBe('KAS-2026-0001');
			expect(r.statusUrl).toBe(`${ORIGIN}/anliegen/status/${location.searchParams.get('link')}`);
			expect(r.qrSvg).toMatch(/^<svg/);
			expect(r.office.name).toBeTruthy();
		});
	});

	describe('receipt links', () => {
		it('shows a receipt only for a live link of the same concern; reprinting issues a fresh one', async () => {
			const a = await recordConcern(db, { actor: staff, input: desk(), origin: ORIGIN });
			const b = await recordConcern(db, { actor: staff, input: desk(), origin: ORIGIN });
			await expect(
				getConcernReceipt(db, { actor: staff, id: a.id, token: b.statusToken, origin: ORIGIN })
			).rejects.toMatchObject({ code: 'NOT_FOUND' });
			await expect(
				getConcernReceipt(db, { actor: staff, id: a.id, token: 'nonsense', origin: ORIGIN })
			).rejects.toMatchObject({ code: 'NOT_FOUND' });
			for (const [, actor] of outsiders) {
				await failure(reissueConcernReceipt(db, { actor, id: a.id }));
				await failure(
					getConcernReceipt(db, { actor, id: a.id, token: a.statusToken, origin: ORIGIN })
				);
			}
			const without = await call(receiptPage.load, {
				db,
				actor: staff,
				path: `/verwaltung/anliegen/${a.id}/beleg`,
				params: { id: String(a.id) }
			});
			expect(without.data).toMatchObject({ receipt: null });
			const unknown = await call(receiptPage.load, {
				db,
				actor: staff,
				path: `/verwaltung/anliegen/999999/beleg`,
				params: { id: '999999' }
			});
			expect(unknown.status).toBe(404);

			const again = await call(detailPage.actions.receipt, {
				db,
				actor: staff,
				path: `/verwaltung/anliegen/${a.id}?/receipt`,
				params: { id: String(a.id) },
				fields: {}
			});
			expect(again.status).toBe(303);
			const fresh = new URL(again.location!, ORIGIN).searchParams.get('link')!;
			expect(fresh).not.toBe(a.statusToken);
			expect((await peekCapabilityLink(db, fresh, 'concern.status')).recordId).toBe(a.id);
			// The first receipt's link still works.
			expect((await peekCapabilityLink(db, a.statusToken, 'concern.status')).recordId).toBe(a.id);
			const audits = await db
				.select()
				.from(auditLog)
				.where(
					and(eq(auditLog.entityId, String(a.id)), eq(auditLog.action, 'concern.receipt-reissued'))
				);
			expect(audits).toHaveLength(1);
		});
	});

	describe('contact message → concern', () => {
		async function message(text = 'Vor unserem Haus steht seit Wochen ein Sperrmüllhaufen.') {
			const { id } = await submitContactMessage(db, {
				actor: ANONYMOUS,
				input: {
					name: 'Frau Neu',
					email: 'Neu@Example.org',
					recipient: 'buero',
					subject: 'Sperrmüll',
					message: text
				},
				origin: ORIGIN
			});
			await db.delete(outboxMails);
			return id;
		}
		const input = {
			get category() {
				return categoryId;
			},
			description: 'Sperrmüllhaufen vor dem Haus',
			address: 'Lindenstraße 4',
			visibility: 'private' as const,
			consentForward: false
		};

		it('makes one concern with the sender as submitter, marks the message answered, refuses twice', async () => {
			const messageId = await message();
			const made = await createConcernFromMessage(db, {
				actor: both,
				messageId,
				input: { ...input, category: categoryId },
				origin: ORIGIN
			});
			const [row] = await db.select().from(concerns).where(eq(concerns.id, made.id));
			expect(row).toMatchObject({
				channel: 'contact_message',
				contactMessageId: messageId,
				submitterName: 'Frau Neu',
				submitterEmail: 'neu@example.org',
				consentContact: true,
				consentForwardContact: false,
				visibility: 'private'
			});
			const [msg] = await db
				.select()
				.from(contactMessages)
				.where(eq(contactMessages.id, messageId));
			expect(msg.status).toBe('answered');
			expect((await db.select().from(outboxMails)).map((m) => m.recipient)).toEqual([
				'neu@example.org'
			]);

			const twice = await failure(
				createConcernFromMessage(db, { actor: both, messageId, input, origin: ORIGIN })
			);
			expect(twice.code).toBe('CONFLICT');
			expect(messageOf(twice)).toMatch(/schon ein Anliegen/);
			const page = await call(messagePage.actions.concern, {
				db,
				actor: both,
				path: `/verwaltung/nachrichten/${messageId}?/concern`,
				params: { id: String(messageId) },
				fields: {
					category: String(categoryId),
					description: input.description,
					visibility: 'private'
				}
			});
			expect(page.status).toBe(409);
			expect(await concernCount()).toBe(1);

			const loaded = await call(messagePage.load, {
				db,
				actor: both,
				path: `/verwaltung/nachrichten/${messageId}`,
				params: { id: String(messageId) }
			});
			expect(loaded.data?.concernPanel).toMatchObject({
				concern: { id: made.id, reference: made.reference },
				mayCreate: false
			});
			// Deleting the message leaves the concern, without the link.
			await db.delete(contactMessages).where(eq(contactMessages.id, messageId));
			const [after] = await db.select().from(concerns).where(eq(concerns.id, made.id));
			expect(after.contactMessageId).toBeNull();
		});

		it('needs both the concerns and the content role; a concurrent second try is refused', async () => {
			const messageId = await message();
			for (const actor of [staff, content, rooms, resident, ANONYMOUS]) {
				await failure(createConcernFromMessage(db, { actor, messageId, input, origin: ORIGIN }));
			}
			const results = await Promise.allSettled([
				createConcernFromMessage(db, { actor: both, messageId, input, origin: ORIGIN }),
				createConcernFromMessage(db, { actor: both, messageId, input, origin: ORIGIN })
			]);
			expect(
				results.filter((r) => r.status === 'fulfilled'),
				JSON.stringify(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')))
			).toHaveLength(1);
			expect(await concernCount()).toBe(1);
		});

		it('the form starts private with the message text, checks input and refuses feedback', async () => {
			const messageId = await message();
			const loaded = await call(messagePage.load, {
				db,
				actor: both,
				path: `/verwaltung/nachrichten/${messageId}`,
				params: { id: String(messageId) }
			});
			expect(loaded.data?.concernPanel).toMatchObject({ concern: null, mayCreate: true });
			const short = await call(messagePage.actions.concern, {
				db,
				actor: both,
				path: `/verwaltung/nachrichten/${messageId}?/concern`,
				params: { id: String(messageId) },
				fields: { category: String(categoryId), description: 'kurz', visibility: 'private' }
			});
			expect(short.status).toBe(400);
			expect(short.errors?.description).toMatch(/mindestens 10/);
			const [feedback] = await db
				.insert(contactMessages)
				.values({ kind: 'accessibility', name: 'A', email: 'a@example.org', message: 'Kontrast' })
				.returning({ id: contactMessages.id });
			const refused = await failure(
				createConcernFromMessage(db, { actor: both, messageId: feedback.id, input, origin: ORIGIN })
			);
			expect(refused.code).toBe('INVALID');
			const ok = await call(messagePage.actions.concern, {
				db,
				actor: both,
				path: `/verwaltung/nachrichten/${messageId}?/concern`,
				params: { id: String(messageId) },
				fields: {
					category: String(categoryId),
					description: 'Sperrmüllhaufen vor dem Haus',
					visibility: 'private'
				}
			});
			expect(ok.status).toBe(303);
			expect(ok.location).toMatch(/^\/verwaltung\/anliegen\/\d+\?aktion=aus-nachricht$/);
			const rows = await db.select().from(concerns).orderBy(asc(concerns.id));
			expect(rows).toHaveLength(1);
		});
	});
});
