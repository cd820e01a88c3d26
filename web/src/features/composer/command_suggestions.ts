import type { AutocompleteSuggestion } from '@mattermost/types/integrations';

export interface CommandSuggestion {
  key: string;
  /** the whole command line the choice leaves in the composer */
  completion: string;
  label: string;
  hint: string;
  detail: string;
}

/**
 * The server's suggestions for a command line (`/` and what follows, as typed), in composer form: a command's name
 * at the start, its next word or argument after that. `Complete` is the whole line without the slash; an argument
 * the user types freely comes with an empty `Suggestion` and only its hint.
 */
export function commandSuggestions(pretext: string, items: readonly AutocompleteSuggestion[]): CommandSuggestion[] {
  const atCommand = !pretext.includes(' ');
  const seen = new Set<string>();
  const out: CommandSuggestion[] = [];
  for (const item of items) {
    const completion = `/${item.Complete}`.trimEnd();
    if (seen.has(`${completion}|${item.Suggestion}`)) continue;
    seen.add(`${completion}|${item.Suggestion}`);
    out.push({
      key: `k-${completion}|${item.Suggestion}`,
      completion,
      label: atCommand ? `/${item.Suggestion}` : item.Suggestion,
      hint: item.Hint ?? '',
      detail: item.Description ?? '',
    });
  }
  // Command names in alphabetical order; arguments in the order the command gives them.
  return atCommand ? out.sort((a, b) => a.label.localeCompare(b.label)) : out;
}
