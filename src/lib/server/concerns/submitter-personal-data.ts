import { m } from '$lib/paraglide/messages.js';
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { concernCategories, concernEntries, concerns, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { now } from '../time';
import { erasePersonalDataOf } from './erase-concern-personal-data';

/** Whom staff look for (Art. 15/17 DSGVO requests): an e-mail address, a phone number or both. */
export interface SubmitterQuery {
	email: string;
	phone: string;
}

/** A phone number's digits: "+49 2272 123-45" and "+49227212345" are the same person. */
export function phoneDigits(phone: string): string {
	return phone.replace(/[^0-9]/g, '');
}

/**
 * The concerns of one person: the e-mail they typed (case-insensitive), the phone number (by its
 * digits) or the account they were signed in with. Erased concerns no longer match: their data
 * is gone, which is the point.
 */
function personMatches({ email, phone }: SubmitterQuery): SQL {
	const matches: SQL[] = [];
	if (email) {
		const lower = email.toLowerCase();
		matches.push(sql`lower(${concerns.submitterEmail}) = ${lower}`);
		matches.push(
			sql`${concerns.submitterUserId} in (select ${users.id} from ${users} where lower(${users.email}) = ${lower})`
		);
	}
	const digits = phoneDigits(phone);
	if (digits) {
		matches.push(sql`regexp_replace(${concerns.submitterPhone}, '[^0-9]', '', 'g') = ${digits}`);
	}
	if (matches.length === 0) throw new DomainError('INVALID');
	return and(isNull(concerns.personalDataErasedAt), or(...matches))!;
}

/** The list on the staff page: enough to recognise each concern, with the person's data. */
export async function findSubmitterConcerns(
	db: Db,
	{ actor, query }: { actor: Actor; query: SubmitterQuery }
) {
	assertCan(actor, 'concerns.personal-data');
	return db
		.select({
			id: concerns.id,
			reference: concerns.reference,
			categoryName: concernCategories.name,
			status: concerns.status,
			visibility: concerns.visibility,
			createdAt: concerns.createdAt,
			submitterName: concerns.submitterName,
			submitterEmail: concerns.submitterEmail,
			submitterPhone: concerns.submitterPhone
		})
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.where(personMatches(query))
		.orderBy(desc(concerns.createdAt), desc(concerns.id))
		.limit(1000);
}

/** Timeline entries that belong in the copy: internal notes and assignments are staff's work. */
const EXPORTED_KINDS = ['status', 'answer', 'not_solved', 'confirmed'] as const;

/**
 * The copy of a person's data (Art. 15 DSGVO) as one JSON document: each concern with what they
 * gave and the timeline they can be told about. Audited per concern, without the data.
 */
export async function exportSubmitterData(
	db: Db,
	{ actor, query }: { actor: Actor; query: SubmitterQuery }
) {
	assertCan(actor, 'concerns.personal-data');
	const at = now();
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				id: concerns.id,
				reference: concerns.reference,
				category: concernCategories.name,
				description: concerns.description,
				address: concerns.address,
				latitude: concerns.latitude,
				longitude: concerns.longitude,
				visibility: concerns.visibility,
				status: concerns.status,
				channel: concerns.channel,
				createdAt: concerns.createdAt,
				closedAt: concerns.closedAt,
				name: concerns.submitterName,
				email: concerns.submitterEmail,
				phone: concerns.submitterPhone,
				consentContact: concerns.consentContact,
				consentForwardContact: concerns.consentForwardContact,
				accountEmail: users.email
			})
			.from(concerns)
			.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
			.leftJoin(users, eq(users.id, concerns.submitterUserId))
			.where(personMatches(query))
			.orderBy(asc(concerns.createdAt), asc(concerns.id));
		const ids = rows.map((r) => r.id);
		const entries = ids.length
			? await tx
					.select({
						concernId: concernEntries.concernId,
						kind: concernEntries.kind,
						statusTo: concernEntries.statusTo,
						body: concernEntries.body,
						isPublic: concernEntries.isPublic,
						createdAt: concernEntries.createdAt
					})
					.from(concernEntries)
					.where(
						and(
							inArray(concernEntries.concernId, ids),
							inArray(concernEntries.kind, [...EXPORTED_KINDS])
						)
					)
					.orderBy(asc(concernEntries.createdAt), asc(concernEntries.id))
			: [];
		for (const id of ids) {
			await recordAudit(tx, {
				actor,
				action: 'concern.personal-data-exported',
				entity: 'concern',
				entityId: id
			});
		}
		return {
			exportedAt: at.toISOString(),
			request: { email: query.email, phone: query.phone },
			concerns: rows.map(({ id, ...concern }) => ({
				...concern,
				createdAt: concern.createdAt.toISOString(),
				closedAt: concern.closedAt?.toISOString() ?? null,
				timeline: entries
					.filter((e) => e.concernId === id)
					.map((e) => ({
						at: e.createdAt.toISOString(),
						kind: e.kind,
						status: e.statusTo,
						text: e.body,
						public: e.isPublic
					}))
			}))
		};
	});
}

/**
 * Erases a person's data on request (Art. 17 DSGVO) as the retention job does, from the concerns
 * staff saw listed (`ids`) that still match the person: a concern that came in meanwhile is
 * not touched unseen. Returns how many were erased.
 */
export async function eraseSubmitterData(
	db: Db,
	{ actor, query, ids }: { actor: Actor; query: SubmitterQuery; ids: number[] }
): Promise<number> {
	assertCan(actor, 'concerns.personal-data');
	const at = now();
	return db.transaction(async (tx: Tx) => {
		const rows = await tx
			.select({ id: concerns.id })
			.from(concerns)
			.where(and(inArray(concerns.id, ids), personMatches(query)))
			.for('update');
		const erased = await erasePersonalDataOf(tx, {
			actor,
			ids: rows.map((r) => r.id),
			at,
			reason: 'request'
		});
		if (erased.length === 0) {
			throw new DomainError('CONFLICT', {
				message: () => m.concerns_followup_error_nothing_to_erase()
			});
		}
		return erased.length;
	});
}
