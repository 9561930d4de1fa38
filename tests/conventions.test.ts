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
	const isolated = (file: string) => /\.isolated(\.[a-z]+)?\.test\.ts$/.test(file);

	it('runs every file that mocks modules in isolation (the unit project shares modules)', () => {
		const mocking = testFilesMatching(/\bvi\.(mock|doMock)\(/);
		expect(mocking.length).toBeGreaterThan(0);
		expect(mocking.filter((file) => !isolated(file))).toEqual([]);
	});

	it('runs every file that sets configuration in process.env in isolation (config() is read once)', () => {
		const configuring = testFilesMatching(/process\.env\.(?!TZ\b)[A-Z_]+ =|delete process\.env\./);
		expect(configuring.filter((file) => !isolated(file))).toEqual([]);
	});

	it('puts every end-to-end file where a phase runs it (tests/e2e/http or tests/e2e/browser)', () => {
		const files = fs
			.readdirSync('tests/e2e', { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.test.ts'));
		expect(files.length).toBeGreaterThan(0);
		expect(files.filter((file) => !/^(http|browser)\//.test(file))).toEqual([]);
	});
});
