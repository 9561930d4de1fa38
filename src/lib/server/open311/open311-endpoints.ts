import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ANONYMOUS } from '../auth/actor';
import { config } from '../config';
import { shareWithEveryone } from '../ops/page-cache';
import { afterCommit } from '../api/json-api';
import { clientKey, hitRateLimit } from '../security/rate-limit';
import { siteSettings } from '../db/schema';
import { now } from '../time';
import { open311Error, open311Response, type Open311Format } from './open311-format';
import { checkOpen311Key } from './open311-keys';
import { findOpen311Requests, getOpen311Request, parseRequestFilters } from './open311-requests';
import { getOpen311ServiceDefinition, listOpen311Services } from './open311-services';
import { attributesIn, submitOpen311Request } from './submit-open311-request';

/*
 * The Open311 GeoReport v2 endpoints (/open311/v2/…); the routes only name the format and call
 * these. Reads are public, show public concerns only and are shared through the page cache;
 * errors are Open311 error lists, never a SvelteKit error page.
 */

type Event = RequestEvent & { locals: App.Locals };

/** When the API last changed in a way clients should notice (discovery's changeset). */
const CHANGESET = '2026-11-30T00:00:00+01:00';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

const originOf = (event: Event) => config().ORIGIN ?? event.url.origin;

/** jurisdiction_id may be left out or be the configured one; anything else is unknown here. */
function jurisdictionError(format: Open311Format, value: string | null): Response | null {
	if (value === null || value.trim() === '') return null;
	if (value.trim() === config().OPEN311_JURISDICTION_ID) return null;
	return open311Error(format, 404, m.concerns_open311_error_jurisdiction());
}

/** A read: shared with every anonymous visitor when it succeeds (it shows public data only). */
function read(event: Event, format: Open311Format, answer: () => Promise<Response>) {
	const refused = jurisdictionError(format, event.url.searchParams.get('jurisdiction_id'));
	if (refused) return refused;
	shareWithEveryone(event.locals);
	return answer();
}

export function discovery(event: Event, format: Open311Format) {
	const refused = jurisdictionError(format, event.url.searchParams.get('jurisdiction_id'));
	if (refused) return refused;
	// The answer names the public address: shared only when that is configured.
	if (config().ORIGIN) shareWithEveryone(event.locals);
	return (async () => {
		const [site] = await event.locals.db
			.select({ officeName: siteSettings.officeName })
			.from(siteSettings);
		const origin = originOf(event);
		return open311Response(
			format,
			'discovery',
			{
				changeset: CHANGESET,
				contact: `${site?.officeName ?? ''}, ${origin}/kontakt`,
				key_service: m.concerns_open311_key_service({ url: `${origin}/kontakt` }),
				endpoints: [
					{
						specification: SPECIFICATION,
						url: `${origin}/open311/v2`,
						changeset: CHANGESET,
						type: 'production',
						formats: ['application/json', 'text/xml']
					}
				]
			},
			{ cacheable: true }
		);
	})();
}

export const services = (event: Event, format: Open311Format) =>
	read(event, format, async () =>
		open311Response(format, 'services', await listOpen311Services(event.locals.db), {
			cacheable: true
		})
	);

export const serviceDefinition = (event: Event, format: Open311Format, code: string) =>
	read(event, format, async () => {
		const definition = await getOpen311ServiceDefinition(event.locals.db, code);
		if (!definition) return open311Error(format, 404, m.concerns_open311_error_no_definition());
		return open311Response(format, 'service_definition', { ...definition }, { cacheable: true });
	});

export const requests = (event: Event, format: Open311Format) =>
	read(event, format, async () => {
		const parsed = parseRequestFilters(event.url.searchParams, now());
		if (!parsed.ok) return open311Error(format, 400, parsed.errors);
		const found = await findOpen311Requests(event.locals.db, parsed.filters, {
			origin: event.url.origin
		});
		if (!found) {
			const code = (parsed.filters.serviceCode ?? '').slice(0, 60);
			return open311Error(format, 400, m.concerns_open311_error_service_code({ code }));
		}
		return open311Response(format, 'service_requests', found, { cacheable: true });
	});

