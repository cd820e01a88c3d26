import type { OpenGraphMetadata } from '@mattermost/types/posts';
import { AppError } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import type { PostRecord } from '../../model/types.js';
import type { GuardedResponse } from '../../outbound/outbound_http.js';
import type { LinkMetadataRecord } from '../../store/link_previews/link_metadata.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { ExpiringMap } from '../expiring_map.js';
import { presentPost, sharedView } from '../post_presenter.js';
import { linkHash, previewRemoved, type LinkPreviewData, type WireImage } from './embeds.js';
import { firstLink, isPermalink, isRestricted } from './first_link.js';
import { probeImage } from './image_probe.js';
import { OpenGraphReader } from './open_graph.js';

/** A fetched preview is fetched again after a day; a link with nothing to show is tried again after 10 minutes. */
const FRESH_MS = 24 * 60 * 60 * 1000;
const NONE_FRESH_MS = 10 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5_000;
/** A page's head is nearly always within the first 256 KiB; an image's size within its first 2 MiB. */
const MAX_PAGE_BYTES = 256 * 1024;
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Fetches at once per node, and how many links may wait; beyond that a link goes without a preview. */
const CONCURRENT_FETCHES = 4;
const MAX_WAITING = 500;

const disabled = (): AppError => new AppError('api.post.link_preview_disabled.app_error', 'Link previews have been disabled by the system admin.', 501);

/** What PostService tells this service after a post is saved. */
export interface PostLinkHook {
  /** `announce`: the saved post went out without its preview (a new post), so send it even when the preview was cached. */
  afterSave(post: PostRecord, announce: boolean): void;
}

/**
 * Link previews: fetches a post's first link in the background through the guarded outbound client (never while the
 * post is being created), caches what it found per URL (link_metadata, plus a small per-node map), and sends the post
 * again as `post_edited` once its preview is known. Readers get embeds from the cache in post_presenter.ts.
 */
export class LinkPreviewService implements PostLinkHook {
  private readonly recent = new ExpiringMap<string, LinkMetadataRecord>(2_000, NONE_FRESH_MS);
  private readonly inFlight = new Map<string, Promise<{ record: LinkMetadataRecord; fetched: boolean }>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private settings: string;

  constructor(private readonly deps: AppDeps) {
    this.settings = this.previewSettings();
    // Turning previews off or restricting domains forgets what was cached, so no post shows a preview it may not.
    deps.liveConfig.onChange(() => {
      const next = this.previewSettings();
      if (next === this.settings) return;
      this.settings = next;
      this.recent.deleteWhere(() => true);
      deps.store.linkMetadata.clear().catch((err: unknown) => deps.log.error({ err }, 'could not clear link previews'));
    });
  }

  private get service() {
    return this.deps.liveConfig.document.ServiceSettings;
  }

  private previewSettings(): string {
    return JSON.stringify([this.service.EnableLinkPreviews, this.service.RestrictLinkPreviews]);
  }

  /** The link of this text that may be previewed: the first, unless it is a permalink here or a restricted domain. */
  private previewable(link: string | undefined): link is string {
    if (!link || !this.service.EnableLinkPreviews) return false;
    return !isPermalink(link, this.service.SiteURL ?? '') && !isRestricted(link, this.service.RestrictLinkPreviews ?? '');
  }

  /** POST /opengraph: the page's Open Graph data for the web app (empty when there is none). */
  async openGraph(_actor: Actor, url: string): Promise<OpenGraphMetadata> {
    if (!this.service.EnableLinkPreviews) throw disabled();
    const empty: OpenGraphMetadata = { url: '', images: [] };
    if (!this.previewable(url)) return empty;
    // A full queue answers as a page without data would: nothing to show, not a server error.
    const record = await this.preview(url).then((found) => found.record, () => undefined);
    if (record?.type !== 'opengraph') return empty;
    return (JSON.parse(record.data) as LinkPreviewData).opengraph ?? empty;
  }

  afterSave(post: PostRecord, announce: boolean): void {
    if (post.type.startsWith('system_') || previewRemoved(post.props)) return;
    const link = firstLink(post.message);
    if (!this.previewable(link)) return;
    this.announceWhenKnown(post, link, announce).catch((err: unknown) => this.deps.log.error({ err, postId: post.id }, 'link preview failed'));
  }

  private async announceWhenKnown(post: PostRecord, link: string, announce: boolean): Promise<void> {
    const { record, fetched } = await this.preview(link);
    if (record.type !== 'none' && (fetched || announce)) await this.announce(post.id, link);
  }

