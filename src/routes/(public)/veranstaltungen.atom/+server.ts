import { m } from '$lib/paraglide/messages.js';
import { config } from '$lib/server/config';
import { buildEventsAtom } from '$lib/server/events/events-atom';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	// Without ORIGIN the links in it carry the request's own host: not for everyone.
	if (config().ORIGIN) shareWithEveryone(locals);
	const site = await getSiteSettings(locals.db);
	const { xml, lastModified } = await buildEventsAtom(locals.db, {
		origin: config().ORIGIN ?? url.origin,
		officeName: site.officeName,
		title: m.events_feeds_atom_title({ office: site.officeName })
	});
	const headers: Record<string, string> = {
		'content-type': 'application/atom+xml; charset=utf-8',
		'cache-control': 'public, max-age=300'
	};
	if (lastModified) headers['last-modified'] = lastModified.toUTCString();
	return new Response(xml, { headers });
};
