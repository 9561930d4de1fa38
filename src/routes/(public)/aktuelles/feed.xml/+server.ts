import { m } from '$lib/paraglide/messages.js';
import { config } from '$lib/server/config';
import { buildNewsFeed } from '$lib/server/notices/build-news-feed';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { RequestHandler } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const GET: RequestHandler = async ({ locals, url }) => {
	// Without ORIGIN the links in it carry the request's own host: not for everyone.
	if (config().ORIGIN) shareWithEveryone(locals);
	const site = await getSiteSettings(locals.db);
	const xml = await buildNewsFeed(locals.db, {
		// ORIGIN is the public address behind a proxy; the request's own origin is the fallback.
		origin: config().ORIGIN ?? url.origin,
		officeName: site.officeName,
		title: m.content_feed_title({ office: site.officeName })
	});
	return new Response(xml, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
