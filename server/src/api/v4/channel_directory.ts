import { Type } from 'typebox';
import { DEFAULT_CHANNELS } from '../../app/channel_rules.js';
import { badBodyParam } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { boolParam, paging } from '../params.js';

const MAX_PER_PAGE = 200;

const SearchBody = Type.Object({
  term: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PER_PAGE })),
  include_deleted: Type.Optional(Type.Boolean()),
  deleted: Type.Optional(Type.Boolean()),
  public: Type.Optional(Type.Boolean()),
  private: Type.Optional(Type.Boolean()),
  team_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
  exclude_default_channels: Type.Optional(Type.Boolean()),
});

const DEFAULT_CHANNEL_NAMES = DEFAULT_CHANNELS.map((c) => c.name);
/** Retention policies do not exist in Parley, so exclude_policy_constrained (accepted) leaves nothing out. */
const excludedNames = (excludeDefault: boolean | undefined) => (excludeDefault ? DEFAULT_CHANNEL_NAMES : undefined);

/** The system console's channel listing and search across every team (system admins). */
export const channelDirectoryRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.get('/channels', async (request) => {
    const actor = await auth(request);
    const query = request.query as Record<string, unknown>;
    const { offset, perPage } = paging(query, { perPage: 60, maxPerPage: MAX_PER_PAGE });
    const filter = { includeDeleted: boolParam(query, 'include_deleted'), types: ['O', 'P'] as const, excludeNames: excludedNames(boolParam(query, 'exclude_default_channels')) };
    const { channels, total } = await app.channels.directory(actor, filter,
      { offset, limit: perPage }, boolParam(query, 'include_total_count'));
    return total === undefined ? channels : { channels, total_count: total };
  });

  // Paged ({page, per_page} given) answers {channels, total_count}; otherwise the first 100 matches as a list.
  api.post('/channels/search', { schema: { body: SearchBody } }, async (request) => {
    const actor = await auth(request);
    const b = request.body;
    if (b.team_ids && !b.team_ids.every(isValidId)) throw badBodyParam('team_ids');
    const types = [...(b.public ? ['O' as const] : []), ...(b.private ? ['P' as const] : [])];
    const filter = { term: b.term?.trim() || undefined, includeDeleted: b.include_deleted ?? false, onlyDeleted: b.deleted ?? false, types, teamIds: b.team_ids, excludeNames: excludedNames(b.exclude_default_channels) };
    const paged = b.page !== undefined || b.per_page !== undefined;
    const perPage = b.per_page ?? 60;
    const page = paged ? { offset: (b.page ?? 0) * perPage, limit: perPage } : { offset: 0, limit: 100 };
    const { channels, total } = await app.channels.directory(actor, filter, page, paged);
    return paged ? { channels, total_count: total } : channels;
  });
};
