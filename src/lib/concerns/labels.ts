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

/** A timeline step's heading; entries of forwarding name the body ("Weitergeleitet an …", "Antwort von …"). */
export function entryTitle(kind: string, statusTo: string | null, bodyName: string): string {
	if (kind === 'answer') {
		return bodyName
			? m.concerns_forward_timeline_answer({ body: bodyName })
			: m.concerns_timeline_answer();
	}
	if (bodyName && statusTo === 'forwarded') {
		return m.concerns_forward_timeline_forwarded({ body: bodyName });
	}
	const status = m.concerns_timeline_status({ status: statusText(statusTo ?? '') });
	return bodyName ? m.concerns_forward_timeline_status_by({ status, body: bodyName }) : status;
}
