import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernCategories, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { DomainError } from '../errors';
import { qrSvg } from '../print/qr-svg';
import { getMainVenue } from '../site/get-main-venue';
import { getSiteSettings } from '../site/get-site';
import { statusUrl } from './store-concern';

/**
 * What the printed receipt shows: the office, the number, the date, the category, the text and
 * the status link (with its QR code). The link comes from the page's address, straight after it
 * was issued; it must be a live status link of this very concern, or there is no receipt.
 */
export async function getConcernReceipt(
	db: Db,
	{ actor, id, token, origin }: { actor: Actor; id: number; token: string; origin: string }
) {
	assertCan(actor, 'concerns.manage');
	const holder = await peekCapabilityLink(db, token, 'concern.status').catch(() => null);
	if (!holder || holder.recordType !== 'concern' || holder.recordId !== id) {
		throw new DomainError('NOT_FOUND');
	}
	const [row] = await db
		.select({
			id: concerns.id,
			reference: concerns.reference,
			createdAt: concerns.createdAt,
			description: concerns.description,
			address: concerns.address,
			visibility: concerns.visibility,
			channel: concerns.channel,
			categoryName: concernCategories.name
		})
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.where(eq(concerns.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	const [site, venue] = await Promise.all([
		getSiteSettings(db),
		getMainVenue(db).catch(() => null)
	]);
	const url = statusUrl(origin, token);
	return {
		concern: row,
		statusUrl: url,
		qrSvg: qrSvg(url),
		office: {
			name: site.officeName,
			street: venue?.street ?? '',
			place: venue ? [venue.postalCode, venue.city].filter(Boolean).join(' ') : '',
			openingHours: venue?.openingHours ?? '',
			phone: site.contactPhone,
			email: site.contactEmail
		}
	};
}
