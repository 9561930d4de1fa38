import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { expect } from 'vitest';

/*
 * A calendar file read by two independent parsers, ical.js (Mozilla's, as Thunderbird) and
 * node-ical: every VEVENT's dates in a window, expanded by each (RRULE, EXDATE, RECURRENCE-ID),
 * must agree. What one parser forgives (a TZID it does not know, a bad EXDATE), the other may
 * not; a feed both read the same way is what calendar apps see.
 */

export type ExpandedDates = Map<string, string[]>;

/** UID → ISO starts in [from, to], as ical.js expands them. */
export function expandWithIcalJs(ics: string, from: Date, to: Date): ExpandedDates {
	const root = new ICAL.Component(ICAL.parse(ics));
	for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
	try {
		const all = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		const masters = new Map<string, ICAL.Event>();
		for (const event of all) if (!event.isRecurrenceException()) masters.set(event.uid, event);
		for (const event of all) {
			if (event.isRecurrenceException()) masters.get(event.uid)?.relateException(event);
		}
		const out: ExpandedDates = new Map();
		for (const [uid, event] of masters) {
			const starts: string[] = [];
			if (!event.isRecurring()) {
				const start = event.startDate.toJSDate();
				if (start >= from && start <= to) starts.push(start.toISOString());
			} else {
				const iterator = event.iterator();
				for (let next = iterator.next(); next; next = iterator.next()) {
					const details = event.getOccurrenceDetails(next);
					const start = details.startDate.toJSDate();
					if (next.toJSDate() > to && start > to) break;
					if (start >= from && start <= to) starts.push(start.toISOString());
				}
			}
			out.set(uid, starts.sort());
		}
		return out;
	} finally {
		ICAL.TimezoneService.reset();
	}
}

/** UID → ISO starts in [from, to], as node-ical expands them. */
export function expandWithNodeIcal(ics: string, from: Date, to: Date): ExpandedDates {
	const parsed = nodeIcal.sync.parseICS(ics);
	const out: ExpandedDates = new Map();
	for (const component of Object.values(parsed)) {
		if (!component || component.type !== 'VEVENT') continue;
		const event = component as VEvent;
		const instances = nodeIcal.expandRecurringEvent(event, { from, to });
		const starts = instances
			.map((i) => new Date(i.start).toISOString())
			.filter((s) => s >= from.toISOString() && s <= to.toISOString());
		out.set(event.uid, [...new Set(starts)].sort());
	}
	return out;
}

/** Both parsers read the same events with the same dates; returns them (UID → starts). */
export function expectParsersAgree(ics: string, from: Date, to: Date): ExpandedDates {
	const icalJs = expandWithIcalJs(ics, from, to);
	const node = expandWithNodeIcal(ics, from, to);
	expect([...node.keys()].sort(), 'the same VEVENTs').toEqual([...icalJs.keys()].sort());
	for (const [uid, starts] of icalJs) {
		expect(node.get(uid), `dates of ${uid}`).toEqual(starts);
	}
	return icalJs;
}
