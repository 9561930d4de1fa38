import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { DomainError, httpStatusOf, messageOf, type ErrorCode } from '../errors';
import { kickMailSender } from '../runtime';
import { clientKey, hitRateLimit } from '../security/rate-limit';

/**
 * The JSON API's boundary, as the form pipeline is the HTML forms' (forms/action.ts): rate
 * limit, body parsing, schema, the use case, and every error translated here into
 * `{ error: { code, message, fields? } }` in the request's language. Invalid input is 422 (the
 * API's contract), a collision 409, a refusal 403/404. API responses are never cached.
 */
export interface ApiError {
	error: {
		code: ErrorCode | 'BAD_REQUEST' | 'UNSUPPORTED_MEDIA_TYPE';
		message: string;
		fields?: Record<string, string>;
	};
}

const NO_STORE = { 'cache-control': 'no-store' };
/** A booking request is a few hundred bytes; anything far larger is not one. */
const MAX_JSON_BYTES = 16_384;

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
	return json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * Public read-only answers (events): shared caches may keep them a minute; Last-Modified lets
 * clients ask with If-Modified-Since (the compression hook answers 304, as for If-None-Match).
 */
export function publicApiHeaders(lastModified: Date | null): Record<string, string> {
	const headers: Record<string, string> = { 'cache-control': 'public, max-age=60' };
	if (lastModified) headers['last-modified'] = lastModified.toUTCString();
	return headers;
}

export function apiError(
	status: number,
	code: ApiError['error']['code'],
	message: string,
	fields?: Record<string, string>,
	headers: Record<string, string> = {}
) {
	const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
	return apiJson(body, status, headers);
}

function fromDomainError(err: DomainError) {
	const status = err.code === 'INVALID' ? 422 : httpStatusOf(err);
	return apiError(status, err.code, messageOf(err), err.fieldErrors);
}

/** Runs `body`; a DomainError becomes its JSON answer, anything else stays a 500 (logged). */
export async function answerDomainErrors(body: () => Promise<Response>): Promise<Response> {
	try {
		return await body();
	} catch (err) {
		if (err instanceof DomainError) return fromDomainError(err);
		throw err;
	}
}

/** Counts a request against the per-client limit of public submissions (RATE_LIMIT_PER_MINUTE). */
export function apiRateLimited(event: RequestEvent, name: string): Response | null {
	const limit = hitRateLimit(
		`${name}:${clientKey(event.getClientAddress())}`,
		config().RATE_LIMIT_PER_MINUTE
	);
	if (limit.ok) return null;
	const minutes = Math.ceil(limit.retryAfterSeconds / 60);
	return apiError(429, 'RATE_LIMITED', m.error_rate_limited({ minutes }), undefined, {
		'retry-after': String(limit.retryAfterSeconds)
	});
}

/** Reads a JSON object body and checks it against the schema; failures are ready answers. */
export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) {
		return {
			ok: false,
			response: apiError(415, 'UNSUPPORTED_MEDIA_TYPE', m.api_error_json_expected())
		};
	}
	const text = await request.text();
	if (text.length > MAX_JSON_BYTES) {
		return { ok: false, response: apiError(413, 'BAD_REQUEST', m.error_too_large()) };
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, response: apiError(400, 'BAD_REQUEST', m.api_error_json_invalid()) };
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return { ok: false, response: apiError(400, 'BAD_REQUEST', m.api_error_json_invalid()) };
	}
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message;
	return {
		ok: false,
		response: apiError(422, 'INVALID', m.api_error_invalid(), fields)
	};
}

/** After a use case committed: let queued mail go, as the form pipeline does. */
export function afterCommit(): void {
	kickMailSender();
}
