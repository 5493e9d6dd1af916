import assert from 'node:assert/strict';
import {test} from 'node:test';
import {calendarText, cronText, duration, exact, kindText, relative, scheduleText, secondsText} from '../../main/resources/dashboard/format.js';

test('common crontabs read as words', () => {
  const cases = {
    '0 * * * *': 'every hour at :00',
    '* * * * *': 'every minute',
    '*/10 * * * *': 'every 10 minutes',
    '0 3 * * *': 'every day at 03:00',
    '@daily': 'every day at 00:00',
    '@hourly': 'every hour at :00',
    '30 9 * * 1-5': 'at 09:30, Monday to Friday',
    '0 9 * * MON-FRI': 'at 09:00, Monday to Friday',
    '0 0 * * 0': 'at 00:00, on Sunday',
    '0 0 * * 7': 'at 00:00, on Sunday',
    '0 0 1 * *': 'at 00:00, on day 1 of the month',
    '0 0 L * *': 'at 00:00, on the last day of the month',
    '0 0 1 1 *': 'at 00:00, on 1 January',
    '0 0 * 1,7 *': 'at 00:00, in January and July',
    '0 */2 * * *': 'every 2 hours at :00',
    '0 8,12,18 * * *': 'every day at 08:00, 12:00 and 18:00',
    '0 9-17 * * 1-5': 'every hour at :00 from 09:00 to 17:00, Monday to Friday',
    '  0   *  * * * ': 'every hour at :00',
  };
  for (const [expression, words] of Object.entries(cases)) assert.equal(cronText(expression), words, expression);
});

test('what words cannot say exactly is shown as the expression', () => {
  for (const expression of ['*/5 1 * * *', '0 0 13 * 5', '1-5 * * * *', '0 0 15W * *', '0 0 * * 5#3', 'nonsense', '0 0 1 1 * 2027']) {
    assert.equal(cronText(expression), `cron "${expression}"`, expression);
  }
});

test('a schedule names its time zone, UTC when none', () => {
  assert.equal(scheduleText({schedule_type: 'crontab', schedule: '0 * * * *', timezone: 'Europe/Riga'}), 'every hour at :00, Europe/Riga');
  assert.equal(scheduleText({schedule_type: 'interval', schedule: [10, 'minute'], timezone: null}), 'every 10 minutes, UTC');
  assert.equal(scheduleText({schedule_type: 'interval', schedule: [1, 'day']}), 'every day, UTC');
});

test('durations and times', () => {
  assert.deepEqual([null, 5, 999, 1000, 1500, 61_000, 3_600_000, 3_725_000].map(duration),
    ['—', '5 ms', '999 ms', '1 s', '1.5 s', '1 min 1 s', '1 h', '1 h 2 min']);
  const at = Date.parse('2026-01-01T12:00:00Z');
  assert.equal(relative('2026-01-01T11:57:00Z', at), '3 min ago');
  assert.equal(relative('2026-01-01T12:00:20Z', at), 'in under a minute');
  assert.equal(relative('2026-01-01T17:00:00Z', at), 'in 5 h');
  assert.equal(relative('2025-12-30T12:00:00Z', at), '2 d ago');
  assert.equal(relative(null, at), '—');
  assert.equal(exact('2026-01-01T01:06:00Z', 'UTC'), '2026-01-01 01:06:00 UTC');
  assert.equal(exact('2026-07-01T01:06:00Z', 'Europe/Riga'), '2026-07-01 04:06:00 GMT+3');
});

test('OnCalendar specials and simple forms read as words, as the crontab that says the same', () => {
  const cases = {
    minutely: 'every minute',
    hourly: 'every hour at :00',
    daily: 'every day at 00:00',
    Weekly: 'at 00:00, on Monday',
    monthly: 'at 00:00, on day 1 of the month',
    yearly: 'at 00:00, on 1 January',
    annually: 'at 00:00, on 1 January',
    quarterly: 'at 00:00, on 1 January, April, July and October',
    semiannually: 'at 00:00, on 1 January and July',
    'Mon..Fri 09:00': 'at 09:00, Monday to Friday',
    'Monday-Friday 09:30:00': 'at 09:30, Monday to Friday',
    'Sat,Sun 10:15': 'at 10:15, on Saturday and Sunday',
    'Mon': 'at 00:00, on Monday',
    '*-*-* 03:00': 'every day at 03:00',
    '03:00': 'every day at 03:00',
    '*-*-01 06:30': 'at 06:30, on day 1 of the month',
    '*-01-01 00:00:00': 'at 00:00, on 1 January',
    '*:0/15': 'every 15 minutes',
    '*:00': 'every hour at :00',
    '08,12,18:00': 'every day at 08:00, 12:00 and 18:00',
    '  Mon..Fri   09:00 ': 'at 09:00, Monday to Friday',
  };
  for (const [expression, words] of Object.entries(cases)) assert.equal(calendarText(expression), words, expression);
});

test('an OnCalendar expression words cannot say exactly is shown as itself', () => {
  for (const expression of ['Mon *-*-1..7 09:00', '2026-01-01 00:00', '*-*~01 12:00', 'Mon 09:00 Europe/Riga',
    '09:00:30', 'Mon..Fri 9..17:00', 'Mon *-*-01 09:00', 'Mon..Wed,Fri 09:00', 'nonsense here']) {
    assert.equal(calendarText(expression), `OnCalendar "${expression}"`, expression);
  }
  assert.equal(calendarText('Mon 09:00\nFri 17:00'), 'OnCalendar "Mon 09:00\nFri 17:00"', 'several lines');
  assert.equal(scheduleText({schedule_type: 'oncalendar', schedule: 'Mon..Fri 09:00', timezone: 'Europe/Riga'}),
    'at 09:00, Monday to Friday, Europe/Riga');
  assert.equal(scheduleText({schedule_type: 'oncalendar', schedule: 'daily'}), 'every day at 00:00, UTC');
});

test('a Healthchecks period reads in its largest whole unit, and its kind is named', () => {
  assert.equal(scheduleText({schedule_type: 'simple', schedule: 86400, timezone: 'UTC'}), 'every day, UTC');
  assert.equal(secondsText(7200), 'every 2 hours');
  assert.equal(secondsText(90), 'every 90 seconds');
  assert.equal(kindText({healthchecks: {pingCode: 'x'}}), 'Healthchecks check');
  assert.equal(kindText({}), null);
});
