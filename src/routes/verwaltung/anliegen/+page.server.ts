import { permitted, orErrorPage } from '$lib/server/forms/domain-errors';
import { findConcerns, staffFiltersOf } from '$lib/server/concerns/find-concerns';
import { getConcernStatistics } from '$lib/server/concerns/concern-statistics';
import { listConcernCategories } from '$lib/server/concerns/public-concerns';
import { can } from '$lib/server/auth/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const actor = permitted(event, 'concerns.manage');
	return orErrorPage(event, async () => {
		const { db } = event.locals;
		const filters = staffFiltersOf(event.url);
		const [list, categories, stats] = await Promise.all([
			findConcerns(db, { actor, filters }),
			listConcernCategories(db),
			getConcernStatistics(db, { actor, scope: 'all' })
		]);
		return {
			filters,
			categories,
			stats,
			items: list.items,
			total: list.total,
			pages: Math.max(1, Math.ceil(list.total / list.pageSize)),
			canManageOpen311Keys: can(actor, 'open311.keys.manage')
		};
	});
};
