import { orErrorPage } from '$lib/server/forms/domain-errors';
import { listScheduledJobs } from '$lib/server/jobs/list-scheduled-jobs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// The list is as long as the code's job registry: no paging.
	const jobs = await orErrorPage(
		event,
		listScheduledJobs(event.locals.db, { actor: event.locals.actor })
	);
	return { jobs };
};
