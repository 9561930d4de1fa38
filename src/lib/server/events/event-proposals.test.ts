import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import { ANONYMOUS, CLI_ACTOR, type Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	bookings,
	capabilityLinks,
	eventOccurrences,
	events,
	groups,
	outboxMails,
	rooms
} from '../db/schema';
import { messageOf } from '../errors';
import { parseFormData } from '../form';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { countOpenWork } from '../dashboard/count-open-work';
import { getStaffDashboard } from '../dashboard/get-staff-dashboard';
import { buildSitemap } from '../site/build-sitemap';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { addGroupEditor } from './add-group-editor';
import { createEvent } from './create-event';
import { createGroup } from './create-group';
import { eventCalendarFile, eventsFeed } from './events-feed';
import { eventInputSchema } from './events.schemas';
import { extendEventDatesJob } from './extend-event-dates.job';
import { findEventsForAdmin, getEventForEdit } from './find-events-admin';
import { findUpcomingEvents } from './find-upcoming-events';
import { getEventBySlug } from './get-event-by-slug';
import { getGroupBySlug } from './get-group-by-slug';
import { getProposalStatus } from './get-proposal-status';
import { proposalSchema, rejectionSchema, type ProposalInput } from './proposal.schemas';
import { publishEventProposal } from './publish-event-proposal';
import { rejectEventProposal } from './reject-event-proposal';
import { submitEventProposal } from './submit-event-proposal';
import { updateEvent } from './update-event';

// A Monday morning in Kaster.
const NOW = new Date('2026-11-02T09:00:00Z');
const ORIGIN = 'https://kaster.example.org';

