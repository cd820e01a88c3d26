import sharp from 'sharp';

// Test images made on the spot: solid colours in each accepted format, an animated GIF, and things that are not images.

export function solid(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' = 'png', r = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r, g: 80, b: 40, alpha: 1 } } }).toFormat(format).toBuffer();
}

/** A three-frame animated GIF. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frames = await Promise.all([255, 0, 128].map((r) => solid(width, height, 'png', r)));
  return sharp(frames, { join: { animated: true } }).gif().toBuffer();
}

export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>');

/** The file a browser would hand Client4 (its upload calls take a File). */
export const blob = (bytes: Buffer, type = 'image/png'): File => new File([new Uint8Array(bytes)], 'upload', { type });

/** A multipart body with one file under `field`, for raw requests. */
export function form(bytes: Buffer, field = 'image', extra: Record<string, string> = {}): FormData {
  const body = new FormData();
  body.append(field, blob(bytes), 'upload.bin');
  for (const [name, value] of Object.entries(extra)) body.append(name, value);
  return body;
}

export async function imageMeta(bytes: Buffer): Promise<{ format?: string; width?: number; height?: number; pages?: number }> {
  const m = await sharp(bytes).metadata();
  return { format: m.format, width: m.width, height: m.height, pages: m.pages };
}

/** A raw request whose answer is read as bytes (images) or JSON (errors). */
export async function fetchRaw(server: { url: string }, method: string, pathname: string, token: string, options: { body?: FormData; headers?: Record<string, string> } = {}): Promise<{ status: number; bytes: Buffer; json: any; headers: Headers }> {
  const response = await fetch(`${server.url}/api/v4${pathname}`, { method, body: options.body, headers: { Authorization: `Bearer ${token}`, ...options.headers } });
  const bytes = Buffer.from(await response.arrayBuffer());
  let json: unknown;
  if (response.headers.get('content-type') === 'application/json') json = JSON.parse(bytes.toString());
  return { status: response.status, bytes, json, headers: response.headers };
}
