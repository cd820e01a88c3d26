import http from 'node:http';
import type { Channel } from '@mattermost/types/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { channelWith, ensureAdmin, teamWith, type TeamWorld } from '../post_fixtures.js';
import { fileRowsInChannel, filesUnder, storageFolder, storedForChannel, upload } from './file_fixtures.js';

let server: TestServer;
let admin: TestUser;
let world: TeamWorld;
let channel: Channel;

beforeAll(async () => {
  server = await startTestServer();
  admin = await ensureAdmin(server);
  world = await teamWith(server, 0);
  channel = await channelWith(world.owner, world.team.id, []);
});
afterAll(async () => {
  await server?.close();
});

const rows = async (channelId: string): Promise<number> => (await fileRowsInChannel(server, channelId)).length;

/** Waits (up to 10 s) until `check` holds: the server notices a dropped connection on its own schedule. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/** Starts a multipart upload declaring `declared` bytes, sends `sent` of them, then drops the connection. */
function abortedUpload(channelId: string, token: string, sent: number, declared: number): Promise<void> {
  const boundary = 'parleyboundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="channel_id"\r\n\r\n${channelId}\r\n`
    + `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cut.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const url = new URL(`${server.url}/api/v4/files`);
  return new Promise((resolve) => {
    const request = http.request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + declared) },
    });
    request.on('error', () => resolve());
    request.write(head);
    request.write(Buffer.alloc(sent, 1), () => {
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 200);
    });
  });
}

describe('upload limits', () => {
  it('answers 413 with Mattermost\'s id past MaxFileSize and keeps nothing', async () => {
    await admin.client.patchConfig({ FileSettings: { MaxFileSize: 1000 } } as never);
    try {
      const refused = await upload(world.owner, channel.id, [{ name: 'big.bin', bytes: Buffer.alloc(5000, 3) }]).catch((err: unknown) => err);
      expect(refused).toMatchObject({ status_code: 413, server_error_id: 'api.file.upload_file.too_large_detailed.app_error' });
      const raw = await fetch(`${server.url}/api/v4/files?channel_id=${channel.id}&filename=big.bin`, {
        method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}` }, body: Buffer.alloc(5000, 3),
      });
      expect(raw.status).toBe(413);
      // A second file past the limit takes back the first of the same request.
      const mixed = await upload(world.owner, channel.id, [{ name: 'small.txt', bytes: 'ok' }, { name: 'big2.bin', bytes: Buffer.alloc(5000) }]).catch((err: unknown) => err);
      expect(mixed).toMatchObject({ status_code: 413 });
      expect(storedForChannel(server, channel.id)).toEqual([]);
      expect(await rows(channel.id)).toBe(0);
      const fits = await upload(world.owner, channel.id, [{ name: 'exact.bin', bytes: Buffer.alloc(1000, 3) }]);
      expect(fits.file_infos[0].size).toBe(1000);
    } finally {
      await admin.client.patchConfig({ FileSettings: { MaxFileSize: 104857600 } } as never);
    }
  });

  it('leaves no row and no stored bytes when the client goes away mid-upload', async () => {
    const quiet = await channelWith(world.owner, world.team.id, []);
    await abortedUpload(quiet.id, world.owner.token, 3 * 1024 * 1024, 50 * 1024 * 1024);
    // The partial write is removed once the server sees the connection gone.
    expect(await eventually(() => filesUnder(storageFolder(server)).every((f) => !f.endsWith('.partial')))).toBe(true);
    expect(storedForChannel(server, quiet.id)).toEqual([]);
    expect(await rows(quiet.id)).toBe(0);
    // The server carries on.
    expect((await upload(world.owner, quiet.id, [{ name: 'after.txt', bytes: 'fine' }])).file_infos).toHaveLength(1);
  });

  it('streams a 100 MB upload without holding it in memory', async () => {
    const total = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 9);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) controller.close();
        else {
          controller.enqueue(chunk);
          sent += chunk.length;
        }
      },
    });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const response = await fetch(`${server.url}/api/v4/files?channel_id=${channel.id}&filename=large.bin`, {
      method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}`, 'Content-Length': String(total) }, body, duplex: 'half',
    } as RequestInit);
    clearInterval(sampler);
    expect(response.status).toBe(201);
    const info = ((await response.json()) as { file_infos: { size: number }[] }).file_infos[0];
    expect(info.size).toBe(total);
    const growthMiB = (peak - before) / 1024 / 1024;
    console.log(`100 MiB upload: RSS grew by ${growthMiB.toFixed(1)} MiB at its peak (client and server in one process)`);
    // Buffering the body anywhere would grow RSS by at least its 100 MiB.
    expect(growthMiB).toBeLessThan(64);
  });
});
