import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from './config';
import {
	addLocalDays,
	formatLocal,
	localDayBounds,
	localToInstant,
	now,
	resetClock,
	setClock,
	timeZone,
	toLocalDate,
	toLocalInput
} from './time';

const iso = (local: string, zone?: string) => localToInstant(local, zone)?.toISOString();

/** The results must not depend on the server's own zone: run each test under several. */
const PROCESS_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York'];
const originalTz = process.env.TZ;

function underEachProcessZone(name: string, body: () => void) {
	for (const tz of PROCESS_ZONES) {
		it(`${name} (TZ=${tz})`, () => {
			process.env.TZ = tz;
			try {
				expect(new Date(2026, 6, 1).getTimezoneOffset()).toBe(
					{ UTC: 0, 'Europe/Berlin': -120, 'America/New_York': 240 }[tz]
				);
				body();
			} finally {
				process.env.TZ = originalTz;
			}
		});
	}
}

describe('the configured zone', () => {
	it('defaults to Europe/Berlin and accepts another IANA zone', () => {
		expect(readConfig({}).TIME_ZONE).toBe('Europe/Berlin');
		expect(readConfig({ TIME_ZONE: 'UTC' }).TIME_ZONE).toBe('UTC');
		expect(timeZone()).toBe(readConfig().TIME_ZONE);
	});

	it('refuses what is not a zone', () => {
		for (const zone of ['Europe/Kaster', '+02:00', 'CEST or so', '../etc/passwd']) {
			expect(() => readConfig({ TIME_ZONE: zone }), zone).toThrow(/TIME_ZONE: /);
		}
	});
});

