/**
 * The `tidings.yaml` that `tidings init` writes: every common setting with its default and a
 * comment, and a few example feeds to replace. It must load as it is (tested).
 */
export const STARTER_CONFIG = `# Tidings configuration. Every key is optional except sources; the values below are the
# defaults unless marked "example". Relative paths are relative to this file.
# Reference: the README's "Configuration" section. Check it with: tidings feeds

site:
  title: My news                  # example: site name, in the header and the Atom feed
  description: ''                 # optional tagline
  url: http://localhost:4000      # the public address of the site, e.g. https://you.github.io/news
  language: en                    # <html lang> and the language of dates (zh-CN, en, …)
  timezone: UTC                   # times are shown in this zone; zone-less dates are read in it
  perPage: 100                    # items per page
  maxAgeDays: 0                   # show the last N days' items only (0: all; the store keeps all)
  output: public                  # the folder the site is written to
  # imageProxy:                   # load the pages' images through a proxy: for hosts that refuse
  #   url: https://wsrv.nl/?url={url}   # hotlinks even without a Referer, and http: images
  #   hosts: [i.pximg.net]        # only these hosts' images (default: every image)

# The SQLite file that keeps every item ever seen, so history survives feed changes.
store: tidings.db

# Where rsshub: routes are fetched from. Public instances rate-limit; your own is better.
rsshub:
  instance: https://rsshub.app
  # key: \${RSSHUB_KEY}            # access key, sent as ?key=; \${NAME} reads it from the environment

fetch:
  interval: 60                    # minutes between fetches of a feed (a feed may set its own)
  minInterval: 5                  # bounds on any feed's interval, whatever it asks for
  maxInterval: 1440
  timeout: 20                     # seconds for a whole request
  retries: 2                      # retries after a network error, 5xx or 429
  concurrency: 16                 # feeds fetched at once
  perHost: 8                      # connections to one host (RSSHub serves every route from one)

# Keep everything forever (0), or limit by age or count.
retention:
  maxAgeDays: 0
  maxItemsPerFeed: 0

# The subscription tree: category → site → feed. Each feed has exactly one of
# url: (any RSS, Atom or JSON feed), rsshub: (a route on the instance above) or
# file: (a local file). Replace these examples with your own.
sources:
  - category: News                # example
    sites:
      - name: Rust                # example
        feeds:
          - name: Blog
            url: https://blog.rust-lang.org/feed.xml
  - category: 金融                 # example
    sites:
      - name: 新浪财经
        feeds:
          - name: 新浪财经－国內
            rsshub: /sina/finance
            interval: 30          # this feed every 30 minutes
`;
