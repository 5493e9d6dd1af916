// The management API, with the organization token from this tab's sessionStorage sent as a bearer
// token. The token never goes into a URL, and is forgotten when the tab closes or on sign-out.

import {syncClock} from './format.js';

const SESSION_KEY = 'cronwatch.session';
const TIMEOUT_MS = 20_000;
/** 20,000 monitors, twice the default limit of an organization. */
const MAX_PAGES = 200;

export const session = {
  get() {
    try {
      const value = JSON.parse(sessionStorage.getItem(SESSION_KEY));
      return value && typeof value.token === 'string' && typeof value.organization === 'string' ? value : null;
    } catch {
      return null;
    }
  },
  set(token, organization) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({token, organization}));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

/** A refused or failed call: the API's {"detail", "field"} when it sent one. */
export class ApiError extends Error {
  constructor(status, detail, field) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.field = field ?? null;
  }
}

/** The `cursor` of Sentry's Link header's rel="next" part, or null on the last page. */
export function nextCursor(link) {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    if (/rel="next"/.test(part) && !/results="false"/.test(part)) {
      const match = /cursor="([^"]*)"/.exec(part);
      if (match) return match[1];
    }
  }
  return null;
}

/**
 * A request path from its segments, each percent-encoded, with the trailing slash Sentry's routes
 * have. A segment that is empty, "." or ".." is refused: the browser would resolve it (even
 * encoded as %2E) and send the request to another resource, so a stored environment named ".."
 * would make "Delete" delete its whole monitor.
 */
export function apiPath(...segments) {
  for (const segment of segments) {
    const text = String(segment ?? '');
    if (text === '' || text === '.' || text === '..') {
      throw new ApiError(0, `The name "${text}" cannot be sent in a request path, so this action is not possible from here.`);
    }
  }
  return `/${segments.map((segment) => encodeURIComponent(String(segment))).join('/')}/`;
}

/**
 * `segments` as apiPath takes them; a refused segment rejects the call before anything is sent. A
 * query value that is an array is sent as the parameter repeated, in order.
 */
async function call(method, segments, {body, token, query} = {}) {
  const bearer = token ?? session.get()?.token;
  const headers = {Accept: 'application/json'};
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const url = new URL(apiPath(...segments), location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const one of [value].flat()) {
      if (one !== null && one !== undefined && one !== '') url.searchParams.append(name, one);
    }
  }
  let response;
  try {
    response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  syncClock(response.headers.get('X-Cronwatch-Time'));
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401 && token === undefined) window.dispatchEvent(new CustomEvent('cronwatch:unauthorized'));
    throw new ApiError(response.status, data?.detail ?? `The server answered ${response.status}.`, data?.field);
  }
  return {data, next: nextCursor(response.headers.get('Link'))};
}

const org = (organization, ...rest) => ['api', '0', 'organizations', organization, ...rest];
const monitor = (organization, slug, ...rest) => org(organization, 'monitors', slug, ...rest);

export const api = {
  organizations: (token) => call('GET', ['api', '0', 'organizations'], {token}),
  summaries: (organization, cursor) => call('GET', org(organization, 'monitor-summaries'), {query: {cursor, per_page: 100}}),
  createMonitor: (organization, body) => call('POST', org(organization, 'monitors'), {body}),
  monitor: (organization, slug) => call('GET', monitor(organization, slug)),
  updateMonitor: (organization, slug, body) => call('PUT', monitor(organization, slug), {body}),
  deleteMonitor: (organization, slug) => call('DELETE', monitor(organization, slug)),
  checkIns: (organization, slug, {cursor, since, environment, perPage} = {}) =>
    call('GET', monitor(organization, slug, 'checkins'), {query: {cursor, since, environment, per_page: perPage}}),
  incidents: (organization, slug) => call('GET', monitor(organization, slug, 'incidents')),
  processingErrors: (organization, slug) => call('GET', monitor(organization, slug, 'processing-errors')),
  organizationProcessingErrors: (organization, cursor) =>
    call('GET', org(organization, 'processing-errors'), {query: {cursor, per_page: 100}}),
  muteEnvironment: (organization, slug, environment, isMuted) =>
    call('PUT', monitor(organization, slug, 'environments', environment), {body: {isMuted}}),
  deleteEnvironment: (organization, slug, environment) =>
    call('DELETE', monitor(organization, slug, 'environments', environment)),
  /** The next `ticks` times of a schedule after `start`, as epoch seconds; an interval is `[n, unit]`. */
  schedulePreview: (organization, {schedule_type, schedule, timezone}, start, ticks) =>
    call('GET', org(organization, 'monitors-schedule-data'),
      {query: {num_ticks: ticks, schedule_type, schedule, timezone, start}}),
  projects: (organization) => call('GET', org(organization, 'projects')),
  keys: (organization, projectSlug) => call('GET', ['api', '0', 'projects', organization, projectSlug, 'keys']),
  pingKey: (organization, projectSlug) => call('GET', ['api', '0', 'projects', organization, projectSlug, 'ping-key']),
};

/**
 * Every page of a listing. Each page names the next, so requests follow one another; the next one
 * is sent before `onPage` runs, so the network and the page's own work overlap.
 */
export async function allPages(fetchPage, onPage) {
  const items = [];
  let cursor = null;
  let pending = fetchPage(null);
  for (let pages = 1; pending; pages++) {
    const {data, next} = await pending;
    items.push(...(data ?? []));
    // a server that repeats itself must not loop us
    const more = next && next !== cursor && pages < MAX_PAGES;
    cursor = next;
    pending = more ? fetchPage(next) : null;
    if (onPage) onPage(items);
  }
  return items;
}
