import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {crontabFor, endpoints, environmentChoices, setupLines} from '../../main/resources/dashboard/setup.js';

const DSN = 'https://0123456789abcdef0123456789abcdef@cron.example.com/7';
const hourly = {slug: 'nightly-backup', project: '7', config: {schedule_type: 'crontab', schedule: '0 * * * *',
  checkin_margin: 5, max_runtime: 30, timezone: 'Europe/Riga', failure_issue_threshold: null, recovery_threshold: null}};

test('the DSN gives the host, key and project of every line', () => {
  assert.deepEqual(endpoints(DSN, 'https://ignored', '7'), {dsn: DSN, base: 'https://cron.example.com',
    publicKey: '0123456789abcdef0123456789abcdef', projectId: '7', known: true});
  assert.deepEqual(endpoints(null, 'https://api.example', 3), {dsn: '<DSN>', base: 'https://api.example',
    publicKey: '<PUBLIC_KEY>', projectId: '3', known: false});
  assert.equal(endpoints('not a url', 'https://api.example', 3).known, false);
});

test('ready-to-copy lines with the real DSN', () => {
  const lines = setupLines({organization: 'acme', monitor: hourly, environment: 'production', dsn: DSN, origin: 'x'});
  assert.match(lines.twoStep, /curl -X POST 'https:\/\/cron\.example\.com\/api\/0\/organizations\/acme\/monitors\/nightly-backup\/checkins\/'/);
  assert.match(lines.twoStep, /--header 'Authorization: DSN https:\/\/0123456789abcdef0123456789abcdef@cron\.example\.com\/7'/);
  assert.match(lines.twoStep, /"status": "in_progress"/);
  assert.match(lines.twoStep, /checkins\/latest\/'/);
  assert.match(lines.heartbeat, /"status": "ok"/);
  assert.equal(lines.crontab.split('\n')[1], "0 * * * * your-command && curl -fsS -o /dev/null "
    + "'https://cron.example.com/api/7/cron/nightly-backup/0123456789abcdef0123456789abcdef/?status=ok' || curl -fsS -o /dev/null "
    + "'https://cron.example.com/api/7/cron/nightly-backup/0123456789abcdef0123456789abcdef/?status=error'");
  assert.match(lines.crontab, /^# cron reads this line in the machine's time zone; the monitor expects Europe\/Riga/);
  assert.equal(lines.sentryCli, `SENTRY_DSN='${DSN}' sentry-cli monitors run -s '0 * * * *' --check-in-margin 5 `
    + "--max-runtime 30 --timezone 'Europe/Riga' nightly-backup -- your-command");
  assert.match(lines.python, /sentry_sdk\.init\(dsn="https:\/\/0123456789abcdef0123456789abcdef@cron\.example\.com\/7"\)/);
  assert.match(lines.python, /"schedule": \{"type": "crontab", "value": "0 \* \* \* \*"\},/);
  assert.match(lines.node, /Sentry\.withMonitor\("nightly-backup"/);
  assert.match(lines.node, /checkinMargin: 5, maxRuntime: 30, timezone: "Europe\/Riga"/);
});

test('placeholders without a DSN, the environment when it is not production, quotes escaped', () => {
  const odd = {slug: 'x', project: 3, config: {schedule_type: 'interval', schedule: [10, 'minute'], timezone: 'UTC',
    checkin_margin: 5, max_runtime: null}};
  const lines = setupLines({organization: 'acme', monitor: odd, environment: "it's", dsn: null, origin: 'https://api.example'});
  assert.equal(lines.known, false);
  assert.match(lines.heartbeat, /'Authorization: DSN <DSN>'/);
  assert.match(lines.heartbeat, /--data-raw '\{"status": "ok", "environment": "it'\\''s"\}'/);
  assert.match(lines.crontab, /^\*\/10 \* \* \* \* your-command && curl -fsS -o \/dev\/null 'https:\/\/api\.example\/api\/3\/cron\/x\/<PUBLIC_KEY>\/\?status=ok&environment=it'\\''s'/);
  // sentry-cli configures crontab monitors only (its other flags require --schedule)
  assert.equal(lines.sentryCli, "SENTRY_DSN='<DSN>' sentry-cli monitors run -e 'it'\\''s' x -- your-command");
});

test('intervals as crontab fields where cron can say them', () => {
  const interval = (n, unit) => crontabFor({schedule_type: 'interval', schedule: [n, unit]});
  assert.equal(interval(1, 'minute'), '* * * * *');
  assert.equal(interval(15, 'minute'), '*/15 * * * *');
  assert.equal(interval(7, 'minute'), '<m h dom mon dow>');
  assert.equal(interval(6, 'hour'), '0 */6 * * *');
  assert.equal(interval(1, 'day'), '0 0 * * *');
  assert.equal(interval(2, 'day'), '<m h dom mon dow>');
});

test('the crontab line prints nothing when the check-in is accepted: cron would mail it on every run', () => {
  const {crontab} = setupLines({organization: 'acme', monitor: hourly, environment: 'production', dsn: DSN, origin: 'x'});
  const calls = crontab.split('\n').at(-1).split(/ (?:&&|\|\|) /).slice(1);
  assert.equal(calls.length, 2);
  for (const call of calls) assert.match(call, /^curl -fsS -o \/dev\/null '/);
});

test('the Node.js snippet is an ES module that Node parses: import, not require, beside top-level await', () => {
  const {node} = setupLines({organization: 'acme', monitor: hourly, environment: 'production', dsn: DSN, origin: 'x'});
  assert.doesNotMatch(node, /require\(/);
  assert.match(node, /^import \* as Sentry from "@sentry\/node";$/m);
  const dir = mkdtempSync(join(tmpdir(), 'setup-snippet-'));
  try {
    writeFileSync(join(dir, 'job.mjs'), node);
    const check = spawnSync(process.execPath, ['--check', join(dir, 'job.mjs')], {encoding: 'utf8'});
    assert.equal(check.status, 0, check.stderr);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('the lines are for production unless another environment is picked, and production is always offered', () => {
  assert.deepEqual(environmentChoices(['dev', 'production', 'staging']), ['production', 'dev', 'staging']);
  assert.deepEqual(environmentChoices(['dev']), ['production', 'dev']);
  assert.deepEqual(environmentChoices([]), ['production']);
  const shown = (environment) => setupLines({organization: 'acme', monitor: hourly, environment, dsn: DSN, origin: 'x'});
  assert.doesNotMatch(shown('production').twoStep, /environment/);
  assert.match(shown('dev').twoStep, /"environment": "dev"/);
  assert.match(shown('dev').node, /environment: "dev"/);
});

test('an OnCalendar monitor: its own config in the SDKs, a crontab line where cron can say it, sentry-cli without a schedule', () => {
  const weekdays = {slug: 'standup', project: '7', config: {schedule_type: 'oncalendar', schedule: 'Mon..Fri 09:00',
    checkin_margin: null, max_runtime: null, timezone: null}};
  const lines = setupLines({organization: 'acme', monitor: weekdays, environment: 'production', dsn: DSN, origin: 'x'});
  assert.match(lines.python, /"schedule": \{"type": "oncalendar", "value": "Mon\.\.Fri 09:00"\},/);
  assert.match(lines.node, /schedule: \{"type": "oncalendar", "value": "Mon\.\.Fri 09:00"\}/);
  assert.match(lines.crontab, /^0 9 \* \* mon-fri your-command /);
  assert.equal(lines.sentryCli, `SENTRY_DSN='${DSN}' sentry-cli monitors run standup -- your-command`);
  const calendar = (schedule) => crontabFor({schedule_type: 'oncalendar', schedule});
  assert.equal(calendar('daily'), '0 0 * * *');
  assert.equal(calendar('Mon *-*-1..7 09:00'), '<m h dom mon dow>');
  assert.equal(calendar('Mon *-*-01 09:00'), '<m h dom mon dow>', 'systemd: Monday the 1st; cron: either');
  assert.equal(calendar('Mon 09:00\nFri 17:00'), '<m h dom mon dow>');
  const twoLines = setupLines({organization: 'acme', monitor: {...weekdays, config: {...weekdays.config, schedule: 'Mon 09:00\nFri 17:00'}},
    environment: 'production', dsn: DSN, origin: 'x'});
  assert.match(twoLines.python, /"value": "Mon 09:00\\nFri 17:00"/);
});

test('a Healthchecks check gets its ping URL lines, as Healthchecks gives them, and no SDK upsert', () => {
  const check = {slug: 'backup', project: '7', config: {schedule_type: 'simple', schedule: 86400, timezone: 'UTC'},
    healthchecks: {pingCode: '5a1e5b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b', grace: 3600}};
  const lines = setupLines({organization: 'acme', monitor: check, environment: 'production', dsn: DSN, origin: 'https://x'});
  const ping = 'https://cron.example.com/ping/5a1e5b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b';
  assert.ok(lines.healthchecks.includes(`your-command && curl -fsS -m 10 --retry 5 -o /dev/null ${ping}\n`));
  assert.ok(lines.healthchecks.includes(`curl -fsS -m 10 --retry 5 -o /dev/null ${ping}/$?`));
  assert.ok(lines.healthchecks.includes(`ExecStopPost=curl -fsS -m 10 --retry 5 -o /dev/null ${ping}/\${EXIT_STATUS}`));
  assert.equal(crontabFor(check.config), '0 0 * * *');
  assert.equal(setupLines({organization: 'acme', monitor: hourly, environment: 'production', dsn: DSN, origin: 'https://x'})
    .healthchecks, null);
});
