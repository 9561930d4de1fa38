import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '../db/client';
import { auditLog, newsPosts, users } from '../db/schema';
import { DomainError } from '../errors';
import { parseFormData } from '../form';
import { newsPostSchema, type NewsPostInput } from './notices.schemas';
import { createNewsPost } from './create-news-post';
import { updateNewsPost } from './update-news-post';
import { deleteNewsPost } from './delete-news-post';
import { findNewsPosts } from './find-news-posts';
import { getNewsPostById } from './get-news-post-by-id';
import { findPublishedNews, getPublishedNewsBySlug } from './find-published-news';
import { buildNewsFeed } from './build-news-feed';
import { staffActor } from '$tests/helpers/actors';
import type { Actor } from '$lib/server/auth/actor';

const post = (fields: Partial<NewsPostInput>): NewsPostInput => ({
	title: 'Sommerfest',
	slug: '',
	summary: '',
	body: 'Text',
	published: true,
	...fields
});

async function domainError(promise: Promise<unknown>) {
	const err = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	return err as DomainError;
}

describe('news posts', () => {
	let database: Database;
	let actor: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		const [user] = await database.db
			.insert(users)
			.values({ email: 'redaktion@example.org', roles: ['content'] })
			.returning({ id: users.id });
		actor = staffActor(user.id, ['content']);
	});
	afterAll(async () => {
		await database.close();
	});

	it('makes the slug from the title with umlauts transliterated, numbering duplicates', async () => {
		const a = await createNewsPost(database.db, {
			actor,
			input: post({ title: 'Grünes Fest für Kaster' })
		});
		expect(a.slug).toBe('gruenes-fest-fuer-kaster');
		const b = await createNewsPost(database.db, {
			actor,
			input: post({ title: 'Grünes Fest für Kaster' })
		});
		expect(b.slug).toBe('gruenes-fest-fuer-kaster-2');
		const c = await createNewsPost(database.db, { actor, input: post({ title: '🎉' }) });
		expect(c.slug).toBe('neuigkeit');
	});

	it('refuses a typed slug that is taken or malformed, with a German error at the slug field', async () => {
		const taken = await domainError(
			createNewsPost(database.db, { actor, input: post({ slug: 'gruenes-fest-fuer-kaster' }) })
		);
		expect(taken.code).toBe('CONFLICT');
		expect(taken.fieldErrors?.slug).toMatch(
			/„Kurzadresse“ wird schon für eine andere Neuigkeit verwendet/
		);

		for (const slug of ['Großes Fest', 'a--b', '-a', 'feed.xml', '<script>']) {
			const bad = await domainError(createNewsPost(database.db, { actor, input: post({ slug }) }));
			expect(bad.code, slug).toBe('INVALID');
			expect(bad.fieldErrors?.slug).toMatch(/„Kurzadresse“ darf nur Kleinbuchstaben/);
		}
	});

	it('turns a unique violation from a concurrent save into the slug conflict', async () => {
		const results = await Promise.allSettled(
			[1, 2, 3].map(() =>
				createNewsPost(database.db, { actor, input: post({ slug: 'gleichzeitig' }) })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results.filter((r) => r.status === 'rejected')) {
			expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
		}
	});

	it('publishes, keeps the first publication date, unpublishes, and audits each change', async () => {
		const first = new Date('2025-05-01T10:00:00Z');
		const { id } = await createNewsPost(database.db, {
			actor,
			input: post({ title: 'Entwurf', published: false }),
			now: first
		});
		expect((await getNewsPostById(database.db, { actor, id: id })).publishedAt).toBeNull();
		await expect(getPublishedNewsBySlug(database.db, 'entwurf')).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});

		await updateNewsPost(database.db, {
			actor,
			id,
			input: post({ title: 'Entwurf' }),
			now: first
		});
		const later = new Date('2025-05-03T10:00:00Z');
		await updateNewsPost(database.db, {
			actor,
			id,
			input: post({ title: 'Entwurf', slug: 'fertig' }),
			now: later
		});
		const published = await getPublishedNewsBySlug(database.db, 'fertig');
		expect(published.publishedAt?.toISOString()).toBe(first.toISOString());

		await updateNewsPost(database.db, {
			actor,
			id,
			input: post({ title: 'Entwurf', slug: 'fertig', published: false })
		});
		await expect(getPublishedNewsBySlug(database.db, 'fertig')).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		const audit = await database.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'news_post'), eq(auditLog.entityId, String(id))));
		expect(audit.map((a) => a.action)).toEqual([
			'news.created',
			'news.updated',
			'news.updated',
			'news.updated'
		]);

		await deleteNewsPost(database.db, { actor, id });
		await expect(getNewsPostById(database.db, { actor, id: id })).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		await expect(deleteNewsPost(database.db, { actor, id })).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	});

	it('keeps its own slug when saved again and refuses another post’s slug', async () => {
		const a = await createNewsPost(database.db, { actor, input: post({ title: 'Eins' }) });
		const b = await createNewsPost(database.db, { actor, input: post({ title: 'Zwei' }) });
		const same = await updateNewsPost(database.db, {
			actor,
			id: a.id,
			input: post({ title: 'Eins' })
		});
		expect(same.slug).toBe('eins');
		const err = await domainError(
			updateNewsPost(database.db, {
				actor,
				id: b.id,
				input: post({ title: 'Zwei', slug: 'eins' })
			})
		);
		expect(err.code).toBe('CONFLICT');
		expect((await getNewsPostById(database.db, { actor, id: b.id })).slug).toBe('zwei');
	});

	it('validates form input with German messages', () => {
		const form = new FormData();
		form.append('title', '');
		form.append('summary', 's'.repeat(501));
		form.append('body', 'x'.repeat(100_000));
		form.append('published', 'on');
		const result = parseFormData(form, newsPostSchema);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			title: 'Bitte füllen Sie das Feld „Überschrift“ aus.',
			summary: '„Kurzfassung“ darf höchstens 500 Zeichen lang sein.',
			body: '„Text“ darf höchstens 20000 Zeichen lang sein.'
		});
	});

	it('lists drafts and published posts for the back office, only published ones publicly', async () => {
		await database.db.delete(newsPosts);
		const base = new Date('2025-01-01T10:00:00Z').getTime();
		for (let i = 1; i <= 23; i++) {
			await database.db.insert(newsPosts).values({
				slug: `beitrag-${i}`,
				title: `Beitrag ${i}`,
				publishedAt: i % 8 === 0 ? null : new Date(base + i * 3_600_000)
			});
		}
		const now = new Date('2026-01-01T00:00:00Z');
		const publicFirst = await findPublishedNews(database.db, { page: 1, pageSize: 10, now });
		expect(publicFirst).toMatchObject({ total: 21, pages: 3 });
		expect(publicFirst.rows[0].title).toBe('Beitrag 23');
		const publicLast = await findPublishedNews(database.db, { page: 3, pageSize: 10, now });
		expect(publicLast.rows.map((r) => r.title)).toEqual(['Beitrag 1']);

		const office = await findNewsPosts(database.db, { actor, page: 1, pageSize: 10 });
		expect(office).toMatchObject({ total: 23, pages: 3 });
		// Drafts first, so nothing unfinished is buried.
		expect(office.rows.slice(0, 2).map((r) => r.title)).toEqual(['Beitrag 16', 'Beitrag 8']);

		// A post scheduled in the future is not public yet.
		await database.db.insert(newsPosts).values({
			slug: 'zukunft',
			title: 'Zukunft',
			publishedAt: new Date('2027-01-01T00:00:00Z')
		});
		await expect(getPublishedNewsBySlug(database.db, 'zukunft', now)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	});

	it('builds an Atom feed with absolute links and everything escaped', async () => {
		await database.db.delete(newsPosts);
		await createNewsPost(database.db, {
			actor,
			input: post({
				title: 'Fest <script>alert(1)</script> & ]]> mehr',
				slug: 'fest',
				summary: 'Kurz <b>fett</b> & so',
				body: '**Hallo** <img src=x onerror=alert(1)> [x](javascript:alert(1))'
			})
		});
		await createNewsPost(database.db, {
			actor,
			input: post({ title: 'Entwurf', published: false })
		});
		const xml = await buildNewsFeed(database.db, {
			origin: 'https://kaster.example.org/',
			officeName: 'Quartiersmanagement Kaster & Co',
			title: 'Aktuelles – Quartiersmanagement Kaster & Co'
		});
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
		expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
		expect(xml).toContain('<title>Aktuelles – Quartiersmanagement Kaster &amp; Co</title>');
		expect(xml).toContain('<link href="https://kaster.example.org/aktuelles/fest"/>');
		expect(xml).toContain('href="https://kaster.example.org/aktuelles/feed.xml"');
		expect(xml).not.toContain('Entwurf');
		// Titles and summaries are plain text: escaped for the html-typed elements, never live markup.
		expect(xml).not.toMatch(/<script|<b>|<img|javascript:/i);
		expect(xml).toContain('Fest &lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]');
		expect(xml).toContain('<strong>Hallo</strong>');
		expect(xml.match(/<entry>/g)).toHaveLength(1);
	});
});
