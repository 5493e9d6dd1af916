// Run durations over the timeline window as an inline SVG: one point per finished run (circles for
// ok, squares for failures), a line through the successful ones, and the axes labelled in text.

import {s} from './dom.js';
import {duration, exact} from './format.js';

const W = 800;
const H = 220;
const PAD = {left: 70, right: 16, top: 14, bottom: 34};

export function durationChart(checkIns, {from, to, label}) {
  const runs = checkIns.filter((c) => c.duration !== null && c.duration !== undefined && c.status !== 'in_progress')
    .map((c) => ({...c, t: Date.parse(c.dateAdded)})).filter((c) => c.t >= from && c.t <= to)
    .sort((a, b) => a.t - b.t);
  const max = Math.max(1, ...runs.map((c) => c.duration));
  const x = (t) => PAD.left + ((t - from) / Math.max(1, to - from)) * (W - PAD.left - PAD.right);
  const y = (d) => H - PAD.bottom - (d / max) * (H - PAD.top - PAD.bottom);
  const longest = runs.reduce((a, b) => (b.duration > (a?.duration ?? -1) ? b : a), null);
  const description = runs.length
    ? `${label}: ${runs.length} runs, longest ${duration(longest.duration)} on ${exact(longest.dateAdded)}`
    : `${label}: no finished run with a duration`;
  const ok = runs.filter((c) => c.status === 'ok');
  return s('svg', {class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': description},
    s('line', {class: 'axis', x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom}),
    s('line', {class: 'axis', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom}),
    [0, 0.5, 1].map((f) => [
      s('line', {class: 'grid', x1: PAD.left, x2: W - PAD.right, y1: y(max * f), y2: y(max * f)}),
      s('text', {class: 'tick', x: PAD.left - 6, y: y(max * f) + 4, 'text-anchor': 'end'}, duration(Math.round(max * f))),
    ]),
    [from, (from + to) / 2, to].map((t, i) => s('text', {class: 'tick', x: x(t), y: H - 10,
      'text-anchor': ['start', 'middle', 'end'][i]}, exact(new Date(t).toISOString()).slice(0, 16))),
    ok.length > 1 ? s('polyline', {class: 'line', points: ok.map((c) => `${x(c.t).toFixed(1)},${y(c.duration).toFixed(1)}`).join(' ')}) : null,
    runs.map((c) => {
      const title = s('title', {}, `${exact(c.dateAdded)} · ${c.status} · ${duration(c.duration)}`);
      return c.status === 'ok'
        ? s('circle', {class: 'point point-ok', cx: x(c.t).toFixed(1), cy: y(c.duration).toFixed(1), r: 3.5}, title)
        : s('rect', {class: `point point-${c.status}`, x: (x(c.t) - 4).toFixed(1), y: (y(c.duration) - 4).toFixed(1),
          width: 8, height: 8}, title);
    }),
    runs.length ? null : s('text', {class: 'empty-chart', x: W / 2, y: H / 2, 'text-anchor': 'middle'},
      'No finished run with a duration in this window'));
}
