import type { OpenGraphMetadata, OpenGraphMetadataImage } from '@mattermost/types/posts';
import { Parser } from 'htmlparser2';

// Open Graph tags from the head of an HTML page, read as it arrives; reading stops at the end of the head.

/** Mattermost cuts titles and descriptions to 300 characters and keeps one image. */
const MAX_TEXT = 300;

const cut = (text: string): string => {
  const clean = text.replace(/\s+/g, ' ').trim();
  const points = [...clean];
  return points.length > MAX_TEXT ? `${points.slice(0, MAX_TEXT - 3).join('')}...` : clean;
};

const dimension = (text: string): number | undefined => {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? n : undefined;
};

export class OpenGraphReader {
  private readonly og = new Map<string, string>();
  private readonly fallback = new Map<string, string>();
  private image: OpenGraphMetadataImage | undefined;
  private title = '';
  private inTitle = false;
  private headDone = false;
  private readonly parser: Parser;
  private readonly decoder: TextDecoder;

  /** `pageUrl` resolves relative image and page URLs; `charset` is the page's encoding (a label TextDecoder knows). */
  constructor(private readonly pageUrl: string, charset = 'utf-8') {
    this.decoder = new TextDecoder(charset);
    this.parser = new Parser({
      onopentag: (name, attributes) => this.openTag(name, attributes),
      ontext: (text) => {
        if (this.inTitle && this.title.length < 4 * MAX_TEXT) this.title += text;
      },
      onclosetag: (name) => {
        if (name === 'title') this.inTitle = false;
        if (name === 'head') this.headDone = true;
      },
    }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  }

  /** Reads a chunk of the page; true once the head is read (the rest is not needed). */
  write(chunk: Buffer): boolean {
    if (!this.headDone) this.parser.write(this.decoder.decode(chunk, { stream: true }));
    return this.headDone;
  }

  private openTag(name: string, attributes: Record<string, string>): void {
    if (name === 'body') this.headDone = true;
    if (this.headDone) return;
    if (name === 'title') this.inTitle = true;
    if (name !== 'meta') return;
    const key = (attributes.property ?? attributes.name ?? '').toLowerCase().trim();
    const content = attributes.content;
    if (!key || content === undefined) return;
    if (key === 'og:image' || key === 'og:image:url') {
      // Only the first image is kept; its properties follow it.
      if (!this.image) this.image = { url: content };
      return;
    }
    if (key.startsWith('og:image:')) {
      if (!this.image) return;
      const property = key.slice('og:image:'.length);
      if (property === 'secure_url') this.image.secure_url = content;
      else if (property === 'type') this.image.type = content;
      else if (property === 'width') this.image.width = dimension(content);
      else if (property === 'height') this.image.height = dimension(content);
      return;
    }
    if (key.startsWith('og:')) {
      if (!this.og.has(key)) this.og.set(key, content);
    } else if (key.startsWith('twitter:') || key === 'description') {
      if (!this.fallback.has(key)) this.fallback.set(key, content);
    }
  }

  /** What the page said, undefined when it said nothing worth a preview (no title). */
  result(): OpenGraphMetadata | undefined {
    this.parser.end();
    const title = cut(this.og.get('og:title') ?? this.fallback.get('twitter:title') ?? this.title);
    if (!title) return undefined;
    const metadata: OpenGraphMetadata = { type: this.og.get('og:type') ?? 'website', title, url: this.absolute(this.og.get('og:url')) ?? this.pageUrl, images: [] };
    const description = this.og.get('og:description') ?? this.fallback.get('twitter:description') ?? this.fallback.get('description');
    if (description) metadata.description = cut(description);
    const siteName = this.og.get('og:site_name');
    if (siteName) metadata.site_name = cut(siteName);
    const image = this.image ?? (this.fallback.has('twitter:image') ? { url: this.fallback.get('twitter:image') ?? '' } : undefined)
      ?? (this.fallback.has('twitter:image:src') ? { url: this.fallback.get('twitter:image:src') ?? '' } : undefined);
    const imageUrl = image && this.absolute(image.url);
    if (image && imageUrl) {
      const secure = this.absolute(image.secure_url);
      metadata.images.push({
        url: imageUrl, ...(secure ? { secure_url: secure } : {}), ...(image.type ? { type: image.type } : {}),
        ...(image.width ? { width: image.width } : {}), ...(image.height ? { height: image.height } : {}),
      });
    }
    return metadata;
  }

  /** An absolute http(s) URL, or undefined (other schemes, such as javascript:, are dropped). */
  private absolute(link: string | undefined): string | undefined {
    if (!link) return undefined;
    try {
      const url = new URL(link.trim(), this.pageUrl);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
    } catch {
      return undefined;
    }
  }
}
