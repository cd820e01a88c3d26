import { BrowseChannels } from './BrowseChannels';
import { CreateChannel } from './CreateChannel';
import { DirectMessageDialog } from './DirectMessageDialog';
import { EditChannelField } from './EditChannelField';
import { AddMembers } from './AddMembers';
import { ArchiveChannel } from './ArchiveChannel';
import { CreateCategory, MoveToCategory } from './CategoryDialogs';
import { ChannelNotifications } from './ChannelNotifications';
import { LeavePrivateChannel } from './LeavePrivateChannel';
import { leavePrivateTarget } from '../leave';

/** The channel dialogs, opened by modal id ("channel:browse", "channel:header", …). */
export function ChannelDialogs({ modal, onClose }: { modal: string; onClose: () => void }) {
  const leaving = leavePrivateTarget(modal);
  if (leaving) return <LeavePrivateChannel channelId={leaving} onClose={onClose} />;
  switch (modal) {
    case 'channel:browse':
      return <BrowseChannels onClose={onClose} />;
    case 'channel:create':
      return <CreateChannel onClose={onClose} />;
    case 'channel:direct':
      return <DirectMessageDialog onClose={onClose} />;
    case 'channel:header':
      return <EditChannelField field="header" onClose={onClose} />;
    case 'channel:purpose':
      return <EditChannelField field="purpose" onClose={onClose} />;
    case 'channel:rename':
      return <EditChannelField field="display_name" onClose={onClose} />;
    case 'channel:add-members':
      return <AddMembers onClose={onClose} />;
    case 'channel:archive':
      return <ArchiveChannel onClose={onClose} />;
    case 'channel:new-category':
      return <CreateCategory onClose={onClose} withChannel={false} />;
    case 'channel:new-category-with-channel':
      return <CreateCategory onClose={onClose} withChannel />;
    case 'channel:move':
      return <MoveToCategory onClose={onClose} />;
    case 'channel:notifications':
      return <ChannelNotifications onClose={onClose} />;
    default:
      return null;
  }
}
