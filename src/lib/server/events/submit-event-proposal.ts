import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { eventOccurrences, events, siteSettings } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { resolveRecipients } from '../contact/resolve-recipients';
import { DomainError, fieldError, sqlStateOf } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { now } from '../time';
import { materialise, resolveEventTimes } from './event-times';
import { checkPlaceAndOrganiser, eventColumns, resolveEventSlug } from './event-records';
import { proposalForStaffMail, proposalReceivedMail } from './proposal-mails';
import { proposalAsEventInput, type ProposalInput } from './proposal.schemas';
import { isGroupEditor } from './group-editors';

/** The status link works this long after the proposal's last date (or its first, for a series). */
const STATUS_LINK_DAYS_AFTER = 60;
const DAY_MS = 86_400_000;

/**
 * The submitter's status page. The token goes in the query, as with the rooms' status links:
 * the request log records paths only, so the token stays out of it.
 */
export const proposalStatusPath = (token: string) =>
	`/veranstaltungen/vorschlag?token=${encodeURIComponent(token)}`;

/**
 * Stores an event proposed by anyone (no account): an event with moderation 'pending', which no
 * public page, feed or count shows and which holds no room, with the submitter's data in its own
 * columns. In one transaction: the event and its dates, the status link, the audit record, the
 * receipt to the submitter (when they gave an address) and a note to the office.
 */
export async function submitEventProposal(
	db: Db,
	{
		actor,
		input,
		origin,
		locale = 'de'
	}: { actor: Actor; input: ProposalInput; origin: string; locale?: 'de' | 'en' }
): Promise<{ id: number; statusToken: string; mailed: boolean }> {
	assertCan(actor, 'events.propose');
	const eventInput = proposalAsEventInput(input);
	const times = resolveEventTimes(eventInput);
	const at = now();
	if (times.startsAt.getTime() <= at.getTime()) {
		throw fieldError('date', () => m.events_submit_error_past());
	}
	const { dates, lastEndsAt, materialisedUntil } = materialise({ ...times, exdates: [] });
	return db
		.transaction(async (tx) => {
			await checkProposedGroup(tx, actor, input.groupId);
			await checkPlaceAndOrganiser(tx, eventInput);
			const slug = await resolveEventSlug(tx, { requested: '', title: input.title });
			const [row] = await tx
				.insert(events)
				.values({
					...eventColumns(eventInput),
					...times,
					slug,
					status: 'scheduled',
					moderation: 'pending',
					lastEndsAt,
					materialisedUntil,
					submitterName: input.submitterName,
					submitterEmail: input.submitterEmail,
					organiserName: input.organiserName,
					createdBy: actorUserId(actor),
					createdAt: at,
					updatedAt: at
				})
				.returning({ id: events.id });
			// A new proposal's dates, stored like any event's so that publishing only flips its
			// state; not through writeOccurrences, whose room step asks for staff rights: a pending
			// event has no room to hold or release.
			if (dates.length > 0) {
				await tx.insert(eventOccurrences).values(
					dates.map((d) => ({
						eventId: row.id,
						startsAt: d.start,
						endsAt: d.end,
						originalStart: d.originalStart
					}))
				);
			}
			const lastEnd = Math.max(times.endsAt.getTime(), dates.at(-1)?.end.getTime() ?? 0);
			const days = Math.ceil((lastEnd - at.getTime()) / DAY_MS) + STATUS_LINK_DAYS_AFTER;
			const status = await issueCapabilityLink(tx, {
				actor,
				purpose: 'event.proposal-status',
				record: { type: 'event', id: row.id },
				expiresIn: { days },
				singleUse: false,
				sentTo: input.submitterEmail || undefined
			});
			await recordAudit(tx, {
				actor,
				action: 'event.proposed',
				entity: 'event',
				entityId: row.id,
				data: { title: input.title, startsAt: times.startsAt, rrule: times.rrule }
			});

			const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
			const officeName = site?.officeName ?? '';
			const facts = { title: input.title, startsAt: times.startsAt, endsAt: times.endsAt };
			if (input.submitterEmail) {
				await enqueueMail(
					tx,
					proposalReceivedMail({
						...facts,
						to: input.submitterEmail,
						locale,
						statusUrl: `${origin}${proposalStatusPath(status.token)}`,
						officeName
					})
				);
			}
			const office = await resolveRecipients(tx, { contactPersonId: null });
			for (const to of office.emails) {
				await enqueueMail(
					tx,
					proposalForStaffMail({
						...facts,
						to,
						organiserName: input.organiserName,
						submitterName: input.submitterName,
						submitterEmail: input.submitterEmail,
						backOfficeUrl: `${origin}/verwaltung/veranstaltungen/${row.id}`
					})
				);
			}
			return { id: row.id, statusToken: status.token, mailed: input.submitterEmail !== '' };
		})
		.catch((err) => {
			// Two proposals with the same title at the same moment: the form has no slug to blame.
			if (sqlStateOf(err) === '23505') {
				throw new DomainError('CONFLICT', { message: () => m.events_submit_error_retry() });
			}
			throw err;
		});
}

/** A proposal for a group comes only from one of its editors (signed in); anyone else names the organiser as text. */
async function checkProposedGroup(tx: Tx, actor: Actor, groupId: number | null): Promise<void> {
	if (groupId === null) return;
	const userId = actorUserId(actor);
	if (userId === null || !(await isGroupEditor(tx, groupId, userId))) {
		throw fieldError('groupId', () => m.events_submit_error_group_not_editor());
	}
}
