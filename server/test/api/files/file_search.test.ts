import type { Channel } from '@mattermost/types/channels';
import type { FileSearchResults } from '@mattermost/types/files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { channelWith, ensureAdmin, post, teamWith, type TeamWorld } from '../post_fixtures.js';
import { upload } from './file_fixtures.js';

let server: TestServer;
let world: TeamWorld;
let shared: Channel;
let privateToOwner: Channel;
let reader: TestUser;

/** Uploads a file and posts it, so it can be found. */
async function postFile(user: TestUser, channelId: string, name: string): Promise<string> {
  const [info] = (await upload(user, channelId, [{ name, bytes: `bytes of ${name}` }])).file_infos;
  await post(user, channelId, `posting ${name}`, { file_ids: [info.id] });
  return info.id;
}

const names = (result: { order: string[]; file_infos: Record<string, { name: string }> }): string[] =>
  result.order.map((id) => result.file_infos[id].name).sort();

async function search(user: TestUser, terms: string, teamId = world.team.id, extra: Record<string, unknown> = {}): Promise<{ status: number; body: FileSearchResults & { has_next: boolean; file_infos: Record<string, { name: string; channel_id: string }> } }> {
  const path = teamId ? `/teams/${teamId}/files/search` : '/files/search';
  return raw(server, 'POST', path, { token: user.token, body: { terms, is_or_search: false, ...extra } });
}

beforeAll(async () => {
  server = await startTestServer();
  await ensureAdmin(server);
  world = await teamWith(server, 2);
  reader = world.members[0];
  shared = await channelWith(world.owner, world.team.id, [reader]);
  privateToOwner = await channelWith(world.owner, world.team.id, [], 'P');
  await postFile(world.owner, shared.id, 'quarterly-report.pdf');
  await postFile(reader, shared.id, 'holiday photo.png');
  await postFile(reader, shared.id, 'Budget Report 2026.xlsx');
  await postFile(world.owner, privateToOwner.id, 'secret-report.pdf');
  // Uploaded but never posted: not found.
  await upload(world.owner, shared.id, [{ name: 'draft-report.pdf', bytes: 'draft' }]);
});
afterAll(async () => {
  await server?.close();
});

describe('file search', () => {
  it('finds files by name words, only in channels the searcher is a member of', async () => {
    const found = await search(reader, 'report');
    expect(found.status).toBe(200);
    expect(names(found.body)).toEqual(['Budget Report 2026.xlsx', 'quarterly-report.pdf']);
    expect(found.body).toMatchObject({ next_file_info_id: '', prev_file_info_id: '', has_next: false, first_inaccessible_file_time: 0 });
    expect(names((await search(world.owner, 'report')).body)).toEqual(['Budget Report 2026.xlsx', 'quarterly-report.pdf', 'secret-report.pdf']);
    expect(found.body.file_infos[found.body.order[0]].channel_id).toBe(shared.id);
  });

  it('narrows by ext:, from:, in: and the date flags, and excludes with -', async () => {
    expect(names((await search(reader, 'ext:png')).body)).toEqual(['holiday photo.png']);
    expect(names((await search(reader, 'report -ext:pdf')).body)).toEqual(['Budget Report 2026.xlsx']);
    expect(names((await search(reader, `report from:${world.owner.user.username}`)).body)).toEqual(['quarterly-report.pdf']);
    expect(names((await search(reader, `from:${reader.user.username}`)).body)).toEqual(['Budget Report 2026.xlsx', 'holiday photo.png']);
    expect(names((await search(world.owner, `report in:${privateToOwner.name}`)).body)).toEqual(['secret-report.pdf']);
    expect(names((await search(reader, `report in:${privateToOwner.name}`)).body)).toEqual([]);
    expect(names((await search(reader, 'report -quarterly')).body)).toEqual(['Budget Report 2026.xlsx']);
    expect(names((await search(reader, 'holiday budget', undefined, { is_or_search: true })).body)).toEqual(['Budget Report 2026.xlsx', 'holiday photo.png']);
    expect(names((await search(reader, 'report before:2000-01-01')).body)).toEqual([]);
    expect(names((await search(reader, 'report after:2000-01-01')).body)).toHaveLength(2);
    expect(names((await search(reader, 'from:nobody-by-that-name')).body)).toEqual([]);
  });

  it('searches every team with /files/search, and pages', async () => {
    expect(names((await search(reader, 'report', '')).body)).toEqual(['Budget Report 2026.xlsx', 'quarterly-report.pdf']);
    const first = await search(reader, 'report', world.team.id, { per_page: 1 });
    expect([first.body.order.length, first.body.has_next]).toEqual([1, true]);
    const second = await search(reader, 'report', world.team.id, { per_page: 1, page: 1 });
    expect([second.body.order.length, second.body.has_next]).toEqual([1, false]);
    expect(second.body.order[0]).not.toBe(first.body.order[0]);
  });

  it('finds nothing for a team member outside the channels, and refuses someone outside the team', async () => {
    expect(names((await search(world.members[1], 'report')).body)).toEqual([]);
    const stranger = await createUser(server, 'stranger');
    expect((await search(stranger, 'report')).status).toBe(403);
    expect(names((await search(stranger, 'report', '')).body)).toEqual([]);
    expect((await search(reader, '')).status).toBe(400);
  });

  it('answers the official client\'s call', async () => {
    const result = await reader.client.searchFiles(world.team.id, 'photo', false);
    expect(result.order).toHaveLength(1);
  });
});
