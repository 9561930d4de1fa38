import { answerDomainErrors, apiError, apiJson, apiRateLimited } from '$lib/server/api/json-api';
import { m } from '$lib/paraglide/messages.js';
import { availabilityQuery, roomAvailability } from '$lib/server/rooms/rooms-api';
import { toIsoWithOffset } from '$lib/server/time';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answerDomainErrors(async () => {
		const limited = apiRateLimited(event, 'api-availability');
		if (limited) return limited;
		const query = availabilityQuery.safeParse(Object.fromEntries(event.url.searchParams));
		if (!query.success) {
			const fields: Record<string, string> = {};
			for (const issue of query.error.issues)
				fields[String(issue.path[0] ?? '_')] ??= issue.message;
			return apiError(422, 'INVALID', m.api_error_invalid(), fields);
		}
		const id = Number(event.params.id);
		return apiJson(
			await roomAvailability(event.locals.db, id, query.data, (d) => toIsoWithOffset(d))
		);
	});
