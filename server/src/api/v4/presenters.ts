// Rows to wire JSON live with their services (events carry the same shapes); the edge re-exports them.
export { presentChannelMember } from '../../app/channel_rules.js';
export { presentTeamMember } from '../../app/teams.js';
