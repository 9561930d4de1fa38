import { m } from '$lib/paraglide/messages.js';
import type { BookingRequestStatus, BookingStatus } from '$lib/server/db/schema';

const REQUEST: Record<BookingRequestStatus, () => string> = {
	pending: m.rooms_public_request_pending,
	approved: m.rooms_public_request_approved,
	declined: m.rooms_public_request_declined,
	proposal: m.rooms_public_request_proposal,
	cancelled: m.rooms_public_request_cancelled
};

const DATE: Record<BookingStatus, () => string> = {
	pending: m.rooms_public_date_pending,
	approved: m.rooms_public_date_approved,
	proposed: m.rooms_public_date_proposed,
	conflict: m.rooms_public_date_conflict,
	skipped: m.rooms_public_date_skipped,
	declined: m.rooms_public_date_declined,
	cancelled: m.rooms_public_date_cancelled
};

export const requestStateLabel = (status: BookingRequestStatus) => REQUEST[status]();
export const dateStateLabel = (status: BookingStatus) => DATE[status]();
