import { describe, expect, it } from 'vitest';
import { channelMentionConfirm } from '../src/features/composer/channel_mention_confirm';

describe('@channel confirmation', () => {
  const on = { EnableConfirmNotificationsToChannel: 'true' };

  it('asks in a channel of more than five members, counting everyone but the author', () => {
    expect(channelMentionConfirm(on, 'hey @channel', 6)).toEqual({ count: 5, mentions: ['channel'] });
    expect(channelMentionConfirm(on, '@here and @all', 40)).toEqual({ count: 39, mentions: ['here', 'all'] });
  });

  it('does not ask at five members or fewer, without a channel-wide mention, or when the server turns it off', () => {
    expect(channelMentionConfirm(on, 'hey @channel', 5)).toBeNull();
    expect(channelMentionConfirm(on, 'hey @ana', 50)).toBeNull();
    expect(channelMentionConfirm(on, 'see `@channel`', 50)).toBeNull();
    expect(channelMentionConfirm({ EnableConfirmNotificationsToChannel: 'false' }, 'hey @channel', 50)).toBeNull();
    expect(channelMentionConfirm(on, 'hey @channel', undefined)).toBeNull();
  });
});
