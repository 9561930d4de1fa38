import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../../src/lib/server/db/client';
import { migratedPgliteTemplate } from '../../helpers/db';
import { startServer, type RunningServer } from '../server';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	NARROW,
	openPage,
	screenshot
} from '../support';

/**
 * The map pin on /anliegen/neu (area: media), the one thing that needs JavaScript: with a tile
 * server (a loopback one answering every tile with a 1-px PNG) a tap sets the hidden fields,
 * "Pin entfernen" clears them, the tile origin is allowed in img-src, and axe passes with the
 * map. Without a tile server the form has no map (HTTP test concerns-media).
 */

const PIXEL = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
	'base64'
);

describe('concerns: the map pin', () => {
	let browser: Browser;
	let tiles: http.Server;
	let tileRequests = 0;
	let server: RunningServer;
	let tileOrigin: string;

	beforeAll(async () => {
		tiles = http.createServer((_, res) => {
			tileRequests++;
			res.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL);
		});
		await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', r));
		tileOrigin = `http://127.0.0.1:${(tiles.address() as { port: number }).port}`;
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-e2e-map-'));
		const database = await openDatabase({ dataDir, loadDataDir: await migratedPgliteTemplate() });
		await database.close();
		[server, browser] = await Promise.all([
			startServer({ MAP_TILE_URL: `${tileOrigin}/{z}/{x}/{y}.png` }, { dataDir }),
			launchBrowser()
		]);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
		tiles?.close();
	});

	it('sets and removes the pin with a tap, and passes axe with the map', async () => {
		const page = await openPage(browser);
		const res = await page.goto(`${server.url}/anliegen/neu`);
		expect(res?.status()).toBe(200);
		expect(res?.headers()['content-security-policy']).toContain(
			`img-src 'self' data: ${tileOrigin}`
		);
		const map = page.locator('.concern-location__map');
		await map.locator('.leaflet-tile-loaded').first().waitFor();
		expect(tileRequests).toBeGreaterThan(0);

		// A tap in the middle of the map (the locator scrolls it into view first).
		await map.click();
		const value = (name: string) => page.locator(`input[name="${name}"]`).inputValue();
		await expect.poll(() => value('latitude')).toMatch(/^51\.0\d+$/);
		expect(Number(await value('longitude'))).toBeGreaterThan(6.5);
		expect(await page.getByText(/^Pin gesetzt bei/).isVisible()).toBe(true);
		await expectAccessible(page);
		await screenshot(page, 'concerns-neu-karte');
		await checkLayoutAt(page, [NARROW], 'concerns-neu-karte');

		await page.getByRole('button', { name: 'Pin entfernen' }).click();
		expect(await value('latitude')).toBe('');
		expect(await value('longitude')).toBe('');
		await closePage(page);
	});
});
