import type { Db } from '../db/client';
import { getPageBySlug, getSiteSettings } from '../site/get-site';
import { getOfficeContact } from './get-contact-directory';

/** The editable statement text plus the parts the law fixes: review date, contact, enforcement. */
export async function getAccessibilityStatement(db: Db) {
	const [page, site, office] = await Promise.all([
		getPageBySlug(db, 'barrierefreiheit'),
		getSiteSettings(db),
		getOfficeContact(db)
	]);
	return {
		page: { title: page.title, html: page.html, updatedAt: page.updatedAt },
		reviewedOn: site.accessibilityReviewedOn,
		enforcementBody: site.accessibilityEnforcementBody,
		office
	};
}
