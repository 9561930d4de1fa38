import { getConcern } from '$lib/server/concerns/get-concern';
import { getConcernReceipt } from '$lib/server/concerns/get-concern-receipt';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import type { PageServerLoad } from './$types';

/**
 * The printable receipt. Its status link arrives in the address right after it was issued (the
 * stored link is only a hash); without a live link of this concern there is nothing to print but
 * the way to a fresh one.
 */
export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'concerns.manage');
	// The address carries a live status link: never kept by a cache.
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const id = Number(event.params.id);
	const token = event.url.searchParams.get('link') ?? '';
	const receipt = token
		? await getConcernReceipt(event.locals.db, {
				actor,
				id,
				token,
				origin: event.url.origin
			}).catch(() => null)
		: null;
	if (!receipt) {
		// Unknown concerns still answer 404 (through the staff detail use case).
		await orErrorPage(event, getConcern(event.locals.db, { actor, id }));
	}
	return {
		id,
		receipt,
		isNew: event.url.searchParams.get('neu') === '1',
		mailed: event.url.searchParams.get('mail') === '1'
	};
};
