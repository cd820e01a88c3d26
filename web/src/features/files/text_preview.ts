/** How much of a text file the viewer shows: enough for any source file, little enough to render at once. */
export const TEXT_PREVIEW_BYTES = 1024 * 1024;

export interface TextHead {
  text: string;
  /** the file goes on past what was read */
  truncated: boolean;
}

/**
 * Decodes the first `limit` bytes of a byte stream as UTF-8, then stops reading (cancelling the rest of the
 * download). A character cut at the limit becomes U+FFFD.
 */
export async function decodeHead(body: ReadableStream<Uint8Array>, limit: number): Promise<TextHead> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let read = 0;
  try {
    while (read < limit) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), truncated: false };
      const part = value.subarray(0, limit - read);
      read += part.length;
      text += decoder.decode(part, { stream: true });
      if (part.length < value.length) return { text: text + decoder.decode(), truncated: true };
    }
    const { done } = await reader.read();
    return { text: text + decoder.decode(), truncated: !done };
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** Reads the beginning of a text file from the server (session cookie), for the viewer. */
export async function readTextHead(url: string, limit: number, signal: AbortSignal): Promise<TextHead> {
  const response = await fetch(url, { signal, credentials: 'same-origin' });
  if (!response.ok || !response.body) throw new Error(`${response.status}`);
  return decodeHead(response.body, limit);
}
