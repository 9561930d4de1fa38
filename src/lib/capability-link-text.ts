import { m } from '$lib/paraglide/messages.js';
import { formatDateTime } from '$lib/format';

/** What the back office may know about a capability link: when and where it went, never the link. */
export interface CapabilityLinkSummary {
	createdAt: Date;
	sentAt: Date | null;
	sentToHint: string | null;
	expiresAt: Date;
	usedAt: Date | null;
	revokedAt: Date | null;
	singleUse: boolean;
	state: 'active' | 'used' | 'expired' | 'revoked';
}

/** "Link gesendet am 3. März 2026, 10:00 an e…@example.org, gültig bis …, benutzt am …". */
export function describeCapabilityLink(link: CapabilityLinkSummary): string {
	const parts = [
		link.sentAt
			? link.sentToHint
				? m.capability_link_sent({ date: formatDateTime(link.sentAt), to: link.sentToHint })
				: m.capability_link_sent_no_hint({ date: formatDateTime(link.sentAt) })
			: m.capability_link_created({ date: formatDateTime(link.createdAt) })
	];
	if (link.state === 'revoked') {
		parts.push(m.capability_link_revoked_on({ date: formatDateTime(link.revokedAt) }));
	} else if (link.state === 'expired') {
		parts.push(m.capability_link_expired_on({ date: formatDateTime(link.expiresAt) }));
	} else {
		parts.push(m.capability_link_valid_until({ date: formatDateTime(link.expiresAt) }));
	}
	if (link.usedAt && link.state !== 'revoked') {
		parts.push(m.capability_link_used_on({ date: formatDateTime(link.usedAt) }));
	}
	return parts.join(', ');
}
