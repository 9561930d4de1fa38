import { getConcernStatistics } from '$lib/server/concerns/concern-statistics';
import type { PageServerLoad } from './$types';

/** Counts and times of the public concerns only; nothing personal is read. */
export const load: PageServerLoad = async (event) => ({
	stats: await getConcernStatistics(event.locals.db, { scope: 'public' })
});
