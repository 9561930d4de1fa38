import { z } from 'zod';
import { isInDistrict, type DistrictBounds } from '$lib/concerns/district';
import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { fieldError } from '../errors';
import { describeField } from '../form-meta';

/**
 * The place of a concern as a map pin (area: media). The address field is the primary way to say
 * where; the pin is an extra where JavaScript and a tile server are available. Coordinates come
 * from two hidden fields the map fills; the server checks that both or neither came and that the
 * pin lies in the district (CONCERN_DISTRICT_BBOX), whatever the browser did.
 */

export type DistrictBox = DistrictBounds;

/** The configured district ($lib/concerns/district.ts holds the format and the default). */
export function districtBox(): DistrictBox {
	return config().CONCERN_DISTRICT_BBOX;
}

/** What a page needs to draw a map; null when no tile server is set (then no map at all). */
export interface MapSettings {
	tileUrl: string;
	attribution: string;
	box: DistrictBox;
}

export function mapSettings(): MapSettings | null {
	const { MAP_TILE_URL, MAP_ATTRIBUTION } = config();
	if (!MAP_TILE_URL) return null;
	return { tileUrl: MAP_TILE_URL, attribution: MAP_ATTRIBUTION, box: districtBox() };
}

/**
 * The tile server's origin as a CSP source: `{s}` subdomains become a wildcard
 * (`https://*.tile.example.org`). Null when no (usable) tile URL is set.
 */
export function tileOrigin(tileUrl = config().MAP_TILE_URL): string | null {
	if (!tileUrl) return null;
	const match = /^(https?):\/\/([^/?#]+)/.exec(tileUrl);
	if (!match) return null;
	const host = match[2].replace(/^\{s\}\./, '*.');
	// Anything else in braces in the host would not be a valid source: refuse rather than widen.
	if (/[{}\s'";,]/.test(host)) return null;
	return `${match[1]}://${host}`;
}

const coordinate = (label: () => string) =>
	describeField(
		z.preprocess(
			(v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
			z.union([
				z.null(),
				z
					.string()
					.regex(/^-?\d{1,3}(\.\d{1,12})?$/, {
						error: () => m.concerns_media_error_position()
					})
					.transform(Number)
			])
		),
		{ label, required: false }
	);

/** The two hidden fields the map fills; add them to a concern form's schema. */
export const positionFields = {
	latitude: coordinate(() => m.concerns_media_field_latitude()),
	longitude: coordinate(() => m.concerns_media_field_longitude())
};

export type Position = { latitude: number; longitude: number };

/**
 * Both coordinates inside the district, or neither: anything else is a field error on `position`
 * (the map's block on the form), never a 500 and never a half position.
 */
export function checkPosition(
	latitude: number | null,
	longitude: number | null,
	box: DistrictBox = districtBox()
): Position | null {
	if (latitude === null && longitude === null) return null;
	if (latitude === null || longitude === null) {
		throw fieldError('position', m.concerns_media_error_position);
	}
	if (!isInDistrict(box, latitude, longitude))
		throw fieldError('position', m.concerns_media_error_outside);
	return { latitude, longitude };
}
