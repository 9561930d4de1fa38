import { describe, expect, it } from 'vitest';
import { currentRequestId, requestIdFrom, requestLogFields, runInRequest } from './request-context';

describe('request ids', () => {
	it('keep a short safe incoming id', () => {
		for (const id of [
			'0f8fad5b-d9cb-469f-a165-70867728950e',
			'abc123',
			'a.b_c-d',
			'x'.repeat(64)
		]) {
			expect(requestIdFrom(id)).toBe(id);
		}
	});

	it('replace a missing, long or unsafe one with a new random id', () => {
		const fresh = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
		for (const id of [null, undefined, '', 'x'.repeat(65), 'a b', 'a\nb', '"}{', 'ä', '../x/y']) {
			expect(requestIdFrom(id), String(id)).toMatch(fresh);
		}
		expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
	});

	it('are known inside the request, across awaits, and not outside', async () => {
		expect(currentRequestId()).toBeNull();
		const seen = await runInRequest('req-1', async () => {
			await new Promise((resolve) => setTimeout(resolve, 1));
			return currentRequestId();
		});
		expect(seen).toBe('req-1');
		expect(currentRequestId()).toBeNull();
	});

	it('go onto every log line written during the request', () => {
		expect(requestLogFields()).toEqual({});
		expect(runInRequest('req-2', requestLogFields)).toEqual({ requestId: 'req-2' });
	});
});
