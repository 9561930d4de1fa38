import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from './audit-actions';
import { ACTION_LABELS, actionLabel, actorLabel } from './audit-labels';

const messages = (locale: string) =>
	JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
const keyOf = (action: string) => `audit_action_${action.replace(/[.-]/g, '_')}`;

describe('audit action labels', () => {
	it.each(['de', 'en'])('name every action in %s', (locale) => {
		const texts = messages(locale);
		for (const action of AUDIT_ACTIONS) {
			expect(texts[keyOf(action)], `${locale}: ${action}`).toMatch(/\S/);
		}
	});

	it('keep no label for an action that is gone from the list', () => {
		const known = new Set(AUDIT_ACTIONS.map(keyOf));
		for (const locale of ['de', 'en']) {
			const stale = Object.keys(messages(locale)).filter(
				(key) => key.startsWith('audit_action_') && !known.has(key)
			);
			expect(stale, locale).toEqual([]);
		}
	});

	it('are wired to the message of the same action, in German by default', () => {
		const de = messages('de');
		for (const action of AUDIT_ACTIONS) {
			expect(ACTION_LABELS[action](), action).toBe(de[keyOf(action)]);
		}
		expect(actionLabel('notice.updated')).toBe('Hinweis geändert');
	});

	it('show an unknown older action as it was stored', () => {
		expect(actionLabel('update')).toBe('update');
		expect(actionLabel('toString')).toBe('toString');
	});
});

describe('actor labels', () => {
	it('name the account, else what kind of actor it was', () => {
		const none = { displayName: null, email: null };
		expect(actorLabel({ kind: 'staff', displayName: 'Frau Lindner', email: 'l@example.org' })).toBe(
			'Frau Lindner'
		);
		expect(actorLabel({ kind: 'staff', displayName: '', email: 'l@example.org' })).toBe(
			'l@example.org'
		);
		expect(actorLabel({ kind: 'cli', ...none })).toBe('Kommandozeile');
		expect(actorLabel({ kind: null, ...none })).toBe('System');
		expect(actorLabel({ kind: 'system', ...none })).toBe('System');
		expect(actorLabel({ kind: 'anonymous', ...none })).toBe('Ohne Anmeldung');
		expect(actorLabel({ kind: 'staff', ...none })).toBe('Gelöschtes Konto');
	});
});
