// The readable text of system posts. Clients mostly render them from props,
// but the message is what search, notifications and older clients show.

type Props = Record<string, unknown>;

const text = (props: Props, key: string): string => (typeof props[key] === 'string' ? (props[key] as string) : '');

function changeText(actor: string, what: string, before: string, after: string): string {
  if (before && after) return `${actor} updated the channel ${what} from: ${before} to: ${after}`;
  if (after) return `${actor} updated the channel ${what} to: ${after}`;
  return `${actor} removed the channel ${what} (was: ${before})`;
}

/** The message of a system post of `type` made by `username`. */
export function systemMessageText(type: string, username: string, props: Props): string {
  const actor = `@${username}`;
  switch (type) {
    case 'system_join_channel':
      return `${actor} joined the channel.`;
    case 'system_leave_channel':
      return `${actor} left the channel.`;
    case 'system_add_to_channel':
      return `@${text(props, 'addedUsername')} was added to the channel by ${actor}.`;
    case 'system_remove_from_channel':
      return `@${text(props, 'removedUsername')} was removed from the channel.`;
    case 'system_header_change':
      return changeText(actor, 'header', text(props, 'old_header'), text(props, 'new_header'));
    case 'system_purpose_change':
      return changeText(actor, 'purpose', text(props, 'old_purpose'), text(props, 'new_purpose'));
    case 'system_displayname_change':
      return changeText(actor, 'display name', text(props, 'old_displayname'), text(props, 'new_displayname'));
    case 'system_channel_deleted':
      return `${actor} archived the channel.`;
    case 'system_channel_restored':
      return `${actor} unarchived the channel.`;
    case 'system_change_chan_privacy':
      return `${actor} made the channel ${text(props, 'new_type') === 'P' ? 'private' : 'public'}.`;
    default:
      return '';
  }
}
