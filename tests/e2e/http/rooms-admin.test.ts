import { describe, expect, it } from 'vitest';
import { formValues, HttpClient, mainText } from '../http';

/**
 * Room management as plain form posts (a browser without JavaScript does the same): opening
 * hours, blocked times, closing days. The pages themselves (axe, 375 px, the error state) are
 * checked in the browser (rooms-admin); the rules and the bad-input matrix are use-case and
 * in-process tests (room-admin.test.ts, room-form.test.ts).
 */
describe('rooms: management over HTTP', () => {
	async function kreativraum(staff: HttpClient) {
		const list = await staff.get('/verwaltung/raeume/verwalten');
		const href = /href="([^"]+)"[^>]*>\s*Kreativraum/.exec(list.body)?.[1];
		expect(href, 'a link to the Kreativraum').toBeDefined();
		return new URL(href!, `${staff.baseUrl}/verwaltung/raeume/verwalten`).pathname;
	}

	it('changes the Kreativraum’s opening hours, shows them in its history, then puts them back', async () => {
		const staff = await HttpClient.as('rooms');
		const editPath = await kreativraum(staff);
		const form = await staff.get(editPath);
		const before = formValues(form.body);
		expect([before.opens2, before.closes2]).toEqual(['09:00', '20:00']);

		const saved = await staff.post(`${editPath}?/save`, {
			...before,
			opens2: '10:30',
			closes2: '16:00'
		});
		expect(saved).toMatchObject({ status: 303 });
		expect(saved.location).toMatch(/^\/verwaltung\/raeume\/verwalten\?/);
		const after = await staff.get(editPath);
		expect(formValues(after.body)).toMatchObject({ opens2: '10:30', closes2: '16:00' });
		expect(mainText(after.body)).toMatch(/Dienstag 10:30–16:00/);

		// From ≥ until on one day: 400 with the day named, nothing saved.
		const wrong = await staff.post(`${editPath}?/save`, {
			...before,
			opens2: '18:00',
			closes2: '09:00'
		});
		expect(wrong.status).toBe(400);
		expect(mainText(wrong.body)).toMatch(/Dienstag muss „bis“ nach „von“ liegen/);

		expect((await staff.post(`${editPath}?/save`, before)).status).toBe(303);
		expect(formValues((await staff.get(editPath)).body)).toMatchObject({
			opens2: '09:00',
			closes2: '20:00'
		});
	});

	it('blocks a time (409 on overlap) and frees it; adds closing days and deletes them', async () => {
		const staff = await HttpClient.as('rooms');
		const editPath = await kreativraum(staff);
		await staff.get(editPath);
		// Beyond the rooms' 365 days of advance booking, so no request of another test meets them.
		const block = {
			date: '2028-03-01',
			startTime: '10:00',
			endTime: '11:30',
			title: 'Wartung http',
			note: ''
		};
		expect((await staff.post(`${editPath}?/block`, block)).status).toBe(303);
		const page = await staff.get(editPath);
		expect(mainText(page.body)).toMatch(/1\. März 2028, 10:00–11:30 ?: Wartung http/);
		const overlap = await staff.post(`${editPath}?/block`, {
			...block,
			startTime: '11:00',
			endTime: '12:00'
		});
		expect(overlap.status).toBe(409);
		expect(mainText(overlap.body)).toMatch(/1\. März 2028, 10:00–11:\d\d/);
		const blockId = /name="block" value="(\d+)"/.exec(page.body)?.[1];
		expect((await staff.post(`${editPath}?/unblock`, { block: blockId! })).status).toBe(303);
		// Gone from the list of blocked times (the room's history keeps it).
		const freed = mainText((await staff.get(editPath)).body);
		expect(
			freed.slice(freed.indexOf('Gesperrte Zeiten'), freed.indexOf('Zeit sperren'))
		).not.toContain('Wartung http');

		await staff.get('/verwaltung/raeume/verwalten');
		const closure = { firstDay: '2028-03-06', lastDay: '2028-03-10', reason: 'Renovierung http' };
		expect((await staff.post('/verwaltung/raeume/verwalten?/addClosure', closure)).status).toBe(
			303
		);
		const list = await staff.get('/verwaltung/raeume/verwalten');
		expect(mainText(list.body)).toContain('Renovierung http');
		const closureId = /name="closure" value="(\d+)"/.exec(
			list.body.slice(list.body.indexOf('Renovierung http'))
		)?.[1];
		// Without the confirmation nothing is deleted.
		const unconfirmed = await staff.post('/verwaltung/raeume/verwalten?/deleteClosure', {
			closure: closureId!
		});
		expect(unconfirmed.status).toBe(400);
		expect(mainText((await staff.get('/verwaltung/raeume/verwalten')).body)).toContain(
			'Renovierung http'
		);
		const deleted = await staff.post('/verwaltung/raeume/verwalten?/deleteClosure', {
			closure: closureId!,
			confirm: 'on'
		});
		expect(deleted.status).toBe(303);
		expect(mainText((await staff.get('/verwaltung/raeume/verwalten')).body)).not.toContain(
			'Renovierung http'
		);
	});
});
