import { config } from '$lib/server/config';
import { eventJsonLd } from '$lib/server/events/event-json-ld';
import { findEventImage } from '$lib/server/events/event-images';
import { getEventBySlug } from '$lib/server/events/get-event-by-slug';
import { findRegistrationDates } from '$lib/server/events/find-event-registrations';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	// The structured data names the page's address: without ORIGIN it is the request's own host,
	// which must not be stored for everyone.
	const origin = config().ORIGIN;
	if (origin) shareWithEveryone(locals);
	return orErrorPage(event, async () => {
		const [detail, site] = await Promise.all([
			getEventBySlug(locals.db, params.slug),
			getSiteSettings(locals.db)
		]);
		const base = origin ?? url.origin;
		const pageUrl = `${base}/veranstaltungen/${detail.event.slug}`;
		const image = await findEventImage(locals.db, detail.event.id);
		const registrationDates = detail.event.registrationEnabled
			? await findRegistrationDates(locals.db, { eventId: detail.event.id })
			: [];
		return {
			...detail,
			image,
			registrationDates,
			jsonLd: eventJsonLd(detail, {
				url: pageUrl,
				officeName: site.officeName,
				image: image ? `${base}${image.image.src}` : undefined
			})
		};
	});
};