describe('spring forward, Sunday 2026-03-29 in Berlin (02:00 CET → 03:00 CEST)', () => {
	underEachProcessZone('converts the times around the gap', () => {
		expect(iso('2026-03-29T01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00.000Z');
		expect(iso('2026-03-29T03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
		expect(iso('2026-03-29T12:00', 'Europe/Berlin')).toBe('2026-03-29T10:00:00.000Z');
	});

	underEachProcessZone('moves a time in the gap forward by the gap (one hour)', () => {
		expect(iso('2026-03-29T02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
		expect(iso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
		expect(iso('2026-03-29T02:59', 'Europe/Berlin')).toBe('2026-03-29T01:59:00.000Z');
		// What staff see when they open the record again.
		expect(toLocalInput(localToInstant('2026-03-29T02:30', 'Europe/Berlin'), 'Europe/Berlin')).toBe(
			'2026-03-29T03:30'
		);
	});

	underEachProcessZone('has a 23-hour day', () => {
		const day = localDayBounds('2026-03-29', 'Europe/Berlin');
		expect(day?.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(day?.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
	});

	underEachProcessZone('keeps the wall-clock time when adding days across it', () => {
		const saturdayEvening = new Date('2026-03-28T17:00:00Z'); // 18:00 CET
		const sunday = addLocalDays(saturdayEvening, 1, 'Europe/Berlin');
		expect(sunday.toISOString()).toBe('2026-03-29T16:00:00.000Z'); // 18:00 CEST, 23 h later
		expect(toLocalInput(sunday, 'Europe/Berlin')).toBe('2026-03-29T18:00');
		// Saturday 02:30 plus one day lands in the gap and moves forward like typed input.
		expect(
			toLocalInput(
				addLocalDays(new Date('2026-03-28T01:30:00Z'), 1, 'Europe/Berlin'),
				'Europe/Berlin'
			)
		).toBe('2026-03-29T03:30');
	});
});

describe('fall back, Sunday 2026-10-25 in Berlin (03:00 CEST → 02:00 CET)', () => {
	underEachProcessZone('converts the times around the repeated hour', () => {
		expect(iso('2026-10-25T01:30', 'Europe/Berlin')).toBe('2026-10-24T23:30:00.000Z');
		expect(iso('2026-10-25T03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
		expect(iso('2026-10-25T03:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00.000Z');
	});

	underEachProcessZone('takes the earlier of the two 02:30s', () => {
		expect(iso('2026-10-25T02:00', 'Europe/Berlin')).toBe('2026-10-25T00:00:00.000Z');
		expect(iso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
		expect(iso('2026-10-25T02:59', 'Europe/Berlin')).toBe('2026-10-25T00:59:00.000Z');
		// Both instants read as 02:30 again.
		expect(toLocalInput(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe(
			'2026-10-25T02:30'
		);
		expect(toLocalInput(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe(
			'2026-10-25T02:30'
		);
	});

	underEachProcessZone('has a 25-hour day', () => {
		const day = localDayBounds('2026-10-25', 'Europe/Berlin');
		expect(day?.start.toISOString()).toBe('2026-10-24T22:00:00.000Z');
		expect(day?.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
	});

	underEachProcessZone('keeps the wall-clock time when adding days across it', () => {
		const sunday = addLocalDays(new Date('2026-10-24T16:00:00Z'), 1, 'Europe/Berlin');
		expect(sunday.toISOString()).toBe('2026-10-25T17:00:00.000Z'); // 18:00 CET, 25 h later
		expect(addLocalDays(sunday, -1, 'Europe/Berlin').toISOString()).toBe(
			'2026-10-24T16:00:00.000Z'
		);
	});
});

describe('round trips', () => {
	underEachProcessZone('every half hour over both DST weekends reads back as typed', () => {
		for (const day of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25']) {
			for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
				const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
				const local = `${day}T${hh}:${minutes % 60 === 0 ? '00' : '30'}`;
				if (day === '2026-03-29' && hh === '02') continue; // the gap, tested above
				expect(toLocalInput(localToInstant(local, 'Europe/Berlin'), 'Europe/Berlin'), local).toBe(
					local
				);
			}
		}
	});
});

describe('another configured zone', () => {
	it('follows that zone’s own DST dates (New York: 2026-03-08 and 2026-11-01)', () => {
		const zone = 'America/New_York';
		expect(iso('2026-03-08T02:30', zone)).toBe('2026-03-08T07:30:00.000Z'); // → 03:30 EDT
		expect(iso('2026-11-01T01:30', zone)).toBe('2026-11-01T05:30:00.000Z'); // earlier, EDT
		expect(iso('2026-03-29T02:30', zone)).toBe('2026-03-29T06:30:00.000Z'); // no gap there
		expect(iso('2026-07-01T12:00', 'UTC')).toBe('2026-07-01T12:00:00.000Z');
	});
});

describe('input checks and helpers', () => {
	it('refuses malformed wall-clock times and dates', () => {
		for (const input of [
			'',
			'2026-03-29',
			'2026-03-29T2:00',
			'2026-02-29T10:00',
			'2026-01-01T24:00',
			'2026-01-01T10:60',
			'2026-03-29T10:00:00',
			'2026-03-29 10:00',
			'+002026-03-29T10:00'
		]) {
			expect(localToInstant(input, 'Europe/Berlin'), input).toBeNull();
		}
		for (const input of ['', '2026-02-29', '2026-13-01', '29.03.2026', '2026-03-29T00:00']) {
			expect(localDayBounds(input, 'Europe/Berlin'), input).toBeNull();
		}
	});

	it('formats instants as datetime-local values, dropping seconds', () => {
		expect(toLocalInput(new Date('2026-07-01T16:00:00.000Z'), 'Europe/Berlin')).toBe(
			'2026-07-01T18:00'
		);
		expect(toLocalInput(new Date('2026-01-15T08:30:59.999Z'), 'Europe/Berlin')).toBe(
			'2026-01-15T09:30'
		);
		expect(toLocalInput(null)).toBe('');
		expect(toLocalInput(undefined)).toBe('');
	});

	it('tells the local date of an instant', () => {
		expect(toLocalDate(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01-01');
		expect(toLocalDate(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
	});

	it('formats for German and English readers in the zone', () => {
		const at = new Date('2026-03-29T01:30:00Z');
		const plain = (s: string) => s.replace(/\s/g, ' ');
		expect(formatLocal(at, 'de', 'date', 'Europe/Berlin')).toBe('29. März 2026');
		expect(formatLocal(at, 'de', 'datetime', 'Europe/Berlin')).toBe('29.03.2026, 03:30');
		expect(plain(formatLocal(at, 'en', 'datetime', 'Europe/Berlin'))).toBe('Mar 29, 2026, 3:30 AM');
		expect(formatLocal(at, 'de', 'date', 'America/New_York')).toBe('28. März 2026');
	});
});

describe('the clock', () => {
	afterEach(resetClock);

	it('can be fixed and reset', () => {
		setClock(new Date('2026-10-25T00:30:00Z'));
		expect(now().toISOString()).toBe('2026-10-25T00:30:00.000Z');
		expect(toLocalInput(now(), 'Europe/Berlin')).toBe('2026-10-25T02:30');
		resetClock();
		expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
	});
});

describe('toIsoWithOffset', () => {
	it('writes the zone’s offset, in winter, in summer and for UTC', async () => {
		const { toIsoWithOffset } = await import('./time');
		expect(toIsoWithOffset(new Date('2026-11-18T17:00:00Z'), 'Europe/Berlin')).toBe(
			'2026-11-18T18:00:00+01:00'
		);
		expect(toIsoWithOffset(new Date('2027-06-01T07:30:05Z'), 'Europe/Berlin')).toBe(
			'2027-06-01T09:30:05+02:00'
		);
		expect(toIsoWithOffset(new Date('2027-06-01T07:30:05Z'), 'UTC')).toBe(
			'2027-06-01T07:30:05+00:00'
		);
		// Midnight is 00, not 24.
		expect(toIsoWithOffset(new Date('2026-11-17T23:00:00Z'), 'Europe/Berlin')).toBe(
			'2026-11-18T00:00:00+01:00'
		);
	});
});
