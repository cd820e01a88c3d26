import { Type } from 'typebox';
import { badParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK, paging, pathId, stringParam } from '../../params.js';

const SchemeIdParams = Type.Object({ scheme_id: Type.String({ maxLength: 64 }) });
const Text = (maxLength: number) => Type.String({ maxLength });
const SchemeAssignment = Type.Object({ scheme_id: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]) });

function schemeScope(query: Record<string, unknown>): 'team' | 'channel' | undefined {
  const scope = stringParam(query, 'scope', 16);
  if (scope === undefined || scope === '') return undefined;
  if (scope !== 'team' && scope !== 'channel') throw badParam('scope');
  return scope;
}

/** '' or null: back to the system (or team) scheme; otherwise a scheme id. */
const assignedScheme = (value: string | null): string => (value ? pathId(value, 'scheme_id') : '');

export const schemeRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.get('/schemes', async (request) => {
    const actor = await auth(request);
    const query = request.query as Record<string, unknown>;
    const { offset, perPage } = paging(query);
    return app.schemes.list(actor, schemeScope(query), { offset, limit: perPage });
  });

  api.post('/schemes', {
    schema: {
      body: Type.Object({
        name: Type.Optional(Text(64)), display_name: Text(128), description: Type.Optional(Text(1024)),
        scope: Type.Union([Type.Literal('team'), Type.Literal('channel')]),
      }),
    },
    config: { audit: { action: 'scheme.create', body: ['name', 'display_name', 'scope'] } },
  }, async (request, reply) => {
    const actor = await auth(request);
    return reply.code(201).send(await app.schemes.create(actor, request.body));
  });

  api.get('/schemes/:scheme_id', { schema: { params: SchemeIdParams } }, async (request) => {
    const actor = await auth(request);
    return app.schemes.get(actor, pathId(request.params.scheme_id, 'scheme_id'));
  });

  api.put('/schemes/:scheme_id/patch', {
    schema: {
      params: SchemeIdParams,
      body: Type.Object({ name: Type.Optional(Text(64)), display_name: Type.Optional(Text(128)), description: Type.Optional(Text(1024)) }),
    },
    config: { audit: { action: 'scheme.patch', object: 'scheme_id', body: ['name', 'display_name'] } },
  }, async (request) => {
    const actor = await auth(request);
    return app.schemes.patch(actor, pathId(request.params.scheme_id, 'scheme_id'), request.body);
  });

  api.delete('/schemes/:scheme_id', { schema: { params: SchemeIdParams }, config: { audit: { action: 'scheme.delete', object: 'scheme_id' } } }, async (request) => {
    const actor = await auth(request);
    await app.schemes.delete(actor, pathId(request.params.scheme_id, 'scheme_id'));
    return OK;
  });

  api.get('/schemes/:scheme_id/teams', { schema: { params: SchemeIdParams } }, async (request) => {
    const actor = await auth(request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    return app.schemes.teamsOf(actor, pathId(request.params.scheme_id, 'scheme_id'), { offset, limit: perPage });
  });

  api.get('/schemes/:scheme_id/channels', { schema: { params: SchemeIdParams } }, async (request) => {
    const actor = await auth(request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    return app.schemes.channelsOf(actor, pathId(request.params.scheme_id, 'scheme_id'), { offset, limit: perPage });
  });

  api.put('/teams/:team_id/scheme', {
    schema: { params: Type.Object({ team_id: Type.String({ maxLength: 64 }) }), body: SchemeAssignment },
    config: { audit: { action: 'team.scheme.update', object: 'team_id', body: ['scheme_id'] } },
  }, async (request) => {
    const actor = await auth(request);
    await app.schemes.setTeamScheme(actor, pathId(request.params.team_id, 'team_id'), assignedScheme(request.body.scheme_id));
    return OK;
  });

  api.put('/channels/:channel_id/scheme', {
    schema: { params: Type.Object({ channel_id: Type.String({ maxLength: 64 }) }), body: SchemeAssignment },
    config: { audit: { action: 'channel.scheme.update', object: 'channel_id', body: ['scheme_id'] } },
  }, async (request) => {
    const actor = await auth(request);
    await app.schemes.setChannelScheme(actor, pathId(request.params.channel_id, 'channel_id'), assignedScheme(request.body.scheme_id));
    return OK;
  });
};
