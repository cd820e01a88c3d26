import type { FileInfo, FileUploadResponse } from '@mattermost/types/files';
import { client } from '../../api/client';

export interface UploadHandle {
  /** the server's FileInfo; rejects with UploadAborted, or an Error carrying the server's message ('' when it sent none) */
  done: Promise<FileInfo>;
  abort: () => void;
}

export class UploadAborted extends Error {
  constructor() {
    super('aborted');
  }
}

function csrfToken(): string {
  return /(?:^|;\s*)MMCSRF=([^;]*)/.exec(document.cookie)?.[1] ?? '';
}

function serverMessage(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { message?: unknown };
    if (typeof body.message === 'string' && body.message) return body.message;
  } catch {
    // not JSON (a proxy's error page): the caller shows its own message
  }
  return '';
}

/**
 * Uploads one file to POST /api/v4/files. Client4's uploadFile uses fetch, which reports no upload progress,
 * so this is an XMLHttpRequest with the same auth: the session cookie plus the CSRF header Client4 would send.
 */
export function uploadFile(channelId: string, file: File, clientId: string, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileInfo>((resolve, reject) => {
    const form = new FormData();
    form.append('channel_id', channelId);
    form.append('client_ids', clientId);
    form.append('files', file, file.name);
    xhr.open('POST', client.getFilesRoute());
    xhr.withCredentials = true;
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(new Error(serverMessage(xhr)));
        return;
      }
      try {
        const body = JSON.parse(xhr.responseText) as FileUploadResponse;
        const index = Math.max(0, body.client_ids?.indexOf(clientId) ?? 0);
        const info = body.file_infos?.[index];
        if (info) resolve(info);
        else reject(new Error(serverMessage(xhr)));
      } catch {
        reject(new Error(serverMessage(xhr)));
      }
    };
    xhr.onerror = () => reject(new Error(''));
    xhr.onabort = () => reject(new UploadAborted());
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
