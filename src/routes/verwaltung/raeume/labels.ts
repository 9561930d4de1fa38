import { m } from '$lib/paraglide/messages.js';
import type { BookingRequestStatus, BookingStatus } from '$lib/server/db/schema';

const REQUEST: Record<BookingRequestStatus, () => string> = {
	pending: m.rooms_staff_status_pending,
	approved: m.rooms_staff_status_approved,
	declined: m.rooms_staff_status_declined,
	proposal: m.rooms_staff_status_proposal,
	cancelled: m.rooms_staff_status_cancelled
};

const DATE: Record<BookingStatus, () => string> = {
	pending: m.rooms_staff_date_pending,
	approved: m.rooms_staff_date_approved,
	proposed: m.rooms_staff_date_proposed,
	conflict: m.rooms_staff_date_conflict,
	skipped: m.rooms_staff_date_skipped,
	declined: m.rooms_staff_date_declined,
	cancelled: m.rooms_staff_date_cancelled
};

export const requestStatusLabel = (status: BookingRequestStatus) => REQUEST[status]();
export const dateStatusLabel = (status: BookingStatus) => DATE[status]();
