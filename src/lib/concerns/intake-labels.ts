import { m } from '$lib/paraglide/messages.js';

const CHANNEL_LABELS: Record<string, () => string> = {
	web: m.concerns_intake_channel_web,
	desk: m.concerns_intake_channel_desk,
	phone: m.concerns_intake_channel_phone,
	contact_message: m.concerns_intake_channel_contact_message,
	open311: m.concerns_intake_channel_open311
};

/** How a concern came in, for staff ("am Schalter", "über das Kontaktformular"). */
export function channelText(channel: string): string {
	return CHANNEL_LABELS[channel]?.() ?? channel;
}
