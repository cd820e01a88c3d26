/** The Mattermost server version Parley's API matches; clients gate features on it. */
export const MATTERMOST_API_VERSION = '10.11.0';
export const BUILD_NUMBER = '1';
