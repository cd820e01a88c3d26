import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileUploadResponse } from '@mattermost/types/files';
import sharp from 'sharp';
import type { SqlStore } from '../../../src/store/sql/store.js';
import type { TestServer, TestUser } from '../../harness.js';

/** A PNG of the given size (a gradient-free solid colour is enough for sizes and previews). */
export function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();
}

/** Uploads files into a channel with the official client (multipart: channel_id, client_ids, files). */
export function upload(user: TestUser, channelId: string, files: { name: string; bytes: Buffer | string; type?: string }[], clientIds?: string[]): Promise<FileUploadResponse> {
  const form = new FormData();
  form.append('channel_id', channelId);
  for (const id of clientIds ?? []) form.append('client_ids', id);
  for (const f of files) form.append('files', new Blob([typeof f.bytes === 'string' ? f.bytes : new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return user.client.uploadFile(form);
}

/** An authenticated GET of a file route, with the bytes and headers. */
export async function getFile(server: { url: string }, user: TestUser | undefined, route: string): Promise<{ status: number; bytes: Buffer; headers: Headers; json: () => { id?: string } }> {
  const response = await fetch(`${server.url}${route}`, { headers: user ? { Authorization: `Bearer ${user.token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, headers: response.headers, json: () => JSON.parse(bytes.toString()) as { id?: string } };
}

/** Every file under a folder (recursively); none when the folder is absent. */
export function filesUnder(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The local backend's folder (FileSettings.Directory defaults to <dataDir>/files). */
export const storageFolder = (server: TestServer): string => path.join(server.config.dataDir, 'files');

/** The files stored for one channel, whatever the date folder. */
export function storedForChannel(server: TestServer, channelId: string): string[] {
  return filesUnder(storageFolder(server)).filter((f) => f.includes(`${path.sep}channels${path.sep}${channelId}${path.sep}`));
}

/** Rows of files stored for a channel, whatever their state (read straight from the database). */
export async function fileRowsInChannel(server: TestServer, channelId: string): Promise<{ name: string; post_id: string }[]> {
  const { db } = server.app.deps.store as unknown as SqlStore;
  return db.selectFrom('file_infos').select(['name', 'post_id']).where('channel_id', '=', channelId).execute();
}
