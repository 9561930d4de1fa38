import { tileOrigin } from '../concerns/concern-location';

/**
 * The protective headers of every answer: pages, feeds, JSON and error pages (the hook in
 * hooks.server.ts) and pages answered from the page cache (page-responder.ts). One list, so the
 * two cannot drift apart. Names are lower case, as Node writes them from a Headers object.
 */
const ALWAYS: readonly (readonly [string, string])[] = [
	['x-content-type-options', 'nosniff'],
	['referrer-policy', 'strict-origin-when-cross-origin'],
	['x-frame-options', 'DENY'],
	['cross-origin-opener-policy', 'same-origin'],
	['permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()']
];

/** For answers without a policy of their own (pages get SvelteKit's, with script hashes). */
export const DEFAULT_CSP =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

export const HSTS = 'max-age=31536000; includeSubDomains';

/** A Headers object, or a Map with lower-case names. */
export interface HeaderTarget {
	has(name: string): boolean;
	get(name: string): string | null | undefined;
	set(name: string, value: string): unknown;
}

/**
 * The policy with `origin` added to img-src (the map's tiles are images from the tile server).
 * Only when MAP_TILE_URL is set; without it no page may load an image from elsewhere.
 */
export function allowImagesFrom(csp: string, origin: string | null): string {
	if (!origin) return csp;
	return csp.replace(/(^|;\s*)img-src([^;]*)/, (all, start: string, sources: string) =>
		sources.split(/\s+/).includes(origin) ? all : `${start}img-src${sources} ${origin}`
	);
}

/** Sets the protective headers; HSTS only on https (plain http would ignore or mislead). */
export function setSecurityHeaders(headers: HeaderTarget, https: boolean): void {
	for (const [name, value] of ALWAYS) headers.set(name, value);
	const csp = headers.get('content-security-policy') || DEFAULT_CSP;
	headers.set('content-security-policy', allowImagesFrom(csp, tileOrigin()));
	if (https) headers.set('strict-transport-security', HSTS);
}
