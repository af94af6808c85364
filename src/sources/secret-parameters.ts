/**
 * Query parameters of a feed's address that hold a secret: an RSSHub access key (`?key=`), a
 * private feed's token. Whatever Tidings publishes or prints leaves their values out
 * (site/url-secrets.ts, addressWithoutSecrets below); the config may take them from the
 * environment (config/environment-references.ts).
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

/**
 * A feed's address as a base for the links in it, which the site publishes: without its user
 * name and password, nor its key or token parameters (a link to the feed itself, `href=""`
 * or `#top`, keeps the base's query). Used where a download hands the parser its base and
 * where the content stage takes one (content/safe-url.ts).
 */
export function addressWithoutSecrets(url: URL): URL {
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  const secrets = [...bare.searchParams.keys()].filter(isSecretParameter);
  for (const name of secrets) bare.searchParams.delete(name);
  return bare;
}
