import { and, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import {
	concernBodies,
	concernCategories,
	concernForwardings,
	concerns,
	type ConcernStatus
} from '../db/schema';
import { concernMediaUrls } from '../concerns/concern-photos';
import { parseReference } from '../concerns/concern-reference';
import { toIsoWithOffset } from '../time';

/*
 * Open311 reads of service requests. Only public concerns, and only their public columns: the
 * submitter's name, e-mail, phone and account are never selected, and status_notes comes from
 * public timeline entries only (internal notes are never public, a CHECK in the schema).
 */

/** Open311 knows two states; everything still being worked on is open. */
export const OPEN_STATUSES = ['received', 'in_review', 'forwarded', 'in_progress'] as const;

export function open311Status(status: ConcernStatus): 'open' | 'closed' {
	return (OPEN_STATUSES as readonly string[]).includes(status) ? 'open' : 'closed';
}

export const MAX_REQUESTS = 1000;
export const DEFAULT_WINDOW_DAYS = 90;
const MAX_IDS = 100;

export interface Open311RequestFilters {
	/** References; when given, every other filter is ignored (as the spec says). */
	ids: string[] | null;
	serviceCode: string | null;
	start: Date;
	end: Date | null;
	status: 'open' | 'closed' | null;
}

/** An ISO 8601 instant with an offset or Z; null if not one (a bare date has no zone). */
export function parseInstant(value: string): Date | null {
	if (value.length > 40) return null;
	try {
		return new Date(Temporal.Instant.from(value.trim()).epochMilliseconds);
	} catch {
		return null;
	}
}

/**
 * The query string of GET requests.{format} → filters, or the Open311 error descriptions of
 * what is wrong. Whether a service code exists is the query's business (it knows the table).
 */
export function parseRequestFilters(
	params: URLSearchParams,
	at: Date
): { ok: true; filters: Open311RequestFilters } | { ok: false; errors: string[] } {
	const errors: string[] = [];
	const text = (name: string) => params.get(name)?.trim() || null;
	let ids: string[] | null = null;
	const rawIds = text('service_request_id');
	if (rawIds !== null) {
		const parts = rawIds
			.split(',')
			.map((p) => p.trim())
			.filter((p) => p !== '');
		ids = [];
		for (const part of parts.slice(0, MAX_IDS)) {
			const reference = parseReference(part);
			if (reference) ids.push(reference);
			else errors.push(m.concerns_open311_error_request_id({ id: part.slice(0, 40) }));
		}
		if (parts.length > MAX_IDS)
			errors.push(m.concerns_open311_error_too_many_ids({ max: MAX_IDS }));
	}
	const dateOf = (name: 'start_date' | 'end_date') => {
		const value = text(name);
		if (value === null) return null;
		const instant = parseInstant(value);
		if (!instant) errors.push(m.concerns_open311_error_date({ field: name }));
		return instant;
	};
	const startGiven = dateOf('start_date');
	const end = dateOf('end_date');
	const status = text('status');
	if (status !== null && status !== 'open' && status !== 'closed') {
		errors.push(m.concerns_open311_error_status());
	}
	if (errors.length > 0) return { ok: false, errors };
	const windowEnd = end ?? at;
	const start =
		startGiven ?? new Date(windowEnd.getTime() - DEFAULT_WINDOW_DAYS * 24 * 60 * 60 * 1000);
	return {
		ok: true,
		filters: {
			ids,
			serviceCode: text('service_code'),
			start,
			end,
			status: status as 'open' | 'closed' | null
		}
	};
}

/**
 * Which body is responsible for each concern (agency_responsible): the one it was last forwarded
 * to. A concern never forwarded is the office's own, and the field is left out.
 */
export async function agencyNames(db: Db, ids: number[]): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectDistinctOn([concernForwardings.concernId], {
			concernId: concernForwardings.concernId,
			name: concernBodies.name
		})
		.from(concernForwardings)
		.innerJoin(concernBodies, eq(concernBodies.id, concernForwardings.bodyId))
		.where(inArray(concernForwardings.concernId, ids))
		.orderBy(
			concernForwardings.concernId,
			desc(concernForwardings.sentAt),
			desc(concernForwardings.id)
		);
	return new Map(rows.map((r) => [r.concernId, r.name]));
}

