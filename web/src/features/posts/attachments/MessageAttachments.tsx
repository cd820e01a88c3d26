import type { MessageAttachment } from '@mattermost/types/message_attachments';
import type { Post } from '@mattermost/types/posts';
import { renderMarkdown } from '../../markdown/markdown';
import { onMessageClick } from '../messageLinks';
import { useFormatFull } from '../time';
import { externalImageSrc } from '../../previews/image_proxy';
import { safeHttpUrl } from '../../previews/embed';
import { attachmentColor } from './attachment_colors';
import { attachmentsOf, attachmentTime, fieldRows, fieldText } from './attachment_content';
import { AttachmentActions } from './AttachmentActions';
import '../../../styles/interactive.css';

function Markdown({ text, className }: { text: string; className: string }) {
  return <div className={`${className} markdown`} onClick={onMessageClick} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}

/** A link when the URL is http(s), plain text otherwise (integrations send any text). */
function MaybeLink({ href, className, children }: { href: string | undefined; className: string; children: string }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <span className={className}>{children}</span>;
  return <a className={className} href={safe} target="_blank" rel="noopener noreferrer">{children}</a>;
}

/** A picture from the integration's site, through the image proxy when the server has one. */
function ExternalImage({ url, className, size }: { url: string | undefined; className: string; size?: number }) {
  const safe = safeHttpUrl(url);
  if (!safe) return null;
  return <img className={className} src={externalImageSrc(safe)} alt="" width={size} height={size} loading="lazy" referrerPolicy="no-referrer" />;
}

function Fields({ attachment }: { attachment: MessageAttachment }) {
  const rows = fieldRows(attachment.fields ?? []);
  if (rows.length === 0) return null;
  return (
    <div className="attachment-fields">
      {rows.map((row, i) => (
        <div key={i} className="attachment-field-row">
          {row.map((field, j) => (
            <div key={j} className={field.short ? 'attachment-field short' : 'attachment-field'}>
              {field.title && <div className="attachment-field-title">{field.title}</div>}
              <Markdown className="attachment-field-value" text={fieldText(field.value)} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

function Footer({ attachment }: { attachment: MessageAttachment }) {
  const formatFull = useFormatFull();
  const time = attachmentTime((attachment as { ts?: unknown }).ts);
  if (!attachment.footer && time === undefined) return null;
  return (
    <div className="attachment-footer">
      <ExternalImage url={attachment.footer_icon} className="attachment-footer-icon" size={16} />
      {attachment.footer && <span>{attachment.footer}</span>}
      {attachment.footer && time !== undefined && <span aria-hidden="true"> · </span>}
      {time !== undefined && <time dateTime={new Date(time).toISOString()}>{formatFull(time)}</time>}
    </div>
  );
}

/** One Slack-style attachment, laid out as Mattermost's web app does. */
function Attachment({ post, attachment }: { post: Post; attachment: MessageAttachment }) {
  const color = attachmentColor(attachment.color);
  return (
    <div className="attachment" data-testid="attachment">
      {attachment.pretext && <Markdown className="attachment-pretext" text={attachment.pretext} />}
      <div className="attachment-body" style={color ? { borderLeftColor: color } : undefined} data-color={color ?? ''}>
        <div className="attachment-main">
          <div className="attachment-content">
            {attachment.author_name && (
              <div className="attachment-author">
                <ExternalImage url={attachment.author_icon} className="attachment-author-icon" size={16} />
                <MaybeLink href={attachment.author_link} className="attachment-author-name">{attachment.author_name}</MaybeLink>
              </div>
            )}
            {attachment.title && (
              <h4 className="attachment-title">
                <MaybeLink href={attachment.title_link} className="attachment-title-text">{attachment.title}</MaybeLink>
              </h4>
            )}
            {attachment.text && <Markdown className="attachment-text" text={attachment.text} />}
            <Fields attachment={attachment} />
          </div>
          <ExternalImage url={attachment.thumb_url} className="attachment-thumb" />
        </div>
        {safeHttpUrl(attachment.image_url) && <ExternalImage url={attachment.image_url} className="attachment-image" />}
        <Footer attachment={attachment} />
        <AttachmentActions post={post} actions={attachment.actions ?? []} />
      </div>
    </div>
  );
}

/** The attachments an integration put on a post (props.attachments); nothing for other posts. */
export function MessageAttachments({ post }: { post: Post }) {
  const attachments = attachmentsOf(post);
  if (attachments.length === 0) return null;
  return (
    <div className="attachments">
      {attachments.map((attachment, i) => <Attachment key={i} post={post} attachment={attachment} />)}
    </div>
  );
}
