import { Type } from 'typebox';
import { MAX_SEARCH_PER_PAGE, type SearchParams } from '../../../app/search/search_scope.js';

// Mattermost's SearchParameter body, shared by post search and file search. A per_page past the maximum is cut to
// it, as upstream does; 0 or none means the default.

const DEFAULT_PER_PAGE = 60;
/** Deep pages cost an OFFSET walk; nobody reads 10,000 pages of results. */
const MAX_PAGE = 10_000;

export const SEARCH_BODY_FIELDS = {
  terms: Type.String({ maxLength: 10_000 }),
  is_or_search: Type.Optional(Type.Boolean()),
  // Seconds east of UTC; real zones lie within ±14 hours.
  time_zone_offset: Type.Optional(Type.Number({ minimum: -86_400, maximum: 86_400 })),
  include_deleted_channels: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PAGE })),
  per_page: Type.Optional(Type.Integer({ minimum: 0 })),
};

export interface SearchBodyType {
  terms: string;
  is_or_search?: boolean;
  time_zone_offset?: number;
  include_deleted_channels?: boolean;
  page?: number;
  per_page?: number;
}

export function searchParams(body: SearchBodyType): SearchParams {
  const perPage = body.per_page === undefined || body.per_page === 0 ? DEFAULT_PER_PAGE : Math.min(body.per_page, MAX_SEARCH_PER_PAGE);
  return {
    terms: body.terms, isOrSearch: body.is_or_search ?? false, timeZoneOffset: Math.trunc(body.time_zone_offset ?? 0),
    includeDeletedChannels: body.include_deleted_channels ?? false, page: body.page ?? 0, perPage,
  };
}
