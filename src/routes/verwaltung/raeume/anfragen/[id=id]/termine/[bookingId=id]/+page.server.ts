import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import { moveBookingSchema } from '$lib/server/rooms/decide.schemas';
import { getBookingRequest } from '$lib/server/rooms/get-booking-request';
import { moveBooking, MOVABLE_BOOKING_STATUSES } from '$lib/server/rooms/move-booking';
import { listRoomsForApi } from '$lib/server/rooms/rooms-api';
import { toLocalInput } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const actor = permitted(event, 'bookings.read');
	const detail = await orErrorPage(
		event,
		getBookingRequest(locals.db, { actor, id: Number(params.id) })
	);
	const date = detail.dates.find((d) => d.id === Number(params.bookingId));
	if (!date) error(404, m.error_not_found_text());
	const rooms: { value: string; label: string }[] = (await listRoomsForApi(locals.db)).map((r) => ({
		value: String(r.id),
		label: m.rooms_move_room_option({ room: r.name, capacity: r.capacity })
	}));
	// A date in a room that was since taken out of use may stay there.
	if (!rooms.some((r) => r.value === String(date.roomId))) {
		rooms.unshift({ value: String(date.roomId), label: date.roomName });
	}
	const [day, start] = toLocalInput(date.startsAt).split('T');
	return {
		reference: detail.reference,
		requestId: detail.request.id,
		attendees: detail.request.attendees,
		date: {
			id: date.id,
			startsAt: date.startsAt,
			endsAt: date.endsAt,
			status: date.status,
			roomName: date.roomName,
			movable: (MOVABLE_BOOKING_STATUSES as readonly string[]).includes(date.status)
		},
		initial: {
			roomId: String(date.roomId),
			date: day,
			startTime: start,
			endTime: toLocalInput(date.endsAt).split('T')[1]
		},
		rooms,
		fields: describeForm(moveBookingSchema)
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'bookings.decide',
		schema: moveBookingSchema,
		run: (input, { db, actor, event }) =>
			moveBooking(db, {
				actor,
				requestId: Number(event.params.id),
				bookingId: Number(event.params.bookingId),
				input
			}),
		redirect: (_, { event }) =>
			withFlash(
				`/verwaltung/raeume/anfragen/${event.params.id}?verschoben=${event.params.bookingId}`,
				'saved'
			)
	})
};
