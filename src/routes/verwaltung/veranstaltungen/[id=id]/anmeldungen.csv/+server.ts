import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { registrationsCsv } from '$lib/server/events/registrations-csv';
import type { RequestHandler } from './$types';

/** The participant list for German Excel (UTF-8 with BOM, `;`). */
export const GET: RequestHandler = async (event) => {
	const actor = permitted(event, 'events.manage');
	const { filename, csv } = await orErrorPage(
		event,
		registrationsCsv(event.locals.db, { actor, eventId: Number(event.params.id) })
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			// Names and addresses: never in a shared cache.
			'cache-control': 'private, no-store'
		}
	});
};
