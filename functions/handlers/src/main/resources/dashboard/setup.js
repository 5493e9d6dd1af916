// Ready-to-copy lines that make a job check in to this monitor: curl (two steps and heartbeat),
// a crontab line on the relay URL, sentry-cli and the Sentry SDKs. The DSN comes from the project's
// keys when the API lists them; otherwise the lines carry placeholders and say where to find it.
// They are for environment production unless the user picks another of the monitor's environments.

import {h} from './dom.js';
import {calendarAsCrontab} from './format.js';

/** The pieces every line needs, from the DSN `http(s)://<publicKey>@<host>/<projectId>` when known. */
export function endpoints(dsn, origin, projectId) {
  if (dsn) {
    try {
      const url = new URL(dsn);
      if (url.username) {
        return {dsn, base: `${url.protocol}//${url.host}`, publicKey: url.username,
          projectId: url.pathname.replace(/^.*\//, '') || String(projectId), known: true};
      }
    } catch {
      // a DSN we cannot read: fall through to placeholders
    }
  }
  return {dsn: '<DSN>', base: origin, publicKey: '<PUBLIC_KEY>', projectId: String(projectId), known: false};
}

/** The environments the lines can be shown for: production first, whether or not it has checked in yet. */
export function environmentChoices(names) {
  return ['production', ...names.filter((name) => name !== 'production')];
}

/** The lines, as plain text, so they can be tested without a browser. */
export function setupLines({organization, monitor, environment, dsn, pingKey, origin}) {
  const e = endpoints(dsn, origin, monitor.project);
  const slug = monitor.slug;
  const config = monitor.config;
  const env = environment && environment !== 'production' ? environment : null;
  const envJson = env ? `, "environment": ${JSON.stringify(env)}` : '';
  const envQuery = env ? `&environment=${encodeURIComponent(env)}` : '';
  const checkins = `${e.base}/api/0/organizations/${organization}/monitors/${slug}/checkins/`;
  const auth = `--header ${shellQuote(`Authorization: DSN ${e.dsn}`)} --header 'Content-Type: application/json'`;
  const relay = `${e.base}/api/${e.projectId}/cron/${slug}/${e.publicKey}/`;
  const crontab = crontabFor(config);
  const zoneNote = config.timezone && config.timezone !== 'UTC'
    ? `# cron reads this line in the machine's time zone; the monitor expects ${config.timezone}\n` : '';
  // the SDKs pass monitor_config through as written, and this API reads an OnCalendar one (docs/spec.md §6)
  const cronConfig = config.schedule_type === 'interval'
    ? `{"type": "interval", "value": ${config.schedule[0]}, "unit": ${JSON.stringify(config.schedule[1])}}`
    : `{"type": ${JSON.stringify(config.schedule_type)}, "value": ${JSON.stringify(config.schedule)}}`;
  const extras = [];
  if (config.checkin_margin !== null && config.checkin_margin !== undefined) extras.push(['checkin_margin', 'checkinMargin', config.checkin_margin]);
  if (config.max_runtime !== null && config.max_runtime !== undefined) extras.push(['max_runtime', 'maxRuntime', config.max_runtime]);
  if (config.timezone) extras.push(['timezone', 'timezone', JSON.stringify(config.timezone)]);
  // sentry-cli takes a crontab only, and every other setting requires it
  const crontabConfig = config.schedule_type === 'crontab';
  const cliFlags = [
    crontabConfig ? `-s ${shellQuote(config.schedule)}` : null,
    crontabConfig && config.checkin_margin != null ? `--check-in-margin ${config.checkin_margin}` : null,
    crontabConfig && config.max_runtime != null ? `--max-runtime ${config.max_runtime}` : null,
    crontabConfig && config.timezone ? `--timezone ${shellQuote(config.timezone)}` : null,
    crontabConfig && config.failure_issue_threshold != null ? `--failure-issue-threshold ${config.failure_issue_threshold}` : null,
    crontabConfig && config.recovery_threshold != null ? `--recovery-threshold ${config.recovery_threshold}` : null,
    env ? `-e ${shellQuote(env)}` : null,
  ].filter(Boolean).join(' ');
  const ping = monitor.healthchecks ? `${e.base}/ping/${monitor.healthchecks.pingCode}` : null;
  const bySlug = ping ? `${e.base}/ping/${pingKey || '<PING_KEY>'}/${slug}` : null;
  return {
    known: e.known,
    // Healthchecks' own curl lines (docs/spec.md §14.1): its clients keep them and change only the host
    healthchecks: ping && [
      '# at the end of a crontab line',
      `your-command && curl -fsS -m 10 --retry 5 -o /dev/null ${ping}`,
      '# a start before the job, then its exit status after it (0 success, 1 to 255 fail)',
      `curl -fsS -m 10 --retry 5 -o /dev/null ${ping}/start`,
      `your-command; curl -fsS -m 10 --retry 5 -o /dev/null ${ping}/$?`,
      '# the output kept with the ping (up to 100 KB)',
      `output=$(your-command 2>&1); curl -fsS -m 10 --retry 5 --data-raw "$output" ${ping}/$?`,
      '# systemd, in the service unit',
      `ExecStopPost=curl -fsS -m 10 --retry 5 -o /dev/null ${ping}/\${EXIT_STATUS}`,
    ].join('\n'),
    // the same by the project's ping key and the slug, as Healthchecks' slug URLs are
    healthchecksBySlug: bySlug && [
      '# by the project\'s ping key and this slug',
      `your-command && curl -fsS -m 10 --retry 5 -o /dev/null ${bySlug}`,
      `curl -fsS -m 10 --retry 5 -o /dev/null ${bySlug}/start`,
      `your-command; curl -fsS -m 10 --retry 5 -o /dev/null ${bySlug}/$?`,
      `curl -fsS -m 10 --retry 5 -o /dev/null ${bySlug}/fail`,
    ].join('\n'),
    twoStep: [
      '# when the job starts',
      `curl -X POST ${shellQuote(checkins)} \\`,
      `  ${auth} \\`,
      `  --data-raw ${shellQuote(`{"status": "in_progress"${envJson}}`)}`,
      '# when it ends (PUT …/checkins/<id>/ with the id the first call returned, for overlapping runs)',
      `curl -X PUT ${shellQuote(`${checkins}latest/`)} \\`,
      `  ${auth} \\`,
      `  --data-raw ${shellQuote(`{"status": "ok"${envJson}}`)}   # or "error"`,
    ].join('\n'),
    heartbeat: [
      `curl -X POST ${shellQuote(checkins)} \\`,
      `  ${auth} \\`,
      `  --data-raw ${shellQuote(`{"status": "ok"${envJson}}`)}`,
    ].join('\n'),
    // cron mails whatever a line prints: the relay's answer goes to /dev/null, curl's errors still show
    crontab: `${zoneNote}${crontab} your-command && curl -fsS -o /dev/null ${shellQuote(`${relay}?status=ok${envQuery}`)} || curl -fsS -o /dev/null ${shellQuote(`${relay}?status=error${envQuery}`)}`,
    sentryCli: `SENTRY_DSN=${shellQuote(e.dsn)} sentry-cli monitors run ${cliFlags ? `${cliFlags} ` : ''}${slug} -- your-command`,
    python: [
      'import sentry_sdk',
      'from sentry_sdk.crons import monitor',
      '',
      `sentry_sdk.init(dsn=${JSON.stringify(e.dsn)}${env ? `, environment=${JSON.stringify(env)}` : ''})`,
      '',
      `@monitor(monitor_slug=${JSON.stringify(slug)}, monitor_config={`,
      `    "schedule": ${cronConfig},`,
      ...extras.map(([snake, , value]) => `    ${JSON.stringify(snake)}: ${value},`),
      '})',
      'def job():',
      '    ...',
    ].join('\n'),
    node: [
      '// job.mjs: an ES module, so that it may await at the top level',
      'import * as Sentry from "@sentry/node";',
      '',
      `Sentry.init({ dsn: ${JSON.stringify(e.dsn)}${env ? `, environment: ${JSON.stringify(env)}` : ''} });`,
      '',
      `await Sentry.withMonitor(${JSON.stringify(slug)}, async () => {`,
      '  // the job',
      `}, { schedule: ${cronConfig}${extras.map(([, camel, value]) => `, ${camel}: ${value}`).join('')} });`,
    ].join('\n'),
  };
}

export function setupSection({organization, monitor, environments, dsn, pingKey, origin}) {
  const body = h('div', {class: 'setup'});
  const show = (environment) => body.replaceChildren(...setupBlocks(setupLines({organization, monitor, environment, dsn,
    pingKey, origin})));
  show('production');
  return h('div', {},
    h('div', {class: 'field inline'}, h('label', {for: 'setup-environment'}, 'Environment shown'),
      h('select', {id: 'setup-environment', onchange: (e) => show(e.target.value)},
        environmentChoices(environments).map((name) => h('option', {value: name}, name)))),
    body);
}

function setupBlocks(lines) {
  return [
    lines.known ? null : h('p', {class: 'notice', role: 'note'},
      'The lines below show ', h('code', {}, '<DSN>'), ' and ', h('code', {}, '<PUBLIC_KEY>'),
      ' where this project\'s DSN goes: no DSN key could be listed for it here. In local mode it is in ',
      h('code', {}, '.cronwatch/local.json'), '; on a deployed stack, ', h('code', {}, 'infra/bootstrap.sh'),
      ' printed it, and ', h('code', {}, 'GET /api/0/projects/{organization}/{project}/keys/'), ' lists the keys.'),
    lines.healthchecks ? block('setup-healthchecks', 'Healthchecks ping URLs (curl, as Healthchecks gives them)',
      lines.healthchecks) : null,
    lines.healthchecksBySlug ? block('setup-healthchecks-slug', 'Healthchecks ping URLs by slug (the project\'s ping key)',
      lines.healthchecksBySlug) : null,
    block('setup-two-step', 'curl: start and end of each run', lines.twoStep),
    block('setup-heartbeat', 'curl: one heartbeat when the job succeeds', lines.heartbeat),
    block('setup-crontab', 'A crontab line (Sentry\'s relay URL, no header needed)', lines.crontab),
    // the SDKs and sentry-cli send their schedule with each run, which would make a Healthchecks check a Sentry one
    ...(lines.healthchecks ? [] : [
      block('setup-cli', 'sentry-cli wrapping the command', lines.sentryCli),
      block('setup-python', 'Sentry SDK for Python', lines.python),
      block('setup-node', 'Sentry SDK for Node.js', lines.node),
    ]),
  ].filter(Boolean);
}

export function block(id, title, text) {
  const status = h('span', {class: 'copied', role: 'status'});
  const code = h('code', {id}, text);
  return h('figure', {class: 'snippet'},
    h('figcaption', {}, h('span', {}, title),
      h('button', {type: 'button', class: 'copy', 'aria-label': `Copy: ${title}`, onclick: () => copy(code, status)}, 'Copy'),
      status),
    h('pre', {tabindex: '0'}, code));
}

async function copy(code, status) {
  try {
    await navigator.clipboard.writeText(code.textContent);
    status.textContent = 'Copied';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status.textContent = 'Selected: press Ctrl+C to copy';
  }
  setTimeout(() => { status.textContent = ''; }, 3000);
}

/** The schedule as a crontab line's five fields: intervals and OnCalendar forms that cron can express, else a placeholder. */
export function crontabFor(config) {
  if (config.schedule_type === 'crontab') return config.schedule;
  if (config.schedule_type === 'oncalendar') return calendarAsCrontab(config.schedule) ?? '<m h dom mon dow>';
  const [n, unit] = config.schedule_type === 'simple' ? secondsAsInterval(config.schedule) : config.schedule;
  if (unit === 'minute' && n >= 1 && 60 % n === 0) return n === 1 ? '* * * * *' : `*/${n} * * * *`;
  if (unit === 'hour' && n >= 1 && 24 % n === 0) return n === 1 ? '0 * * * *' : `0 */${n} * * *`;
  if (unit === 'day' && n === 1) return '0 0 * * *';
  if (unit === 'week' && n === 1) return '0 0 * * 0';
  if (unit === 'month' && n === 1) return '0 0 1 * *';
  return '<m h dom mon dow>';
}

/** A Healthchecks period in seconds as an interval in the largest whole unit: 86400 is [1, 'day']. */
function secondsAsInterval(seconds) {
  for (const [size, unit] of [[86400, 'day'], [3600, 'hour'], [60, 'minute']]) {
    if (seconds % size === 0) return [seconds / size, unit];
  }
  return [seconds, 'second'];
}

export function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}
