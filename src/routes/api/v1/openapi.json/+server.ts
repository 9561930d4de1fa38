import { apiJson } from '$lib/server/api/json-api';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => apiJson(openApiDocument(url.origin));
