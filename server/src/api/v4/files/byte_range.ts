import { AppError } from '../../../model/errors.js';

/** Inclusive byte offsets of a file. */
export interface RequestedRange {
  start: number;
  end: number;
}

const unsatisfiable = (size: number): AppError =>
  new AppError('api.file.get_file.range_not_satisfiable.app_error', `The requested range is outside the file's ${size} bytes.`, 416);

/**
 * The single byte range a `Range` header asks of a file of `size` bytes (media players seek with them). A header
 * this does not read (several ranges, other units) means the whole file, as HTTP allows; a range wholly past the
 * end is a 416.
 */
export function requestedRange(header: string | undefined, size: number): RequestedRange | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) throw unsatisfiable(size);
  if (end < start) return undefined;
  return { start, end };
}
