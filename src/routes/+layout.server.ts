import { getLocale } from '$lib/paraglide/runtime.js';
import { isStaff } from '$lib/server/auth/roles';
import { findActiveNotices } from '$lib/server/notices/find-active-notices';
import { cachedContent } from '$lib/server/ops/content-cache';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const [site, notices] = await Promise.all([
		cachedContent(locals, 'site', () => getSiteSettings(locals.db)),
		cachedContent(locals, 'notices', () => findActiveNotices(locals.db))
	]);
	return {
		site: {
			officeName: site.officeName,
			neighbourhoodName: site.neighbourhoodName,
			townName: site.townName
		},
		notices,
		user: locals.user
			? { displayName: locals.user.displayName || locals.user.email, isStaff: isStaff(locals.user) }
			: null,
		csrfToken: locals.csrfToken,
		locale: getLocale(),
		path: url.pathname
	};
};
