/*
 * Open311 GeoReport v2 answers in both formats. JSON is the value as it is; XML is written by the
 * tiny serializer below: an array becomes one child per item, named by ITEM_NAMES (the spec's
 * names: <services><service>, <attributes><attribute>, …), null and undefined are left out,
 * text is escaped and characters XML 1.0 cannot carry at all are dropped.
 */

export type Open311Format = 'json' | 'xml';

export const isOpen311Format = (value: string): value is Open311Format =>
	value === 'json' || value === 'xml';

/** Strings, numbers, booleans, null/undefined (left out), arrays and plain objects of those. */
export type Open311Value = unknown;

/** The element for each item of an array, by the array's element name. */
const ITEM_NAMES: Record<string, string> = {
	services: 'service',
	service_requests: 'request',
	attributes: 'attribute',
	values: 'value',
	endpoints: 'endpoint',
	formats: 'format',
	errors: 'error'
};

// Tab, line feed, carriage return and everything from space on, except the surrogates (a lone
// one is not a character) and U+FFFE/U+FFFF.
const NOT_XML =
	// eslint-disable-next-line no-control-regex -- exactly these are what XML 1.0 forbids
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
	return text
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function element(name: string, value: Open311Value): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) {
		const item = ITEM_NAMES[name] ?? 'item';
		return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
	}
	if (typeof value === 'object') {
		const children = Object.entries(value as Record<string, unknown>)
			.map(([key, v]) => element(key, v))
			.join('');
		return `<${name}>${children}</${name}>`;
	}
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole XML document: the declaration and one root element. */
export function toXml(root: string, value: Open311Value): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}\n`;
}

const CONTENT_TYPES: Record<Open311Format, string> = {
	json: 'application/json; charset=utf-8',
	xml: 'text/xml; charset=utf-8'
};

/**
 * An answer in the asked format. `root` names the XML document element (JSON has none). Reads
 * may be kept by shared caches a minute, like the events API; everything else is no-store.
 */
export function open311Response(
	format: Open311Format,
	root: string,
	value: Open311Value,
	{ status = 200, cacheable = false }: { status?: number; cacheable?: boolean } = {}
): Response {
	const body = format === 'json' ? JSON.stringify(value) : toXml(root, value);
	return new Response(body, {
		status,
		headers: {
			'content-type': CONTENT_TYPES[format],
			'cache-control': cacheable ? 'public, max-age=60' : 'no-store',
			// Any site may read the public API from the browser (it sends no cookies to act with).
			'access-control-allow-origin': '*'
		}
	});
}

/** Open311's error answer: [{code, description}] / <errors><error>…</error></errors>. */
export function open311Error(
	format: Open311Format,
	status: 400 | 403 | 404 | 405 | 413 | 429,
	descriptions: string | string[],
	headers: Record<string, string> = {}
): Response {
	const list = (Array.isArray(descriptions) ? descriptions : [descriptions]).map((d) => ({
		code: status,
		description: d
	}));
	const response = open311Response(format, 'errors', list, { status });
	for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
	return response;
}
