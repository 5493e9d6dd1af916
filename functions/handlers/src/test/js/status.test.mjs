import assert from 'node:assert/strict';
import {test} from 'node:test';
import {compareMonitors, environmentState, matchesStatus, monitorState} from '../../main/resources/dashboard/status.js';

const env = (extra) => ({name: 'production', status: 'ok', isMuted: false, recentCheckIns: [], ...extra});
const monitor = (slug, environments, extra) => ({slug, name: slug, status: 'active', isMuted: false, environments, ...extra});

test('each state in words, the failure with its reason and start', () => {
  const m = monitor('m', []);
  assert.equal(environmentState(m, env()).label, 'OK');
  assert.equal(environmentState(m, env({status: 'active'})).label, 'Waiting for first check-in');
  assert.equal(environmentState(m, env({recentCheckIns: [{status: 'in_progress'}]})).label, 'In progress');
  const failing = environmentState(m, env({status: 'error', recentCheckIns: [{status: 'in_progress'}],
    activeIncident: {reason: 'missed', failureReason: 'A missed check-in was detected', dateStarted: '2026-01-01T01:00:00Z'}}));
  assert.equal(failing.key, 'failing');
  assert.equal(failing.label, 'Failing: missed check-in');
  assert.equal(failing.detail, 'A missed check-in was detected');
  assert.equal(failing.since, '2026-01-01T01:00:00Z');
  assert.equal(environmentState({...m, status: 'disabled'}, env({status: 'error'})).label, 'Paused');
  assert.equal(environmentState({...m, isMuted: true}, env()).muted, true);
  assert.equal(environmentState(m, env({isMuted: true})).muted, true);
});

test('a monitor is its worst unmuted environment; muted only when all are', () => {
  const m = monitor('m', [env(), env({name: 'staging', status: 'error', isMuted: true})]);
  assert.equal(monitorState(m).key, 'ok');
  assert.equal(monitorState(m).muted, false);
  const allMuted = monitor('m', [env({isMuted: true}), env({name: 'staging', status: 'error', isMuted: true})]);
  assert.equal(monitorState(allMuted).key, 'failing');
  assert.equal(monitorState(allMuted).muted, true);
  assert.equal(monitorState(monitor('new', [])).key, 'waiting');
});

test('worst first, muted last, then the oldest failure, then by name', () => {
  const failing = (slug, since, extra) => monitor(slug, [env({status: 'error', activeIncident: {reason: 'error', dateStarted: since}})], extra);
  const list = [
    monitor('ok-b', [env()]), monitor('ok-a', [env()]), failing('new-failure', '2026-01-02T00:00:00Z'),
    monitor('paused', [env()], {status: 'disabled'}), failing('muted-failure', '2026-01-01T00:00:00Z', {isMuted: true}),
    failing('old-failure', '2026-01-01T00:00:00Z'), monitor('waiting', []),
    monitor('running', [env({recentCheckIns: [{status: 'in_progress'}]})]),
  ];
  assert.deepEqual(list.sort(compareMonitors).map((m) => m.slug),
    ['old-failure', 'new-failure', 'waiting', 'running', 'ok-a', 'ok-b', 'paused', 'muted-failure']);
});

test('the status filter', () => {
  const m = monitor('m', [env(), env({name: 'staging', isMuted: true})]);
  assert.equal(matchesStatus(m, ''), true);
  assert.equal(matchesStatus(m, 'ok'), true);
  assert.equal(matchesStatus(m, 'failing'), false);
  assert.equal(matchesStatus(m, 'muted'), true);
  assert.equal(matchesStatus(monitor('n', [env()]), 'muted'), false);
});

test('a paused Healthchecks check reads as paused', () => {
  assert.equal(environmentState(monitor('m', []), env({status: 'paused'})).label, 'Paused');
});
