import { describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { readConfig } from '$lib/server/config';
import { componentExamplesEnabled } from '$lib/server/dev/component-examples';

// As in the built server: not `vite dev`, and COMPONENT_EXAMPLES not set.
vi.mock('$app/environment', () => ({ dev: false, building: false, browser: false }));
delete process.env.COMPONENT_EXAMPLES;

const { load, actions } = await import('./+page.server');

async function statusOf(run: () => unknown): Promise<number | 'no error'> {
	try {
		await run();
		return 'no error';
	} catch (err) {
		if (isHttpError(err)) return err.status;
		throw err;
	}
}

describe('/entwicklung/komponenten', () => {
	it('exists only in development or with COMPONENT_EXAMPLES', () => {
		expect(componentExamplesEnabled(false, false)).toBe(false);
		expect(componentExamplesEnabled(true, false)).toBe(true);
		expect(componentExamplesEnabled(false, true)).toBe(true);
		expect(readConfig({}).COMPONENT_EXAMPLES).toBe(false);
		expect(readConfig({ COMPONENT_EXAMPLES: '1' }).COMPONENT_EXAMPLES).toBe(true);
		expect(readConfig({ COMPONENT_EXAMPLES: '0' }).COMPONENT_EXAMPLES).toBe(false);
		expect(() => readConfig({ COMPONENT_EXAMPLES: 'yes please' })).toThrow(/COMPONENT_EXAMPLES/);
	});

	it('answers 404 to page and form without the flag', async () => {
		expect(componentExamplesEnabled()).toBe(false);
		await expect(statusOf(() => load({} as never))).resolves.toBe(404);
		const request = new Request('http://127.0.0.1/entwicklung/komponenten', {
			method: 'POST',
			body: new FormData()
		});
		await expect(statusOf(() => actions.default({ request } as never))).resolves.toBe(404);
	});
});
