import { stringify } from 'yaml';

/** Where `tidings init --github-actions` writes the workflow. */
export const WORKFLOW_PATH = '.github/workflows/tidings.yml';

export interface WorkflowSettings {
  /** What `npm install --global` installs, e.g. `tidings@0.1.0`. */
  tidingsPackage: string;
  /** The config's `store:` and `site.output:`, relative to the repository root. */
  store: string;
  output: string;
  /** Environment variables tidings.yaml names (`${NAME}`): passed from repository secrets. */
  secrets: readonly string[];
}

/**
 * The GitHub Actions workflow: update on a schedule and by hand, keep the SQLite store on a
 * data branch between runs, publish to GitHub Pages. The reasons for each choice are in its
 * comments, which is where the user will look for them.
 */
export function githubWorkflow(settings: WorkflowSettings): string {
  return `# Tidings on GitHub Actions: fetch the feeds on a schedule, keep the store, publish the site.
# Written by \`tidings init --github-actions\`; edit it freely.
#
# Set up once: Settings → Pages → Build and deployment → Source: "GitHub Actions".
# Then run it by hand (Actions → Tidings → Run workflow) or wait for the schedule.
#
# Where the store lives between runs: the branch "tidings-data" of this repository holds
# the SQLite store, gzip-compressed and cut into parts of 90 MiB (store.db.gz.part-0001, …;
# one part until the compressed store passes 90 MiB), with the store's checksum
# (store.db.sha256), in a single commit that each run replaces, so the branch never grows.
# Parts because GitHub refuses files over 100 MiB. To get the store by hand: fetch the
# branch, then cat store.db.gz.part-* | gunzip > tidings.db.
# Why a branch and not the Actions cache: a cache entry unused for 7 days is evicted, and
# the repository's caches are capped in size, so one quiet week would silently throw away
# the history that Tidings exists to keep; a branch stays until you delete it.
# A lost fetch of the branch, or parts that do not make the store they were cut from, stop
# the run instead of starting over with an empty store.
#
# GitHub disables scheduled workflows of a public repository after 60 days without
# activity in it (it emails the owner a week before). GitHub does not say exactly what
# counts; a commit pushed by a workflow and re-enabling the workflow through the API are
# both reported to restart the 60 days. This workflow does both on every run: it pushes
# the store commit, and a step re-enables the workflow (permission actions: write). If
# it is disabled anyway, the Actions tab says "This scheduled workflow is disabled…" with
# an "Enable workflow" button, and the site's status.json (lastUpdateAt) stops moving,
# which an uptime monitor can watch.

name: Tidings

on:
  schedule:
    # Every hour at minute 23 (GitHub delays runs at busy times such as minute 0).
    # Each feed is fetched only when due (fetch.interval), so running often is cheap.
    # Actions minutes are free in a public repository. In a private one they count against
    # the account's monthly allowance (2,000 on GitHub Free), each job rounded up to the
    # minute: this workflow is one job of 1–2 minutes, ~750–1,500 minutes a month run
    # hourly. For fewer, run every 2 hours: '23 */2 * * *'.
    - cron: '23 * * * *'
  workflow_dispatch:

# Never two runs on one store at once: a second run waits for the first.
concurrency:
  group: tidings
  cancel-in-progress: false

env:
  # What npm installs: Tidings' repository at a commit (github:OWNER/REPO#COMMIT), a tag,
  # a tarball URL or an npm version. tidings init --workflow-only --force keeps a value set
  # by hand, and replaces an npm version or a commit of its own repository with its own;
  # --package sets it.
  TIDINGS_PACKAGE: ${yamlScalar(settings.tidingsPackage)}
  DATA_BRANCH: tidings-data
  # These two must match store: and site.output: in tidings.yaml (tidings init
  # --workflow-only --force rewrites this file from them).
  STORE: ${yamlScalar(settings.store)}
  SITE: ${yamlScalar(settings.output)}
  # The largest part of the compressed store on the data branch (split's units: MiB).
  STORE_PART_SIZE: 90M

jobs:
  # One job, as GitHub's own Pages starter workflow has it: a private repository pays each
  # job's minutes rounded up, so a second job for the deployment would add a minute a run.
  update:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      contents: write # push the store to the data branch
      actions: write # re-enable this workflow (the 60-day rule above)
      pages: write # publish to GitHub Pages
      id-token: write # required by actions/deploy-pages
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Check out the configuration
        uses: actions/checkout@v4

      - name: Set up Node.js
        uses: actions/setup-node@v4
        with:
          # The active LTS line, which Tidings is tested on (Node 20 reached end of life in
          # April 2026).
          node-version: 24

      - name: Install Tidings
        run: npm install --global "$TIDINGS_PACKAGE"

      - name: Restore the store from the data branch
        id: restore
        run: |
          set -euo pipefail
          status=0
          # The full ref: a bare name also matches backup/$DATA_BRANCH, which is not the store.
          git ls-remote --exit-code origin "refs/heads/$DATA_BRANCH" > /dev/null || status=$?
          if [ "$status" -eq 2 ]; then
            echo "::notice::No $DATA_BRANCH branch yet: this first run starts with an empty store."
            exit 0
          elif [ "$status" -ne 0 ]; then
            echo "::error::Cannot read the $DATA_BRANCH branch (git exit $status); stopping rather than starting over with an empty store."
            exit 1
          fi
          # Kept as a ref: the save step compares the new parts with these.
          git fetch --quiet --depth=1 origin "+refs/heads/$DATA_BRANCH:refs/remotes/origin/$DATA_BRANCH"
          saved="refs/remotes/origin/$DATA_BRANCH"
          # The parts in order; store.db.gz alone is what this workflow saved before parts.
          parts=$(git ls-tree --name-only "$saved" | grep -E '^store\\.db\\.gz(\\.part-[0-9]+)?$' || true)
          if [ -z "$parts" ]; then
            echo "::error::The $DATA_BRANCH branch holds no store (store.db.gz.part-*); stopping rather than starting over with an empty store."
            exit 1
          fi
          mkdir -p "$(dirname "$STORE")"
          partial="$STORE.restoring"
          if ! for part in $parts; do git cat-file blob "$saved:$part"; done | gunzip > "$partial"; then
            rm -f "$partial"
            echo "::error::The store's parts on $DATA_BRANCH do not decompress; stopping rather than using a damaged store."
            exit 1
          fi
          if git cat-file -e "$saved:store.db.sha256" 2> /dev/null; then
            expected=$(git cat-file blob "$saved:store.db.sha256" | cut -d ' ' -f 1)
            actual=$(sha256sum "$partial" | cut -d ' ' -f 1)
            if [ "$actual" != "$expected" ]; then
              rm -f "$partial"
              echo "::error::The store put together from $DATA_BRANCH does not match store.db.sha256; stopping rather than using a damaged store."
              exit 1
            fi
          fi
          mv "$partial" "$STORE"
          echo "Restored $STORE ($(du -h "$STORE" | cut -f 1)) from $DATA_BRANCH."

      - name: Fetch the feeds and build the site
        id: update
        # Exits 0 even when some feeds fail (they are listed); non-zero only when the run
        # itself could not happen (bad config, unreadable store, failed build).
        run: tidings update --config tidings.yaml
${secretsEnv(settings.secrets)}
      - name: Save the store to the data branch
        # Also after a failed update (a failed build, say): the items it stored are kept,
        # since a feed shows its latest items only. Never when the restore failed, which
        # would replace the saved store with an empty one.
        if: \${{ !cancelled() && steps.restore.outcome == 'success' }}
        env:
          GIT_AUTHOR_NAME: github-actions[bot]
          GIT_AUTHOR_EMAIL: 41898282+github-actions[bot]@users.noreply.github.com
          GIT_COMMITTER_NAME: github-actions[bot]
          GIT_COMMITTER_EMAIL: 41898282+github-actions[bot]@users.noreply.github.com
          UPDATE_OUTCOME: \${{ steps.update.outcome }}
        run: |
          set -euo pipefail
          if [ ! -f "$STORE" ]; then
            # tidings update always leaves its store: without one here, it used another.
            if [ "$UPDATE_OUTCOME" = success ]; then
              echo "::error::tidings update succeeded but left no $STORE: store: in tidings.yaml names another file; set STORE in this workflow to it (tidings init --workflow-only --force rewrites this file from tidings.yaml), or its items are never saved."
              exit 1
            fi
            echo "No $STORE: nothing to save."
            exit 0
          fi
          if [ -s "$STORE-wal" ]; then
            # An update killed mid-run (the job's timeout) leaves the feeds it committed in the
            # WAL: fold them into the store (SQLite replays committed transactions only).
            python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("PRAGMA wal_checkpoint(TRUNCATE)"); db.close()' "$STORE" || true
          fi
          if [ -s "$STORE-wal" ]; then
            echo "::error::$STORE-wal is not empty: the store was not closed cleanly, and its WAL could not be folded in, so it is not saved."
            exit 1
          fi
          parts="$RUNNER_TEMP/store-parts"
          rm -rf "$parts"
          mkdir -p "$parts"
          gzip -9 --no-name --stdout "$STORE" |
            split --bytes="$STORE_PART_SIZE" --numeric-suffixes=1 --suffix-length=4 - "$parts/store.db.gz.part-"
          sha256sum "$STORE" | cut -d ' ' -f 1 | sed 's/$/  store.db/' > "$parts/store.db.sha256"
          bytes=$(cat "$parts"/store.db.gz.part-* | wc -c)
          count=$(find "$parts" -name 'store.db.gz.part-*' | wc -l)
          if [ "$bytes" -gt 1000000000 ]; then
            echo "::warning::The compressed store is $bytes bytes, and each run pushes all of it: GitHub refuses pushes over 2 GB and recommends repositories under 5 GB. Set retention: in tidings.yaml."
          fi
          # One commit of those files, made without touching the checkout.
          tree=$(for file in "$parts"/*; do
            printf '100644 blob %s\\t%s\\n' "$(git hash-object -w "$file")" "$(basename "$file")"
          done | git mktree)
          if [ "$(git rev-parse --quiet --verify "refs/remotes/origin/$DATA_BRANCH^{tree}" || true)" = "$tree" ]; then
            echo "The store has not changed since it was restored; nothing to save."
            exit 0
          fi
          commit=$(git commit-tree "$tree" -m "Tidings store after run $GITHUB_RUN_NUMBER")
          # Replaces the branch: the old store commit is left for GitHub to collect.
          git push --quiet --force origin "$commit:refs/heads/$DATA_BRANCH"
          echo "Saved $STORE ($(du -h "$STORE" | cut -f 1)) to $DATA_BRANCH: $bytes bytes compressed, in $count part(s)."

      - name: Report feed health
        if: always()
        run: |
          if [ -f "$SITE/status.json" ]; then
            {
              echo '### Tidings'
              jq -r '"Feeds: \\(.feeds.ok) ok, \\(.feeds.failing) failing, \\(.feeds.gone) gone, \\(.feeds.neverFetched) never fetched; \\(.items.total) items; last update \\(.lastUpdateAt)"' "$SITE/status.json"
              jq -r '.failing[] | "- \\(.category) › \\(.site) › \\(.name): \\(.error)"' "$SITE/status.json"
            } >> "$GITHUB_STEP_SUMMARY"
          fi

      - name: Check the site's size
        # GitHub Pages publishes sites of at most 1 GB. site.maxAgeDays in tidings.yaml keeps the
        # site to the items of the last N days, while the store keeps every item.
        run: |
          bytes=$(du -sb "$SITE" | cut -f1)
          echo "The site is $bytes bytes."
          if [ "$bytes" -gt 900000000 ]; then
            echo "::warning::The site is $bytes bytes; GitHub Pages publishes sites of at most 1 GB. Set site.maxAgeDays in tidings.yaml to show fewer days (the store keeps every item)."
          fi

      - name: Keep the schedule alive
        # Before publishing, so that a Pages setup not done yet does not stop it.
        env:
          GH_TOKEN: \${{ github.token }}
        run: |
          gh workflow enable tidings.yml --repo "$GITHUB_REPOSITORY" ||
            echo "::warning::Could not re-enable this workflow; GitHub may disable its schedule after 60 days without activity."

      - name: Upload the site
        uses: actions/upload-pages-artifact@v3
        with:
          path: \${{ env.SITE }}

      - name: Publish to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4

      - name: Check site.url
        # The feeds, sitemaps, robots.txt, canonical links and 404.html are made from site.url
        # in tidings.yaml (default http://localhost:4000): if it is not where the site is
        # published, feed readers and search engines are sent to the wrong place.
        env:
          PAGE_URL: \${{ steps.deployment.outputs.page_url }}
        run: |
          built=$(sed -n 's|.*<link rel="self" type="application/atom+xml" href="\\([^"]*\\)atom\\.xml"/>.*|\\1|p' "$SITE/atom.xml")
          if [ -n "$PAGE_URL" ] && [ "$built" != "$PAGE_URL" ]; then
            echo "::warning::site.url in tidings.yaml makes the site's addresses start with $built, but it is published at $PAGE_URL: its feeds, sitemap and links point to the wrong place. Set site.url: $PAGE_URL in tidings.yaml."
          fi
`;
}

