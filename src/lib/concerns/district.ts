/*
 * The district's bounding box: the one place that says where a concern may be located. The
 * Open311 API refuses coordinates outside it, and the map (media) uses the same check. The
 * operator sets it with CONCERN_DISTRICT_BBOX (config.ts); this file holds the format, the
 * default (Kaster, Bedburg) and the test, so that server and browser code agree.
 */

export interface DistrictBounds {
	south: number;
	west: number;
	north: number;
	east: number;
}

/**
 * Kaster (about 51.017 N, 6.552 E) and the centre of Bedburg (about 50.987 N, 6.573 E), with a
 * few hundred metres to spare (Rhein-Erft-Kreis).
 */
export const DEFAULT_DISTRICT_BBOX = '50.975,6.52,51.035,6.615';

/** "south,west,north,east" in degrees (WGS 84) → bounds; null if unreadable or inverted. */
export function parseDistrictBounds(value: string): DistrictBounds | null {
	const parts = value.split(',').map((p) => p.trim());
	if (parts.length !== 4 || parts.some((p) => !/^-?\d{1,3}(\.\d+)?$/.test(p))) return null;
	const [south, west, north, east] = parts.map(Number);
	if (south < -90 || north > 90 || west < -180 || east > 180) return null;
	if (south >= north || west >= east) return null;
	return { south, west, north, east };
}

export function isInDistrict(bounds: DistrictBounds, latitude: number, longitude: number): boolean {
	return (
		latitude >= bounds.south &&
		latitude <= bounds.north &&
		longitude >= bounds.west &&
		longitude <= bounds.east
	);
}
