/** The package version, sent in the default User-Agent. Keep in sync with package.json. */
export const VERSION: string = '0.1.0';
