import { m } from '$lib/paraglide/messages.js';

export { priorityLabel } from '$lib/notice-labels';

export const statusLabel = (s: 'active' | 'scheduled' | 'expired') =>
	s === 'active'
		? m.content_status_active()
		: s === 'scheduled'
			? m.content_status_scheduled()
			: m.content_status_expired();