export interface Open311Request {
	service_request_id: string;
	status: 'open' | 'closed';
	status_notes: string | null;
	service_name: string;
	service_code: string;
	description: string;
	agency_responsible: string | null;
	service_notice: string | null;
	requested_datetime: string;
	updated_datetime: string;
	expected_datetime: string | null;
	address: string | null;
	address_id: string | null;
	zipcode: string | null;
	lat: number | null;
	long: number | null;
	media_url: string | null;
}

/** The latest public entry with words, the concern's current public note. */
const latestPublicNote = sql<string | null>`(
	select e.body from concern_entries e
	where e.concern_id = ${concerns.id} and e.is_public and e.kind in ('status', 'answer') and e.body <> ''
	order by e.created_at desc, e.id desc limit 1)`;

async function readRequests(
	db: Db,
	where: SQL | undefined,
	limit: number,
	origin: string | undefined
) {
	const rows = await db
		.select({
			id: concerns.id,
			reference: concerns.reference,
			status: concerns.status,
			description: concerns.description,
			address: concerns.address,
			latitude: concerns.latitude,
			longitude: concerns.longitude,
			createdAt: concerns.createdAt,
			updatedAt: concerns.updatedAt,
			serviceCode: concernCategories.slug,
			serviceName: concernCategories.name,
			notes: latestPublicNote
		})
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.where(and(eq(concerns.visibility, 'public'), where))
		.orderBy(desc(concerns.createdAt), desc(concerns.id))
		.limit(limit);
	const ids = rows.map((r) => r.id);
	const agencies = await agencyNames(db, ids);
	// A photo's address needs the site's origin; without one (in-process reads) there is none.
	const media = origin ? await concernMediaUrls(db, ids, origin) : new Map<number, string>();
	return rows.map((r): Open311Request => ({
		service_request_id: r.reference,
		status: open311Status(r.status),
		status_notes: r.notes || null,
		service_name: r.serviceName,
		service_code: r.serviceCode,
		description: r.description,
		agency_responsible: agencies.get(r.id) ?? null,
		service_notice: null,
		requested_datetime: toIsoWithOffset(r.createdAt),
		updated_datetime: toIsoWithOffset(r.updatedAt),
		expected_datetime: null,
		address: r.address || null,
		address_id: null,
		zipcode: null,
		lat: r.latitude,
		long: r.longitude,
		media_url: media.get(r.id) ?? null
	}));
}

/** Public requests matching the filters, newest first, at most 1000; null: unknown service code. */
export async function findOpen311Requests(
	db: Db,
	filters: Open311RequestFilters,
	{ origin }: { origin?: string } = {}
): Promise<Open311Request[] | null> {
	if (filters.ids) {
		if (filters.ids.length === 0) return [];
		return readRequests(db, inArray(concerns.reference, filters.ids), MAX_REQUESTS, origin);
	}
	const where: SQL[] = [gte(concerns.createdAt, filters.start)];
	if (filters.end) where.push(lte(concerns.createdAt, filters.end));
	if (filters.status === 'open') where.push(inArray(concerns.status, [...OPEN_STATUSES]));
	if (filters.status === 'closed') where.push(notInArray(concerns.status, [...OPEN_STATUSES]));
	if (filters.serviceCode !== null) {
		const [category] = await db
			.select({ id: concernCategories.id })
			.from(concernCategories)
			.where(eq(concernCategories.slug, filters.serviceCode));
		if (!category) return null;
		where.push(eq(concerns.categoryId, category.id));
	}
	return readRequests(db, and(...where), MAX_REQUESTS, origin);
}

/** One public request by its id (the reference); null when unknown or private. */
export async function getOpen311Request(
	db: Db,
	id: string,
	{ origin }: { origin?: string } = {}
): Promise<Open311Request | null> {
	const reference = parseReference(id);
	if (!reference) return null;
	const [request] = await readRequests(db, eq(concerns.reference, reference), 1, origin);
	return request ?? null;
}
