import assert from 'node:assert/strict';
import {test} from 'node:test';

process.env.TZ = 'UTC'; // the axis is in the reader's zone: this reader is in UTC
const {axisTicks, failureRuns} = await import('../../main/resources/dashboard/timeline.js');

const at = (iso) => Date.parse(iso);
const c = (status, dateAdded) => ({status, dateAdded});

test('a run of failures lasts from its first failure to the ok that ends it', () => {
  const checkIns = [c('ok', '2026-01-01T06:00:00Z'), c('missed', '2026-01-01T05:00:00Z'), c('in_progress', '2026-01-01T04:30:00Z'),
    c('error', '2026-01-01T04:00:00Z'), c('missed', '2026-01-01T03:00:00Z'), c('ok', '2026-01-01T02:00:00Z')];
  assert.deepEqual(failureRuns(checkIns, at('2026-01-01T08:00:00Z')),
    [{from: at('2026-01-01T03:00:00Z'), to: at('2026-01-01T06:00:00Z'), count: 3}]);
});

test('a run still failing lasts until now; none without failures', () => {
  const checkIns = [c('timeout', '2026-01-01T07:00:00Z'), c('ok', '2026-01-01T06:00:00Z'), c('error', '2026-01-01T05:00:00Z')];
  assert.deepEqual(failureRuns(checkIns, at('2026-01-01T08:30:00Z')), [
    {from: at('2026-01-01T05:00:00Z'), to: at('2026-01-01T06:00:00Z'), count: 1},
    {from: at('2026-01-01T07:00:00Z'), to: at('2026-01-01T08:30:00Z'), count: 1}]);
  assert.deepEqual(failureRuns([c('ok', '2026-01-01T06:00:00Z')], at('2026-01-01T08:30:00Z')), []);
});

test('7 days: a tick at each midnight; 30 days: each Monday; 24 hours: none', () => {
  const to = at('2026-01-08T10:00:00Z');
  const week = axisTicks(to - 7 * 86_400_000, to);
  assert.deepEqual(week.map((t) => t.label), ['Fri 2', 'Sat 3', 'Sun 4', 'Mon 5', 'Tue 6', 'Wed 7', 'Thu 8']);
  assert.equal(week[0].t, at('2026-01-02T00:00:00Z'));
  const month = axisTicks(to - 30 * 86_400_000, to);
  assert.deepEqual(month.map((t) => t.label), ['15 Dec', '22 Dec', '29 Dec', '5 Jan']);
  assert.deepEqual(axisTicks(to - 86_400_000, to), []);
});
