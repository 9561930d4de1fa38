import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Vitest global setup of the unit projects: names this run (workers inherit the environment), so
 * that the teardown can drop exactly the PostgreSQL databases this run's workers kept open until
 * they ended (tests/helpers/db.ts keeps one database per worker).
 */
export default function setup() {
	process.env.QUARTIER_TEST_RUN = randomBytes(4).toString('hex');
	return async () => {
		const serverUrl = process.env.TEST_DATABASE_URL;
		if (!serverUrl) return;
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		try {
			const { rows } = await admin.query<{ datname: string }>(
				'select datname from pg_database where datname like $1',
				[`quartier_test_${process.env.QUARTIER_TEST_RUN}_%`]
			);
			for (const { datname } of rows) {
				await admin.query(`drop database if exists ${datname} with (force)`);
			}
		} finally {
			await admin.end();
		}
	};
}
