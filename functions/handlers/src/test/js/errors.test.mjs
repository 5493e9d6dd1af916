import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {errorLine, errorText, groupErrors} from '../../main/resources/dashboard/errors.js';

const notFound = (data, at = '2026-01-01T10:00:00Z') =>
  ({id: at, type: 11, name: 'MONITOR_NOT_FOUND', monitor: 'nightly-bakup', checkInId: 'c', data, dateAdded: at});
const limited = (at) => ({id: at, type: 14, name: 'MONITOR_ENVIRONMENT_RATELIMITED', monitor: 'cache-warm',
  checkInId: 'c', data: {limit: 6, per: 'minute'}, dateAdded: at});

test('a mistyped slug names the nearest one', () => {
  assert.equal(errorLine(notFound({suggestion: 'nightly-backup'})),
    'no monitor `nightly-bakup`; did you mean `nightly-backup`?');
  assert.deepEqual(errorText(notFound({})), {cause: 'no monitor `nightly-bakup`',
    fix: 'create the monitor, or send a monitor_config with the check-in'});
});

test('the rate limit says what the limit is', () => {
  assert.equal(errorText(limited('2026-01-01T10:00:00Z')).cause, 'rate limit: 6 per minute per environment');
  assert.equal(errorText({name: 'MONITOR_ENVIRONMENT_RATELIMITED', monitor: 'x', data: {}}).cause,
    'rate limit per environment');
});

test('other types in words, an unknown one by its name', () => {
  assert.equal(errorText({name: 'CHECKIN_ENVIRONMENT_MISMATCH', monitor: 'x', data: {existingEnvironment: 'dev'}}).cause,
    'the check-in id belongs to environment `dev`');
  assert.deepEqual(errorText({name: 'SOMETHING_NEW', monitor: 'x'}), {cause: 'something new', fix: ''});
  assert.equal(errorText({type: 99, monitor: 'x'}).cause, '99');
});

test('the same cause for the same slug is one entry, newest first, with its count', () => {
  const groups = groupErrors([limited('2026-01-01T10:00:30Z'), notFound({suggestion: 'nightly-backup'}),
    limited('2026-01-01T10:00:40Z'), limited('2026-01-01T10:00:20Z')]);
  assert.deepEqual(groups.map((g) => [g.monitor, g.count, g.last]), [
    ['cache-warm', 3, '2026-01-01T10:00:40Z'], ['nightly-bakup', 1, '2026-01-01T10:00:00Z']]);
  assert.equal(groups[1].suggestion, 'nightly-backup');
});

test('an error counted per minute adds the check-ins it stands for', () => {
  const groups = groupErrors([{...limited('2026-01-01T10:00:00Z'), count: 20}, limited('2026-01-01T10:01:00Z')]);
  assert.deepEqual(groups.map((g) => [g.monitor, g.count]), [['cache-warm', 21]]);
});

test('the monitors created per minute say which limit and that the next minute creates it', () => {
  const perMinute = errorText({name: 'MONITOR_LIMIT_EXCEEDED', monitor: 'x',
    data: {reason: 'You may not create more than 60 monitors per minute', limit: 60, per: 'minute'}});
  assert.equal(perMinute.cause, 'You may not create more than 60 monitors per minute');
  assert.match(perMinute.fix, /MaxNewMonitorsPerMinute/);
  assert.match(errorText({name: 'MONITOR_LIMIT_EXCEEDED', monitor: 'x', data: {}}).fix, /MaxMonitorsPerOrganization/);
});

test('an invalid monitor_config names the field, the API\'s words and where to correct it', () => {
  const invalid = {name: 'MONITOR_INVALID_CONFIG', type: 8, monitor: 'nightly-backup', data: {
    errors: {'monitor_config.timezone': ['"Europe/Berln" is not a time zone name. Did you mean Europe/Berlin?']},
    reason: 'The check-in was applied; the monitor keeps its stored config until a valid one is sent.'}};
  assert.deepEqual(errorText(invalid), {
    cause: 'monitor_config.timezone: "Europe/Berln" is not a time zone name. Did you mean Europe/Berlin?',
    fix: 'correct monitor_config.timezone in the job\'s check-in'});
  assert.equal(errorText({name: 'MONITOR_INVALID_CONFIG', monitor: 'x', data: {}}).fix,
    'correct monitor_config in the job\'s check-in');
});

test('every processing error type of the core has its cause and fix in words', () => {
  const source = readFileSync(new URL('../../../../core/src/main/java/dev/cronwatch/core/monitor/ProcessingErrorType.java',
    import.meta.url), 'utf8');
  const types = [...source.matchAll(/^\s+([A-Z][A-Z_]+)\(\d+\)/gm)].map((m) => m[1]);
  assert.ok(types.includes('MONITOR_INVALID_CONFIG') && types.includes('ALERT_NOT_DELIVERED'), types.join());
  const withoutWords = types.filter((name) => errorText({name, monitor: 'x', data: {}}).fix === '');
  assert.deepEqual(withoutWords, []);
});
