import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Test files under src/ whose source matches `pattern`. */
function testFilesMatching(pattern: RegExp): string[] {
	return fs
		.readdirSync('src', { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.test.ts'))
		.map((file) => path.join('src', file))
		.filter((file) => pattern.test(fs.readFileSync(file, 'utf8')));
}

describe('test conventions', () => {
	it('runs every file that mocks modules in isolation (the unit project shares modules)', () => {
		const mocking = testFilesMatching(/\bvi\.(mock|doMock)\(/);
		expect(mocking.length).toBeGreaterThan(0);
		expect(mocking.filter((file) => !file.endsWith('.isolated.test.ts'))).toEqual([]);
	});
});
