import { escapeHtml } from '../../model/html.js';

/** One post in a notification email. */
export interface EmailItem {
  postId: string;
  createAt: number;
  senderName: string;
  channelName: string;
  channelType: 'O' | 'P' | 'D' | 'G';
  /** Where the post is opened (its permalink), or '' without a site URL. */
  link: string;
  message: string;
}

export interface EmailDigest {
  siteName: string;
  locale: string;
  /** IANA zone for times, '' for UTC. */
  timeZone: string;
  /** EmailNotificationContentsType 'generic': no message text and no channel names. */
  full: boolean;
  /** Where the recipient changes their notification settings, or '' without a site URL. */
  settingsLink: string;
  items: readonly EmailItem[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Strings {
  directSubject(sender: string, date: string): string;
  groupSubject(sender: string, date: string): string;
  channelSubject(channel: string, date: string): string;
  genericSubject(sender: string): string;
  batchSubject(count: number): string;
  inChannel(sender: string, channel: string): string;
  direct(sender: string): string;
  generic(sender: string): string;
  open: string;
  footer: string;
  settings: string;
}

const STRINGS: Record<'en' | 'de', Strings> = {
  en: {
    directSubject: (s, d) => `New direct message from ${s} on ${d}`,
    groupSubject: (s, d) => `New group message from ${s} on ${d}`,
    channelSubject: (c, d) => `New message in ${c} on ${d}`,
    genericSubject: (s) => `New notification from ${s}`,
    batchSubject: (n) => `${n} new notifications`,
    inChannel: (s, c) => `${s} in ${c}`,
    direct: (s) => `${s} sent you a message`,
    generic: (s) => `${s} sent you a new message.`,
    open: 'Open the message',
    footer: 'You receive this email because of your notification settings.',
    settings: 'Change them',
  },
  de: {
    directSubject: (s, d) => `Neue Direktnachricht von ${s} am ${d}`,
    groupSubject: (s, d) => `Neue Gruppennachricht von ${s} am ${d}`,
    channelSubject: (c, d) => `Neue Nachricht in ${c} am ${d}`,
    genericSubject: (s) => `Neue Benachrichtigung von ${s}`,
    batchSubject: (n) => `${n} neue Benachrichtigungen`,
    inChannel: (s, c) => `${s} in ${c}`,
    direct: (s) => `${s} hat Ihnen eine Nachricht gesendet`,
    generic: (s) => `${s} hat Ihnen eine neue Nachricht gesendet.`,
    open: 'Nachricht öffnen',
    footer: 'Sie erhalten diese E-Mail aufgrund Ihrer Benachrichtigungseinstellungen.',
    settings: 'Einstellungen ändern',
  },
};

function stringsFor(locale: string): Strings {
  return locale.toLowerCase().startsWith('de') ? STRINGS.de : STRINGS.en;
}

function formatter(digest: EmailDigest, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = digest.locale.toLowerCase().startsWith('de') ? 'de-DE' : 'en-US';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: digest.timeZone || 'UTC' });
  } catch {
    // A zone the runtime does not know.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  }
}

function subjectOf(digest: EmailDigest, s: Strings): string {
  const first = digest.items[0];
  const date = formatter(digest, { dateStyle: 'medium' }).format(first.createAt);
  let subject: string;
  if (digest.items.length > 1) subject = s.batchSubject(digest.items.length);
  else if (!digest.full) subject = s.genericSubject(first.senderName);
  else if (first.channelType === 'D') subject = s.directSubject(first.senderName, date);
  else if (first.channelType === 'G') subject = s.groupSubject(first.senderName, date);
  else subject = s.channelSubject(first.channelName, date);
  return `[${digest.siteName}] ${subject}`;
}

function headingOf(item: EmailItem, full: boolean, s: Strings): string {
  if (!full) return s.generic(item.senderName);
  return item.channelType === 'D' ? s.direct(item.senderName) : s.inChannel(item.senderName, item.channelName);
}

/** The notification email for one post or a batch of them, as text and HTML, in the recipient's language and zone. */
export function renderNotificationEmail(digest: EmailDigest): RenderedEmail {
  if (digest.items.length === 0) throw new Error('a notification email needs at least one post');
  const s = stringsFor(digest.locale);
  const time = formatter(digest, { dateStyle: 'medium', timeStyle: 'short' });
  const textParts: string[] = [];
  const htmlParts: string[] = [];
  for (const item of digest.items) {
    const heading = `${headingOf(item, digest.full, s)} · ${time.format(item.createAt)}`;
    textParts.push([heading, ...(digest.full ? [item.message] : []), ...(item.link ? [`${s.open}: ${item.link}`] : [])].join('\n'));
    htmlParts.push(`<div style="margin:0 0 20px"><div style="color:#555;font-size:13px">${escapeHtml(heading)}</div>`
      + (digest.full ? `<div style="white-space:pre-wrap;margin:6px 0">${escapeHtml(item.message)}</div>` : '')
      + (item.link ? `<a href="${escapeHtml(item.link)}">${escapeHtml(s.open)}</a>` : '') + '</div>');
  }
  const footerText = digest.settingsLink ? `${s.footer} ${s.settings}: ${digest.settingsLink}` : s.footer;
  const footerHtml = `<p style="color:#777;font-size:12px">${escapeHtml(s.footer)}`
    + (digest.settingsLink ? ` <a href="${escapeHtml(digest.settingsLink)}">${escapeHtml(s.settings)}</a>` : '') + '</p>';
  return {
    subject: subjectOf(digest, s),
    text: `${textParts.join('\n\n')}\n\n--\n${footerText}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;font-size:15px">${htmlParts.join('')}<hr>${footerHtml}</body></html>`,
  };
}
