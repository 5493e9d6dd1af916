// Times, durations and schedules in words. Pure functions: tested with node (src/test/js).

const MINUTE = 60_000;

let offset = 0;

/**
 * The server's time: a tab's clock may be wrong, and local mode's manual clock is wherever a test
 * put it. Every summary answer carries the server's time; between answers it runs at the tab's pace.
 */
export function now() {
  return Date.now() + offset;
}

export function syncClock(serverTime) {
  const t = Date.parse(serverTime ?? '');
  if (!Number.isNaN(t)) offset = t - Date.now();
}

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 min ago", "in 2 h", "just now". */
export function relative(iso, at = now()) {
  if (!iso) return '—';
  const delta = Date.parse(iso) - at;
  const past = delta < 0;
  const abs = Math.abs(delta);
  let text;
  if (abs < 45_000) return past ? 'just now' : 'in under a minute';
  if (abs < HOUR) text = `${Math.round(abs / MINUTE)} min`;
  else if (abs < DAY) text = `${round1(abs / HOUR)} h`;
  else text = `${round1(abs / DAY)} d`;
  return past ? `${text} ago` : `in ${text}`;
}

function round1(value) {
  return value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}

const formats = new Map();

/** Making a DateTimeFormat costs far more than using one: a list of 1,000 monitors formats 10,000 times. */
function format(timeZone) {
  const key = timeZone ?? '';
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    }));
  }
  return formats.get(key);
}

/** The exact time in the reader's zone, to the second: "2026-01-01 01:06:00 UTC". */
export function exact(iso, timeZone) {
  if (!iso) return '';
  const parts = format(timeZone).formatToParts(new Date(iso));
  const get = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')}`;
}

/** "850 ms", "1.5 s", "3 min 4 s", "2 h 5 min". */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < MINUTE) return `${round1(ms / 1000)} s`;
  if (ms < HOUR) {
    const seconds = Math.round((ms % MINUTE) / 1000);
    return seconds ? `${Math.floor(ms / MINUTE)} min ${seconds} s` : `${Math.floor(ms / MINUTE)} min`;
  }
  const minutes = Math.round((ms % HOUR) / MINUTE);
  return minutes ? `${Math.floor(ms / HOUR)} h ${minutes} min` : `${Math.floor(ms / HOUR)} h`;
}

const NICKNAMES = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A monitor config's schedule in words, with its zone: "every hour at :00, Europe/Riga". */
export function scheduleText(config) {
  const zone = config?.timezone || 'UTC';
  let words;
  if (config?.schedule_type === 'interval' && Array.isArray(config.schedule)) {
    const [n, unit] = config.schedule;
    words = n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
  } else if (config?.schedule_type === 'simple') {
    words = secondsText(Number(config.schedule));
  } else if (config?.schedule_type === 'oncalendar') {
    words = calendarText(String(config.schedule ?? ''));
  } else {
    words = cronText(String(config?.schedule ?? ''));
  }
  return `${words}, ${zone}`;
}

/** How the monitor checks in, when it is not Sentry's way: a Healthchecks check pings (docs/spec.md §14). */
export function kindText(monitor) {
  return monitor?.healthchecks ? 'Healthchecks check' : null;
}

/** A Healthchecks check's period (seconds) in the largest unit that divides it: "every day". */
export function secondsText(seconds) {
  for (const [size, unit] of [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']]) {
    if (seconds % size !== 0) continue;
    const n = seconds / size;
    return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
  }
  return `every ${seconds} seconds`;
}

/**
 * The common crontab shapes in words; anything else is shown as the expression itself, which is
 * never wrong.
 */
export function cronText(expression) {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  return cronWords(NICKNAMES[trimmed.toLowerCase()] ?? trimmed) ?? `cron "${trimmed}"`;
}

/** Five crontab fields in words, or null when the words would not be exact. */
function cronWords(expression) {
  const fields = expression.split(' ');
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dow] = fields.map((f) => f.toLowerCase());
  const time = timeText(minute, hour);
  const days = dayText(dom, month, dow);
  if (time === null || days === null) return null;
  if (!days) return time.atClock ? `every day at ${time.text}` : time.text;
  return time.atClock ? `at ${time.text}, ${days}` : `${time.text}, ${days}`;
}

/** systemd's specials (systemd.time(7)) as the crontab fields that say the same. */
const CALENDAR_SPECIALS = {
  minutely: '* * * * *', hourly: '0 * * * *', daily: '0 0 * * *', weekly: '0 0 * * 1', monthly: '0 0 1 * *',
  yearly: '0 0 1 1 *', annually: '0 0 1 1 *', quarterly: '0 0 1 1,4,7,10 *', semiannually: '0 0 1 1,7 *',
};
const CALENDAR_WEEKDAYS = /^[a-z]+(?:(?:\.\.|-)[a-z]+)?(?:,[a-z]+)*$/;
const CALENDAR_NUMBERS = /^(?:\*|\d+(?:,\d+)*)$/;

/**
 * An OnCalendar expression in words: the specials and the simple forms (`Mon..Fri 09:00`,
 * `*-*-01 06:30`, `*:0/15`) read as the crontab that says the same; anything else (several lines,
 * a year, `~`, a zone of its own, seconds) is shown as the expression itself.
 */
export function calendarText(expression) {
  const trimmed = expression.trim().replace(/[ \t]+/g, ' ');
  return cronWords(calendarAsCrontab(trimmed) ?? '') ?? `OnCalendar "${trimmed}"`;
}

