import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, readConfig } from './config';

describe('readConfig', () => {
	it('starts with no configuration at all, on sensible defaults', () => {
		const cfg = readConfig({});
		expect(cfg).toMatchObject({
			DATA_DIR: './data',
			MIGRATIONS_DIR: './drizzle',
			SESSION_DAYS: 14,
			LOGIN_MAX_FAILURES: 10,
			LOGIN_LOCK_SECONDS: 900,
			RATE_LIMIT_PER_MINUTE: 10,
			MAIL_POLL_SECONDS: 15,
			SEED: 'kaster',
			LOG_LEVEL: 'info',
			TIME_ZONE: 'Europe/Berlin'
		});
		expect(cfg.DATABASE_URL).toBeUndefined();
		expect(cfg.SMTP_URL).toBeUndefined();
	});

	it('treats empty values like unset ones (a blank line in .env is not an error)', () => {
		const cfg = readConfig({ DATABASE_URL: '', SESSION_DAYS: '', SMTP_URL: '' });
		expect(cfg.DATABASE_URL).toBeUndefined();
		expect(cfg.SESSION_DAYS).toBe(14);
	});

	it('reads numbers, URLs and choices', () => {
		const cfg = readConfig({
			DATABASE_URL: 'postgres://quartier@db.example.org:5432/quartier',
			ORIGIN: 'https://quartier.example.org',
			SMTP_URL: 'smtps://user:pass@mail.example.org:465',
			SESSION_DAYS: '30',
			MAIL_POLL_SECONDS: '0.5',
			SEED: 'none',
			LOG_LEVEL: 'warn',
			SECRET: 'a'.repeat(32),
			TIME_ZONE: 'America/New_York'
		});
		expect(cfg).toMatchObject({
			SESSION_DAYS: 30,
			MAIL_POLL_SECONDS: 0.5,
			SEED: 'none',
			TIME_ZONE: 'America/New_York'
		});
		expect(readConfig({ DATABASE_URL: 'postgresql://h/db' }).DATABASE_URL).toBe(
			'postgresql://h/db'
		);
	});

	it.each([
		['SESSION_DAYS', 'vierzehn'],
		['SESSION_DAYS', '1.5'],
		['SESSION_DAYS', '-1'],
		['RATE_LIMIT_PER_MINUTE', '0'],
		['LOGIN_LOCK_SECONDS', 'abc'],
		['MAIL_POLL_SECONDS', '-2'],
		['SEED', 'berlin'],
		['LOG_LEVEL', 'loud'],
		['DATABASE_URL', 'not a url'],
		['DATABASE_URL', 'localhost:5432/quartier'],
		['DATABASE_URL', 'mysql://db/quartier'],
		['ORIGIN', 'quartier.example.org'],
		['ORIGIN', 'localhost:3000'],
		['ORIGIN', 'javascript:alert(1)'],
		['SMTP_URL', 'mail.example.org'],
		['SMTP_URL', 'http://mail.example.org'],
		['MAIL_FROM', 'x'],
		['SECRET', 'short'],
		['TIME_ZONE', 'Mars/Olympus'],
		['TIME_ZONE', '+01:00'],
		['TIME_ZONE', 'Berlin time']
	])('refuses %s=%s with an error naming the setting', (key, value) => {
		expect(() => readConfig({ [key]: value })).toThrow(
			new RegExp(`^Invalid configuration: .*${key}: `)
		);
	});

	it('lists every bad setting at once', () => {
		let message = '';
		try {
			readConfig({ SESSION_DAYS: 'x', SEED: 'y' });
		} catch (err) {
			message = (err as Error).message;
		}
		expect(message).toContain('SESSION_DAYS');
		expect(message).toContain('SEED');
	});

	it('ignores unrelated environment variables', () => {
		expect(() => readConfig({ PATH: '/usr/bin', HOME: '/root', PORT: '3000' })).not.toThrow();
	});
});

describe('.env.example', () => {
	const documented = fs.readFileSync('.env.example', 'utf8');
	const adapterNode = [
		'PORT',
		'HOST',
		'ORIGIN',
		'PROTOCOL_HEADER',
		'HOST_HEADER',
		'ADDRESS_HEADER',
		'XFF_DEPTH',
		'BODY_SIZE_LIMIT'
	];

	it.each([...CONFIG_KEYS, ...adapterNode])('documents %s', (key) => {
		expect(documented).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
	});

	it('only holds values the app accepts', () => {
		const values = Object.fromEntries(
			documented
				.split('\n')
				.map((line) => /^#? ?([A-Z_]+)=(.*)$/.exec(line))
				.filter((match): match is RegExpExecArray => match !== null)
				.map((match) => [match[1], match[2]])
		);
		expect(() => readConfig(values)).not.toThrow();
	});
});
