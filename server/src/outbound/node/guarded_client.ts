import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AllowedInternalHosts, isPublicAddress, parseAddress } from '../address_policy.js';
import { OutboundError, type GuardedFetchOptions, type GuardedResponse, type OutboundHttp } from '../outbound_http.js';

/** A host name's addresses, as the system resolver gives them. */
export type Resolver = (hostname: string) => Promise<string[]>;
/** Opens the request (node:http(s).request); tests pass a spy to prove refused targets are never connected to. */
export type RequestOpener = (url: URL, options: RequestOptions) => ClientRequest;

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The most establishing one connection may take (within the request's whole timeout). */
const CONNECT_TIMEOUT_MS = 10_000;

const systemResolver: Resolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
const nodeOpener: RequestOpener = (url, options) => (url.protocol === 'https:' ? https.request(url, options) : http.request(url, options));

const invalid = (message: string): OutboundError => new OutboundError('invalid_url', message);

/**
 * The outbound client on node:http(s). Each target (the first and every redirect) is resolved once and checked
 * before anything connects; the connection then goes to that vetted address (the request's `lookup` answers with
 * it), so a name that resolves differently a moment later (DNS rebinding) cannot redirect the connection.
 */
export class GuardedHttpClient implements OutboundHttp {
  constructor(private readonly resolve: Resolver = systemResolver, private readonly open: RequestOpener = nodeOpener) {}

  async fetchGuarded(url: string, options: GuardedFetchOptions): Promise<GuardedResponse> {
    const allowed = new AllowedInternalHosts(options.allowedHosts ?? '');
    const deadline = Date.now() + options.timeoutMs;
    let target = checkedUrl(url);
    let method = options.method ?? 'GET';
    let body = options.body;
    for (let hop = 0; ; hop++) {
      const address = await this.vet(target, allowed, deadline);
      const response = await this.request(target, address, { ...options, method, body }, deadline);
      if (!('location' in response)) return response;
      if (hop >= MAX_REDIRECTS) throw new OutboundError('too_many_redirects', `more than ${MAX_REDIRECTS} redirects`);
      target = checkedUrl(response.location, target);
      // As browsers do: a 303, or a 301/302 answering a POST, is followed with a GET and no body.
      if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  /** The address to connect to: the literal address, or the first permitted one the name resolves to. */
  private async vet(url: URL, allowed: AllowedInternalHosts, deadline: number): Promise<string> {
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const literal = parseAddress(hostname);
    const candidates = literal ? [hostname] : await withDeadline(this.resolve(hostname), deadline).catch((err: unknown) => {
      if (err instanceof OutboundError) throw err;
      throw new OutboundError('unresolved', `${hostname} could not be resolved`);
    });
    const nameAllowed = allowed.allowsName(hostname);
    for (const candidate of candidates) {
      const address = parseAddress(candidate);
      if (address && (nameAllowed || isPublicAddress(address) || allowed.allowsAddress(address))) return address.toString();
    }
    if (candidates.length === 0) throw new OutboundError('unresolved', `${hostname} has no address`);
    throw new OutboundError('forbidden_address', `${hostname} resolves to an address that may not be reached`);
  }

  private request(url: URL, address: string, options: GuardedFetchOptions, deadline: number): Promise<GuardedResponse | { status: number; location: string }> {
    const family = address.includes(':') ? 6 : 4;
    const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
      if (lookupOptions.all) (callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const headers: Record<string, string> = { 'Accept-Encoding': 'identity', 'User-Agent': 'Parley', ...options.headers };
    if (options.accept) headers.Accept = options.accept;
    if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (err: OutboundError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        reject(err);
      };
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        reject(new OutboundError('timeout', 'timed out'));
        return;
      }
      // agent: false, so no pooled socket (opened for another address) is reused.
      const request = this.open(url, { method: options.method, headers, lookup: pinned, agent: false });
      const timer = setTimeout(() => fail(new OutboundError('timeout', 'timed out')), remaining);
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connectTimer = setTimeout(() => fail(new OutboundError('timeout', 'connection timed out')), Math.min(CONNECT_TIMEOUT_MS, remaining));
        socket.once('connect', () => clearTimeout(connectTimer));
        socket.once('secureConnect', () => clearTimeout(connectTimer));
        socket.once('close', () => clearTimeout(connectTimer));
      });
      request.on('error', (err) => fail(new OutboundError('network', err.message)));
      request.on('response', (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (REDIRECTS.has(status) && location) {
          settled = true;
          clearTimeout(timer);
          response.destroy();
          resolve({ status, location });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const headers = flatHeaders(response);
        const finish = (truncated: boolean): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (truncated) response.destroy();
          resolve({ url: url.toString(), status, headers, body: Buffer.concat(chunks), truncated });
        };
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          const room = options.maxBytes - size;
          const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
          chunks.push(kept);
          size += kept.length;
          const stop = kept.length > 0 && options.until ? options.until(kept, { url: url.toString(), status, headers }) : false;
          if (stop || chunk.length > room) finish(true);
        });
        response.on('end', () => finish(false));
        response.on('error', (err) => fail(new OutboundError('network', err.message)));
      });
      request.end(options.body);
    });
  }
}

/** An absolute http(s) URL without credentials, resolved against the previous hop for a redirect. */
function checkedUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw invalid('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('only http and https URLs may be fetched');
  if (url.username || url.password) throw invalid('URLs with credentials may not be fetched');
  url.hash = '';
  return url;
}

function flatHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new OutboundError('timeout', 'name resolution timed out')), Math.max(0, deadline - Date.now()));
    work.then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, (err: unknown) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
