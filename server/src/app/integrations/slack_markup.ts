/**
 * Slack's message markup, as the integrations written for Slack send it, turned into the Markdown Parley renders
 * (what Mattermost does for webhooks, commands and attachments unless `skip_slack_parsing` is set):
 * `<url|label>` becomes a Markdown link, `<url>` the bare URL, `<!channel>`, `<!here>` and `<!all>` the
 * channel-wide mentions, and `<@username>` an @-mention.
 */
export function slackToMarkdown(text: string): string {
  return text.replace(/<([^<>\s|]+)(?:\|([^<>]*))?>/g, (whole, target: string, label: string | undefined) => {
    if (target.startsWith('!')) {
      const name = target.slice(1).split('^')[0];
      return name === 'channel' || name === 'here' || name === 'all' ? `@${name}` : whole;
    }
    if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
    if (!/^(https?|mailto|ftp):/i.test(target)) return whole;
    return label ? `[${label}](${target})` : target;
  });
}
