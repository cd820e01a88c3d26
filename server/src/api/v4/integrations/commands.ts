import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { badParam } from '../../../model/errors.js';
import { boolParam, idParam, OK, pathId, stringParam } from '../../params.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const CommandParams = Type.Object({ command_id: Type.String({ maxLength: 64 }) });
const TeamParams = Type.Object({ team_id: Type.String({ maxLength: 64 }) });
// The schema bounds the request; the app checks each field with Mattermost's error ids.
const CommandFields = {
  trigger: Type.String({ maxLength: 1024 }), url: Type.String({ maxLength: 4096 }), method: Type.String({ maxLength: 8 }),
  username: Str(1024), icon_url: Str(4096), auto_complete: Type.Optional(Type.Boolean()), auto_complete_desc: Str(4096),
  auto_complete_hint: Str(4096), display_name: Str(1024), description: Str(1024),
};
const CommandBody = Type.Object({ ...CommandFields, team_id: Type.String({ maxLength: 64 }), creator_id: Str(64) });
const CommandUpdateBody = Type.Object({ ...CommandFields, id: Type.String({ maxLength: 64 }), team_id: Str(64) });
const ExecuteBody = Type.Object({
  channel_id: Type.String({ maxLength: 64 }), team_id: Str(64), root_id: Str(64), parent_id: Str(64), command: Type.String({ maxLength: 16_384 }),
});

/** The optional fields of a command body, with Mattermost's defaults. */
function commandFields(body: { trigger: string; url: string; method: string; username?: string; icon_url?: string; auto_complete?: boolean;
  auto_complete_desc?: string; auto_complete_hint?: string; display_name?: string; description?: string }) {
  return {
    trigger: body.trigger, url: body.url, method: body.method, username: body.username ?? '', icon_url: body.icon_url ?? '',
    auto_complete: body.auto_complete ?? false, auto_complete_desc: body.auto_complete_desc ?? '', auto_complete_hint: body.auto_complete_hint ?? '',
    display_name: body.display_name ?? '', description: body.description ?? '',
  };
}

/** Slash commands (Mattermost's api4/command.go): running them, their autocomplete, and custom commands' management. */
export const commandRoutes: RouteModule = (api, { app }) => {
  const commands = app.slashCommands;

  api.post('/commands/execute', { schema: { body: ExecuteBody } }, async (request) => {
    const actor = await authenticate(app, request);
    return commands.execution.execute(actor, request.body);
  });

  api.post('/commands', { schema: { body: CommandBody }, config: { audit: { action: 'command.create', body: ['team_id', 'trigger'] } } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    const { team_id: teamId, creator_id: creatorId } = request.body;
    return reply.code(201).send(await commands.commands.create(actor, { ...commandFields(request.body), team_id: teamId, creator_id: creatorId }));
  });

  api.get('/commands', async (request) => {
    const actor = await authenticate(app, request);
    const q = request.query as Record<string, unknown>;
    const teamId = idParam(q, 'team_id');
    if (!teamId) throw badParam('team_id');
    return commands.commands.list(actor, teamId, boolParam(q, 'custom_only'));
  });

  api.get('/commands/:command_id', { schema: { params: CommandParams } }, async (request) => {
    const actor = await authenticate(app, request);
    return commands.commands.get(actor, pathId(request.params.command_id, 'command_id'));
  });

  api.put('/commands/:command_id', {
    schema: { params: CommandParams, body: CommandUpdateBody }, config: { audit: { action: 'command.update', object: 'command_id', body: ['trigger'] } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    const id = pathId(request.params.command_id, 'command_id');
    if (request.body.id !== id) throw badParam('command');
    return commands.commands.update(actor, id, { ...commandFields(request.body), team_id: request.body.team_id });
  });

  api.put('/commands/:command_id/move', {
    schema: { params: CommandParams, body: Type.Object({ team_id: Type.String({ maxLength: 64 }) }) },
    config: { audit: { action: 'command.move', object: 'command_id', body: ['team_id'] } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    await commands.commands.move(actor, pathId(request.params.command_id, 'command_id'), request.body.team_id);
    return OK;
  });

  api.put('/commands/:command_id/regen_token', {
    schema: { params: CommandParams }, config: { audit: { action: 'command.regen_token', object: 'command_id' } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    const command = await commands.commands.regenerateToken(actor, pathId(request.params.command_id, 'command_id'));
    return { token: command.token };
  });

  api.delete('/commands/:command_id', {
    schema: { params: CommandParams }, config: { audit: { action: 'command.delete', object: 'command_id' } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    await commands.commands.remove(actor, pathId(request.params.command_id, 'command_id'));
    return OK;
  });

  api.get('/teams/:team_id/commands/autocomplete', { schema: { params: TeamParams } }, async (request) => {
    const actor = await authenticate(app, request);
    return commands.autocomplete.commandsOf(actor, pathId(request.params.team_id, 'team_id'));
  });

  api.get('/teams/:team_id/commands/autocomplete_suggestions', { schema: { params: TeamParams } }, async (request) => {
    const actor = await authenticate(app, request);
    const q = request.query as Record<string, unknown>;
    // channel_id and root_id are checked but unused: no built-in's suggestions depend on where they are typed.
    idParam(q, 'channel_id');
    idParam(q, 'root_id');
    return commands.autocomplete.suggestions(actor, pathId(request.params.team_id, 'team_id'), stringParam(q, 'user_input', 4096) ?? '');
  });
};
