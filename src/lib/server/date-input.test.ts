import { describe, expect, it } from 'vitest';
import { formatGermanDate, parseDateInput, parseTimeInput } from './date-input';

const date = (s: string) => parseDateInput(s);
const time = (s: string) => parseTimeInput(s);

describe('parseDateInput', () => {
	it('reads the ISO value browsers send and typed German dates', () => {
		for (const [input, iso] of [
			['2026-11-29', '2026-11-29'],
			['29.11.2026', '2026-11-29'],
			['1.2.2026', '2026-02-01'],
			[' 01.02.2026 ', '2026-02-01'],
			['29. 11. 2026', '2026-11-29'],
			['29.02.2028', '2028-02-29']
		]) {
			expect(date(input), input).toEqual({ ok: true, value: iso });
		}
	});

	it('tells a day that does not exist from a wrong format', () => {
		for (const input of [
			'31.02.2026',
			'29.02.2026',
			'2026-02-30',
			'31.04.2026',
			'00.01.2026',
			'1.13.2026'
		]) {
			expect(date(input), input).toEqual({ ok: false, problem: 'no-such-date' });
		}
		for (const input of [
			'29.11.26',
			'2026-3-1',
			'29/11/2026',
			'morgen',
			'29.11.2026 10:00',
			'<script>alert(1)</script>',
			'x'.repeat(100_000),
			'2'.repeat(100_000),
			// Arabic-Indic and full-width digits are not guessed at.
			'٢٩.١١.٢٠٢٦',
			'２９.１１.２０２６',
			'2026-11-29\u0000'
		]) {
			expect(date(input), input.slice(0, 30)).toEqual({ ok: false, problem: 'format' });
		}
	});

	it('refuses years that are almost certainly typos', () => {
		expect(date('29.11.0202')).toEqual({ ok: false, problem: 'year-range' });
		expect(date('0001-01-01')).toEqual({ ok: false, problem: 'year-range' });
		expect(date('01.01.2200')).toEqual({ ok: false, problem: 'year-range' });
		expect(date('01.01.1900')).toEqual({ ok: true, value: '1900-01-01' });
	});

	it('formats an ISO date the German way', () => {
		expect(formatGermanDate('2026-11-29')).toBe('29.11.2026');
	});
});

describe('parseTimeInput', () => {
	it('reads what browsers send and typed German times', () => {
		for (const [input, hhmm] of [
			['09:30', '09:30'],
			['09:30:00', '09:30'],
			['09:30:15.250', '09:30'],
			['9:30', '09:30'],
			['09.30', '09:30'],
			['9.30 Uhr', '09:30'],
			['9 Uhr', '09:00'],
			['0:00', '00:00'],
			['23:59', '23:59']
		]) {
			expect(time(input), input).toEqual({ ok: true, value: hhmm });
		}
	});

	it('tells a time that does not exist from a wrong format', () => {
		for (const input of ['25:00', '24:00', '12:60', '9:99', '10:00:61']) {
			expect(time(input), input).toEqual({ ok: false, problem: 'no-such-time' });
		}
		for (const input of [
			'930',
			'9:3',
			'halb zehn',
			'<script>',
			'x'.repeat(100_000),
			'٩:٣٠',
			'０９:３０',
			'-1:00',
			'9:30 pm'
		]) {
			expect(time(input), input.slice(0, 30)).toEqual({ ok: false, problem: 'format' });
		}
	});
});
