// The timeline strip: one environment's check-ins over a window, each a mark placed at its start,
// coloured by status and shaped by it too (failures full height, missed hollow, runs in progress
// short), with its time, status and duration on hover and the counts as the strip's text. A run of
// failures is shaded from its first failure to the success that ended it (or to now), so an outage
// is as wide as it lasted; the 7- and 30-day strips have a time axis below.

import {api} from './api.js';
import {s} from './dom.js';
import {duration, exact} from './format.js';

export const WINDOWS = [
  {key: '24h', label: '24 h', long: 'last 24 hours', ms: 24 * 3600_000},
  {key: '7d', label: '7 d', long: 'last 7 days', ms: 7 * 24 * 3600_000},
  {key: '30d', label: '30 d', long: 'last 30 days', ms: 30 * 24 * 3600_000},
];

const WIDTH = 1000;
const HEIGHT = 24;
const AXIS_HEIGHT = 14;
const DAY = 24 * 3600_000;
const FAILURES = new Set(['error', 'timeout', 'missed']);
const MARK_WIDTH = 4;
const SHAPES = {
  ok: {y: 6, height: 12},
  error: {y: 0, height: 24},
  timeout: {y: 0, height: 24},
  missed: {y: 1, height: 22},
  in_progress: {y: 9, height: 6},
};

export function windowOf(key) {
  return WINDOWS.find((w) => w.key === key) ?? WINDOWS[0];
}

/**
 * The check-ins of one monitor (all its environments) that started in the window, newest first:
 * up to `pages` pages of 100 through the check-in listing's `since` bound. `coveredFrom` is where
 * the loaded check-ins begin when older ones in the window were left unread.
 */
export async function loadWindow(organization, slug, from, pages) {
  const since = new Date(from).toISOString();
  const checkIns = [];
  let cursor = null;
  for (let page = 0; page < pages; page++) {
    const {data, next} = await api.checkIns(organization, slug, {since, cursor, perPage: 100});
    checkIns.push(...(data ?? []));
    cursor = next;
    if (!cursor) break;
  }
  const oldest = checkIns.length ? Date.parse(checkIns[checkIns.length - 1].dateAdded) : from;
  return {checkIns, coveredFrom: cursor ? oldest : from};
}

export function countsText(checkIns) {
  const counts = new Map();
  for (const c of checkIns) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  if (counts.size === 0) return 'no check-ins';
  const order = ['error', 'timeout', 'missed', 'in_progress', 'ok'];
  return order.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${k.replace('_', ' ')}`).join(', ');
}

/**
 * The runs of consecutive failures, oldest first: `{from, to, count}`, each from its first failure's
 * start to the start of the ok that ended it, or to `end` while it goes on. Runs in progress
 * neither end a run nor count in it.
 */
export function failureRuns(checkIns, end) {
  const ordered = checkIns.map((c) => ({status: c.status, t: Date.parse(c.dateAdded)})).sort((a, b) => a.t - b.t);
  const runs = [];
  let open = null;
  for (const c of ordered) {
    if (FAILURES.has(c.status)) {
      if (open) open.count++;
      else open = {from: c.t, count: 1};
    } else if (c.status === 'ok' && open) {
      runs.push({...open, to: c.t});
      open = null;
    }
  }
  if (open) runs.push({...open, to: Math.max(open.from, end)});
  return runs;
}

/**
 * The time axis of a window longer than two days, in the reader's zone: each midnight up to ten
 * days ("Mon 5"), else each Monday ("7 Dec"). Shorter windows have none.
 */
export function axisTicks(from, to) {
  const span = to - from;
  if (span <= 2 * DAY) return [];
  const daily = span <= 10 * DAY;
  const label = new Intl.DateTimeFormat('en-GB', daily ? {weekday: 'short', day: 'numeric'} : {day: 'numeric', month: 'short'});
  const ticks = [];
  const day = new Date(from);
  day.setHours(0, 0, 0, 0);
  for (day.setDate(day.getDate() + 1); day.getTime() < to; day.setDate(day.getDate() + 1)) {
    if (daily || day.getDay() === 1) ticks.push({t: day.getTime(), label: label.format(day)});
  }
  return ticks;
}

/** An SVG strip of `checkIns` (any environment's; filter first) between `from` and `to` (epoch ms). */
export function strip(checkIns, {from, to, coveredFrom = from, label}) {
  const span = Math.max(1, to - from);
  const at = (t) => ((t - from) / span) * WIDTH;
  const x = (t) => Math.max(0, Math.min(WIDTH - MARK_WIDTH, at(t) - MARK_WIDTH / 2));
  const shown = checkIns.filter((c) => {
    const t = Date.parse(c.dateAdded);
    return t >= from && t <= to;
  });
  const truncated = coveredFrom > from;
  const text = `${label}: ${countsText(shown)}${truncated ? ' (older check-ins of this window not loaded)' : ''}`;
  // Oldest first, so the newest mark is drawn on top where marks overlap.
  const marks = shown.slice().reverse().map((c) => {
    const shape = SHAPES[c.status] ?? SHAPES.ok;
    return s('rect', {class: `mark mark-${c.status}`, x: x(Date.parse(c.dateAdded)).toFixed(1), y: shape.y,
      width: MARK_WIDTH, height: shape.height},
    s('title', {}, `${exact(c.dateAdded)} · ${c.status.replace('_', ' ')} · ${duration(c.duration)}`));
  });
  const runs = failureRuns(shown, to).map((run) => {
    const start = Math.max(0, at(run.from));
    return s('rect', {class: 'failure-run', x: start.toFixed(1), y: 0, width: Math.max(MARK_WIDTH, at(run.to) - start).toFixed(1),
      height: HEIGHT, dataset: {from: new Date(run.from).toISOString(), to: new Date(run.to).toISOString()}},
    s('title', {}, `Failing from ${exact(new Date(run.from).toISOString())} for ${duration(run.to - run.from)}`
      + ` (${run.count} failed check-in${run.count === 1 ? '' : 's'})`));
  });
  // a label at an edge would be cut in half
  const ticks = axisTicks(from, to).filter((tick) => tick.t - from > span * 0.03 && to - tick.t > span * 0.03);
  // The marks stretch with the width; the axis' text must not, so it is placed in percent outside them.
  return s('svg', {class: `strip${ticks.length ? ' with-axis' : ''}`, role: 'img', 'aria-label': text,
    dataset: {count: String(shown.length)}},
  s('svg', {class: 'strip-marks', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', width: '100%', height: HEIGHT},
    s('rect', {class: 'strip-bg', x: 0, y: 0, width: WIDTH, height: HEIGHT}),
    truncated ? s('rect', {class: 'strip-unloaded', x: 0, y: 0, width: x(coveredFrom).toFixed(1), height: HEIGHT},
      s('title', {}, 'Older check-ins of this window: open the monitor')) : null,
    runs,
    marks),
  ticks.map((tick) => {
    const percent = `${((100 * (tick.t - from)) / span).toFixed(2)}%`;
    return [s('line', {class: 'tick-line', x1: percent, x2: percent, y1: HEIGHT, y2: HEIGHT + 3}),
      s('text', {class: 'tick', x: percent, y: HEIGHT + AXIS_HEIGHT - 2, 'text-anchor': 'middle'}, tick.label)];
  }));
}
