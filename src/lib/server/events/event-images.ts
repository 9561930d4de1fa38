import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventImages, events, images } from '../db/schema';
import { imageView, type ImageView } from '../media/image-view';

/** An event's image as pages show it (public: shown with the event). */
export interface EventImageView {
	altText: string;
	image: ImageView;
}

const columns = {
	eventId: eventImages.eventId,
	altText: eventImages.altText,
	key: images.key,
	width: images.width,
	height: images.height
};

const view = (row: { altText: string; key: string; width: number; height: number }) => ({
	altText: row.altText,
	image: imageView(row)
});

/** The image of an event, or null. */
export async function findEventImage(db: Db, eventId: number): Promise<EventImageView | null> {
	const [row] = await db
		.select(columns)
		.from(eventImages)
		.innerJoin(images, eq(images.id, eventImages.imageId))
		.where(eq(eventImages.eventId, eventId));
	return row ? view(row) : null;
}

/** The images of these events (for a list), by event id. */
export async function findEventImages(
	db: Db,
	eventIds: number[]
): Promise<Record<number, EventImageView>> {
	if (eventIds.length === 0) return {};
	const rows = await db
		.select(columns)
		.from(eventImages)
		.innerJoin(images, eq(images.id, eventImages.imageId))
		.where(inArray(eventImages.eventId, eventIds));
	return Object.fromEntries(rows.map((row) => [row.eventId, view(row)]));
}

/** The images of these events by slug (for the list, whose dates name their event by slug). */
export async function findEventImagesBySlug(
	db: Db,
	slugs: string[]
): Promise<Record<string, EventImageView>> {
	if (slugs.length === 0) return {};
	const rows = await db
		.select({ ...columns, slug: events.slug })
		.from(eventImages)
		.innerJoin(images, eq(images.id, eventImages.imageId))
		.innerJoin(events, eq(events.id, eventImages.eventId))
		.where(inArray(events.slug, [...new Set(slugs)]));
	return Object.fromEntries(rows.map((row) => [row.slug, view(row)]));
}
