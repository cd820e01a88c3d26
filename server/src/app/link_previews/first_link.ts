// The link a post previews: the first http(s) or www. link of its message, as Mattermost takes it, outside code
// (fenced blocks, indented blocks and inline code spans are not links).

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"`]+/gi;
const TRAILING = /[.,:;!?'*_~]+$/;

/** The message without its code: fenced and indented blocks dropped, inline code spans blanked. */
function withoutCode(message: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of message.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (/^(?: {4}|\t)/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').replace(/(`+)[\s\S]*?\1/g, ' ');
}

/** Drops what ends a sentence rather than the URL: trailing punctuation and closing parentheses without an opening one. */
function trimLink(candidate: string): string {
  let link = candidate.replace(TRAILING, '');
  while (link.endsWith(')') && (link.match(/\(/g)?.length ?? 0) < (link.match(/\)/g)?.length ?? 0)) {
    link = link.slice(0, -1).replace(TRAILING, '');
  }
  return link;
}

/** The first link of the message (www. links as http://), or undefined. */
export function firstLink(message: string): string | undefined {
  if (!message.includes('http') && !message.toLowerCase().includes('www.')) return undefined;
  for (const match of withoutCode(message).matchAll(LINK)) {
    const link = trimLink(match[0]);
    const absolute = /^www\./i.test(link) ? `http://${link}` : link;
    try {
      const url = new URL(absolute);
      if (url.hostname) return absolute;
    } catch {
      // Not a URL after all (say, "http://" alone); the next one may be.
    }
  }
  return undefined;
}

/** True for a link to a post of this server (its permalinks preview as posts, not as pages). */
export function isPermalink(link: string, siteUrl: string): boolean {
  if (!siteUrl) return false;
  let url: URL;
  let site: URL;
  try {
    url = new URL(link);
    site = new URL(siteUrl);
  } catch {
    return false;
  }
  const base = site.pathname.replace(/\/$/, '');
  return url.host === site.host && url.pathname.startsWith(`${base}/`) && /^\/[^/]+\/pl\/[a-z0-9]{26}\/?$/.test(url.pathname.slice(base.length));
}

/** True when the link's host is one of RestrictLinkPreviews' comma-separated domains or below one of them. */
export function isRestricted(link: string, restrictLinkPreviews: string): boolean {
  const domains = restrictLinkPreviews.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
  if (domains.length === 0) return false;
  let host: string;
  try {
    host = new URL(link).hostname.toLowerCase();
  } catch {
    return true;
  }
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
