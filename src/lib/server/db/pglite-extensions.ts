import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL extensions the schema uses (btree_gist for exclusion constraints, pg_trgm for fuzzy
 * search). A PostgreSQL server ships them in contrib and the migration creates them; PGlite must
 * be given their bundles when it starts, or `CREATE EXTENSION` fails. Every PGlite that opens
 * our database (the app, the test template) passes these.
 */
export const PGLITE_EXTENSIONS = { btree_gist, pg_trgm };
