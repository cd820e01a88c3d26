import { channelLocation, handle, refusal, splitFirst, tell, type BuiltinCommand, type BuiltinRun } from './builtin_command.js';

const isDirectOrGroup = (type: string): boolean => type === 'D' || type === 'G';

/** `/join ~channel`: joins a channel of the team (public, or private when already allowed to read it) and goes there. */
export const joinCommand: BuiltinCommand = {
  trigger: 'join', displayName: 'join', description: 'Join the open channel', hint: '~[channel]',
  async run(run) {
    const name = handle(splitFirst(run.message)[0], '~');
    if (name === '') return tell('Name the channel to join: /join ~channel.');
    const channel = await run.app.deps.store.channels.getByName(run.team.id, name);
    // A private channel the caller cannot read is answered as a missing one: its name is not theirs to learn.
    const hidden = channel?.type === 'P' && !(await run.app.permissions.canReadChannel(run.actor, channel));
    if (!channel || channel.delete_at > 0 || hidden) return tell(`There is no channel ~${name} in this team.`);
    try {
      await run.app.channelMembers.addMember(run.actor, channel.id, run.user.id);
    } catch (err) {
      return refusal(err, `You cannot join ~${name}.`);
    }
    return { goto_location: channelLocation(run, channel.name) };
  },
};

/** `/leave`: leaves the current channel (not Town Square) and goes to Town Square. */
export const leaveCommand: BuiltinCommand = {
  trigger: 'leave', displayName: 'leave', description: 'Leave the current channel', hint: '',
  async run(run) {
    try {
      await run.app.channelMembers.removeMember(run.actor, run.channel.id, run.user.id);
    } catch (err) {
      return refusal(err, 'You cannot leave this channel.');
    }
    const stillInTeam = await run.app.deps.store.teams.getMember(run.team.id, run.user.id);
    if (!stillInTeam || stillInTeam.delete_at > 0) return { goto_location: `${run.siteUrl}/` };
    return { goto_location: channelLocation(run, 'town-square') };
  },
};

/** `/invite @user [~channel]`: adds a team member to this channel or the one named. */
export const inviteCommand: BuiltinCommand = {
  trigger: 'invite', displayName: 'invite', description: 'Invite a user to a channel', hint: '@[username] ~[channel]',
  async run(run) {
    const [userWord, rest] = splitFirst(run.message);
    const username = handle(userWord, '@');
    if (username === '') return tell('Name the user to invite: /invite @username [~channel].');
    const target = await run.app.deps.store.users.getByUsername(username);
    if (!target || target.delete_at > 0) return tell(`There is no user @${username}.`);
    const channelWord = splitFirst(rest)[0];
    const channel = channelWord === '' ? run.channel : await run.app.deps.store.channels.getByName(run.team.id, handle(channelWord, '~'));
    if (!channel || channel.delete_at > 0) return tell(`There is no channel ${channelWord} in this team.`);
    if (isDirectOrGroup(channel.type)) return tell('People cannot be added to a direct or group message.');
    if (await run.app.deps.store.channels.getMember(channel.id, target.id)) return tell(`@${username} is already in ~${channel.name}.`);
    try {
      await run.app.channelMembers.addMember(run.actor, channel.id, target.id);
    } catch (err) {
      return refusal(err, `You do not have the permission to add @${username} to ~${channel.name}.`);
    }
    return tell(`@${username} added to ~${channel.name}.`);
  },
};

/** `/kick @user` and `/remove @user`: removes a member from the current channel. */
function removeCommand(trigger: string): BuiltinCommand {
  return {
    trigger, displayName: trigger, description: 'Remove a member from the channel', hint: '@[username]',
    async run(run: BuiltinRun) {
      if (isDirectOrGroup(run.channel.type)) return tell('People cannot be removed from a direct or group message.');
      const permission = run.channel.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members';
      if (!(await run.app.permissions.hasChannel(run.actor, run.channel, permission))) return tell('You do not have the permission to remove members from this channel.');
      const username = handle(splitFirst(run.message)[0], '@');
      if (username === '') return tell(`Name the member to remove: /${trigger} @username.`);
      const target = await run.app.deps.store.users.getByUsername(username);
      if (!target || target.delete_at > 0) return tell(`There is no user @${username}.`);
      if (!(await run.app.deps.store.channels.getMember(run.channel.id, target.id))) return tell(`@${username} is not a member of this channel.`);
      try {
        await run.app.channelMembers.removeMember(run.actor, run.channel.id, target.id);
      } catch (err) {
        return refusal(err, 'You do not have the permission to remove members from this channel.');
      }
      return {};
    },
  };
}

export const kickCommand = removeCommand('kick');
export const removeMemberCommand = removeCommand('remove');
