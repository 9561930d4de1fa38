import { error } from '@sveltejs/kit';
import { parseForm } from '$lib/server/form';
import { permitted } from '$lib/server/forms/domain-errors';
import { personSearchSchema } from '$lib/server/concerns/concerns-followup.schemas';
import { exportSubmitterData } from '$lib/server/concerns/submitter-personal-data';
import { toLocalDate } from '$lib/server/time';
import type { RequestHandler } from './$types';

/** The copy for an Art. 15 request, as a JSON download (a POST: the address is no URL). */
export const POST: RequestHandler = async (event) => {
	const actor = permitted(event, 'concerns.personal-data');
	const parsed = await parseForm(event.request, personSearchSchema);
	if (!parsed.ok) error(400, Object.values(parsed.errors).join(' '));
	const data = await exportSubmitterData(event.locals.db, { actor, query: parsed.data });
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="anliegen-auskunft-${toLocalDate(new Date(data.exportedAt))}.json"`,
			// Personal data: never in a shared cache.
			'cache-control': 'private, no-store'
		}
	});
};
