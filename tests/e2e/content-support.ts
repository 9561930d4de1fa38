import type { Page } from 'playwright-core';

/** yyyy-mm-ddThh:mm in Europe/Berlin, as <input type=datetime-local> wants it. */
export function berlinLocal(date: Date): string {
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/Berlin',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	})
		.format(date)
		.replace(' ', 'T');
}

/** Submits a form through the browser by clicking the named button; waits for the next page. */
export async function submit(page: Page, button: string): Promise<void> {
	await Promise.all([
		page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
		page.getByRole('button', { name: button, exact: true }).click()
	]);
	await page.waitForLoadState('load');
}

/** The ids in the edit links of a back-office list, in page order. */
export async function idsOnList(page: Page, listPath: string): Promise<number[]> {
	await page.goto(listPath);
	// Links are relative (SvelteKit's resolve()), so read the resolved href.
	const paths = await page
		.locator('main table a')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	const pattern = new RegExp(`^${listPath}/(\\d+)$`);
	return paths
		.map((p) => pattern.exec(p)?.[1])
		.filter(Boolean)
		.map(Number);
}