/**
 * A value as YAML reads it back: bare when it can be (`tidings.db`), quoted when bare text
 * would be read as something else — a path with ` #` would lose its end as a comment, and
 * the save step would then look for a store that is not there and save nothing. Judged by
 * YAML 1.1 too, whose parsers read a bare `yes` or `on` as true.
 */
function yamlScalar(value: string): string {
  const text = stringify(value, { lineWidth: 0, version: '1.1' }).trimEnd();
  return text.includes('\n') ? JSON.stringify(value) : text;
}

/**
 * The update step's env: each variable the config names comes from the repository secret of
 * the same name (GitHub masks its value in the logs). None named: how to add one.
 */
function secretsEnv(names: readonly string[]): string {
  if (names.length === 0) {
    return `        # A key or password tidings.yaml names as \${NAME} (an RSSHub key: rsshub.key: \${RSSHUB_KEY})
        # comes from a repository secret (Settings → Secrets and variables → Actions), passed here:
        # env:
        #   RSSHUB_KEY: \${{ secrets.RSSHUB_KEY }}
`;
  }
  const lines = names.map((name) => `          ${name}: \${{ secrets.${name} }}`);
  return `        # The environment variables tidings.yaml names (\${NAME}): add each as a repository secret
        # (Settings → Secrets and variables → Actions); GitHub hides their values in the logs.
        env:
${lines.join('\n')}
`;
}
