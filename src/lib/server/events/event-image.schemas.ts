import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { imageFile } from '../media/media.schemas';

export const eventImageSchema = z.object({
	image: imageFile(() => m.events_groups_image_field_file()),
	altText: field.text(() => m.events_groups_image_field_alt(), 300, {
		hint: () => m.events_groups_image_field_alt_hint()
	})
});
export type EventImageInput = z.output<typeof eventImageSchema>;
