import {
	deleteConcernCategory,
	moveConcernCategory,
	setConcernCategoryActive
} from '$lib/server/concerns/arrange-concern-category';
import { findConcernCategories } from '$lib/server/concerns/find-concern-categories';
import {
	categoryEditSchema,
	categoryMoveSchema,
	categoryRowSchema,
	categorySchema
} from '$lib/server/concerns/intake.schemas';
import {
	createConcernCategory,
	updateConcernCategory
} from '$lib/server/concerns/save-concern-category';
import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	categories: await orErrorPage(
		event,
		findConcernCategories(event.locals.db, { actor: event.locals.actor })
	),
	fields: describeForm(categorySchema)
});

const PAGE = '/verwaltung/anliegen/kategorien';
const done = (what: string, id?: number) => `${PAGE}?aktion=${what}${id ? `#kategorie-${id}` : ''}`;

export const actions: Actions = {
	add: backOfficeAction({
		permission: 'concerns.manage',
		schema: categorySchema,
		failData: { form: 'add' },
		run: (input, { db, actor }) => createConcernCategory(db, { actor, input }),
		redirect: (result) => done('neu', result.id)
	}),
	edit: backOfficeAction({
		permission: 'concerns.manage',
		schema: categoryEditSchema,
		failData: { form: 'edit' },
		run: async (input, { db, actor }) => {
			await updateConcernCategory(db, {
				actor,
				id: input.id,
				input: { name: input.name, description: input.description }
			});
			return input.id;
		},
		redirect: (id) => done('gespeichert', id)
	}),
	move: backOfficeAction({
		permission: 'concerns.manage',
		schema: categoryMoveSchema,
		failData: { form: 'move' },
		run: async (input, { db, actor }) => {
			await moveConcernCategory(db, { actor, id: input.id, direction: input.direction });
			return input.id;
		},
		redirect: (id) => done('verschoben', id)
	}),
	deactivate: backOfficeAction({
		permission: 'concerns.manage',
		schema: categoryRowSchema,
		failData: { form: 'active' },
		run: async (input, { db, actor }) => {
			await setConcernCategoryActive(db, { actor, id: input.id, active: false });
			return input.id;
		},
		redirect: (id) => done('aus', id)
	}),
	activate: backOfficeAction({
		permission: 'concerns.manage',
		schema: categoryRowSchema,
		failData: { form: 'active' },
		run: async (input, { db, actor }) => {
			await setConcernCategoryActive(db, { actor, id: input.id, active: true });
			return input.id;
		},
		redirect: (id) => done('an', id)
	}),
	delete: backOfficeAction({
		permission: 'concerns.manage',
		schema: categoryRowSchema,
		failData: { form: 'delete' },
		run: (input, { db, actor }) => deleteConcernCategory(db, { actor, id: input.id }),
		redirect: () => done('geloescht')
	})
};
