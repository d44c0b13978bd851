/** Where the OIDC provider sends the browser back (register it as the client's redirect URI). */
export const OIDC_CALLBACK_PATH = '/inloggen/terug';
