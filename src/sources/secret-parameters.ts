/**
 * Query parameters of a feed's address that hold a secret: an RSSHub access key (`?key=`), a
 * private feed's token. Whatever Tidings publishes or prints leaves their values out
 * (site/url-secrets.ts, content/safe-url.ts); the config may take them from the environment
 * (config/environment-references.ts).
 */
export const SECRET_PARAMS = [
  'key',
  'token',
  'access_token',
  'api_key',
  'apikey',
  'secret',
  'password',
];

/** Is a parameter of this name (any case) one of them? */
export function isSecretParameter(name: string): boolean {
  return SECRET_PARAMS.includes(name.toLowerCase());
}
