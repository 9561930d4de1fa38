import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/client';
import { describeForm } from '../form-meta';
import { orErrorPage } from '../forms/domain-errors';
import type { AuditEntity } from './audit-actions';
import { findRecordHistory, type RecordHistory } from './find-record-history';

type Labels = Record<string, string>;

/** A record's history as its page shows it: the entries, and its fields and values by name. */
export interface RecordHistoryView extends RecordHistory {
	fieldLabels: Labels;
	/** field → stored value → what the form calls it (a choice, a role) */
	valueLabels: Record<string, Labels>;
}

export interface HistoryNames {
	/** The record's form schema: its field labels and choice labels (as `describeForm` gives them). */
	form?: z.ZodObject;
	/** Fields the form does not label, or stores under another name (publishedAt for a checkbox). */
	fields?: Labels;
	values?: Record<string, Labels>;
}

/**
 * For a back-office load: the history of one record, read as the signed-in actor (who must be
 * allowed to edit that kind of record; else the error page, like any other use case in a load).
 *
 *   history: await loadRecordHistory(event, { entity: 'news_post', id: post.id }, { form: newsPostSchema })
 */
export async function loadRecordHistory(
	event: Pick<RequestEvent, 'url'> & { locals: { db: Db; actor: Actor } },
	record: { entity: AuditEntity; id: string | number },
	names: HistoryNames = {}
): Promise<RecordHistoryView> {
	const { db, actor } = event.locals;
	const history = await orErrorPage(
		event,
		findRecordHistory(db, { actor, entity: record.entity, entityId: record.id })
	);
	const fieldLabels: Labels = {};
	const valueLabels: Record<string, Labels> = {};
	for (const spec of Object.values(names.form ? describeForm(names.form) : {})) {
		// A field described by its name only has no label worth repeating.
		if (spec.label !== spec.name) fieldLabels[spec.name] = spec.label;
		if (spec.choices) {
			valueLabels[spec.name] = Object.fromEntries(spec.choices.map((c) => [c.value, c.label]));
		}
	}
	return {
		...history,
		fieldLabels: { ...fieldLabels, ...names.fields },
		valueLabels: { ...valueLabels, ...names.values }
	};
}
