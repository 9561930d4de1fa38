import { getLocale } from '$lib/paraglide/runtime.js';
import { isStaff } from '$lib/server/auth/roles';
import { findActiveNotices } from '$lib/server/notices/find-active-notices';
import { cachedContent } from '$lib/server/ops/content-cache';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { LayoutServerLoad } from './$types';

/**
 * Site-wide notices (such as "the manager position is vacant") inform where people look for the
 * office: the start page, Kontakt and the house. Not on login, error or back-office pages.
 */
const NOTICE_PATHS = new Set(['/', '/kontakt', '/haus-der-begegnung']);

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const [site, notices] = await Promise.all([
		cachedContent(locals, 'site', () => getSiteSettings(locals.db)),
		NOTICE_PATHS.has(url.pathname)
			? cachedContent(locals, 'notices', () => findActiveNotices(locals.db))
			: []
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
