import type { RequestEvent } from '@sveltejs/kit';
import { backOfficeAction } from '../forms/action';
import { withFlash } from '../forms/flash';
import { findConcernPhotos, photoActionSchema } from './concern-photos';
import { deleteConcernPhoto } from './delete-concern-photo';
import { setConcernPhotoHidden } from './set-concern-photo-hidden';

/**
 * The staff detail page's photo part (area: media), kept out of the route so the page takes it
 * with one line each: `...(await loadConcernPhotos(event, concern))` and `...concernPhotoActions`.
 * The load runs after the page's own getConcern, which has checked `concerns.manage`.
 */
export async function loadConcernPhotos(
	event: RequestEvent & { locals: App.Locals },
	concern: { id: number; latitude: number | null; longitude: number | null }
) {
	return {
		photos: await findConcernPhotos(event.locals.db, concern.id),
		position:
			concern.latitude !== null && concern.longitude !== null
				? { latitude: concern.latitude, longitude: concern.longitude }
				: null
	};
}

const back = (id: string | undefined) =>
	withFlash(`/verwaltung/anliegen/${id ?? ''}?aktion=foto#concern-photos-staff-title`, 'saved');

const concernId = (event: RequestEvent) => Number(event.params.id);

export const concernPhotoActions = {
	photoHide: backOfficeAction({
		permission: 'concerns.manage',
		schema: photoActionSchema,
		failData: { form: 'photo' },
		run: (input, { db, actor, event }) =>
			setConcernPhotoHidden(db, {
				actor,
				concernId: concernId(event),
				photoId: input.photo,
				hidden: true
			}),
		redirect: (_, { event }) => back(event.params.id)
	}),
	photoShow: backOfficeAction({
		permission: 'concerns.manage',
		schema: photoActionSchema,
		failData: { form: 'photo' },
		run: (input, { db, actor, event }) =>
			setConcernPhotoHidden(db, {
				actor,
				concernId: concernId(event),
				photoId: input.photo,
				hidden: false
			}),
		redirect: (_, { event }) => back(event.params.id)
	}),
	photoDelete: backOfficeAction({
		permission: 'concerns.manage',
		schema: photoActionSchema,
		failData: { form: 'photo' },
		run: (input, { db, actor, event }) =>
			deleteConcernPhoto(db, { actor, concernId: concernId(event), photoId: input.photo }),
		redirect: (_, { event }) => back(event.params.id)
	})
};
