import { tell, type BuiltinCommand, type BuiltinRun } from './builtin_command.js';

/** `/help`: where the help pages are (SupportSettings.HelpLink). */
export const helpCommand: BuiltinCommand = {
  trigger: 'help', displayName: 'help', description: 'Open the help pages', hint: '',
  async run(run) {
    const link = run.app.deps.liveConfig.document.SupportSettings.HelpLink || 'https://mattermost.com/pl/help/';
    return tell(`Help is in [the help pages](${link}).`);
  },
};

/** `/logout`: ends the caller's session and sends the client to the login page. */
export const logoutCommand: BuiltinCommand = {
  trigger: 'logout', displayName: 'logout', description: 'Log out', hint: '',
  async run(run) {
    // A command run without a session of its own (an integration acting as the user) has nothing to end.
    if (run.actor.session.id !== '') await run.app.sessions.revoke(run.actor.session);
    return { goto_location: '/login' };
  },
};

/** `/settings`: the client opens its settings; the server has nothing to do (as in Mattermost). */
export const settingsCommand: BuiltinCommand = {
  trigger: 'settings', displayName: 'settings', description: 'Open the Settings dialog', hint: '',
  async run() {
    return {};
  },
};

/** `/search terms`: searching happens in the client (Mattermost's web app runs it there); other clients are told so. */
export const searchCommand: BuiltinCommand = {
  trigger: 'search', displayName: 'search', description: 'Search text in messages', hint: '[text]',
  async run() {
    return tell('Search from the search box at the top of the window.');
  },
};

/** Sets whether image and link previews start collapsed (display_settings / collapse_previews). */
async function setCollapsed(run: BuiltinRun, collapsed: boolean): Promise<void> {
  await run.app.preferences.save(run.actor, run.user.id, [{ user_id: run.user.id, category: 'display_settings', name: 'collapse_previews', value: String(collapsed) }]);
}

export const expandCommand: BuiltinCommand = {
  trigger: 'expand', displayName: 'expand', description: 'Expand image previews', hint: '',
  async run(run) {
    await setCollapsed(run, false);
    return tell('Image and link previews now start expanded.');
  },
};

export const collapseCommand: BuiltinCommand = {
  trigger: 'collapse', displayName: 'collapse', description: 'Collapse image previews', hint: '',
  async run(run) {
    await setCollapsed(run, true);
    return tell('Image and link previews now start collapsed.');
  },
};
