import { actorOf } from '$lib/server/auth/actor';
import { loadOrError } from '$lib/server/http';
import { listScheduledJobs } from '$lib/server/jobs/list-scheduled-jobs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	// The list is as long as the code's job registry: no paging.
	const jobs = await loadOrError(listScheduledJobs(locals.db, { actor: actorOf(locals.user) }));
	return { jobs };
};
