// What state a monitor and each of its environments are in, in words, and the "worst first" order.
// Pure functions: tested with node (src/test/js).

export const STATES = {
  failing: {rank: 0, label: 'Failing', icon: 'cross'},
  waiting: {rank: 1, label: 'Waiting for first check-in', icon: 'clock'},
  in_progress: {rank: 2, label: 'In progress', icon: 'play'},
  ok: {rank: 3, label: 'OK', icon: 'check'},
  paused: {rank: 4, label: 'Paused', icon: 'pause'},
};

const REASONS = {missed: 'missed check-in', timeout: 'timed out', error: 'error reported'};

export function reasonText(reason) {
  return REASONS[reason] ?? reason ?? 'failing';
}

/** {key, label, detail, since, muted} of one environment. */
export function environmentState(monitor, env) {
  const muted = Boolean(monitor.isMuted || env.isMuted);
  if (monitor.status === 'disabled') return state('paused', {muted});
  if (env.status === 'error') {
    const incident = env.activeIncident ?? {};
    return state('failing', {
      muted, label: `Failing: ${reasonText(incident.reason)}`, detail: incident.failureReason ?? null,
      since: incident.dateStarted ?? null,
    });
  }
  if (env.status === 'paused') return state('paused', {muted}); // a Healthchecks check's pause
  if ((env.recentCheckIns ?? []).some((c) => c.status === 'in_progress')) return state('in_progress', {muted});
  if (env.status === 'active') return state('waiting', {muted});
  return state('ok', {muted});
}

/** The worst of its environments' states; a monitor without one is waiting for its first check-in. */
export function monitorState(monitor) {
  const environments = monitor.environments ?? [];
  if (monitor.status === 'disabled') return state('paused', {muted: Boolean(monitor.isMuted)});
  if (environments.length === 0) return state('waiting', {muted: Boolean(monitor.isMuted)});
  const states = environments.map((env) => environmentState(monitor, env));
  const unmuted = states.filter((s) => !s.muted);
  const pool = unmuted.length ? unmuted : states;
  const worst = pool.reduce((a, b) => (STATES[b.key].rank < STATES[a.key].rank ? b : a));
  return {...worst, muted: unmuted.length === 0};
}

/** Worst first, muted after everything unmuted (as Sentry orders), then the oldest failure, then by name. */
export function compareMonitors(a, b) {
  return compare(a, monitorState(a), b, monitorState(b));
}

/** compareMonitors' order, each state worked out once rather than at every comparison. */
export function sortMonitors(monitors) {
  return monitors.map((m) => [m, monitorState(m)]).sort(([a, sa], [b, sb]) => compare(a, sa, b, sb)).map(([m]) => m);
}

function compare(a, sa, b, sb) {
  if (sa.muted !== sb.muted) return sa.muted ? 1 : -1;
  const rank = STATES[sa.key].rank - STATES[sb.key].rank;
  if (rank) return rank;
  if (sa.since && sb.since && sa.since !== sb.since) return sa.since < sb.since ? -1 : 1;
  return (a.name ?? '').localeCompare(b.name ?? '') || a.slug.localeCompare(b.slug);
}

/** The filter keys a monitor matches: its state, and "muted" when it is. */
export function matchesStatus(monitor, filter) {
  if (!filter) return true;
  const s = monitorState(monitor);
  if (filter === 'muted') return s.muted || (monitor.environments ?? []).some((e) => e.isMuted);
  return s.key === filter;
}

function state(key, extra) {
  return {key, label: STATES[key].label, icon: STATES[key].icon, detail: null, since: null, ...extra};
}
