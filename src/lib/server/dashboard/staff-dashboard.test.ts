import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { contactMessages, notices, outboxMails, pages, siteSettings, venues } from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import type { StaffRole } from '../db/schema';
import { DomainError } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { countOpenWork } from './count-open-work';
import { getStaffDashboard } from './get-staff-dashboard';
import { goLiveChecklist } from './go-live-checklist';

const NOW = new Date('2026-11-29T10:00:00Z');
const DAY = 86_400_000;
const staff = (...roles: StaffRole[]): Actor => ({
	kind: 'staff',
	id: 1,
	email: 's@example.org',
	displayName: 'S',
	roles
});

describe('the back office start page', () => {
	let database: Database;
	let db: Db;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		await db.delete(contactMessages);
		await db.delete(outboxMails);
		await db.delete(notices);
	});
	afterEach(() => resetClock());

	const message = (values: Partial<typeof contactMessages.$inferInsert>) =>
		db
			.insert(contactMessages)
			.values({ name: 'Erika', email: 'e@example.org', message: 'Hallo', ...values });

	it('counts new and overdue messages and lists feedback by due date', async () => {
		await message({ subject: 'frisch', createdAt: new Date(NOW.getTime() - DAY) });
		await message({ subject: 'alt', createdAt: new Date(NOW.getTime() - 8 * DAY) });
		await message({
			subject: 'erledigt',
			status: 'answered',
			createdAt: new Date(NOW.getTime() - 30 * DAY)
		});
		await message({
			kind: 'accessibility',
			subject: 'Barriere spät',
			dueAt: new Date(NOW.getTime() - DAY)
		});
		await message({
			kind: 'accessibility',
			subject: 'Barriere bald',
			dueAt: new Date(NOW.getTime() + 3 * DAY)
		});

		const { messages } = await getStaffDashboard(db, { actor: staff('content') });
		expect(messages).toMatchObject({ open: 4, overdue: 2 });
		expect(messages!.oldest.map((m) => [m.subject, m.overdue])).toEqual([
			['alt', true],
			['frisch', false]
		]);
		expect(messages!.feedback.map((f) => [f.subject, f.overdue])).toEqual([
			['Barriere spät', true],
			['Barriere bald', false]
		]);
		expect(await countOpenWork(db, { actor: staff('content') })).toEqual({
			messages: 4,
			stuckMails: null,
			bookingRequests: null,
			eventProposals: 0,
			concerns: null,
			overdueForwardings: null
		});
	});

	it('shows stuck mail with its reason to administrators only, and says when no mail server is set up', async () => {
		await db.insert(outboxMails).values([
			{ recipient: 'a@example.org', subject: 'Wartet', textBody: 'x' },
			{
				recipient: 'b@example.org',
				subject: 'Hängt',
				textBody: 'x',
				attempts: 2,
				lastError: 'connect ECONNREFUSED'
			},
			{
				recipient: 'c@example.org',
				subject: 'Aufgegeben',
				textBody: 'x',
				status: 'failed',
				attempts: 8,
				lastError: '550 no such user'
			},
			{
				recipient: 'd@example.org',
				subject: 'Gesendet',
				textBody: 'x',
				status: 'sent',
				attempts: 1
			}
		]);
		const { outbox } = await getStaffDashboard(db, { actor: staff('admin') });
		expect(outbox!.waiting).toBe(2);
		expect(outbox!.stuck.map((m) => [m.subject, m.lastError])).toEqual([
			['Hängt', 'connect ECONNREFUSED'],
			['Aufgegeben', '550 no such user']
		]);
		expect(outbox!.mailServerConfigured).toBe(Boolean(process.env.SMTP_URL));
		expect(await countOpenWork(db, { actor: staff('admin') })).toMatchObject({ stuckMails: 2 });
		expect((await getStaffDashboard(db, { actor: staff('content') })).outbox).toBeNull();
	});

	it('lists notices that end within a week, not those already ended or far off', async () => {
		const start = new Date(NOW.getTime() - 10 * DAY);
		await db.insert(notices).values([
			{ title: 'endet morgen', startsAt: start, endsAt: new Date(NOW.getTime() + DAY) },
			{
				title: 'endet in einem Monat',
				startsAt: start,
				endsAt: new Date(NOW.getTime() + 30 * DAY)
			},
			{ title: 'schon vorbei', startsAt: start, endsAt: new Date(NOW.getTime() - DAY) },
			{ title: 'ohne Ende', startsAt: start }
		]);
		const { expiringNotices } = await getStaffDashboard(db, { actor: staff('content') });
		expect(expiringNotices!.map((n) => n.title)).toEqual(['endet morgen']);
	});

	it('gives each role only its sections and refuses people outside the back office', async () => {
		const rooms = await getStaffDashboard(db, { actor: staff('rooms') });
		expect(rooms).toEqual({
			messages: null,
			outbox: null,
			expiringNotices: null,
			checklist: null,
			review: null,
			bookingRequests: { pending: 0 },
			eventProposals: null,
			concerns: null
		});
		const concernsStaff = await getStaffDashboard(db, { actor: staff('concerns') });
		expect(concernsStaff).toMatchObject({ messages: null, bookingRequests: null });
		expect(concernsStaff.concerns).toEqual({ open: 0 });
		await expect(countOpenWork(db, { actor: staff('concerns') })).resolves.toEqual({
			messages: null,
			stuckMails: null,
			bookingRequests: null,
			eventProposals: null,
			concerns: 0,
			overdueForwardings: 0
		});
		const admin = await getStaffDashboard(db, { actor: staff('admin') });
		expect(admin.messages && admin.outbox && admin.checklist && admin.review).toBeTruthy();
		for (const actor of [
			ANONYMOUS,
			{ kind: 'resident', id: 2, email: 'r@example.org', displayName: '' } as Actor
		]) {
			await expect(getStaffDashboard(db, { actor })).rejects.toBeInstanceOf(DomainError);
			await expect(countOpenWork(db, { actor })).resolves.toEqual({
				messages: null,
				stuckMails: null,
				bookingRequests: null,
				eventProposals: null,
				concerns: null,
				overdueForwardings: null
			});
		}
	});

	it("starts with Kaster's seeded placeholders open and ticks items off as staff fill them in", async () => {
		const open = (await getStaffDashboard(db, { actor: staff('admin') })).checklist!;
		expect(open.filter((i) => !i.done).map((i) => i.key)).toEqual([
			'imprint',
			'privacy-officer',
			'address',
			'phone',
			'email',
			'opening-hours'
		]);
		await db
			.update(siteSettings)
			.set({ contactPhone: '02272 123', contactEmail: 'qm@example.org' });
		await db
			.update(venues)
			.set({ street: 'Am Markt 1', postalCode: '50181', city: 'Bedburg', openingHours: 'Mo 9–12' });
		await db
			.update(pages)
			.set({ body: 'Stadt Bedburg, Am Markt 1' })
			.where(eq(pages.slug, 'impressum'));
		const after = (await getStaffDashboard(db, { actor: staff('admin') })).checklist!;
		expect(after.filter((i) => !i.done).map((i) => i.key)).toEqual(['privacy-officer']);
		expect(after.find((i) => i.key === 'phone')!.href).toBe(
			'/verwaltung/quartier#field-contactPhone'
		);
	});

	it('treats blank text as missing', () => {
		const items = goLiveChecklist({
			imprintBody: '   ',
			privacyBody: 'fertig',
			venue: { id: 7, street: ' ', postalCode: '1', city: 'x', openingHours: '\n' },
			contactPhone: ' ',
			contactEmail: 'a@b.de'
		});
		expect(items.filter((i) => i.done).map((i) => i.key)).toEqual(['privacy-officer', 'email']);
		// The address is edited on the main venue's page (/verwaltung/haus lists the places).
		expect(items.find((i) => i.key === 'address')!.href).toBe('/verwaltung/haus/7#field-street');
	});
});
