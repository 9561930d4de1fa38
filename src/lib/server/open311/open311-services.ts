import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernCategories } from '../db/schema';

/*
 * Open311 services are the concern categories (service_code = the category's slug). Some
 * categories ask a follow-up question (Open311 "attributes"); those are defined here in code,
 * by slug, because they change with the API's clients, not with the office's daily work. A
 * category without attributes has metadata false and no service definition (404).
 */

export interface Open311AttributeValue {
	key: string;
	name: string;
}

export interface Open311Attribute {
	variable: true;
	code: string;
	datatype: 'string' | 'number' | 'singlevaluelist';
	required: boolean;
	datatype_description: string;
	order: number;
	description: string;
	values?: Open311AttributeValue[];
}

export const SERVICE_ATTRIBUTES: Record<string, Open311Attribute[]> = {
	beleuchtung: [
		{
			variable: true,
			code: 'laternennummer',
			datatype: 'string',
			required: false,
			datatype_description: 'Die Nummer am Mast, z. B. 12-034 (höchstens 40 Zeichen).',
			order: 1,
			description: 'Nummer der Straßenlaterne'
		}
	],
	'muell-sauberkeit': [
		{
			variable: true,
			code: 'art',
			datatype: 'singlevaluelist',
			required: false,
			datatype_description: 'Einer der Schlüssel unter values.',
			order: 1,
			description: 'Was liegt dort?',
			values: [
				{ key: 'wilder-muell', name: 'Wilder Müll' },
				{ key: 'sperrmuell', name: 'Sperrmüll' },
				{ key: 'glasbruch', name: 'Glasbruch' },
				{ key: 'sonstiges', name: 'Sonstiges' }
			]
		}
	]
};

export const attributesOf = (code: string): Open311Attribute[] => SERVICE_ATTRIBUTES[code] ?? [];

export interface Open311Service {
	service_code: string;
	service_name: string;
	description: string;
	metadata: boolean;
	type: 'realtime';
	keywords: string;
	group: string;
}

/** The services offered: the active categories, in the office's order. */
export async function listOpen311Services(db: Db): Promise<Open311Service[]> {
	const rows = await db
		.select({
			slug: concernCategories.slug,
			name: concernCategories.name,
			description: concernCategories.description
		})
		.from(concernCategories)
		.where(eq(concernCategories.active, true))
		.orderBy(asc(concernCategories.sortOrder), asc(concernCategories.id));
	return rows.map((c) => ({
		service_code: c.slug,
		service_name: c.name,
		description: c.description,
		metadata: attributesOf(c.slug).length > 0,
		type: 'realtime',
		keywords: '',
		group: ''
	}));
}

/** An active service's attributes; null when the code is unknown or the service asks nothing. */
export async function getOpen311ServiceDefinition(
	db: Db,
	code: string
): Promise<{ service_code: string; attributes: Open311Attribute[] } | null> {
	const attributes = attributesOf(code);
	if (attributes.length === 0) return null;
	const [category] = await db
		.select({ slug: concernCategories.slug })
		.from(concernCategories)
		.where(eq(concernCategories.slug, code));
	return category ? { service_code: category.slug, attributes } : null;
}

/**
 * The attribute answers of a POST (`attribute[code]=value`), checked against the service's
 * attributes, as lines for the description ("Nummer der Straßenlaterne: 12-034"), so staff see
 * them wherever they see the concern. Errors name the attribute.
 */
export function attributeLines(
	code: string,
	given: Map<string, string>
):
	| { ok: true; lines: string[] }
	| { ok: false; error: 'unknown' | 'required' | 'value'; code: string } {
	const attributes = attributesOf(code);
	for (const key of given.keys()) {
		if (!attributes.some((a) => a.code === key)) return { ok: false, error: 'unknown', code: key };
	}
	const lines: string[] = [];
	for (const attribute of [...attributes].sort((a, b) => a.order - b.order)) {
		const value = (given.get(attribute.code) ?? '').trim();
		if (value === '') {
			if (attribute.required) return { ok: false, error: 'required', code: attribute.code };
			continue;
		}
		let shown = value;
		if (attribute.datatype === 'singlevaluelist') {
			const choice = attribute.values?.find((v) => v.key === value);
			if (!choice) return { ok: false, error: 'value', code: attribute.code };
			shown = choice.name;
		} else if (attribute.datatype === 'number' && !/^-?\d{1,12}([.,]\d{1,6})?$/.test(value)) {
			return { ok: false, error: 'value', code: attribute.code };
		} else if (value.length > 40 || /[\r\n]/.test(value)) {
			return { ok: false, error: 'value', code: attribute.code };
		}
		lines.push(`${attribute.description}: ${shown}`);
	}
	return { ok: true, lines };
}
