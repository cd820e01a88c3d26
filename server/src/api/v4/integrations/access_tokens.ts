import { Type } from 'typebox';
import { badBodyParam } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK, paging, pathId } from '../../params.js';

const UserParams = Type.Object({ user_id: Type.String({ maxLength: 64 }) });
const TokenParams = Type.Object({ token_id: Type.String({ maxLength: 64 }) });
const CreateBody = Type.Object({ description: Type.String({ maxLength: 1024 }) });
const TokenIdBody = Type.Object({ token_id: Type.String({ maxLength: 64 }) });
const SearchBody = Type.Object({ term: Type.String({ maxLength: 256 }) });

const tokenId = (body: { token_id: string }): string => {
  if (!isValidId(body.token_id)) throw badBodyParam('token_id');
  return body.token_id;
};

/** Personal access tokens (Mattermost's /users/{id}/tokens and /users/tokens/*). */
export const accessTokenRoutes: RouteModule = (api, { app }) => {
  api.post('/users/:user_id/tokens', {
    schema: { params: UserParams, body: CreateBody }, config: { audit: { action: 'user.access_token.create', object: 'user_id', body: ['description'] } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    return app.accessTokens.create(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body.description);
  });

  api.get('/users/:user_id/tokens', { schema: { params: UserParams } }, async (request) => {
    const actor = await authenticate(app, request);
    const { page, perPage } = paging(request.query as Record<string, unknown>);
    return app.accessTokens.listForUser(actor, pathId(request.params.user_id, 'user_id', actor.userId), page, perPage);
  });

  api.get('/users/tokens', async (request) => {
    const actor = await authenticate(app, request);
    const { page, perPage } = paging(request.query as Record<string, unknown>);
    return app.accessTokens.listAll(actor, page, perPage);
  });

  api.get('/users/tokens/:token_id', { schema: { params: TokenParams } }, async (request) => {
    const actor = await authenticate(app, request);
    return app.accessTokens.get(actor, pathId(request.params.token_id, 'token_id'));
  });

  api.post('/users/tokens/search', { schema: { body: SearchBody } }, async (request) => {
    const actor = await authenticate(app, request);
    return app.accessTokens.search(actor, request.body.term);
  });

  for (const action of ['revoke', 'disable', 'enable'] as const) {
    api.post(`/users/tokens/${action}`, {
      schema: { body: TokenIdBody }, config: { audit: { action: `user.access_token.${action}`, body: ['token_id'] } },
    }, async (request) => {
      const actor = await authenticate(app, request);
      await app.accessTokens[action](actor, tokenId(request.body));
      return OK;
    });
  }
};
