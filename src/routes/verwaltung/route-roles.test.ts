import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answerFromThrown,
	call,
	isRefusal,
	type Answer,
	type Handler
} from '$tests/helpers/actions';
import { ANONYMOUS, residentActor, staffActor } from '$tests/helpers/actors';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor, createUser } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import { guardBackOffice } from '$lib/server/auth/back-office-guard';
import { can, type Permission } from '$lib/server/auth/permissions';
import { submitContactMessage } from '$lib/server/contact/submit-contact-message';
import { submitConcern } from '$lib/server/concerns/submit-concern';
import { listConcernCategories } from '$lib/server/concerns/public-concerns';
import type { Database } from '$lib/server/db/client';
import {
	bookingRequests,
	concernBodies,
	contactPersons,
	events,
	groups,
	outboxMails,
	rooms
} from '$lib/server/db/schema';
import { createNewsPost } from '$lib/server/notices/create-news-post';
import { createNotice } from '$lib/server/notices/create-notice';
import { resetRateLimits } from '$lib/server/security/rate-limit';
import { seedSite } from '$lib/server/site/seed-site';

/*
 * The route × role matrix of the back office, generated from the route tree: every load, form
 * action and endpoint under /verwaltung, called in-process on a real database as anonymous, a
 * resident and staff with each single role. Everyone without the permission is refused (the
 * login for anonymous visitors, 403 for the others); whoever has it is not. A new route or action
 * that is missing from REQUIRED fails the first test: say which permission it needs.
 */

const modules = import.meta.glob<Record<string, unknown>>(
	['./**/+page.server.ts', './**/+server.ts'],
	{
		eager: true
	}
);

type Entry = Partial<Record<string, Permission>>;

