import { getLocale } from '$lib/paraglide/runtime.js';
import { describeForm } from '$lib/server/form-meta';
import { publicSubmission } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { getActiveRoom } from '$lib/server/rooms/public-rooms';
import { previewBookingRequest, requestBooking } from '$lib/server/rooms/request-booking';
import { datesOfForm } from '$lib/server/rooms/request-form';
import { bookingRequestSchema, HONEYPOT_FIELD } from '$lib/server/rooms/rooms.schemas';
import type { Actions, PageServerLoad } from './$types';

/** What a link from the free-room search may fill in. */
const PREFILL = ['date', 'startTime', 'endTime', 'attendees'] as const;

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const room = await orErrorPage(event, getActiveRoom(locals.db, params.slug));
	// Without values from a link the form is the same for everyone (the token is put in per visitor).
	if (url.search === '') shareWithEveryone(locals);
	const prefill: Record<string, string> = { repeat: 'once', interval: '2' };
	for (const name of PREFILL) {
		const value = url.searchParams.get(name);
		if (value) prefill[name] = value.slice(0, 20);
	}
	return {
		room: { slug: room.slug, name: room.name, hasRules: room.houseRules !== '' },
		prefill,
		fields: describeForm(bookingRequestSchema)
	};
};

const thanks = (slug: string) => `/raeume/${encodeURIComponent(slug)}/anfragen/danke`;
const common = (slug: string) => ({
	rateLimit: { name: 'room-request' },
	honeypot: { field: HONEYPOT_FIELD, form: 'room-request', redirect: thanks(slug) },
	schema: bookingRequestSchema
});

export const actions: Actions = {
	/** Step one: check the input and show each date as free, taken or closed. */
	pruefen: (event) =>
		publicSubmission({
			...common(event.params.slug),
			run: async (input, { db, actor }) => {
				const room = await getActiveRoom(db, event.params.slug);
				return previewBookingRequest(db, {
					actor,
					roomId: room.id,
					slots: datesOfForm(input).slots,
					attendees: input.attendees
				});
			},
			respond: (dates, { values }) => ({ preview: dates, values })
		})(event),
	/** Step two: store the request, leaving out the dates the preview showed as not available. */
	senden: (event) =>
		publicSubmission({
			...common(event.params.slug),
			run: async (input, { db, actor }) => {
				const room = await getActiveRoom(db, event.params.slug);
				const { slots, rule } = datesOfForm(input);
				return requestBooking(db, {
					actor,
					origin: event.url.origin,
					locale: getLocale(),
					input: {
						...input,
						roomId: room.id,
						slots,
						seriesRule: rule,
						// A group's name only: without one there is nothing to show.
						showOrganisation: input.showOrganisation && input.organisation !== ''
					}
				});
			},
			redirect: thanks(event.params.slug)
		})(event)
};
