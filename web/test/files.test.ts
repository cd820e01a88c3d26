import { describe, expect, it } from 'vitest';
import {
  checkFiles, displayImageUrl, extensionOf, fileKind, fitImage, formatFileSize, isInlineImage, pastedFileName,
} from '../src/features/files/file_types';
import { decodeHead } from '../src/features/files/text_preview';
import { pastedFiles } from '../src/features/files/FileDrop';

const info = (name: string, mime_type = '', extension = '') => ({ name, mime_type, extension });

describe('file kinds', () => {
  it('uses the mime type first and the extension when the type is generic', () => {
    expect(fileKind(info('photo.JPG', 'image/jpeg', 'jpg'))).toBe('image');
    expect(fileKind(info('scan', 'application/pdf'))).toBe('pdf');
    expect(fileKind(info('main.rs', 'application/octet-stream'))).toBe('text');
    expect(fileKind(info('data.json', 'application/json'))).toBe('text');
    expect(fileKind(info('notes.txt', 'text/plain'))).toBe('text');
    expect(fileKind(info('backup.tar.gz', 'application/gzip'))).toBe('archive');
    expect(fileKind(info('report.docx'))).toBe('document');
    expect(fileKind(info('budget.xlsx'))).toBe('spreadsheet');
    expect(fileKind(info('deck.pptx'))).toBe('presentation');
    expect(fileKind(info('song.mp3', 'audio/mpeg'))).toBe('audio');
    expect(fileKind(info('clip.webm'))).toBe('video');
    expect(fileKind(info('program.exe', 'application/x-msdownload'))).toBe('other');
  });

  it('takes the extension from the server, else from the name', () => {
    expect(extensionOf({ name: 'a.b.TXT', extension: '' })).toBe('txt');
    expect(extensionOf({ name: 'x', extension: '.PNG' })).toBe('png');
    expect(extensionOf({ name: '.bashrc', extension: '' })).toBe('');
  });

  it('shows images inline only when the browser or a server preview can draw them', () => {
    expect(isInlineImage({ ...info('a.png', 'image/png'), has_preview_image: true })).toBe(true);
    expect(isInlineImage({ ...info('logo.svg', 'image/svg+xml'), has_preview_image: false })).toBe(true);
    expect(isInlineImage({ ...info('scan.tiff', 'image/tiff'), has_preview_image: false })).toBe(false);
    expect(isInlineImage({ ...info('scan.tiff', 'image/tiff'), has_preview_image: true })).toBe(true);
    expect(isInlineImage({ ...info('doc.pdf', 'application/pdf'), has_preview_image: false })).toBe(false);
    expect(displayImageUrl({ id: 'f1', has_preview_image: true })).toBe('/api/v4/files/f1/preview');
    expect(displayImageUrl({ id: 'f1', has_preview_image: false })).toBe('/api/v4/files/f1');
  });
});

describe('file sizes', () => {
  it('reads like people write them', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(1023)).toBe('1023 B');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(230 * 1024 + 100)).toBe('230 KB');
    expect(formatFileSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatFileSize(3.25 * 1024 ** 3)).toBe('3.3 GB');
    expect(formatFileSize(-1)).toBe('');
  });
});

describe('image boxes', () => {
  it('fits inside the box keeping the aspect ratio, never upscaling', () => {
    expect(fitImage(1600, 1200, 400, 300)).toEqual({ width: 400, height: 300 });
    expect(fitImage(1000, 200, 400, 300)).toEqual({ width: 400, height: 80 });
    expect(fitImage(300, 3000, 400, 300)).toEqual({ width: 30, height: 300 });
    expect(fitImage(64, 48, 400, 300)).toEqual({ width: 64, height: 48 });
  });

  it('uses a square when the server did not know the size', () => {
    expect(fitImage(0, 0, 400, 300)).toEqual({ width: 300, height: 300 });
  });
});

describe('checking picked files before upload', () => {
  const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

  it('refuses files over MaxFileSize and past the per-post limit without sending them', () => {
    const picked = [file('a', 10), file('big', 101), file('b', 20), file('c', 30)];
    const result = checkFiles(picked, 8, 100, 10);
    expect(result.accepted.map((f) => f.name)).toEqual(['a', 'b']);
    expect(result.tooLarge.map((f) => f.name)).toEqual(['big']);
    expect(result.overLimit.map((f) => f.name)).toEqual(['c']);
  });

  it('has no size check when the server sets none', () => {
    expect(checkFiles([file('a', 5000)], 0, 0, 10).accepted).toHaveLength(1);
  });
});

describe('pasted files', () => {
  const clipboard = (types: string[], files: File[]) => ({ types, files }) as unknown as DataTransfer;

  it('names screenshots after the time of the paste', () => {
    expect(pastedFileName('image/png', new Date(2026, 0, 5, 9, 7, 3))).toBe('Pasted image 2026-01-05 09-07-03.png');
    expect(pastedFileName('image/jpeg', new Date(2026, 11, 31, 23, 59, 59))).toBe('Pasted image 2026-12-31 23-59-59.jpg');
    const [pasted] = pastedFiles(clipboard(['Files'], [new File(['x'], 'image.png', { type: 'image/png' })]));
    expect(pasted.name).toMatch(/^Pasted image \d{4}-\d\d-\d\d \d\d-\d\d-\d\d\.png$/);
    expect(pasted.type).toBe('image/png');
  });

  it('keeps real file names, and leaves a paste with text to the text box', () => {
    const report = new File(['x'], 'report.pdf', { type: 'application/pdf' });
    expect(pastedFiles(clipboard(['Files'], [report]))).toEqual([report]);
    expect(pastedFiles(clipboard(['text/plain', 'Files'], [report]))).toEqual([]);
    expect(pastedFiles(null)).toEqual([]);
  });
});

describe('text preview', () => {
  const stream = (chunks: Uint8Array[]) => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    return { body, cancelled: () => cancelled };
  };
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('returns a whole short file', async () => {
    const { body } = stream([bytes('hello '), bytes('wörld')]);
    expect(await decodeHead(body, 1024)).toEqual({ text: 'hello wörld', truncated: false });
  });

  it('stops at the limit, says so, and cancels the rest of the download', async () => {
    const { body, cancelled } = stream([bytes('abcdef'), bytes('ghij'), bytes('klmn')]);
    expect(await decodeHead(body, 8)).toEqual({ text: 'abcdefgh', truncated: true });
    expect(cancelled()).toBe(true);
  });

  it('knows a file of exactly the limit is whole', async () => {
    const { body } = stream([bytes('abcd'), bytes('efgh')]);
    expect(await decodeHead(body, 8)).toEqual({ text: 'abcdefgh', truncated: false });
  });

  it('keeps characters split across chunks', async () => {
    const euro = bytes('€');
    const { body } = stream([euro.subarray(0, 1), euro.subarray(1)]);
    expect((await decodeHead(body, 100)).text).toBe('€');
  });
});
