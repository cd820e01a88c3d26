import type { Scheme, SchemeScope } from '@mattermost/types/schemes';
import type { ChannelRecord } from '../../model/types.js';
import type { Team } from '../../model/types.js';

export type { Scheme, SchemeScope };

/** The scheme a team or channel follows. */
export interface SchemeAssignment {
  id: string;
  scheme_id: string;
}

export interface SchemeStore {
  create(scheme: Scheme): Promise<void>;
  get(id: string): Promise<Scheme | undefined>;
  getByName(name: string): Promise<Scheme | undefined>;
  /** Live schemes, oldest first; `scope` keeps one scope. */
  list(options: { scope?: SchemeScope; offset: number; limit: number }): Promise<Scheme[]>;
  /** Writes name, display name, description and update_at. */
  update(scheme: Scheme): Promise<void>;
  /** Deletes the scheme (its name is free again) and returns its teams and channels to the system scheme. */
  delete(id: string): Promise<void>;
  teamsOf(schemeId: string, page: { offset: number; limit: number }): Promise<Team[]>;
  channelsOf(schemeId: string, page: { offset: number; limit: number }): Promise<ChannelRecord[]>;
  setTeamScheme(teamId: string, schemeId: string): Promise<void>;
  setChannelScheme(channelId: string, schemeId: string): Promise<void>;
  /** Every team and channel that follows a scheme of its own (few: the permission cache holds them all). */
  teamAssignments(): Promise<SchemeAssignment[]>;
  channelAssignments(): Promise<SchemeAssignment[]>;
}
