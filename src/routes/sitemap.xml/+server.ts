import { buildSitemap } from '$lib/server/site/build-sitemap';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) =>
	new Response(await buildSitemap(locals.db, url.origin), {
		headers: {
			'Content-Type': 'application/xml; charset=utf-8',
			'Cache-Control': 'public, max-age=600'
		}
	});
