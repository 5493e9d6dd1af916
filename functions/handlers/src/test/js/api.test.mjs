import assert from 'node:assert/strict';
import {beforeEach, test} from 'node:test';

// The browser globals api.js uses, in memory.
const storage = new Map();
globalThis.sessionStorage = {getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, String(v)),
  removeItem: (k) => storage.delete(k)};
globalThis.location = {origin: 'https://cron.example.com'};
const requests = [];
let pages = [];
globalThis.fetch = async (url, init) => {
  requests.push({url: String(url), init});
  const page = pages.shift();
  return new Response(JSON.stringify(page.body), {status: page.status ?? 200, headers: page.headers ?? {}});
};

const {allPages, api, apiPath, nextCursor, session} = await import('../../main/resources/dashboard/api.js');
const {loadWindow} = await import('../../main/resources/dashboard/timeline.js');
const {now} = await import('../../main/resources/dashboard/format.js');

beforeEach(() => {
  storage.clear();
  requests.length = 0;
  pages = [];
});

const link = (cursor) => ({Link: `<https://x/?cursor=${cursor}>; rel="next"; results="true"; cursor="${cursor}"`});

test("the Link header's next cursor", () => {
  assert.equal(nextCursor(null), null);
  assert.equal(nextCursor('<https://x/?cursor=abc>; rel="next"; results="true"; cursor="abc"'), 'abc');
  assert.equal(nextCursor('<a>; rel="previous"; results="true"; cursor="p", <b>; rel="next"; results="false"; cursor="n"'), null);
});

test('the token goes in the Authorization header, never in the URL', async () => {
  session.set('secret-token', 'acme');
  pages = [{body: []}];
  await api.summaries('acme', null);
  assert.equal(requests[0].init.headers.Authorization, 'Bearer secret-token');
  assert.doesNotMatch(requests[0].url, /secret-token/);
  assert.equal(requests[0].init.credentials, 'omit');
  assert.equal(requests[0].url, 'https://cron.example.com/api/0/organizations/acme/monitor-summaries/?per_page=100');
});

test('a refused call carries the field it names; 401 signs out', async () => {
  session.set('t', 'acme');
  let unauthorized = 0;
  globalThis.window = new EventTarget();
  globalThis.window.addEventListener('cronwatch:unauthorized', () => unauthorized++);
  pages = [{status: 400, body: {detail: 'Only 5 field crontab syntax is supported.', field: 'config.schedule'}},
    {status: 401, body: {detail: 'Invalid or missing credentials.', field: 'authorization'}}];
  await assert.rejects(api.updateMonitor('acme', 'job', {}), (e) => e.status === 400 && e.field === 'config.schedule');
  await assert.rejects(api.monitor('acme', 'job'), (e) => e.status === 401);
  assert.equal(unauthorized, 1);
});

test('every page, one after another, and the server clock from each answer', async () => {
  session.set('t', 'acme');
  pages = [{body: [{slug: 'a'}], headers: {...link('c1'), 'X-Cronwatch-Time': '2020-05-05T00:00:00Z'}},
    {body: [{slug: 'b'}], headers: link('c2')}, {body: [{slug: 'c'}]}];
  const all = await allPages((cursor) => api.summaries('acme', cursor));
  assert.deepEqual(all.map((m) => m.slug), ['a', 'b', 'c']);
  assert.match(requests[1].url, /cursor=c1/);
  assert.ok(Math.abs(now() - Date.parse('2020-05-05T00:00:00Z')) < 60_000);
});

test("a timeline window reads at most its pages, and says where the loaded part begins", async () => {
  session.set('t', 'acme');
  const from = Date.parse('2026-01-01T00:00:00Z');
  pages = [{body: [{dateAdded: '2026-01-01T05:00:00Z'}, {dateAdded: '2026-01-01T04:00:00Z'}], headers: link('n1')},
    {body: [{dateAdded: '2026-01-01T03:00:00Z'}], headers: link('n2')}];
  const partial = await loadWindow('acme', 'job', from, 2);
  assert.equal(partial.checkIns.length, 3);
  assert.equal(partial.coveredFrom, Date.parse('2026-01-01T03:00:00Z'));
  assert.match(requests[0].url, /since=2026-01-01T00%3A00%3A00\.000Z/);
  assert.match(requests[0].url, /per_page=100/);

  pages = [{body: [{dateAdded: '2026-01-01T05:00:00Z'}]}];
  const whole = await loadWindow('acme', 'job', from, 2);
  assert.equal(whole.coveredFrom, from);
});

test('every path is built from encoded segments; ".", ".." and empty ones are refused', () => {
  assert.equal(apiPath('api', '0', 'organizations', 'acme', 'monitors', 'job', 'environments', 'a/b'),
    '/api/0/organizations/acme/monitors/job/environments/a%2Fb/');
  for (const [name, encoded] of [['%2e%2e', '%252e%252e'], ['?x', '%3Fx'], ['#y', '%23y'], ['.x', '.x'], ['...', '...']]) {
    assert.equal(apiPath('environments', name), `/environments/${encoded}/`);
  }
  for (const name of ['.', '..', '']) {
    assert.throws(() => apiPath('monitors', 'job', 'environments', name), (e) => e.status === 0 && e.detail.includes(`"${name}"`));
  }
});

test('an action on an environment named ".." is refused, and nothing is sent to its monitor', async () => {
  session.set('t', 'acme');
  pages = [{status: 202, body: {}}];
  await assert.rejects(api.deleteEnvironment('acme', 'job', '..'), (e) => e.status === 0);
  await assert.rejects(api.muteEnvironment('acme', 'job', '.', true), (e) => e.status === 0);
  assert.equal(requests.length, 0);
  await api.deleteEnvironment('acme', 'job', '#y');
  assert.equal(requests[0].url, 'https://cron.example.com/api/0/organizations/acme/monitors/job/environments/%23y/');
  assert.equal(requests[0].init.method, 'DELETE');
});

test("the schedule preview sends Sentry's query: an interval's schedule twice, value then unit", async () => {
  session.set('t', 'acme');
  pages = [{body: [1767225600]}, {body: []}];
  const {data} = await api.schedulePreview('acme', {schedule_type: 'interval', schedule: [10, 'minute'], timezone: 'Europe/Riga'},
    '2026-01-01T00:00:00.000Z', 5);
  assert.deepEqual(data, [1767225600]);
  assert.equal(requests[0].url, 'https://cron.example.com/api/0/organizations/acme/monitors-schedule-data/'
    + '?num_ticks=5&schedule_type=interval&schedule=10&schedule=minute&timezone=Europe%2FRiga&start=2026-01-01T00%3A00%3A00.000Z');
  await api.schedulePreview('acme', {schedule_type: 'oncalendar', schedule: 'Mon..Fri 09:00', timezone: null}, null, 5);
  assert.equal(new URL(requests[1].url).search, '?num_ticks=5&schedule_type=oncalendar&schedule=Mon..Fri+09%3A00');
});
