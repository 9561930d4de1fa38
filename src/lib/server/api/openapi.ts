import { EVENT_CATEGORIES } from '../db/schema';
import { API_MAX_PAGE, API_MAX_SPAN_DAYS, API_PAGE_SIZE } from '../events/events-api';
import { MAX_AVAILABILITY_DAYS } from '../rooms/rooms-api';

const error = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: { type: 'string', examples: ['INVALID', 'CONFLICT', 'NOT_FOUND', 'RATE_LIMITED'] },
				message: { type: 'string', description: 'For people, in the language of the request.' },
				fields: {
					type: 'object',
					additionalProperties: { type: 'string' },
					description: 'A message per property of the request body or query.'
				}
			}
		}
	}
} as const;

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
});

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument(origin: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Quartier API',
			version: '1',
			description:
				'Rooms of the neighbourhood house, when they are busy (without personal data), and booking requests; the published events of the calendar. Errors are JSON with a message in the language of the request (Accept-Language or the site language). Public endpoints share the per-client rate limit RATE_LIMIT_PER_MINUTE.'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths: {
			'/events': {
				get: {
					summary: 'The published dates of the calendar, soonest first',
					description:
						'One item per date (a weekly event gives one item per week). Cancelled and postponed dates stay listed with their status. Answers carry ETag and Last-Modified and answer If-None-Match / If-Modified-Since with 304.',
					parameters: [
						{
							name: 'from',
							in: 'query',
							schema: { type: 'string', format: 'date' },
							description:
								'First local day (YYYY-MM-DD); dates that have not ended by its start. Default: now.'
						},
						{
							name: 'to',
							in: 'query',
							schema: { type: 'string', format: 'date' },
							description: `Last local day, inclusive; at most ${API_MAX_SPAN_DAYS} days after from.`
						},
						{
							name: 'q',
							in: 'query',
							schema: { type: 'string', maxLength: 100 },
							description: 'German full-text search in title and description.'
						},
						{
							name: 'category',
							in: 'query',
							schema: { type: 'string', enum: [...EVENT_CATEGORIES] }
						},
						{
							name: 'page',
							in: 'query',
							schema: { type: 'integer', minimum: 1, maximum: API_MAX_PAGE, default: 1 },
							description: `Pages of ${API_PAGE_SIZE} dates.`
						}
					],
					responses: {
						'200': {
							description: 'A page of dates with links to the neighbouring pages',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['items', 'page', 'pageSize', 'links'],
										properties: {
											items: { type: 'array', items: { $ref: '#/components/schemas/EventDate' } },
											page: { type: 'integer' },
											pageSize: { type: 'integer' },
											links: {
												type: 'object',
												required: ['self', 'next', 'previous'],
												properties: {
													self: { type: 'string', format: 'uri' },
													next: { type: ['string', 'null'], format: 'uri' },
													previous: { type: ['string', 'null'], format: 'uri' }
												}
											}
										}
									}
								}
							}
						},
						'304': { description: 'Not modified (If-None-Match or If-Modified-Since)' },
						'400': errorResponse('Invalid query parameters, with a message per parameter')
					}
				}
			},
			'/events/{slug}': {
				get: {
					summary: 'One published event with its next dates',
					parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
					responses: {
						'200': {
							description: 'The event',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/Event' } }
							}
						},
						'304': { description: 'Not modified (If-None-Match or If-Modified-Since)' },
						'404': errorResponse('No published event with this slug')
					}
				}
			},
			'/rooms': {
				get: {
					summary: 'The rooms that can be requested',
					responses: {
						'200': {
							description: 'Active rooms in display order',
							content: {
								'application/json': {
									schema: { type: 'array', items: { $ref: '#/components/schemas/Room' } }
								}
							}
						}
					}
				}
			},
			'/rooms/{id}/availability': {
				get: {
					summary: 'When a room is busy',
					parameters: [
						{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
						{
							name: 'from',
							in: 'query',
							required: true,
							schema: { type: 'string', format: 'date' },
							description: 'First local day (YYYY-MM-DD).'
						},
						{
							name: 'to',
							in: 'query',
							required: true,
							schema: { type: 'string', format: 'date' },
							description: `Last local day, inclusive; at most ${MAX_AVAILABILITY_DAYS} days after from.`
						}
					],
					responses: {
						'200': {
							description:
								'Busy intervals, set-up time included, ISO 8601 with offset; no personal data.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['roomId', 'from', 'to', 'busy'],
										properties: {
											roomId: { type: 'integer' },
											from: { type: 'string', format: 'date' },
											to: { type: 'string', format: 'date' },
											busy: {
												type: 'array',
												items: {
													type: 'object',
													required: ['start', 'end'],
													properties: {
														start: { type: 'string', format: 'date-time' },
														end: { type: 'string', format: 'date-time' }
													}
												}
											}
										}
									}
								}
							}
						},
						'404': errorResponse('No such room'),
						'422': errorResponse('Invalid days'),
						'429': errorResponse('Too many requests; see Retry-After')
					}
				}
			},
			'/bookings': {
				post: {
					summary: 'Request a room for one time',
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/BookingRequest' } }
						}
					},
					responses: {
						'201': {
							description:
								'Stored as pending; staff decide. The requester gets a confirmation e-mail with the status and cancel links.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['id', 'reference', 'status', 'statusUrl'],
										properties: {
											id: { type: 'integer' },
											reference: { type: 'string', examples: ['RAUM-2026-0042'] },
											status: { const: 'pending' },
											statusUrl: { type: 'string', format: 'uri' }
										}
									}
								}
							}
						},
						'409': errorResponse('The room is busy at that time; the message names it'),
						'415': errorResponse('The body is not application/json'),
						'422': errorResponse('Invalid input, with a message per field'),
						'429': errorResponse('Too many requests; see Retry-After')
					}
				}
			}
		},
		components: {
			schemas: {
				Error: error,
				EventDate: {
					type: 'object',
					required: ['slug', 'title', 'status', 'start', 'end', 'allDay', 'url'],
					properties: {
						slug: { type: 'string' },
						title: { type: 'string' },
						status: { enum: ['scheduled', 'cancelled', 'postponed'] },
						start: { type: 'string', format: 'date-time', description: 'With offset.' },
						end: { type: 'string', format: 'date-time', description: 'With offset.' },
						allDay: { type: 'boolean' },
						place: { $ref: '#/components/schemas/EventPlace' },
						organiser: {
							type: ['object', 'null'],
							description: 'The group; null: the office itself.',
							properties: { slug: { type: 'string' }, name: { type: 'string' } }
						},
						categories: { type: 'array', items: { type: 'string' } },
						targetGroups: { type: 'array', items: { type: 'string' } },
						languages: { type: 'array', items: { type: 'string' } },
						isFree: { type: 'boolean' },
						cost: { type: 'string' },
						wheelchairAccessible: { type: 'boolean' },
						isExample: { type: 'boolean' },
						url: { type: 'string', format: 'uri' },
						ics: { type: 'string', format: 'uri' },
						api: { type: 'string', format: 'uri' },
						updatedAt: { type: 'string', format: 'date-time' }
					}
				},
				EventPlace: {
					type: 'object',
					properties: {
						name: { type: 'string' },
						address: { type: 'string' },
						roomSlug: { type: ['string', 'null'] },
						latitude: { type: ['number', 'null'] },
						longitude: { type: ['number', 'null'] }
					}
				},
				Event: {
					type: 'object',
					required: ['slug', 'title', 'status', 'start', 'end', 'allDay', 'dates', 'url'],
					properties: {
						slug: { type: 'string' },
						title: { type: 'string' },
						description: { type: 'string', description: 'Markdown.' },
						status: { enum: ['scheduled', 'cancelled', 'postponed'] },
						start: {
							type: 'string',
							format: 'date-time',
							description: 'The first date of the event (of the series).'
						},
						end: { type: 'string', format: 'date-time' },
						allDay: { type: 'boolean' },
						rrule: { type: ['string', 'null'], description: 'RFC 5545 RRULE of a series.' },
						dates: {
							type: 'array',
							description: 'The next dates that have not ended.',
							items: {
								type: 'object',
								properties: {
									start: { type: 'string', format: 'date-time' },
									end: { type: 'string', format: 'date-time' }
								}
							}
						},
						place: { $ref: '#/components/schemas/EventPlace' },
						organiser: {
							type: ['object', 'null'],
							properties: {
								slug: { type: 'string' },
								name: { type: 'string' },
								email: { type: 'string' },
								phone: { type: 'string' }
							}
						},
						categories: { type: 'array', items: { type: 'string' } },
						targetGroups: { type: 'array', items: { type: 'string' } },
						languages: { type: 'array', items: { type: 'string' } },
						isFree: { type: 'boolean' },
						cost: { type: 'string' },
						wheelchairAccessible: { type: 'boolean' },
						accessibilityNotes: { type: 'string' },
						isExample: { type: 'boolean' },
						url: { type: 'string', format: 'uri' },
						ics: { type: 'string', format: 'uri' },
						updatedAt: { type: 'string', format: 'date-time' }
					}
				},
				Room: {
					type: 'object',
					required: ['id', 'slug', 'name', 'capacity'],
					properties: {
						id: { type: 'integer' },
						slug: { type: 'string' },
						name: { type: 'string' },
						description: { type: 'string' },
						capacity: { type: 'integer' },
						equipment: { type: 'string' },
						accessibility: {
							type: 'object',
							properties: {
								stepFree: { type: 'boolean' },
								accessibleToilet: { type: 'boolean' },
								hearingLoop: { type: 'boolean' }
							}
						},
						bufferMinutes: { type: 'integer' },
						minNoticeHours: { type: 'integer' },
						maxAdvanceDays: { type: 'integer' },
						maxDurationMinutes: { type: 'integer' }
					}
				},
				BookingRequest: {
					type: 'object',
					required: [
						'roomId',
						'start',
						'end',
						'purpose',
						'attendees',
						'name',
						'email',
						'acceptTerms'
					],
					properties: {
						roomId: { type: 'integer' },
						start: { type: 'string', format: 'date-time', description: 'With offset.' },
						end: { type: 'string', format: 'date-time', description: 'With offset.' },
						purpose: { type: 'string', maxLength: 500 },
						attendees: { type: 'integer', minimum: 1, maximum: 10000 },
						name: { type: 'string', maxLength: 100 },
						email: { type: 'string', format: 'email' },
						phone: { type: 'string', maxLength: 40 },
						organisation: { type: 'string', maxLength: 120 },
						showOrganisation: {
							type: 'boolean',
							description: 'Show the organisation in the public plan once approved.'
						},
						acceptTerms: { const: true, description: 'The room’s house rules are accepted.' }
					}
				}
			}
		}
	};
}