  /**
   * Sends the post with its preview, unless it was deleted or its link changed meanwhile. Its update_at moves on
   * (not edit_at: it is no edit), as the Mattermost web app keeps a post it holds with the same update_at.
   */
  private async announce(postId: string, link: string): Promise<void> {
    const found = await this.deps.store.posts.get(postId);
    if (!found || found.delete_at > 0 || firstLink(found.message) !== link || previewRemoved(found.props)) return;
    const post = { ...found, update_at: Math.max(Date.now(), found.update_at + 1) };
    await this.deps.store.posts.touch(post.id, post.update_at);
    const view = await presentPost(this.deps.store, post);
    this.deps.bus.publish(makeEvent('post_edited', { post: JSON.stringify(sharedView(view)) }, { channel_id: post.channel_id }));
  }

  private async cached(url: string): Promise<LinkMetadataRecord | undefined> {
    const hit = this.recent.get(url);
    if (hit) return hit;
    const [stored] = await this.deps.store.linkMetadata.getMany([linkHash(url)]);
    if (stored) this.recent.set(url, stored);
    return stored;
  }

  /**
   * The URL's fresh preview: cached, or fetched now (`fetched`). One lookup per URL at a time, joined by every
   * caller that asks meanwhile (registered before the first await, so a request right after a post joins its fetch).
   */
  private preview(url: string): Promise<{ record: LinkMetadataRecord; fetched: boolean }> {
    const pending = this.inFlight.get(url);
    if (pending) return pending;
    const work = (async () => {
      const cached = await this.cached(url);
      if (cached && isFresh(cached)) return { record: cached, fetched: false };
      return { record: await this.withSlot(() => this.fetchAndStore(url)), fetched: true };
    })().finally(() => this.inFlight.delete(url));
    this.inFlight.set(url, work);
    return work;
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= CONCURRENT_FETCHES) {
      if (this.waiting.length >= MAX_WAITING) throw new Error('too many link previews waiting');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async fetchAndStore(url: string): Promise<LinkMetadataRecord> {
    const data = await this.fetchPreview(url).catch(() => undefined);
    const type = !data ? 'none' : data.opengraph ? 'opengraph' : 'image';
    const record: LinkMetadataRecord = { hash: linkHash(url), url, timestamp: Date.now(), type, data: JSON.stringify(data ?? {}) };
    await this.deps.store.linkMetadata.save(record);
    this.recent.set(url, record);
    return record;
  }

  /** The page's Open Graph data with its image's size, or the image's size for an image link. */
  private async fetchPreview(url: string): Promise<LinkPreviewData | undefined> {
    let reader: OpenGraphReader | undefined;
    let pageBytes = 0;
    const response = await this.fetch(url, 'text/html,application/xhtml+xml,image/*;q=0.9,*/*;q=0.1', (chunk, contentType, pageUrl) => {
      if (contentType.startsWith('image/')) return false;
      if (!contentType.includes('html')) return true;
      // Relative URLs on the page are relative to where it was found, after redirects.
      reader ??= new OpenGraphReader(pageUrl, charsetOf(contentType));
      pageBytes += chunk.length;
      return reader.write(chunk) || pageBytes >= MAX_PAGE_BYTES;
    });
    if (response.status < 200 || response.status > 299) return undefined;
    const contentType = (response.headers['content-type'] ?? '').toLowerCase();
    if (contentType.startsWith('image/')) {
      const image = await probeImage(response.body);
      return image ? { images: { [url]: image } } : undefined;
    }
    if (!contentType.includes('html') || !reader) return undefined;
    const opengraph = reader.result();
    if (!opengraph) return undefined;
    const images: Record<string, WireImage> = {};
    const image = opengraph.images[0];
    const imageUrl = image?.secure_url ?? image?.url;
    if (imageUrl) {
      const size = await this.imageSize(imageUrl);
      if (size) images[imageUrl] = size;
    }
    return { opengraph, images };
  }

  private async imageSize(url: string): Promise<WireImage | undefined> {
    const response = await this.fetch(url, 'image/*', (_chunk, contentType) => !contentType.startsWith('image/')).catch(() => undefined);
    if (!response || response.status !== 200 || !(response.headers['content-type'] ?? '').toLowerCase().startsWith('image/')) return undefined;
    return probeImage(response.body);
  }

  /** A guarded GET of at most MAX_IMAGE_BYTES; `until` sees each chunk with the response's content type. */
  private fetch(url: string, accept: string, until: (chunk: Buffer, contentType: string, url: string) => boolean): Promise<GuardedResponse> {
    return this.deps.outbound.fetchGuarded(url, {
      allowedHosts: this.service.AllowedUntrustedInternalConnections ?? '', timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_IMAGE_BYTES, accept,
      until: (chunk, response) => until(chunk, (response.headers['content-type'] ?? '').toLowerCase(), response.url),
    });
  }
}

/** The charset a Content-Type names, when the runtime can decode it (UTF-8 otherwise). */
function charsetOf(contentType: string): string {
  const label = /charset="?([\w-]+)/.exec(contentType)?.[1] ?? 'utf-8';
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'utf-8';
  }
}

const isFresh = (record: LinkMetadataRecord): boolean => Date.now() - record.timestamp < (record.type === 'none' ? NONE_FRESH_MS : FRESH_MS);
