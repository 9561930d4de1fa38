import { m } from '$lib/paraglide/messages.js';
import { answerDomainErrors, apiError, apiJson, publicApiHeaders } from '$lib/server/api/json-api';
import { config } from '$lib/server/config';
import { listEventsForApi, parseEventsApiQuery } from '$lib/server/events/events-api';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	answerDomainErrors(async () => {
		const parsed = parseEventsApiQuery(url.searchParams);
		if (!parsed.ok) {
			return apiError(400, 'BAD_REQUEST', m.events_feeds_api_bad_query(), parsed.fields);
		}
		// Public data, the same for everyone; the links in it need the public address (ORIGIN).
		if (config().ORIGIN) shareWithEveryone(locals);
		const { body, lastModified } = await listEventsForApi(locals.db, parsed.query, {
			origin: config().ORIGIN ?? url.origin
		});
		return apiJson(body, 200, publicApiHeaders(lastModified));
	});
