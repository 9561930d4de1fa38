/**
 * Test data factories: rows written straight into a test database (createTestDatabase() in
 * tests/helpers/db.ts, or a data folder before a private server starts). Defaults are valid;
 * pass only the values the test is about.
 */
export {
	createResident,
	createStaffUser,
	passwordHashFor,
	TEST_PASSWORD,
	uniqueEmail,
	type TestAccount
} from './users';
export { createContactPerson, createNewsPost, createNotice } from './content';
export { createContactMessage } from './contact';
export { createBookingRequest } from './rooms';
