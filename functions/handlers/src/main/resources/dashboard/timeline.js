// The timeline strip: one environment's check-ins over a window, each a mark placed at its start,
// coloured by status and shaped by it too (failures full height, missed hollow, runs in progress
// short), with its time, status and duration on hover and the counts as the strip's text.

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

/** An SVG strip of `checkIns` (any environment's; filter first) between `from` and `to` (epoch ms). */
export function strip(checkIns, {from, to, coveredFrom = from, label}) {
  const span = Math.max(1, to - from);
  const x = (t) => Math.max(0, Math.min(WIDTH - MARK_WIDTH, ((t - from) / span) * WIDTH - MARK_WIDTH / 2));
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
  return s('svg', {class: 'strip', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img',
    'aria-label': text, dataset: {count: String(shown.length)}},
  s('rect', {class: 'strip-bg', x: 0, y: 0, width: WIDTH, height: HEIGHT}),
  truncated ? s('rect', {class: 'strip-unloaded', x: 0, y: 0, width: x(coveredFrom).toFixed(1), height: HEIGHT},
    s('title', {}, 'Older check-ins of this window: open the monitor')) : null,
  marks);
}
