/**
 * Requests the server makes to addresses users chose (link previews now; outgoing webhooks and slash commands
 * later). Behind an interface so the app never depends on how the request leaves the server: the composition root
 * (parley.ts) picks the implementation, which refuses internal addresses unless the admin allowed them.
 */

export interface GuardedFetchOptions {
  /**
   * Internal targets allowed anyway: Mattermost's ServiceSettings.AllowedUntrustedInternalConnections, hostnames,
   * IP addresses or CIDR ranges separated by spaces or commas.
   */
  allowedHosts?: string;
  /** The most the whole request may take, every redirect included. */
  timeoutMs: number;
  /** Stop reading the body past this many bytes (the response is then `truncated`). */
  maxBytes: number;
  /** The Accept header. */
  accept?: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Called with each chunk of the final response's body as it arrives, with its URL (after redirects), status and
   * headers; returning true stops reading (say, once a page's head is read, or when the content type is not wanted).
   */
  until?: (chunk: Buffer, response: { url: string; status: number; headers: Record<string, string> }) => boolean;
}

export interface GuardedResponse {
  /** Where the response came from, after redirects. */
  url: string;
  status: number;
  /** Header names in lower case; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The body read: all of it, or what arrived before `maxBytes` or `until` stopped reading. */
  body: Buffer;
  /** True when reading stopped before the end of the body. */
  truncated: boolean;
}

export type OutboundErrorReason =
  | 'invalid_url' | 'forbidden_address' | 'unresolved' | 'too_many_redirects' | 'timeout' | 'network';

/** Why a guarded request was not made or did not finish. */
export class OutboundError extends Error {
  constructor(readonly reason: OutboundErrorReason, message: string) {
    super(message);
    this.name = 'OutboundError';
  }
}

export interface OutboundHttp {
  /** GET (or POST) `url`, following up to 5 redirects, each target checked before any connection is made. */
  fetchGuarded(url: string, options: GuardedFetchOptions): Promise<GuardedResponse>;
}
