import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import {
	findPublicConcerns,
	listConcernCategories,
	publicFiltersOf
} from '$lib/server/concerns/public-concerns';
import { mapSettings } from '$lib/server/concerns/concern-location';
import { findPublicConcernPins } from '$lib/server/concerns/find-public-concern-pins';
import type { PageServerLoad } from './$types';

/** The map above the list (media): only with a tile server; public concerns only. */
async function concernMapData(db: App.Locals['db']) {
	const map = mapSettings();
	return { map, pins: map ? await findPublicConcernPins(db) : [] };
}

export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		// Public notices only, the same for every visitor until a concern changes (content-cache.ts).
		shareWithEveryone(event.locals);
		const categories = await listConcernCategories(db);
		const filters = publicFiltersOf(event.url, categories);
		const list = await findPublicConcerns(db, filters);
		return {
			categories,
			filters,
			total: list.total,
			pages: Math.max(1, Math.ceil(list.total / list.pageSize)),
			// Only what the public may see: no ids of private concerns, no submitter columns.
			// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the id stays on the server
			items: list.items.map(({ id: _id, ...c }) => c),
			...(await concernMapData(db))
		};
	});
