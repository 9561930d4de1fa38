import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';

export const firstAdministratorSchema = z.object({
	display_name: field.text(() => m.auth_field_name(), 100),
	email: field.email(() => m.auth_field_email())
});
