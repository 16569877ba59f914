// Loaded with `node --import` by tests/cli/harness.ts: the fake GitHub's certificate names
// (tests/fake-github/tls.ts) resolve to 127.0.0.1, so the built `patrol` talks to
// https://api.github.com:PORT unchanged and the fake serves it as github.com (GitHub Enterprise
// Cloud endpoints included). Only these names; every other lookup is Node's own.
import dns from 'node:dns';

const FAKE_HOSTS = new Set(['github.com', 'api.github.com', 'octocorp.ghe.com', 'api.octocorp.ghe.com']);
const lookup = dns.lookup;

dns.lookup = function lookupFake(hostname, options, callback) {
  if (!FAKE_HOSTS.has(String(hostname).toLowerCase())) return lookup.call(this, hostname, options, callback);
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all === true;
  process.nextTick(() =>
    all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4),
  );
};
