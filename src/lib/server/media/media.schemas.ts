import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { describeField } from '../form-meta';

/**
 * A required image file in a multipart form. It only checks that a file came: size and format
 * are the pipeline's (processImage), which decodes the bytes. A browser sends an empty file when
 * none was chosen; a form sent without multipart sends a text.
 */
export const imageFile = (label: () => string) =>
	describeField(
		z.custom<File>((value) => value instanceof Blob && value.size > 0, {
			error: () => m.media_error_empty()
		}),
		{ label, required: true }
	);