export const request = (event: Event, format: Open311Format, id: string) =>
	read(event, format, async () => {
		const found = await getOpen311Request(event.locals.db, id, { origin: event.url.origin });
		if (!found) return open311Error(format, 404, m.concerns_open311_error_not_found());
		return open311Response(format, 'service_requests', [found], { cacheable: true });
	});

/**
 * Tokens stand for requests whose id is not known yet. Ours get their id (the reference) at
 * once, so the token a client may hold is that reference, and it resolves to itself.
 */
export const token = (event: Event, format: Open311Format, value: string) =>
	read(event, format, async () => {
		const found = await getOpen311Request(event.locals.db, value, { origin: event.url.origin });
		if (!found) return open311Error(format, 404, m.concerns_open311_error_not_found());
		return open311Response(
			format,
			'service_requests',
			[{ service_request_id: found.service_request_id, token: found.service_request_id }],
			{ cacheable: true }
		);
	});

/** A client with a key may post ten times as often as one without (it speaks for many people). */
const KEYED_FACTOR = 10;

function limited(format: Open311Format, key: string, limit: number): Response | null {
	const hit = hitRateLimit(key, limit);
	if (hit.ok) return null;
	return open311Error(
		format,
		429,
		m.error_rate_limited({ minutes: Math.ceil(hit.retryAfterSeconds / 60) }),
		{ 'retry-after': String(hit.retryAfterSeconds) }
	);
}

/** POST requests.json: a new public concern (see submit-open311-request.ts). */
export async function createRequest(event: Event, format: Open311Format): Promise<Response> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
		return open311Error(format, 400, m.concerns_open311_error_form());
	}
	let body: FormData;
	try {
		body = await event.request.formData();
	} catch (err) {
		if (err instanceof Error && /content-length|body size|too large/i.test(err.message)) {
			return open311Error(format, 413, m.error_too_large());
		}
		return open311Error(format, 400, m.concerns_open311_error_form());
	}
	const field = (name: string) => {
		const value = body.get(name);
		return typeof value === 'string' ? value : '';
	};
	const refused = jurisdictionError(format, field('jurisdiction_id'));
	if (refused) return refused;

	const key = await checkOpen311Key(event.locals.db, field('api_key').trim());
	const client = clientKey(event.getClientAddress());
	const { RATE_LIMIT_PER_MINUTE: perMinute } = config();
	// Wrong keys count against the client's address, so keys cannot be guessed at speed.
	const tooMany =
		key.ok && key.keyId !== null
			? limited(format, `open311:key:${key.keyId}`, perMinute * KEYED_FACTOR)
			: limited(format, `open311:${client}`, perMinute);
	if (tooMany) return tooMany;
	if (!key.ok) {
		return open311Error(
			format,
			403,
			key.reason === 'missing'
				? m.concerns_open311_error_key_missing()
				: m.concerns_open311_error_key_invalid()
		);
	}

	const strings: [string, string][] = [];
	for (const [name, value] of body) if (typeof value === 'string') strings.push([name, value]);
	const origin = originOf(event);
	const result = await submitOpen311Request(event.locals.db, {
		actor: ANONYMOUS,
		field,
		attributes: attributesIn(strings),
		origin,
		keyId: key.keyId
	});
	if (!result.ok) return open311Error(format, result.status, result.errors);
	afterCommit();
	return open311Response(format, 'service_requests', [
		{
			service_request_id: result.reference,
			service_notice: m.concerns_open311_service_notice({
				reference: result.reference,
				url: `${origin}/anliegen/${result.reference}`
			}),
			account_id: null
		}
	]);
}