/** The five crontab fields that say the same as an OnCalendar special or simple form, or null. */
export function calendarAsCrontab(expression) {
  const normal = expression.trim().replace(/[ \t]+/g, ' ').toLowerCase();
  return CALENDAR_SPECIALS[normal] ?? calendarAsCron(normal);
}

/** `[weekdays] [[*-]month-day] [hour:minute[:00]]` as crontab fields, or null for any other form. */
function calendarAsCron(expression) {
  if (expression.includes('\n')) return null; // several lines: any may match, which one crontab line cannot say
  const tokens = expression.split(' ');
  const weekdays = /^[a-z]/.test(tokens[0]) ? tokens.shift() : '*';
  if (weekdays !== '*' && !CALENDAR_WEEKDAYS.test(weekdays)) return null;
  const date = tokens[0]?.includes('-') ? tokens.shift().split('-') : ['*', '*'];
  const time = (tokens.shift() ?? '00:00').split(':');
  if (tokens.length > 0 || date.length > 3 || (date.length === 3 && date.shift() !== '*')) return null;
  if (time.length < 2 || time.length > 3 || (time.length === 3 && !/^0?0$/.test(time[2]))) return null;
  const [month, dom] = date;
  const [hour, minute] = time.map((field) => field.replace(/^0*(\d)/, '$1').replace(/^0\/(\d+)$/, '*/$1'));
  for (const field of [month, dom]) if (!CALENDAR_NUMBERS.test(field)) return null;
  if (dom !== '*' && weekdays !== '*') return null; // systemd wants both, cron either
  for (const field of [hour, minute]) if (!CALENDAR_NUMBERS.test(field) && !STEP.test(field)) return null;
  return [minute, hour, dom, month, weekdays.replaceAll('..', '-').replace(/([a-z]{3})[a-z]*/g, '$1')].join(' ');
}

const NUMBER = /^\d+$/;
const STEP = /^\*\/(\d+)$/;

/**
 * A step that does not divide its field's range evenly is not "every N": `*\/45` runs at :00 and :45,
 * `*\/5` hours leaves a gap of 4 at midnight, `*\/25` hours runs once a day.
 */
function evenStep(field, range) {
  const step = STEP.exec(field);
  return step && Number(step[1]) > 0 && range % Number(step[1]) === 0 ? Number(step[1]) : null;
}

function timeText(minute, hour) {
  if (minute === '*' && hour === '*') return {text: 'every minute'};
  const minuteStep = evenStep(minute, 60);
  if (minuteStep && hour === '*') return {text: `every ${minuteStep} minutes`};
  if (!NUMBER.test(minute)) return null;
  const mm = pad(minute);
  if (hour === '*') return {text: `every hour at :${mm}`};
  const hourStep = evenStep(hour, 24);
  if (hourStep) return {text: `every ${hourStep} hours at :${mm}`};
  if (NUMBER.test(hour)) return {text: `${pad(hour)}:${mm}`, atClock: true};
  if (/^\d+(,\d+)+$/.test(hour)) return {text: list(hour.split(',').map((h) => `${pad(h)}:${mm}`)), atClock: true};
  const range = /^(\d+)-(\d+)$/.exec(hour);
  if (range) return {text: `every hour at :${mm} from ${pad(range[1])}:${mm} to ${pad(range[2])}:${mm}`};
  return null;
}

/** '' for every day, null when not expressible here (cron's day-of-month OR day-of-week, steps…). */
function dayText(dom, month, dow) {
  const months = month === '*' ? '' : monthList(month);
  if (months === null) return null;
  if (dom !== '*' && dow !== '*') return null;
  if (dow !== '*' && !coversTheWeek(dow)) {
    const days = weekdays(dow);
    if (days === null) return null;
    return months ? `${days} in ${months}` : days;
  }
  if (dom === '*') return months ? `in ${months}` : '';
  if (dom === 'l') return months ? `on the last day of ${months}` : 'on the last day of the month';
  if (!NUMBER.test(dom)) return null;
  return months ? `on ${Number(dom)} ${months}` : `on day ${Number(dom)} of the month`;
}

function weekdays(dow) {
  const range = /^([a-z0-9]+)-([a-z0-9]+)$/.exec(dow);
  if (range) {
    const from = dayIndex(range[1]);
    const to = dayIndex(range[2]);
    return from === null || to === null ? null : `${DAYS[from]} to ${DAYS[to]}`;
  }
  const names = dow.split(',').map(dayIndex);
  if (names.includes(null)) return null;
  return `on ${list(names.map((d) => DAYS[d]))}`;
}

/** `0-7`, `0-6`, `1-7`, `sun-sat`: every day of the week, so no day to name. */
function coversTheWeek(dow) {
  const range = /^([a-z0-9]+)-([a-z0-9]+)$/.exec(dow);
  if (!range) return false;
  const from = dayIndex(range[1]);
  const to = dayIndex(range[2]);
  return from !== null && to !== null && from <= 1 && to - from >= 6;
}

function dayIndex(token) {
  if (NUMBER.test(token) && Number(token) <= 7) return Number(token);
  const named = DAY_NAMES.indexOf(token);
  return named < 0 ? null : named;
}

function monthList(month) {
  const names = month.split(',').map((token) => {
    if (NUMBER.test(token) && Number(token) >= 1 && Number(token) <= 12) return MONTHS[Number(token) - 1];
    const named = MONTH_NAMES.indexOf(token);
    return named < 0 ? null : MONTHS[named];
  });
  return names.includes(null) ? null : list(names);
}

function list(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function pad(value) {
  return String(Number(value)).padStart(2, '0');
}
