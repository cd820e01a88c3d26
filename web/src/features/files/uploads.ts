import { create } from 'zustand';
import type { FileInfo } from '@mattermost/types/files';
import { getState as getAppState } from '../../store/store';
import { checkFiles } from './file_types';
import { UploadAborted, uploadFile, type UploadHandle } from './upload_request';

/** Mattermost's limit of files on one post. */
export const MAX_FILES_PER_POST = 10;

export type UploadStatus = 'uploading' | 'done' | 'failed' | 'tooLarge';

export interface PendingUpload {
  clientId: string;
  name: string;
  size: number;
  /** 0..1 of the bytes sent */
  progress: number;
  status: UploadStatus;
  /** the server's record once stored */
  info?: FileInfo;
  /** the server's message when it refused the file ('' when it gave none) */
  error?: string;
}

/** Uploads per draft (channel id, or `thread:<root id>`), kept while the user switches channels. */
export const useUploads = create<Record<string, PendingUpload[]>>()(() => ({}));

const handles = new Map<string, UploadHandle>();
let counter = 0;

function newClientId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}${counter}`;
}

function update(key: string, clientId: string, change: Partial<PendingUpload>): void {
  useUploads.setState((s) => {
    const list = s[key];
    if (!list?.some((u) => u.clientId === clientId)) return s;
    return { [key]: list.map((u) => (u.clientId === clientId ? { ...u, ...change } : u)) };
  });
}

export interface AddResult {
  /** files refused because the post already has the most files it may carry */
  overLimit: number;
}

/**
 * Starts uploading files for a draft, all at once (the browser spreads them over its connections). Files over
 * MaxFileSize are listed as refused without sending a byte; files past the per-post limit are not listed at all.
 */
export function addFiles(key: string, channelId: string, files: File[]): AddResult {
  const maxFileSize = Number(getAppState().config.MaxFileSize) || 0;
  const attached = (useUploads.getState()[key] ?? []).filter((u) => u.status !== 'tooLarge' && u.status !== 'failed').length;
  const check = checkFiles(files, attached, maxFileSize, MAX_FILES_PER_POST);
  const rows: PendingUpload[] = [];
  for (const file of check.tooLarge) {
    rows.push({ clientId: newClientId(), name: file.name, size: file.size, progress: 0, status: 'tooLarge' });
  }
  const started: Array<{ row: PendingUpload; file: File }> = [];
  for (const file of check.accepted) {
    const row: PendingUpload = { clientId: newClientId(), name: file.name, size: file.size, progress: 0, status: 'uploading' };
    rows.push(row);
    started.push({ row, file });
  }
  if (rows.length) useUploads.setState((s) => ({ [key]: [...(s[key] ?? []), ...rows] }));
  for (const { row, file } of started) {
    const handle = uploadFile(channelId, file, row.clientId, (progress) => update(key, row.clientId, { progress }));
    handles.set(row.clientId, handle);
    handle.done.then(
      (info) => update(key, row.clientId, { status: 'done', progress: 1, info }),
      (err: unknown) => {
        if (!(err instanceof UploadAborted)) update(key, row.clientId, { status: 'failed', error: err instanceof Error ? err.message : '' });
      },
    ).finally(() => handles.delete(row.clientId));
  }
  return { overLimit: check.overLimit.length };
}

/** Cancels an upload in flight (the request is aborted) or takes a finished or failed one off the draft. */
export function removeUpload(key: string, clientId: string): void {
  handles.get(clientId)?.abort();
  handles.delete(clientId);
  useUploads.setState((s) => {
    const list = s[key];
    if (!list) return s;
    return { [key]: list.filter((u) => u.clientId !== clientId) };
  });
}

export function uploadsInProgress(key: string): boolean {
  return (useUploads.getState()[key] ?? []).some((u) => u.status === 'uploading');
}

/** The stored files of a draft, in the order they were added. */
export function attachedFiles(key: string): FileInfo[] {
  return (useUploads.getState()[key] ?? []).flatMap((u) => (u.status === 'done' && u.info ? [u.info] : []));
}

/** Empties a draft's upload row once its files went out with a post (refused rows go too: the message was sent). */
export function clearUploads(key: string): void {
  for (const u of useUploads.getState()[key] ?? []) {
    handles.get(u.clientId)?.abort();
    handles.delete(u.clientId);
  }
  useUploads.setState({ [key]: [] });
}
