import {
	afterCommit,
	answerDomainErrors,
	apiJson,
	apiRateLimited,
	readJson
} from '$lib/server/api/json-api';
import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { DomainError, fieldError } from '$lib/server/errors';
import { asLocale } from '$lib/server/rooms/booking-decision-mails';
import { requestBooking } from '$lib/server/rooms/request-booking';
import { bookingRequestBody } from '$lib/server/rooms/rooms-api';
import type { RequestHandler } from './$types';

/**
 * A booking request for one time, as the public form sends it (series are a form feature).
 * The API acts anonymously whatever cookies come along: it has no CSRF token, so it must not
 * act with a signed-in visitor's authority.
 */
export const POST: RequestHandler = (event) =>
	answerDomainErrors(async () => {
		const limited = apiRateLimited(event, 'api-bookings');
		if (limited) return limited;
		const body = await readJson(event.request, bookingRequestBody);
		if (!body.ok) return body.response;
		const { roomId, start, end, ...rest } = body.data;
		const result = await requestBooking(event.locals.db, {
			actor: { kind: 'anonymous' },
			input: {
				...rest,
				roomId,
				slots: [{ start, end }],
				seriesRule: null,
				acceptedUnavailable: []
			},
			origin: event.url.origin,
			locale: asLocale(getLocale())
		}).catch((err: unknown) => {
			// An unknown room is a mistake in the body, not a missing resource.
			if (err instanceof DomainError && err.code === 'NOT_FOUND') {
				throw fieldError('roomId', () => m.api_error_room_unknown());
			}
			throw err;
		});
		afterCommit();
		const statusUrl = `${event.url.origin}/raeume/anfrage?token=${result.statusToken}`;
		return apiJson(
			{ id: result.id, reference: result.reference, status: 'pending', statusUrl },
			201,
			{
				location: statusUrl
			}
		);
	});
