import { and, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { isInDistrict, type DistrictBounds } from '$lib/concerns/district';
import type { Actor } from '../auth/actor';
import { concernSubmissionSchema } from '../concerns/concerns.schemas';
import { submitConcern } from '../concerns/submit-concern';
import { config } from '../config';
import type { Db } from '../db/client';
import { concernCategories } from '../db/schema';
import { DomainError } from '../errors';
import { attributeLines } from './open311-services';

/*
 * POST requests.json: an Open311 client's report becomes a concern through the same use case as
 * the public form (submitConcern), with the same field rules (concernSubmissionSchema). What
 * differs is decided here:
 * - it is a PUBLIC notice with channel 'open311': a public API is for reports about the public
 *   space, and a private matter belongs in the form, where the visibility choice is explained;
 * - the category comes as service_code (its slug); attribute answers are added to the
 *   description as lines, so staff see them wherever they see the concern;
 * - a place is required, as lat+long inside the district's bounding box or as address_string;
 * - first_name + last_name are the name; e-mail and phone as in the form (both optional). With an
 *   e-mail the submitter gets the confirmation and the status link, as from the form;
 * - media_url is ignored: photos go through the media pipeline (type check, EXIF stripped), and
 *   fetching a URL a client names would make the server an open proxy.
 */

/** What a POST sends, as read from the form body (only the first value of each name counts). */
export type Open311Fields = (name: string) => string;

export type Open311SubmitResult =
	{ ok: true; reference: string } | { ok: false; status: 400; errors: string[] };

const COORDINATE = /^-?\d{1,3}(\.\d{1,12})?$/;

/** lat/long as given (strings); the position, null for none, or an error description. */
export function positionOf(
	lat: string,
	long: string,
	bounds: DistrictBounds
): { latitude: number; longitude: number } | null | string {
	if (lat === '' && long === '') return null;
	if (!COORDINATE.test(lat) || !COORDINATE.test(long)) return m.concerns_open311_error_lat_long();
	const latitude = Number(lat);
	const longitude = Number(long);
	if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
		return m.concerns_open311_error_lat_long();
	if (!isInDistrict(bounds, latitude, longitude)) return m.concerns_open311_error_outside();
	return { latitude, longitude };
}

/** The `attribute[code]` fields of a form body. */
export function attributesIn(entries: Iterable<[string, string]>): Map<string, string> {
	const given = new Map<string, string>();
	for (const [name, value] of entries) {
		const match = /^attribute\[([\w-]{1,40})\]$/.exec(name);
		if (match && !given.has(match[1])) given.set(match[1], value);
	}
	return given;
}

/** Names of the schema's fields as Open311 calls them, for the error descriptions. */
const PARAMETER: Record<string, string> = {
	description: 'description',
	address: 'address_string',
	name: 'first_name/last_name',
	email: 'email',
	phone: 'phone'
};

export async function submitOpen311Request(
	db: Db,
	{
		actor,
		field,
		attributes,
		origin,
		keyId
	}: {
		actor: Actor;
		field: Open311Fields;
		attributes: Map<string, string>;
		origin: string;
		keyId: number | null;
	}
): Promise<Open311SubmitResult> {
	const errors: string[] = [];
	const serviceCode = field('service_code').trim();
	let categoryId: number | null = null;
	let lines: string[] = [];
	if (serviceCode === '') {
		errors.push(m.concerns_open311_error_service_code_missing());
	} else {
		const [category] = await db
			.select({ id: concernCategories.id })
			.from(concernCategories)
			.where(and(eq(concernCategories.slug, serviceCode), eq(concernCategories.active, true)));
		if (!category) {
			errors.push(m.concerns_open311_error_service_code({ code: serviceCode.slice(0, 60) }));
		} else {
			categoryId = category.id;
			const checked = attributeLines(serviceCode, attributes);
			if (checked.ok) lines = checked.lines;
			else if (checked.error === 'unknown') {
				errors.push(m.concerns_open311_error_attribute_unknown({ code: checked.code }));
			} else if (checked.error === 'required') {
				errors.push(m.concerns_open311_error_attribute_required({ code: checked.code }));
			} else errors.push(m.concerns_open311_error_attribute_value({ code: checked.code }));
		}
	}
	const position = positionOf(
		field('lat').trim(),
		field('long').trim(),
		config().CONCERN_DISTRICT_BBOX
	);
	if (typeof position === 'string') errors.push(position);
	const address = field('address_string');
	if (position === null && address.trim() === '') errors.push(m.concerns_open311_error_location());

	const description = field('description');
	const name = [field('first_name').trim(), field('last_name').trim()].filter(Boolean).join(' ');
	const parsed = concernSubmissionSchema.safeParse({
		category: categoryId === null ? '1' : String(categoryId),
		// The answers go below the text; the length rule applies to the whole.
		description: lines.length > 0 ? `${description.trim()}\n\n${lines.join('\n')}` : description,
		address,
		visibility: 'public',
		name,
		email: field('email'),
		phone: field('phone')
	});
	if (!parsed.success) {
		const seen = new Set<string>();
		for (const issue of parsed.error.issues) {
			const key = String(issue.path[0] ?? '');
			if (seen.has(key)) continue;
			seen.add(key);
			errors.push(`${PARAMETER[key] ?? key}: ${issue.message}`);
		}
	}
	if (errors.length > 0 || !parsed.success) return { ok: false, status: 400, errors };

	try {
		const { reference } = await submitConcern(db, {
			actor,
			input: parsed.data,
			origin,
			via: {
				channel: 'open311',
				position: typeof position === 'string' ? null : position,
				auditData: keyId === null ? {} : { open311KeyId: keyId }
			}
		});
		return { ok: true, reference };
	} catch (err) {
		// The category was switched off between the check and the insert.
		if (err instanceof DomainError && err.code === 'INVALID') {
			return {
				ok: false,
				status: 400,
				errors: [m.concerns_open311_error_service_code({ code: serviceCode.slice(0, 60) })]
			};
		}
		throw err;
	}
}