/** file → { load | action name | HTTP method → the permission it needs }. */
const REQUIRED: Record<string, Entry> = {
	'./+page.server.ts': { load: 'backoffice.enter' },
	'./aufgaben/+page.server.ts': { load: 'jobs.read' },
	'./anliegen/+page.server.ts': { load: 'concerns.manage' },
	'./anliegen/open311/+page.server.ts': {
		load: 'open311.keys.manage',
		create: 'open311.keys.manage',
		revoke: 'open311.keys.manage'
	},
	'./anliegen/[id=id]/+page.server.ts': {
		load: 'concerns.manage',
		status: 'concerns.manage',
		answer: 'concerns.manage',
		note: 'concerns.manage',
		visibility: 'concerns.manage',
		assign: 'concerns.manage',
		merge: 'concerns.manage',
		forward: 'concerns.manage',
		receipt: 'concerns.manage',
		photoHide: 'concerns.manage',
		photoShow: 'concerns.manage',
		photoDelete: 'concerns.manage'
	},
	'./anliegen/[id=id]/beleg/+page.server.ts': { load: 'concerns.manage' },
	'./anliegen/neu/+page.server.ts': { load: 'concerns.manage', default: 'concerns.manage' },
	'./anliegen/kategorien/+page.server.ts': {
		load: 'concerns.manage',
		add: 'concerns.manage',
		edit: 'concerns.manage',
		move: 'concerns.manage',
		deactivate: 'concerns.manage',
		activate: 'concerns.manage',
		delete: 'concerns.manage'
	},
	'./anliegen/personen/+page.server.ts': {
		load: 'concerns.personal-data',
		search: 'concerns.personal-data',
		erase: 'concerns.personal-data'
	},
	'./anliegen/personen/export.json/+server.ts': { POST: 'concerns.personal-data' },
	'./anliegen/stellen/+page.server.ts': { load: 'concerns.manage', create: 'concerns.manage' },
	'./anliegen/stellen/[id=id]/+page.server.ts': {
		load: 'concerns.manage',
		default: 'concerns.manage'
	},
	'./anliegen/weiterleitungen/+page.server.ts': { load: 'concerns.manage' },
	'./ansprechpersonen/+page.server.ts': { load: 'content.edit' },
	'./ansprechpersonen/[id=id]/+page.server.ts': {
		load: 'content.edit',
		save: 'content.edit',
		delete: 'content.edit'
	},
	'./ansprechpersonen/neu/+page.server.ts': { load: 'content.edit', default: 'content.edit' },
	'./haus/+page.server.ts': { load: 'content.edit' },
	'./haus/[id=id]/+page.server.ts': { load: 'content.edit', default: 'content.edit' },
	'./haus/neu/+page.server.ts': { load: 'content.edit', default: 'content.edit' },
	'./hinweise/+page.server.ts': { load: 'content.read' },
	'./hinweise/[id=id]/+page.server.ts': {
		load: 'content.read',
		save: 'content.edit',
		delete: 'content.edit'
	},
	'./hinweise/neu/+page.server.ts': { load: 'content.edit', default: 'content.edit' },
	'./konten/+page.server.ts': { load: 'accounts.manage' },
	'./konten/[id]/+page.server.ts': {
		load: 'accounts.manage',
		rollen: 'accounts.manage',
		link: 'accounts.manage',
		sperren: 'accounts.manage',
		freischalten: 'accounts.manage'
	},
	'./konten/neu/+page.server.ts': { load: 'accounts.manage', default: 'accounts.manage' },
	'./nachrichten/+page.server.ts': { load: 'contact.read' },
	'./nachrichten/[id=id]/+page.server.ts': {
		load: 'contact.read',
		answered: 'contact.answer',
		concern: 'concerns.from-contact-message'
	},
	'./neuigkeiten/+page.server.ts': { load: 'content.read' },
	'./neuigkeiten/[id=id]/+page.server.ts': {
		load: 'content.read',
		save: 'content.edit',
		delete: 'content.edit'
	},
	'./neuigkeiten/neu/+page.server.ts': { load: 'content.edit', default: 'content.edit' },
	'./postausgang/+page.server.ts': { load: 'outbox.read', retry: 'outbox.retry' },
	'./postausgang/[id=id]/+page.server.ts': { load: 'outbox.read' },
	'./raeume/+page.server.ts': { load: 'bookings.read' },
	'./raeume/anfragen/[id=id]/+page.server.ts': {
		load: 'bookings.read',
		approve: 'bookings.decide',
		decline: 'bookings.decide',
		propose: 'bookings.decide',
		cancel: 'bookings.decide',
		note: 'bookings.decide'
	},
	'./raeume/anfragen/[id=id]/termine/[bookingId=id]/+page.server.ts': {
		load: 'bookings.read',
		default: 'bookings.decide'
	},
	'./raeume/plan/+page.server.ts': { load: 'bookings.read' },
	'./raeume/bericht/+page.server.ts': { load: 'bookings.read' },
	'./raeume/bericht.csv/+server.ts': { GET: 'bookings.read' },
	'./raeume/kalender/+page.server.ts': { load: 'bookings.read', renew: 'bookings.read' },
	'./raeume/plan/woche/+page.server.ts': { load: 'bookings.read' },
	'./quartier/+page.server.ts': { load: 'site.settings.edit', default: 'site.settings.edit' },
	'./raeume/verwalten/+page.server.ts': {
		load: 'rooms.manage',
		addClosure: 'rooms.manage',
		deleteClosure: 'rooms.manage'
	},
	'./raeume/verwalten/[id=id]/+page.server.ts': {
		load: 'rooms.manage',
		save: 'rooms.manage',
		block: 'rooms.manage',
		unblock: 'rooms.manage',
		addPhoto: 'rooms.manage',
		removePhoto: 'rooms.manage'
	},
	'./raeume/verwalten/neu/+page.server.ts': { load: 'rooms.manage', default: 'rooms.manage' },
	'./seiten/+page.server.ts': { load: 'content.edit' },
	'./veranstaltungen/+page.server.ts': { load: 'events.manage', removeExamples: 'events.manage' },
	'./veranstaltungen/neu/+page.server.ts': { load: 'events.manage', default: 'events.manage' },
	'./veranstaltungen/[id=id]/+page.server.ts': {
		load: 'events.manage',
		save: 'events.manage',
		cancel: 'events.manage',
		setImage: 'events.manage',
		removeImage: 'events.manage',
		publish: 'events.moderate',
		reject: 'events.moderate'
	},
	'./veranstaltungen/[id=id]/anmeldungen/+page.server.ts': {
		load: 'events.manage',
		absagen: 'events.manage'
	},
	'./veranstaltungen/[id=id]/anmeldungen.csv/+server.ts': { GET: 'events.manage' },
	'./veranstaltungen/[id=id]/termine/[occurrenceId=id]/+page.server.ts': {
		load: 'events.manage',
		cancel: 'events.manage',
		move: 'events.manage',
		reinstate: 'events.manage'
	},
	'./gruppen/+page.server.ts': { load: 'groups.manage' },
	'./gruppen/neu/+page.server.ts': { load: 'groups.manage', default: 'groups.manage' },
	'./gruppen/[id=id]/+page.server.ts': {
		load: 'groups.manage',
		save: 'groups.manage',
		addEditor: 'groups.manage',
		removeEditor: 'groups.manage',
		delete: 'groups.manage'
	},
	'./seiten/[slug]/+page.server.ts': { load: 'content.edit', default: 'content.edit' }
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Target {
	file: string;
	/** load, an action's name or an HTTP method */
	name: string;
	kind: 'load' | 'action' | 'endpoint';
	handler: Handler;
}

function discover(): Target[] {
	const targets: Target[] = [];
	for (const [file, mod] of Object.entries(modules)) {
		if (typeof mod.load === 'function') {
			targets.push({ file, name: 'load', kind: 'load', handler: mod.load as Handler });
		}
		for (const [name, handler] of Object.entries((mod.actions ?? {}) as Record<string, Handler>)) {
			targets.push({ file, name, kind: 'action', handler });
		}
		for (const method of METHODS) {
			if (typeof mod[method] === 'function') {
				targets.push({ file, name: method, kind: 'endpoint', handler: mod[method] as Handler });
			}
		}
	}
	return targets;
}

const ROLES = ['concerns', 'rooms', 'content', 'admin'] as const;
/** Filled in beforeAll with real accounts: what they do is audited under their id. */
const ACTORS: [string, Actor][] = [];

describe('back office: route × role matrix', () => {
	let database: Database;
	const params: Record<string, Record<string, string>> = {};

	beforeAll(async () => {
		database = await createTestDatabase();
		const db = database.db;
		await seedSite(db);
		// Real records behind every [id]: a wrong role must be refused, not sent to a 404.
		const resident = await createActor(db, { email: 'matrix-resident@example.org' });
		ACTORS.push(['anonymous', ANONYMOUS], ['resident', resident]);
		for (const role of ROLES) {
			ACTORS.push([
				role,
				await createActor(db, { email: `matrix-${role}@example.org`, roles: [role] })
			]);
		}
		const author = await createUser(db, {
			email: 'matrix-author@example.org',
			roles: ['admin'],
			password: null
		});
		const target = await createUser(db, {
			email: 'matrix-target@example.org',
			roles: ['rooms'],
			password: null
		});
		const actor = staffActor(author.id);
		const [person] = await db.select({ id: contactPersons.id }).from(contactPersons).limit(1);
		const notice = await createNotice(db, {
			actor,
			input: { title: 'T', body: 'B', priority: 'info', startsAt: new Date(), endsAt: null }
		});
		const post = await createNewsPost(db, {
			actor,
			input: { title: 'Matrix', slug: '', summary: 'S', body: 'B', published: false }
		});
		const message = await submitContactMessage(db, {
			actor: ANONYMOUS,
			input: { name: 'N', email: 'n@example.org', recipient: 'buero', subject: 'S', message: 'M' },
			origin: 'http://127.0.0.1'
		});
		const [mail] = await db.select({ id: outboxMails.id }).from(outboxMails).limit(1);
		const [room] = await db.select({ id: rooms.id, venueId: rooms.venueId }).from(rooms).limit(1);
		const [bookingRequest] = await db
			.insert(bookingRequests)
			.values({
				name: 'Matrix',
				email: 'matrix-anfrage@example.org',
				purpose: 'Treffen',
				attendees: 5,
				acceptedTermsAt: new Date()
			})
			.returning({ id: bookingRequests.id });
		params['./ansprechpersonen/[id=id]/+page.server.ts'] = { id: String(person.id) };
		params['./hinweise/[id=id]/+page.server.ts'] = { id: String(notice.id) };
		params['./neuigkeiten/[id=id]/+page.server.ts'] = { id: String(post.id) };
		params['./nachrichten/[id=id]/+page.server.ts'] = { id: String(message.id) };
		params['./postausgang/[id=id]/+page.server.ts'] = { id: String(mail.id) };
		params['./raeume/anfragen/[id=id]/+page.server.ts'] = { id: String(bookingRequest.id) };
		params['./raeume/anfragen/[id=id]/termine/[bookingId=id]/+page.server.ts'] = {
			id: String(bookingRequest.id),
			bookingId: '1'
		};
		params['./konten/[id]/+page.server.ts'] = { id: String(target.id) };
		params['./seiten/[slug]/+page.server.ts'] = { slug: 'impressum' };
		params['./raeume/verwalten/[id=id]/+page.server.ts'] = { id: String(room.id) };
		params['./haus/[id=id]/+page.server.ts'] = { id: String(room.venueId) };
		const [category] = await listConcernCategories(db);
		const concern = await submitConcern(db, {
			actor: ANONYMOUS,
			input: {
				category: category.id,
				description: 'Ein Anliegen für die Matrix.',
				address: '',
				visibility: 'private',
				name: '',
				email: '',
				phone: '',
				consentForward: false
			},
			origin: 'http://127.0.0.1'
		});
		params['./anliegen/[id=id]/+page.server.ts'] = { id: String(concern.id) };
		const [body] = await db.select({ id: concernBodies.id }).from(concernBodies).limit(1);
		params['./anliegen/stellen/[id=id]/+page.server.ts'] = { id: String(body.id) };
		params['./anliegen/[id=id]/beleg/+page.server.ts'] = { id: String(concern.id) };
		const [event] = await db.select({ id: events.id }).from(events).limit(1);
		params['./veranstaltungen/[id=id]/+page.server.ts'] = { id: String(event.id) };
		params['./veranstaltungen/[id=id]/anmeldungen/+page.server.ts'] = { id: String(event.id) };
		params['./veranstaltungen/[id=id]/anmeldungen.csv/+server.ts'] = { id: String(event.id) };
		params['./veranstaltungen/[id=id]/termine/[occurrenceId=id]/+page.server.ts'] = {
			id: String(event.id),
			occurrenceId: '1'
		};
		const [group] = await db.select({ id: groups.id }).from(groups).limit(1);
		params['./gruppen/[id=id]/+page.server.ts'] = { id: String(group.id) };
	});
	afterAll(async () => {
		await database?.close();
	});

	function pathOf(file: string): string {
		const route = file.replace(/^\.\//, '').replace(/\/?\+(page\.server|server)\.ts$/, '');
		const filled = route.replace(/\[(\w+)(?:=\w+)?\]/g, (_, name: string) => {
			return params[file]?.[name] ?? '1';
		});
		return `/verwaltung${filled ? `/${filled}` : ''}`;
	}

	async function run(target: Target, actor: Actor): Promise<Answer> {
		resetRateLimits();
		const path = pathOf(target.file);
		const isPost =
			target.kind === 'action' || (target.kind === 'endpoint' && target.name !== 'GET');
		return call(target.handler, {
			db: database.db,
			actor,
			path: target.kind === 'action' ? `${path}?/${target.name}` : path,
			params: params[target.file] ?? {},
			// An empty form: the refusal must come before any validation.
			fields: isPost ? {} : undefined,
			method: target.kind === 'endpoint' ? target.name : undefined
		});
	}

	const targets = discover();

	it('knows the permission of every discovered load, action and endpoint (and nothing else)', () => {
		expect(targets.length).toBeGreaterThan(30);
		const discovered = targets.map((t) => `${t.file} ${t.name}`).sort();
		const listed = Object.entries(REQUIRED)
			.flatMap(([file, entry]) => Object.keys(entry).map((name) => `${file} ${name}`))
			.sort();
		expect(discovered).toEqual(listed);
	});

	for (const target of targets) {
		const permission = REQUIRED[target.file]?.[target.name];
		if (!permission) continue;
		it(`${target.file} ${target.name} needs ${permission}`, async () => {
			for (const [label, actor] of ACTORS) {
				const allowed = can(actor, permission);
				// As deployed: the hook runs first, then the route.
				let answer: Answer;
				try {
					guardBackOffice(actor, new URL(`http://127.0.0.1${pathOf(target.file)}`));
					answer = await run(target, actor);
				} catch (err) {
					answer = answerFromThrown(err);
				}
				expect(isRefusal(answer, actor), `${label}: ${JSON.stringify(answer)}`).toBe(!allowed);
				// And without the hook: the route (or its use case) refuses on its own.
				if (permission !== 'backoffice.enter') {
					const alone = await run(target, actor);
					expect(isRefusal(alone, actor), `${label} without hook: ${JSON.stringify(alone)}`).toBe(
						!allowed
					);
				}
			}
		});
	}
});

describe('back office: the hook guard', () => {
	// Pages (GET) and form actions (POST to ?/name) alike: the guard looks at the path only.
	const paths = [
		'/verwaltung',
		'/verwaltung/konten',
		'/verwaltung/hinweise/3?/save',
		'/verwaltung/seiten/impressum?/default',
		'/verwaltung/irgendwas-neues'
	];

	function answer(actor: Actor, path: string): Answer {
		try {
			guardBackOffice(actor, new URL(`http://127.0.0.1${path}`));
			return { status: 0 };
		} catch (err) {
			return answerFromThrown(err);
		}
	}

	it('sends anonymous visitors to the login, with the page as the way back', () => {
		for (const path of paths) {
			const back = path.split('?')[0];
			expect(answer(ANONYMOUS, path), path).toEqual({
				status: 303,
				location: `/anmelden?weiter=${encodeURIComponent(back)}`
			});
		}
	});

	it('refuses residents with 403 and a German message, and lets staff of any role in', () => {
		for (const path of paths) {
			expect(answer(residentActor(7), path), path).toEqual({
				status: 403,
				message: 'Für diese Seite fehlt Ihnen die nötige Berechtigung.'
			});
			expect(answer(staffActor(8, ['rooms']), path).status).toBe(0);
		}
	});

	it('leaves the public site alone', () => {
		for (const path of ['/', '/kontakt', '/verwaltungsrat', '/anmelden']) {
			expect(answer(ANONYMOUS, path).status).toBe(0);
		}
	});
});
