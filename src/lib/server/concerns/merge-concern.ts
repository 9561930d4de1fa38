import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { concernEntries, concerns, siteSettings } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError, fieldError } from '../errors';
import { field } from '../form';
import { enqueueMail, type OutgoingMail } from '../mail/outbox';
import { transition } from '../states';
import { now } from '../time';
import { parseReference } from './concern-reference';
import { CONCERN_TRANSITIONS } from './concerns.states';

/** The field the target's errors are shown at (the typed number; a picked suggestion fills it). */
export const MERGE_TARGET_FIELD = 'reference';

/**
 * The merge form: a picked suggestion (`target`, a radio) or a typed number (`reference`); the
 * picked one wins, so the typed field can stay empty when a suggestion fits.
 */
export const mergeSchema = z.object({
	target: field.optionalText(() => m.concerns_merge_field_target(), 20),
	reference: field.optionalText(() => m.concerns_merge_field_reference(), 20, {
		hint: () => m.concerns_merge_field_reference_hint()
	}),
	notify: field.checkbox()
});
export type MergeInput = z.output<typeof mergeSchema>;

/** What the form sent, as the one number to merge into. */
export const mergeTargetOf = (input: MergeInput) => input.target || input.reference;

const refused = (message: () => string) => fieldError(MERGE_TARGET_FIELD, message, 'CONFLICT');

/**
 * Merges concern `id` (the duplicate, A) into the concern numbered `target` (B), in one
 * transaction: A moves to `merged` with `merged_into = B` (one conditional UPDATE via
 * states.ts), A's public timeline says where it went, B gets an internal note, both get an
 * audit record and, if asked and allowed, A's submitter a mail with B's number.
 *
 * Both rows are locked in id order before anything is checked, so two merges crossing each
 * other (A into B while B into A) wait for each other and the second sees the first's result:
 * no chains (B must not be merged itself) and therefore no cycles. The database backs this with
 * a CHECK (merged_into is never the row itself and only set on a merged concern).
 */
export async function mergeConcern(
	db: Db,
	{
		actor,
		id,
		target,
		notify,
		origin
	}: { actor: Actor; id: number; target: string; notify: boolean; origin: string }
): Promise<{ intoId: number; intoReference: string; mailed: boolean }> {
	assertCan(actor, 'concerns.manage');
	const typed = target.trim();
	if (!typed) throw fieldError(MERGE_TARGET_FIELD, () => m.concerns_merge_error_required());
	const reference = parseReference(typed);
	if (!reference) {
		throw fieldError(MERGE_TARGET_FIELD, () => m.concerns_merge_error_format({ value: typed }));
	}
	const at = now();
	return db.transaction(async (tx) => {
		const [into] = await tx
			.select({ id: concerns.id })
			.from(concerns)
			.where(eq(concerns.reference, reference));
		const locked = await tx
			.select({
				id: concerns.id,
				reference: concerns.reference,
				status: concerns.status,
				visibility: concerns.visibility,
				mergedInto: concerns.mergedInto,
				email: concerns.submitterEmail,
				consent: concerns.consentContact,
				erased: concerns.personalDataErasedAt,
				locale: concerns.locale
			})
			.from(concerns)
			.where(inArray(concerns.id, into ? [id, into.id] : [id]))
			.orderBy(asc(concerns.id))
			.for('update');
		const duplicate = locked.find((c) => c.id === id);
		if (!duplicate) throw new DomainError('NOT_FOUND');
		const kept = into && locked.find((c) => c.id === into.id);
		if (!kept) throw refused(() => m.concerns_merge_error_unknown({ reference }));
		if (kept.id === duplicate.id) throw refused(() => m.concerns_merge_error_self());
		if (duplicate.status === 'merged') {
			throw refused(() => m.concerns_merge_error_already());
		}
		if (kept.status === 'merged') {
			const next = kept.mergedInto
				? (
						await tx
							.select({ reference: concerns.reference })
							.from(concerns)
							.where(eq(concerns.id, kept.mergedInto))
					)[0]?.reference
				: undefined;
			throw refused(() =>
				next
					? m.concerns_merge_error_chain({ reference: kept.reference, next })
					: m.concerns_merge_error_chain_unknown({ reference: kept.reference })
			);
		}

		let moved;
		try {
			moved = await transition(tx, {
				table: concerns,
				idColumn: concerns.id,
				stateColumn: concerns.status,
				id,
				transitions: CONCERN_TRANSITIONS,
				to: 'merged',
				set: { mergedInto: kept.id, closedAt: at, updatedAt: at },
				actor,
				audit: { action: 'concern.merged', entity: 'concern', data: { into: kept.reference } }
			});
		} catch (err) {
			if (err instanceof DomainError && err.code === 'INVALID_TRANSITION') {
				throw refused(() => m.concerns_merge_error_closed());
			}
			throw err;
		}
		if (!moved.changed) throw refused(() => m.concerns_merge_error_already());

		const author = actorUserId(actor);
		await tx.insert(concernEntries).values([
			{
				concernId: duplicate.id,
				kind: 'status',
				statusFrom: moved.from,
				statusTo: 'merged',
				body: m.concerns_merge_entry_into({ reference: kept.reference }, { locale: 'de' }),
				isPublic: true,
				authorId: author,
				createdAt: at
			},
			{
				concernId: kept.id,
				kind: 'note',
				body: m.concerns_merge_entry_from({ reference: duplicate.reference }, { locale: 'de' }),
				isPublic: false,
				authorId: author,
				createdAt: at
			}
		]);
		await tx.update(concerns).set({ updatedAt: at }).where(eq(concerns.id, kept.id));
		await recordAudit(tx, {
			actor,
			action: 'concern.duplicate-merged',
			entity: 'concern',
			entityId: kept.id,
			data: { from: duplicate.reference }
		});

		// Only with the submitter's consent to be contacted, and never after the erasure.
		const mailed = notify && !!duplicate.email && duplicate.consent && !duplicate.erased;
		if (mailed) {
			const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
			await enqueueMail(
				tx,
				concernMergedMail({
					to: duplicate.email,
					locale: duplicate.locale === 'en' ? 'en' : 'de',
					reference: duplicate.reference,
					into: kept.reference,
					intoUrl: kept.visibility === 'public' ? `${origin}/anliegen/${kept.reference}` : null,
					officeName: site?.officeName ?? ''
				})
			);
		}
		return { intoId: kept.id, intoReference: kept.reference, mailed };
	});
}

/** To the duplicate's submitter: which number the matter is now handled under. */
export function concernMergedMail(p: {
	to: string;
	locale: 'de' | 'en';
	reference: string;
	into: string;
	intoUrl: string | null;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'concerns.merged',
		subject: m.concerns_merge_mail_subject({ reference: p.reference }, opts),
		text: [
			m.concerns_merge_mail_intro({ reference: p.reference, into: p.into }, opts),
			'',
			p.intoUrl
				? m.concerns_merge_mail_public({ url: p.intoUrl }, opts)
				: m.concerns_merge_mail_private({ into: p.into }, opts),
			'',
			'-- ',
			p.officeName
		].join('\n')
	};
}
