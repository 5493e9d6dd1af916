// Dropped check-ins in words: each processing error's cause and what fixes it, from its type and
// the `data` the processor stored with it. The words are pure functions, tested with node
// (src/test/js); droppedList draws them. Every type of the core's ProcessingErrorType has words (a
// test reads the enum), Sentry's that cronwatch does not record (docs/spec.md §7.6) included, so a
// type recorded later never shows as its bare name. Data comes from DSN holders: it is shown as text
// (dom.js), never parsed.

import {h} from './dom.js';
import {exact} from './format.js';

/** `field: what to send` of each field an error's `data.errors` names (Sentry's shape), or null. */
function fieldErrors(d) {
  const fields = Object.entries(d.errors ?? {});
  if (fields.length === 0) return null;
  return {
    fields: fields.map(([field]) => field),
    words: fields.map(([field, messages]) => `${field}: ${[messages].flat().join(' ')}`).join('; '),
  };
}

const EXPLAIN = {
  MONITOR_INVALID_CONFIG: (e, d) => {
    const invalid = fieldErrors(d);
    return {
      cause: invalid?.words ?? d.reason ?? 'the monitor_config is not valid',
      fix: `correct ${invalid?.fields.join(' and ') ?? 'monitor_config'} in the job's check-in`,
    };
  },
  CHECKIN_VALIDATION_FAILED: (e, d) => ({
    cause: fieldErrors(d)?.words ?? 'the check-in is not valid',
    fix: 'correct the check-in\'s fields',
  }),
  MONITOR_NOT_FOUND: (e, d) => ({
    cause: `no monitor \`${e.monitor}\``,
    fix: d.suggestion ? `did you mean \`${d.suggestion}\`?`
      : 'create the monitor, or send a monitor_config with the check-in',
  }),
  MONITOR_ENVIRONMENT_RATELIMITED: (e, d) => ({
    cause: d.limit ? `rate limit: ${d.limit} per ${d.per ?? 'minute'} per environment` : 'rate limit per environment',
    fix: 'send fewer check-ins per minute from one environment, or raise RateLimitPerMinute (local mode: --rate-limit)',
  }),
  MONITOR_DISABLED: (e) => ({cause: `\`${e.monitor}\` is paused`, fix: 'resume the monitor to accept its check-ins'}),
  MONITOR_LIMIT_EXCEEDED: (e, d) => (d.per === 'minute' ? {
    cause: d.reason ?? `the organization's check-ins created ${d.limit} monitors this minute`,
    fix: 'the next check-in after this minute creates it; or raise MaxNewMonitorsPerMinute',
  } : {
    cause: d.reason ?? 'the organization has all the monitors it may have',
    fix: 'delete monitors no longer used, or raise MaxMonitorsPerOrganization',
  }),
  MONITOR_ENVIRONMENT_LIMIT_EXCEEDED: (e, d) => ({
    cause: d.reason ?? 'the monitor has all the environments it may have',
    fix: 'delete environments no longer used',
  }),
  CHECKIN_ENVIRONMENT_MISMATCH: (e, d) => ({
    cause: `the check-in id belongs to environment \`${d.existingEnvironment ?? '?'}\``,
    fix: 'finish a run in the environment that started it',
  }),
  CHECKIN_FINISHED: () => ({cause: 'the run had already finished', fix: 'send one ok or error per run'}),
  CHECKIN_INVALID_DURATION: (e, d) => ({
    cause: `duration ${d.duration ?? '?'} ms is too long`,
    fix: 'send a duration up to 2,147,483,647 ms (24.8 days)',
  }),
  CHECKIN_GUID_PROJECT_MISMATCH: () => ({
    cause: 'the check-in id belongs to another project',
    fix: 'finish a run with a DSN of the project that started it',
  }),
  CHECKIN_INVALID_GUID: () => ({cause: 'the check-in id is not a UUID', fix: 'send the id the first check-in answered, or none'}),
  MONITOR_INVALID_ENVIRONMENT: (e, d) => ({
    cause: d.reason ?? 'the environment name is not valid',
    fix: 'send an environment name of at most 64 printable characters, without /',
  }),
  MONITOR_DISABLED_NO_QUOTA: (e) => ({cause: `\`${e.monitor}\` was disabled for want of quota`, fix: 'enable the monitor'}),
  MONITOR_OVER_QUOTA: () => ({cause: 'the organization is over its monitor quota', fix: 'disable monitors no longer used'}),
  ORGANIZATION_KILLSWITCH_ENABLED: () => ({
    cause: 'the organization\'s check-ins are switched off',
    fix: 'ask the operator to switch them back on',
  }),
  ALERT_NOT_DELIVERED: () => ({cause: 'an alert could not be published', fix: 'check the alert topic and its subscriptions'}),
};

/** {cause, fix} of one processing error; a type without words here shows its name. */
export function errorText(error) {
  const name = error.name ?? String(error.type);
  const explain = EXPLAIN[name];
  if (explain) return explain(error, error.data ?? {});
  return {cause: name.toLowerCase().replaceAll('_', ' '), fix: ''};
}

/** "cause; fix", as one line. */
export function errorLine(error) {
  const {cause, fix} = errorText(error);
  return fix ? `${cause}; ${fix}` : cause;
}

/**
 * The errors with the same slug and the same words as one entry, with how many check-ins they stand
 * for (an error counted per minute says how many in its count) and the newest's time: a rate-limited
 * job drops many check-ins for one reason. In the order of their newest.
 */
export function groupErrors(errors) {
  const groups = new Map();
  for (const error of errors) {
    const line = errorLine(error);
    const key = `${error.monitor}\n${line}`;
    const group = groups.get(key);
    const dropped = error.count ?? 1;
    if (group) {
      group.count += dropped;
      if (error.dateAdded > group.last) group.last = error.dateAdded;
    } else {
      groups.set(key, {monitor: error.monitor, name: error.name, ...errorText(error), line, count: dropped, last: error.dateAdded,
        suggestion: error.data?.suggestion ?? null});
    }
  }
  return [...groups.values()].sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
}

/** The grouped errors as a list: the slug (its page shows them all), cause and fix, how many, the newest. */
export function droppedList(errors) {
  return h('ul', {class: 'dropped'}, groupErrors(errors).map((g) => h('li', {dataset: {monitor: g.monitor, error: g.name}},
    h('a', {href: `#/monitors/${encodeURIComponent(g.monitor)}`}, g.monitor), ': ', g.line,
    g.suggestion ? [' ', h('a', {href: `#/monitors/${encodeURIComponent(g.suggestion)}`}, `Open ${g.suggestion}`)] : null,
    h('span', {class: 'detail'}, ` · ${g.count} check-in${g.count === 1 ? '' : 's'}, newest ${exact(g.last)}`))));
}
