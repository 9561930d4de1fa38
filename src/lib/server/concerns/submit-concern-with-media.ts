import { z } from 'zod';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { checkPosition, positionFields } from './concern-location';
import {
	discardPhotoFiles,
	photosField,
	processConcernPhotos,
	storeConcernPhotos
} from './concern-photos';
import { concernSubmissionSchema } from './concerns.schemas';
import { submitConcern } from './submit-concern';

/** The public form with photos and the map's hidden position fields (area: media). */
export const concernSubmissionWithMediaSchema = concernSubmissionSchema.extend({
	photos: photosField,
	...positionFields
});
export type ConcernSubmissionWithMediaInput = z.output<typeof concernSubmissionWithMediaSchema>;

/**
 * submitConcern with photos and a map pin. The position is checked and the photos decoded before
 * the transaction (CPU only); rows are written inside it; if it fails, the photos' files, written
 * before their rows, are removed again, so a failed submission leaves neither rows nor files.
 */
export async function submitConcernWithMedia(
	db: Db,
	{
		actor,
		input,
		origin,
		locale = 'de'
	}: {
		actor: Actor;
		input: ConcernSubmissionWithMediaInput;
		origin: string;
		locale?: 'de' | 'en';
	}
): ReturnType<typeof submitConcern> {
	assertCan(actor, 'concern.submit');
	const position = checkPosition(input.latitude, input.longitude);
	const photos = await processConcernPhotos(input.photos);
	try {
		return await submitConcern(db, {
			actor,
			input,
			origin,
			locale,
			via: { channel: 'web', position },
			within: async (tx, concernId) => {
				await storeConcernPhotos(tx, { actor, concernId, photos });
			}
		});
	} catch (err) {
		await discardPhotoFiles(db, photos);
		throw err;
	}
}
