import type { UserProfile } from '@mattermost/types/users';
import '../../styles/everyday.css';

type Person = Pick<UserProfile, 'username' | 'first_name' | 'last_name' | 'nickname' | 'position'>;

/** "First Last (nickname)", or whichever of those the profile has (the server leaves out what it may not show). */
export function personDetail(user: Person): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return [full, user.nickname && `(${user.nickname})`].filter(Boolean).join(' ');
}

/**
 * A person in a list or picker, as Mattermost shows them: `@username - First Last (nickname)` and the position in
 * lighter text. Every people picker and the @-autocomplete use it, so they all read the same.
 */
export function PersonLabel({ user }: { user: Person }) {
  const detail = personDetail(user);
  return (
    <span className="person-label">
      <span className="person-username">@{user.username}</span>
      {detail && <span className="person-names"> - {detail}</span>}
      {user.position && <span className="person-position"> {user.position}</span>}
    </span>
  );
}
