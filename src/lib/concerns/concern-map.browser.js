/*
 * The concerns map (area: media) as a plain browser script: the site ships no framework code
 * (csr = false), so ConcernLocationPicker and ConcernMap render server HTML with data-* settings
 * and this script, loaded after Leaflet (both self-hosted through the build, `?url`), brings them
 * to life. It runs only on pages that show a map, and only when a tile server is set; the tiles
 * are the only thing that comes from outside (CSP img-src). Without JavaScript nothing happens:
 * the map blocks stay hidden and the address field is the place.
 */
(() => {
	/** @type {typeof import('leaflet')} */
	const L = /** @type {any} */ (window).L;
	if (!L) return;

	/** A pin: a circle (SVG), so no marker image has to be found or allowed. */
	const PIN = { radius: 9, color: '#ffffff', weight: 3, fillColor: '#b3261e', fillOpacity: 1 };

	/** @param {string} s */
	const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

	/** @param {HTMLElement} element */
	function createMap(element) {
		const box = JSON.parse(element.dataset.box ?? '{}');
		const bounds = L.latLngBounds([box.south, box.west], [box.north, box.east]);
		const map = L.map(element, {
			maxBounds: bounds.pad(0.5),
			minZoom: 12,
			maxZoom: 19,
			scrollWheelZoom: false
		});
		map.fitBounds(bounds);
		map.attributionControl.setPrefix('Leaflet');
		// The attribution is the operator's text, shown as text.
		L.tileLayer(element.dataset.tileUrl ?? '', {
			attribution: escapeHtml(element.dataset.attribution || ''),
			maxZoom: 19
		}).addTo(map);
		return map;
	}

	/** The pin of a concern form: a tap sets the hidden latitude/longitude fields. */
	for (const root of document.querySelectorAll(/** @type {'div'} */ ('[data-concern-picker]'))) {
		const form = root.closest('form');
		const latitude = form?.querySelector(/** @type {'input'} */ ('input[name="latitude"]'));
		const longitude = form?.querySelector(/** @type {'input'} */ ('input[name="longitude"]'));
		const element = root.querySelector(/** @type {'div'} */ ('[data-map]'));
		const state = root.querySelector('[data-state]');
		const remove = root.querySelector(/** @type {'button'} */ ('[data-remove]'));
		if (!latitude || !longitude || !element || !state || !remove) continue;
		root.hidden = false;
		const map = createMap(element);
		/** @type {import('leaflet').CircleMarker | null} */
		let pin = null;
		const show = () => {
			const set = latitude.value !== '' && longitude.value !== '';
			state.textContent = set
				? (root.dataset.setText ?? '')
						.replace('{lat}', latitude.value)
						.replace('{lng}', longitude.value)
				: (root.dataset.noneText ?? '');
			remove.hidden = !set;
		};
		/** @param {{ lat: number; lng: number }} at */
		const place = (at) => {
			latitude.value = at.lat.toFixed(6);
			longitude.value = at.lng.toFixed(6);
			if (pin) pin.setLatLng(at);
			else pin = L.circleMarker(at, PIN).addTo(map);
			show();
		};
		const lat = Number(latitude.value);
		const lng = Number(longitude.value);
		if (latitude.value !== '' && longitude.value !== '' && isFinite(lat) && isFinite(lng)) {
			place({ lat, lng });
			map.setView([lat, lng], Math.max(map.getZoom(), 16));
		}
		map.on('click', (e) => place(e.latlng));
		remove.addEventListener('click', () => {
			pin?.remove();
			pin = null;
			latitude.value = '';
			longitude.value = '';
			show();
		});
		show();
	}

	/** Public concerns as pins, each linking to its page (the list below says the same). */
	for (const root of document.querySelectorAll(/** @type {'section'} */ ('[data-concern-pins]'))) {
		const element = root.querySelector(/** @type {'div'} */ ('[data-map]'));
		if (!element) continue;
		root.hidden = false;
		const map = createMap(element);
		/** @type {{ reference: string; latitude: number; longitude: number; label: string }[]} */
		const pins = JSON.parse(root.dataset.concernPins ?? '[]');
		for (const pin of pins) {
			// Built as elements, not HTML: the texts are residents' and staff's.
			const link = document.createElement('a');
			link.href = `/anliegen/${encodeURIComponent(pin.reference)}`;
			link.textContent = `${pin.reference}: ${pin.label}`;
			L.circleMarker([pin.latitude, pin.longitude], PIN).bindPopup(link).addTo(map);
		}
	}
})();
