import { handle, refusal, splitFirst, tell, type BuiltinCommand, type BuiltinRun } from './builtin_command.js';

/** Posts the optional message in the conversation as the caller. */
async function postIfAny(run: BuiltinRun, channelId: string, message: string): Promise<void> {
  if (message !== '') await run.app.posts.create(run.actor, { channel_id: channelId, message });
}

/** `/msg @user [message]`: opens the direct message with the user, posts the message there, and goes there. */
export const msgCommand: BuiltinCommand = {
  trigger: 'msg', displayName: 'msg', description: 'Send a direct message to a user', hint: '@[username] [message]',
  async run(run) {
    const [userWord, message] = splitFirst(run.message);
    const username = handle(userWord, '@');
    const target = username === '' ? undefined : await run.app.deps.store.users.getByUsername(username);
    if (!target || target.delete_at > 0 || target.id === run.user.id) return tell(`There is no user @${username} to message.`);
    try {
      const channel = await run.app.directChannels.getDirect(run.actor, [run.user.id, target.id]);
      await postIfAny(run, channel.id, message);
    } catch (err) {
      return refusal(err, 'You do not have the permission to send direct messages.');
    }
    return { goto_location: `${run.siteUrl}/${run.team.name}/messages/@${target.username}` };
  },
};

/** `/groupmsg @a,@b [message]`: opens the group message with those users, posts the message there, and goes there. */
export const groupMsgCommand: BuiltinCommand = {
  trigger: 'groupmsg', displayName: 'groupmsg', description: 'Send a group message to the users named', hint: '@[username1],@[username2] [message]',
  async run(run) {
    const [usersWord, message] = splitFirst(run.message.replace(/\s*,\s*/g, ','));
    const usernames = [...new Set(usersWord.split(',').map((word) => handle(word.trim(), '@')).filter(Boolean))];
    if (usernames.length === 0) return tell('Name the users to message: /groupmsg @user1,@user2 [message].');
    if (usernames.length > 8) return tell('A group message can have at most 8 members, you included.');
    const users = await run.app.deps.store.users.getByUsernames(usernames);
    const found = new Set(users.filter((u) => u.delete_at === 0).map((u) => u.username));
    const missing = usernames.filter((name) => !found.has(name));
    if (missing.length > 0) return tell(`There is no user ${missing.map((n) => `@${n}`).join(', ')}.`);
    const others = users.filter((u) => u.id !== run.user.id);
    if (others.length < 2) return tell('A group message needs at least two other users; use /msg to message one.');
    if (others.length > 7) return tell('A group message can have at most 8 members, you included.');
    try {
      const channel = await run.app.directChannels.getGroup(run.actor, others.map((u) => u.id));
      await postIfAny(run, channel.id, message);
      return { goto_location: `${run.siteUrl}/${run.team.name}/messages/${channel.name}` };
    } catch (err) {
      return refusal(err, 'You do not have the permission to start group messages.');
    }
  },
};
