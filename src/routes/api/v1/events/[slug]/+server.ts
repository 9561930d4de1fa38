import { answerDomainErrors, apiJson, publicApiHeaders } from '$lib/server/api/json-api';
import { config } from '$lib/server/config';
import { getEventForApi } from '$lib/server/events/events-api';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params, url }) =>
	answerDomainErrors(async () => {
		const { body, lastModified } = await getEventForApi(locals.db, params.slug, {
			origin: config().ORIGIN ?? url.origin
		});
		if (config().ORIGIN) shareWithEveryone(locals);
		return apiJson(body, 200, publicApiHeaders(lastModified));
	});