describe('event proposals: submission and moderation', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let admin: Actor;
	let roomsStaff: Actor;
	let resident: Actor;
	let gruppenraum: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		setClock(NOW);
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		admin = await createActor(db, { email: 'admin@example.org', roles: ['admin'] });
		roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		resident = await createActor(db, { email: 'bewohnerin@example.org', roles: [] });
		[{ id: gruppenraum }] = await db
			.select({ id: rooms.id })
			.from(rooms)
			.where(eq(rooms.slug, 'gruppenraum'));
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(() => setClock(NOW));
	afterEach(() => resetClock());

	/** The public form as the browser sends it, through the schema. */
	function form(over: Record<string, string | string[]> = {}) {
		const data = new FormData();
		const fields: Record<string, string | string[]> = {
			title: 'Spieleabend im Hof',
			description: 'Brettspiele für alle Generationen. Bringen Sie gern eigene Spiele mit.',
			date: '2026-11-20',
			startTime: '18:00',
			endTime: '20:00',
			repeat: 'none',
			placeName: 'Innenhof Lindenstraße',
			placeAddress: 'Lindenstraße 4, 50181 Bedburg',
			organiserName: 'Hausgemeinschaft Lindenstraße',
			categories: ['begegnung'],
			targetGroups: ['familien'],
			languages: ['de'],
			isFree: 'on',
			submitterName: 'Erika Mustermann',
			submitterEmail: 'erika@example.org',
			...over
		};
		for (const [key, value] of Object.entries(fields)) {
			for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
		}
		return parseFormData(data, proposalSchema);
	}
	function input(over: Record<string, string | string[]> = {}): ProposalInput {
		const parsed = form(over);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return parsed.data;
	}
	const submit = (over: Record<string, string | string[]> = {}, actor: Actor = ANONYMOUS) =>
		submitEventProposal(db, { actor, input: input(over), origin: ORIGIN });
	const totals = async () => {
		const [[{ e }], [{ mails }], [{ links }]] = await Promise.all([
			db.select({ e: count() }).from(events),
			db.select({ mails: count() }).from(outboxMails),
			db.select({ links: count() }).from(capabilityLinks)
		]);
		return { events: e, mails, links };
	};
	const row = async (id: number) => (await db.select().from(events).where(eq(events.id, id)))[0];
	const mailsTo = (to: string) =>
		db.select().from(outboxMails).where(eq(outboxMails.recipient, to));
	const statusActor = (token: string) => peekCapabilityLink(db, token, 'event.proposal-status');

	/** Every public read, for one event: what a visitor could reach. */
	async function publicly(slug: string, title: string) {
		const upcoming = await findUpcomingEvents(db, {});
		const searched = await findUpcomingEvents(db, { filters: { q: title.split(' ')[0] } });
		const feed = await eventsFeed(db, { origin: ORIGIN, name: 'Kaster' });
		const detail = await getEventBySlug(db, slug).then(
			() => true,
			() => false
		);
		const ics = await eventCalendarFile(db, { origin: ORIGIN, slug }).then(
			() => true,
			() => false
		);
		const sitemap = await buildSitemap(db, ORIGIN);
		const listed = (r: typeof upcoming) =>
			r.days.some((d) => d.dates.some((x) => x.title === title));
		return {
			list: listed(upcoming),
			search: listed(searched),
			feed: feed.ics.includes(title.slice(0, 20)),
			detail,
			ics,
			sitemap: sitemap.includes(`/veranstaltungen/${slug}`)
		};
	}
	const hidden = {
		list: false,
		search: false,
		feed: false,
		detail: false,
		ics: false,
		sitemap: false
	};

	it('stores a proposal as pending, with the submitter in its own columns, a status link and mails', async () => {
		const before = await totals();
		const { id, statusToken, mailed } = await submit({ roomId: String(gruppenraum) });
		expect(mailed).toBe(true);
		const stored = await row(id);
		expect(stored).toMatchObject({
			moderation: 'pending',
			status: 'scheduled',
			groupId: null,
			roomId: gruppenraum,
			submitterName: 'Erika Mustermann',
			submitterEmail: 'erika@example.org',
			organiserName: 'Hausgemeinschaft Lindenstraße',
			rejectionReason: '',
			moderatedAt: null,
			createdBy: null,
			isExample: false
		});
		// Its dates are stored, but a proposal holds no room.
		const dates = await db.select().from(eventOccurrences).where(eq(eventOccurrences.eventId, id));
		expect(dates).toHaveLength(1);
		const held = await db.select().from(bookings).where(eq(bookings.eventId, id));
		expect(held).toHaveLength(0);
		// The receipt carries the status link; the office hears of it (without that link).
		const [receipt] = await mailsTo('erika@example.org');
		expect(receipt.templateKey).toBe('events.proposal-received');
		expect(receipt.textBody).toContain(`${ORIGIN}/veranstaltungen/vorschlag?token=${statusToken}`);
		const office = await db
			.select()
			.from(outboxMails)
			.where(eq(outboxMails.templateKey, 'events.proposal-for-staff'));
		expect(office.length).toBeGreaterThan(0);
		expect(office.every((m) => !m.textBody.includes(statusToken))).toBe(true);
		expect(office[0].textBody).toContain(`/verwaltung/veranstaltungen/${id}`);
		const after = await totals();
		expect(after.links).toBe(before.links + 1);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'event.proposed'), eq(auditLog.entityId, String(id))));
		expect(audit).toBeDefined();

		// The status page: the state, what was proposed; nothing about who proposed it.
		const status = await getProposalStatus(db, { actor: await statusActor(statusToken), id });
		expect(status).toMatchObject({ moderation: 'pending', slug: null, rejectionReason: '' });
		expect(JSON.stringify(status)).not.toMatch(/erika|Mustermann|Hausgemeinschaft/i);
	});

	it('lets an editor of a group propose for it, and nobody else', async () => {
		const group = await createGroup(db, {
			actor: content,
			input: {
				name: 'Tanzgruppe Vorschlag',
				description: '',
				email: '',
				phone: '',
				showContact: false
			}
		});
		const editor = await createActor(db, { email: 'tanz-editorin@example.org', roles: [] });
		await addGroupEditor(db, {
			actor: content,
			groupId: group.id,
			email: 'tanz-editorin@example.org'
		});
		const mine = await submit({ title: 'Tanzabend', groupId: String(group.id) }, editor);
		expect((await row(mine.id)).groupId).toBe(group.id);

		const before = await totals();
		for (const stranger of [ANONYMOUS, resident, content]) {
			const err = await failure(
				submit({ title: 'Fremde Gruppe', groupId: String(group.id) }, stranger)
			);
			expect(err.code).toBe('INVALID');
			expect(err.fieldErrors?.groupId).toContain('Für diese Gruppe können Sie keine');
		}
		expect(await totals()).toEqual(before);
	});

	it('works without an e-mail address: no receipt, the link still issued', async () => {
		const before = await totals();
		const { id, statusToken, mailed } = await submit({
			title: 'Laternenumzug',
			submitterEmail: ''
		});
		expect(mailed).toBe(false);
		expect((await row(id)).submitterEmail).toBe('');
		const receipts = await db
			.select()
			.from(outboxMails)
			.where(eq(outboxMails.templateKey, 'events.proposal-received'));
		expect(receipts.every((m) => !m.textBody.includes(statusToken))).toBe(true);
		const [link] = await db
			.select()
			.from(capabilityLinks)
			.where(
				and(eq(capabilityLinks.purpose, 'event.proposal-status'), eq(capabilityLinks.recordId, id))
			);
		expect(link.sentToHint).toBeNull();
		expect((await totals()).links).toBe(before.links + 1);
		await expect(statusActor(statusToken)).resolves.toMatchObject({ recordId: id });
	});

	it('keeps a pending proposal out of every public read (list, search, feeds, page, .ics, sitemap, group page)', async () => {
		const { id } = await submit({ title: 'Geheimer Flohmarkt', repeat: 'weekly' });
		const { slug } = await row(id);
		expect(await publicly(slug, 'Geheimer Flohmarkt')).toEqual(hidden);
		// Staff edit it (and give it a group): still pending, still hidden, still no room held.
		const [group] = await db.select().from(groups).limit(1);
		const values = (await getEventForEdit(db, { actor: content, id })).values;
		const parsed = parseFormData(
			toFormData({ ...values, groupId: String(group.id), roomId: String(gruppenraum) }),
			eventInputSchema
		);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		await updateEvent(db, { actor: content, id, input: parsed.data });
		expect((await row(id)).moderation).toBe('pending');
		expect(await publicly(slug, 'Geheimer Flohmarkt')).toEqual(hidden);
		const groupPage = await getGroupBySlug(db, group.slug);
		expect(JSON.stringify(groupPage)).not.toContain('Geheimer Flohmarkt');
		expect(await db.select().from(bookings).where(eq(bookings.eventId, id))).toHaveLength(0);
		// The nightly job extends its dates but holds nothing either.
		await extendEventDatesJob.run({ db, now: new Date(NOW.getTime() + 30 * 86_400_000) } as never);
		expect(await db.select().from(bookings).where(eq(bookings.eventId, id))).toHaveLength(0);
	});

	function staffInput(values: Record<string, string>) {
		const parsed = parseFormData(toFormData(values), eventInputSchema);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return parsed.data;
	}

	function toFormData(values: Record<string, string>) {
		const data = new FormData();
		for (const [key, value] of Object.entries(values)) {
			if (['categories', 'targetGroups', 'languages'].includes(key)) {
				for (const v of value.split('\n').filter(Boolean)) data.append(key, v);
			} else data.append(key, value);
		}
		return data;
	}

	it('refuses bad input with German field messages and stores nothing', async () => {
		const errorsOf = (over: Record<string, string | string[]>) => {
			const parsed = form(over);
			return parsed.ok ? {} : parsed.errors;
		};
		const empty = errorsOf({
			title: '',
			description: '',
			date: '',
			organiserName: '',
			submitterName: ''
		});
		expect(Object.keys(empty).sort()).toEqual(
			['date', 'description', 'organiserName', 'submitterName', 'title'].sort()
		);
		expect(empty.title).toMatch(/Bitte füllen Sie das Feld „Titel“ aus/);
		expect(errorsOf({ description: 'x'.repeat(1_000_000) }).description).toMatch(/höchstens 5000/);
		expect(errorsOf({ title: 'x'.repeat(151) }).title).toMatch(/höchstens 150/);
		expect(errorsOf({ title: 'Fest \u202Egnp.exe' }).title).toMatch(
			/unsichtbare|Steuerzeichen|Zeichen/
		);
		expect(errorsOf({ submitterName: 'A\u0000B' }).submitterName).toMatch(/ungültige Zeichen/);
		expect(errorsOf({ submitterEmail: 'nicht-an-mail' }).submitterEmail).toMatch(/E-Mail-Adresse/);
		expect(errorsOf({ repeat: 'rule' }).repeat).toBeDefined();
		expect(errorsOf({ date: '99999-01-01' }).date).toBeDefined();
		expect(errorsOf({ date: '2026-02-30' }).date).toBeDefined();
		expect(errorsOf({ categories: ['<script>'] }).categories).toBeDefined();
		expect(errorsOf({ roomId: '1; drop table events; --' }).roomId).toBeDefined();
		expect(errorsOf({ website: 'x' })).toEqual({});

		const before = await totals();
		const refusals: [Record<string, string | string[]>, string][] = [
			[{ date: '2026-11-01' }, 'date'], // in the past
			[{ startTime: '20:00', endTime: '18:00' }, 'endTime'],
			[{ startTime: '' }, 'startTime'],
			[{ date: '2031-01-01' }, 'date'], // more than three years ahead
			[{ placeName: '' }, 'placeName'],
			[{ roomId: '999999' }, 'roomId'],
			// 2026-11-20 is the third Friday, not the 20th weekday of a month: fine; the rule must
			// still start on the first date, which monthly-day does.
			[{ repeat: 'weekly', until: '2026-11-01' }, 'until']
		];
		for (const [over, field] of refusals) {
			const err = await failure(submit(over));
			expect(err.code, JSON.stringify(over)).toBe('INVALID');
			expect(Object.keys(err.fieldErrors ?? {}), JSON.stringify(over)).toContain(field);
		}
		expect(await totals()).toEqual(before);
	});

	it('stores script, SQL and any script of the world as plain text', async () => {
		const title = `<script>alert(1)</script> '; drop table events; -- Çay 🍵 مقهى`;
		const { id } = await submit({
			title,
			organiserName: '<img src=x onerror=alert(1)>',
			submitterName: "Robert'); DROP TABLE users;--"
		});
		const stored = await row(id);
		expect(stored.title).toBe(title);
		expect(stored.organiserName).toBe('<img src=x onerror=alert(1)>');
		expect(stored.submitterName).toBe("Robert'); DROP TABLE users;--");
	});

	it('publishes a proposal: listed, holding its room, the submitter told with the public link', async () => {
		const { id, statusToken } = await submit({
			title: 'Nachbarschaftscafé',
			roomId: String(gruppenraum),
			placeName: ''
		});
		const { slug } = await publishEventProposal(db, { actor: content, id, origin: ORIGIN });
		const stored = await row(id);
		expect(stored).toMatchObject({ moderation: 'published', sequence: 1 });
		expect(stored.moderatedAt).toEqual(NOW);
		expect(stored.moderatedBy).toBe((content as { id: number }).id);
		const visible = await publicly(slug, 'Nachbarschaftscafé');
		expect(visible).toMatchObject({
			list: true,
			search: true,
			feed: true,
			detail: true,
			ics: true
		});
		const held = await db
			.select()
			.from(bookings)
			.where(and(eq(bookings.eventId, id), eq(bookings.kind, 'event')));
		expect(held).toHaveLength(1);
		const [mail] = (await mailsTo('erika@example.org')).filter(
			(m) => m.templateKey === 'events.proposal-published'
		);
		expect(mail.textBody).toContain(`${ORIGIN}/veranstaltungen/${slug}`);
		expect(mail.textBody).toContain('/veranstaltungen/vorschlag?token=');
		const status = await getProposalStatus(db, { actor: await statusActor(statusToken), id });
		expect(status).toMatchObject({ moderation: 'published', slug });
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'event.published'), eq(auditLog.entityId, String(id))));
		expect(audit).toBeDefined();
	});

	it('refuses a second decision with a clear conflict, also when two come at once', async () => {
		const { id } = await submit({ title: 'Doppelt entschieden' });
		await publishEventProposal(db, { actor: content, id, origin: ORIGIN });
		const again = await failure(publishEventProposal(db, { actor: content, id, origin: ORIGIN }));
		expect(again.code).toBe('CONFLICT');
		expect(messageOf(again)).toMatch(/schon veröffentlicht/);
		const reject = await failure(
			rejectEventProposal(db, { actor: content, id, reason: 'Zu spät', origin: ORIGIN })
		);
		expect(reject.code).toBe('CONFLICT');
		expect((await row(id)).moderation).toBe('published');

		const { id: raced } = await submit({ title: 'Gleichzeitig entschieden' });
		const results = await Promise.allSettled([
			publishEventProposal(db, { actor: content, id: raced, origin: ORIGIN }),
			rejectEventProposal(db, { actor: admin, id: raced, reason: 'Passt nicht', origin: ORIGIN })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const audits = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, String(raced)));
		expect(
			audits.filter((a) => a.action === 'event.published' || a.action === 'event.rejected')
		).toHaveLength(1);

		// A staff event is no proposal.
		const staffEvent = await createEvent(db, {
			actor: content,
			input: staffInput({
				title: 'Bürosprechstunde',
				date: '2026-11-24',
				startTime: '10:00',
				endTime: '12:00',
				placeName: 'Büro'
			})
		});
		const notProposal = await failure(
			publishEventProposal(db, { actor: content, id: staffEvent.id, origin: ORIGIN })
		);
		expect(notProposal.code).toBe('CONFLICT');
		expect(
			(await failure(publishEventProposal(db, { actor: content, id: 999_999, origin: ORIGIN })))
				.code
		).toBe('NOT_FOUND');
	});

	it('rejects with a reason the submitter reads; a rejected proposal never shows and keeps no dates', async () => {
		const reasonErrors = (reason: string) => {
			const data = new FormData();
			data.append('reason', reason);
			const parsed = parseFormData(data, rejectionSchema);
			return parsed.ok ? null : parsed.errors.reason;
		};
		expect(reasonErrors('')).toMatch(/Begründung/);
		expect(reasonErrors('Nein')).toMatch(/mindestens 5/);
		expect(reasonErrors('x'.repeat(2001))).toMatch(/höchstens 2000/);
		expect(reasonErrors('Leider ausgebucht.')).toBeNull();

		const { id, statusToken } = await submit({ title: 'Abgelehnter Vorschlag', repeat: 'weekly' });
		const { slug } = await row(id);
		const reason =
			'Der Termin überschneidet sich mit dem Stadtfest.\nBitte schlagen Sie einen anderen vor.';
		await rejectEventProposal(db, { actor: content, id, reason, origin: ORIGIN });
		expect(await row(id)).toMatchObject({ moderation: 'rejected', rejectionReason: reason });
		expect(
			await db.select().from(eventOccurrences).where(eq(eventOccurrences.eventId, id))
		).toHaveLength(0);
		expect(await publicly(slug, 'Abgelehnter Vorschlag')).toEqual(hidden);
		await extendEventDatesJob.run({ db, now: new Date(NOW.getTime() + 30 * 86_400_000) } as never);
		expect(
			await db.select().from(eventOccurrences).where(eq(eventOccurrences.eventId, id))
		).toHaveLength(0);
		const status = await getProposalStatus(db, { actor: await statusActor(statusToken), id });
		expect(status).toMatchObject({ moderation: 'rejected', rejectionReason: reason, slug: null });
		const [mail] = (await mailsTo('erika@example.org')).filter(
			(m) => m.templateKey === 'events.proposal-rejected' && m.textBody.includes('Stadtfest')
		);
		expect(mail).toBeDefined();
		// The database keeps a rejection from going without a reason.
		const { id: other } = await submit({ title: 'Ohne Grund' });
		await expect(
			db.update(events).set({ moderation: 'rejected' }).where(eq(events.id, other))
		).rejects.toThrow();
	});

	it('refuses to publish into a taken room and leaves the proposal pending', async () => {
		const { id } = await submit({
			title: 'Im Weg',
			date: '2026-11-26',
			startTime: '18:00',
			endTime: '20:00',
			roomId: String(gruppenraum)
		});
		await createEvent(db, {
			actor: content,
			input: staffInput({
				title: 'Schon da',
				date: '2026-11-26',
				startTime: '17:00',
				endTime: '19:00',
				roomId: String(gruppenraum)
			})
		});
		const err = await failure(publishEventProposal(db, { actor: content, id, origin: ORIGIN }));
		expect(err.code).toBe('CONFLICT');
		expect((await row(id)).moderation).toBe('pending');
		expect(await db.select().from(bookings).where(eq(bookings.eventId, id))).toHaveLength(0);
	});

	it('lets only content staff (and admins) moderate; a status link shows only its own proposal', async () => {
		const { id, statusToken } = await submit({ title: 'Rechteprüfung' });
		const { id: otherId } = await submit({ title: 'Anderer Vorschlag' });
		for (const actor of [ANONYMOUS, resident, roomsStaff]) {
			const publish = await failure(publishEventProposal(db, { actor, id, origin: ORIGIN }));
			expect(publish.code).toBe(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
			const reject = await failure(
				rejectEventProposal(db, { actor, id, reason: 'Nicht erlaubt', origin: ORIGIN })
			);
			expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(reject.code);
			expect((await failure(findEventsForAdmin(db, { actor }))).code).toMatch(
				/UNAUTHENTICATED|FORBIDDEN/
			);
		}
		expect((await row(id)).moderation).toBe('pending');
		const link = await statusActor(statusToken);
		expect((await failure(getProposalStatus(db, { actor: link, id: otherId }))).code).toBe(
			'FORBIDDEN'
		);
		expect((await failure(getProposalStatus(db, { actor: ANONYMOUS, id }))).code).toBe(
			'UNAUTHENTICATED'
		);
		expect((await failure(statusActor('x'.repeat(43)))).code).toBe('NOT_FOUND');
		// One character changed (never to itself: a token may end in "A").
		const tampered = `${statusToken.slice(0, -1)}${statusToken.endsWith('A') ? 'B' : 'A'}`;
		expect((await failure(statusActor(tampered))).code).toMatch(/NOT_FOUND/);
		// A link for another purpose on the same record does not open the status page.
		const other = await db.transaction((tx) =>
			issueCapabilityLink(tx, {
				actor: CLI_ACTOR,
				purpose: 'event.moderate',
				record: { type: 'event', id },
				expiresIn: { days: 1 },
				singleUse: false
			})
		);
		expect((await failure(statusActor(other.token))).code).toBe('NOT_FOUND');
		// Expired: GONE with a reason.
		setClock(new Date(NOW.getTime() + 400 * 86_400_000));
		expect((await failure(statusActor(statusToken))).code).toBe('GONE');
		setClock(NOW);
		await publishEventProposal(db, { actor: admin, id, origin: ORIGIN });
	});

	it('lists proposals in their own tab, paged, and counts them for the staff who moderate', async () => {
		const pending = await db
			.select({ n: count() })
			.from(events)
			.where(eq(events.moderation, 'pending'));
		const list = await findEventsForAdmin(db, { actor: content, view: 'proposals' });
		expect(list.pending).toBe(pending[0].n);
		expect(list.total).toBe(pending[0].n);
		expect(list.rows.every((r) => r.moderation === 'pending')).toBe(true);
		// Oldest first.
		const created = list.rows.map((r) => r.createdAt.getTime() * 1e6 + r.id);
		expect(created).toEqual([...created].sort((a, b) => a - b));
		const rejected = await findEventsForAdmin(db, { actor: content, view: 'rejected' });
		expect(rejected.rows.every((r) => r.moderation === 'rejected')).toBe(true);
		const published = await findEventsForAdmin(db, { actor: content });
		expect(published.rows.every((r) => r.moderation === 'published')).toBe(true);

		// Paging: 50 a page, every row once.
		for (let i = 0; i < 52; i++) await submit({ title: `Vorschlag ${i}`, submitterEmail: '' });
		const first = await findEventsForAdmin(db, { actor: content, view: 'proposals' });
		const second = await findEventsForAdmin(db, { actor: content, view: 'proposals', page: 2 });
		expect(first.rows).toHaveLength(50);
		expect(first.pages).toBe(2);
		expect(second.rows.length).toBe(first.total - 50);
		expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(first.total);

		const total = first.total;
		expect((await countOpenWork(db, { actor: content })).eventProposals).toBe(total);
		expect((await countOpenWork(db, { actor: roomsStaff })).eventProposals).toBeNull();
		expect((await getStaffDashboard(db, { actor: content })).eventProposals).toEqual({
			pending: total
		});
		expect((await getStaffDashboard(db, { actor: roomsStaff })).eventProposals).toBeNull();
		// Staff see the submitter on the edit page.
		const edit = await getEventForEdit(db, { actor: content, id: first.rows[0].id });
		expect(edit.event.moderation).toBe('pending');
		expect(edit.event.proposal).toMatchObject({ submitterName: 'Erika Mustermann' });
	});
});
