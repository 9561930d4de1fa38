import { m } from '$lib/paraglide/messages.js';

export const priorityLabel = (p: 'info' | 'important' | 'urgent') =>
	p === 'urgent'
		? m.notice_priority_urgent()
		: p === 'important'
			? m.notice_priority_important()
			: m.notice_priority_info();

export const statusLabel = (s: 'active' | 'scheduled' | 'expired') =>
	s === 'active'
		? m.content_status_active()
		: s === 'scheduled'
			? m.content_status_scheduled()
			: m.content_status_expired();
