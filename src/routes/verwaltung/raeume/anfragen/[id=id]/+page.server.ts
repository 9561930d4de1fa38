import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import { approveBookingRequest } from '$lib/server/rooms/approve-booking-request';
import { declineBookingRequest } from '$lib/server/rooms/decline-booking-request';
import { cancelBookingRequest } from '$lib/server/rooms/cancel-booking-request';
import {
	approveBookingSchema,
	bookingNoteSchema,
	cancelBookingSchema,
	declineBookingSchema,
	proposeAlternativeSchema
} from '$lib/server/rooms/decide.schemas';
import { updateBookingNote } from '$lib/server/rooms/update-booking-note';
import { listRoomsForApi } from '$lib/server/rooms/rooms-api';
import { proposeAlternative } from '$lib/server/rooms/propose-alternative';
import { getBookingRequest } from '$lib/server/rooms/get-booking-request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const actor = permitted(event, 'bookings.read');
	const detail = await orErrorPage(
		event,
		getBookingRequest(locals.db, { actor, id: Number(params.id) })
	);
	const { request } = detail;
	const history = await loadRecordHistory(
		event,
		{ entity: 'booking_request', id: request.id },
		{
			fields: {
				status: m.rooms_staff_status(),
				internalNote: m.rooms_week_note_label(),
				date: m.rooms_move_history_when(),
				room: m.rooms_move_history_room()
			},
			values: {
				status: {
					pending: m.rooms_staff_status_pending(),
					approved: m.rooms_staff_status_approved(),
					declined: m.rooms_staff_status_declined(),
					proposal: m.rooms_staff_status_proposal(),
					cancelled: m.rooms_staff_status_cancelled()
				}
			}
		}
	);
	return {
		reference: detail.reference,
		roomName: detail.roomName,
		location: detail.location,
		request: {
			id: request.id,
			status: request.status,
			name: request.name,
			email: request.email,
			phone: request.phone,
			organisation: request.organisation,
			showOrganisation: request.showOrganisation,
			purpose: request.purpose,
			attendees: request.attendees,
			createdAt: request.createdAt,
			decidedAt: request.decidedAt,
			decisionMessage: request.decisionMessage,
			internalNote: request.internalNote,
			anonymised: request.anonymisedAt !== null
		},
		dates: detail.dates,
		fields: describeForm(declineBookingSchema),
		proposeFields: describeForm(proposeAlternativeSchema),
		cancelFields: describeForm(cancelBookingSchema),
		noteFields: describeForm(bookingNoteSchema),
		rooms: (await listRoomsForApi(locals.db)).map((r) => ({ value: String(r.id), label: r.name })),
		history
	};
};

const detailPath = (id: string) => `/verwaltung/raeume/anfragen/${id}`;

export const actions: Actions = {
	approve: backOfficeAction({
		permission: 'bookings.decide',
		schema: approveBookingSchema,
		failData: { form: 'approve' },
		run: (input, { db, actor, event }) =>
			approveBookingRequest(db, {
				actor,
				id: Number(event.params.id),
				skipBookingIds: input.skipBookingIds
			}),
		redirect: (_, { event }) => withFlash(detailPath(event.params.id ?? ''), 'saved')
	}),
	propose: backOfficeAction({
		permission: 'bookings.decide',
		schema: proposeAlternativeSchema,
		failData: { form: 'propose' },
		run: (input, { db, actor, event }) =>
			proposeAlternative(db, {
				actor,
				origin: event.url.origin,
				input: {
					requestId: Number(event.params.id),
					roomId: input.roomId,
					date: input.date,
					startTime: input.startTime,
					endTime: input.endTime,
					message: input.proposalMessage
				}
			}),
		redirect: (_, { event }) => withFlash(detailPath(event.params.id ?? ''), 'saved')
	}),
	decline: backOfficeAction({
		permission: 'bookings.decide',
		schema: declineBookingSchema,
		failData: { form: 'decline' },
		run: (input, { db, actor, event }) =>
			declineBookingRequest(db, { actor, id: Number(event.params.id), message: input.message }),
		redirect: (_, { event }) => withFlash(detailPath(event.params.id ?? ''), 'saved')
	}),
	cancel: backOfficeAction({
		permission: 'bookings.decide',
		schema: cancelBookingSchema,
		failData: { form: 'cancel' },
		run: (input, { db, actor, event }) =>
			cancelBookingRequest(db, {
				actor,
				requestId: Number(event.params.id),
				origin: event.url.origin,
				message: input.cancelMessage
			}),
		redirect: (_, { event }) => withFlash(detailPath(event.params.id ?? ''), 'saved')
	}),
	note: backOfficeAction({
		permission: 'bookings.decide',
		schema: bookingNoteSchema,
		failData: { form: 'note' },
		run: (input, { db, actor, event }) =>
			updateBookingNote(db, { actor, id: Number(event.params.id), note: input.internalNote }),
		redirect: (_, { event }) => withFlash(detailPath(event.params.id ?? ''), 'saved')
	})
};
