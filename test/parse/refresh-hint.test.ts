import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';

function hint(xml: string): number | null {
  let minutes: number | null = null;
  parseFeed(xml, { onRefreshHint: (m) => (minutes = m) });
  return minutes;
}

test('refresh hints: <ttl>, sy:updatePeriod / sy:updateFrequency, nothing', () => {
  const rss = (channel: string) =>
    `<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>${channel}</channel></rss>`;
  assert.equal(hint(rss('<ttl>5</ttl>')), 5, 'RSSHub writes <ttl>5</ttl>');
  assert.equal(
    hint(
      rss('<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>'),
    ),
    30,
  );
  assert.equal(hint(rss('<sy:updatePeriod> Daily </sy:updatePeriod>')), 1440);
  assert.equal(hint(rss('<ttl>soon</ttl>')), null);
  assert.equal(hint(rss('<sy:updatePeriod>fortnightly</sy:updatePeriod>')), null);
  assert.equal(hint(rss('')), null);
  const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title><sy:updatePeriod>weekly</sy:updatePeriod></channel></rdf:RDF>`;
  assert.equal(hint(rdf), 7 * 24 * 60);
  assert.equal(hint('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>'), null);
});
