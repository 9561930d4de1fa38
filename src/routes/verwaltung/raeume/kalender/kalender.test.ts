import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { call, type Handler } from '$tests/helpers/actions';

import { useRoomsTestDatabase } from '$tests/helpers/rooms';
import type { Actor } from '$lib/server/auth/actor';
import type { Db } from '$lib/server/db/client';
import { capabilityLinks } from '$lib/server/db/schema';
import { actions, load } from './+page.server';
import { GET as staffFeed } from '../../../(public)/raeume/kalender.ics/+server';
import { GET as roomFeed } from '../../../(public)/raeume/[slug]/belegung.ics/+server';

/*
 * The staff calendar page and both feeds, called in-process: the wrong staff are refused and
 * nothing is written; tokens and slugs that are not ours answer 404, never a 500.
 */

describe('back office: the room calendar feed link', () => {
	const setup = useRoomsTestDatabase();
	let db: Db;
	let rooms: Actor;
	let content: Actor;
	beforeAll(() => ({ db, roomsStaff: rooms, contentStaff: content } = setup));

	const path = '/verwaltung/raeume/kalender';
	const links = async () =>
		(
			await db
				.select({ n: count() })
				.from(capabilityLinks)
				.where(eq(capabilityLinks.purpose, 'rooms.staff-feed'))
		)[0].n;

	it('refuses other staff the page and the new link, and stores nothing', async () => {
		expect((await call(load as Handler, { db, actor: content, path })).status).toBe(403);
		const answer = await call(actions.renew as Handler, {
			db,
			actor: content,
			path: `${path}?/renew`,
			fields: {}
		});
		expect(answer.status).toBe(403);
		expect(await links()).toBe(0);
	});

	it('shows the new link once, with ignored extra fields', async () => {
		const answer = await call(actions.renew as Handler, {
			db,
			actor: rooms,
			path: `${path}?/renew`,
			fields: { token: 'mine', recordId: '1' }
		});
		expect(answer.status).toBe(200);
		expect(String(answer.data?.feedUrl)).toMatch(
			/^http:\/\/127\.0\.0\.1\/raeume\/kalender\.ics\?token=[A-Za-z0-9_-]{43}$/
		);
		expect(await links()).toBe(1);
		const page = await call(load as Handler, { db, actor: rooms, path });
		expect(page.data?.link).toMatchObject({ createdAt: expect.any(Date) });
	});

	it('answers 404 to tokens and rooms that are not ours', async () => {
		for (const query of [
			'',
			'?token=',
			'?token=abc',
			`?token=${'x'.repeat(43)}`,
			`?token=${'x'.repeat(44)}`,
			'?token=%00%0d%0a',
			'?token=a&token=b'
		]) {
			const answer = await call(staffFeed as Handler, {
				db,
				path: `/raeume/kalender.ics${query}`
			});
			expect(answer.status, query).toBe(404);
		}
		for (const slug of ['keller', '..', 'gruppenraum%27', 'x'.repeat(300)]) {
			const answer = await call(roomFeed as Handler, {
				db,
				path: `/raeume/${slug}/belegung.ics`,
				params: { slug }
			});
			expect(answer.status, slug).toBe(404);
		}
		const good = await call(roomFeed as Handler, {
			db,
			path: '/raeume/gruppenraum/belegung.ics',
			params: { slug: 'gruppenraum' }
		});
		expect(good.status).toBe(200);
	});
});
