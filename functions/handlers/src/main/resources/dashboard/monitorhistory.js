// What happened to a monitor besides its check-ins: its incidents and its processing errors, as
// tables. Pure drawing of what the page loaded.

import {h, table} from './dom.js';
import {exact} from './format.js';
import {errorLine} from './errors.js';
import {reasonText} from './status.js';

export function incidentsTable(incidents) {
  if (incidents.length === 0) return h('p', {}, 'No incidents.');
  return h('div', {class: 'table-wrap'}, table(['Started', 'Resolved', 'Environment', 'Reason'], incidents.map((i) => [
    exact(i.dateStarted),
    i.dateResolved ? exact(i.dateResolved) : h('strong', {}, 'open'),
    i.environment,
    [reasonText(i.reason), i.failureReason ? h('div', {class: 'detail'}, i.failureReason) : null],
  ]), 'incidents'));
}

export function errorsTable(errors) {
  if (errors.length === 0) return h('p', {}, 'No processing errors in the last 7 days.');
  return h('div', {class: 'table-wrap'}, table(['Received', 'Error', 'Check-in', 'Cause and fix'], errors.map((e) => [
    exact(e.dateAdded), e.name ?? String(e.type), e.checkInId ?? '—', errorLine(e),
  ]), 'processing-errors'));
}

/** Sentry's monitor shape names only the open incident's id and start: its reason comes from the incident list. */
export function withIncidentReasons(monitor, incidents) {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  return {...monitor, environments: monitor.environments.map((env) => {
    const incident = env.activeIncident && byId.get(env.activeIncident.id);
    return incident ? {...env, activeIncident: {...env.activeIncident, reason: incident.reason,
      failureReason: incident.failureReason}} : env;
  })};
}
