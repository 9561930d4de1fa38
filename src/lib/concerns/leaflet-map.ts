/**
 * The concerns map (area: media), in the browser only. Leaflet is bundled from node_modules and
 * loaded by a dynamic import, so its code reaches only pages that draw a map, and only when a
 * tile server is set; the tiles are the only thing that comes from outside (CSP img-src).
 */
import type { Map as LeafletMap } from 'leaflet';

export interface MapSettings {
	tileUrl: string;
	attribution: string;
	box: { south: number; west: number; north: number; east: number };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function createMap(
	element: HTMLElement,
	settings: MapSettings
): Promise<{ L: typeof import('leaflet'); map: LeafletMap }> {
	const L = (await import('leaflet')).default;
	const { south, west, north, east } = settings.box;
	const bounds = L.latLngBounds([south, west], [north, east]);
	const map = L.map(element, {
		maxBounds: bounds.pad(0.5),
		minZoom: 12,
		maxZoom: 19,
		scrollWheelZoom: false
	});
	map.fitBounds(bounds);
	// The attribution is the operator's text, shown as text.
	map.attributionControl.setPrefix('Leaflet');
	L.tileLayer(settings.tileUrl, {
		attribution: escapeHtml(settings.attribution),
		maxZoom: 19
	}).addTo(map);
	return { L, map };
}

/** A pin's look: a circle (SVG), so no marker image has to be found or allowed. */
export const PIN_STYLE = {
	radius: 9,
	color: '#ffffff',
	weight: 3,
	fillColor: '#b3261e',
	fillOpacity: 1
} as const;
