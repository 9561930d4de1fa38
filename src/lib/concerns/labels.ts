import { m } from '$lib/paraglide/messages.js';
import { CONCERN_STATUSES, type ConcernStatus, type ConcernVisibility } from './choices';

/** The states the public filter offers: every state except merged (a merged notice lives on in another). */
export const CONCERN_STATUS_LIST = CONCERN_STATUSES.filter((s) => s !== 'merged');

const STATUS_LABELS: Record<ConcernStatus, () => string> = {
	received: m.concerns_status_received,
	in_review: m.concerns_status_in_review,
	forwarded: m.concerns_status_forwarded,
	in_progress: m.concerns_status_in_progress,
	resolved: m.concerns_status_resolved,
	declined: m.concerns_status_declined,
	merged: m.concerns_status_merged
};

export function statusText(status: string): string {
	return STATUS_LABELS[status as ConcernStatus]?.() ?? status;
}

export function visibilityText(visibility: ConcernVisibility | string): string {
	return visibility === 'public' ? m.concerns_visibility_public() : m.concerns_visibility_private();
}
