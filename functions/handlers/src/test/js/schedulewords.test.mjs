import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {scheduleText} from '../../main/resources/dashboard/format.js';

// The table the alerts' ScheduleWords is held to as well (ScheduleWordsTest), so the two cannot drift.
const table = JSON.parse(readFileSync(
  new URL('../../../../adapters/src/test/resources/schedule-words.json', import.meta.url), 'utf8'));

test('every schedule of the shared table reads as its words', () => {
  assert.ok(table.cases.length > 50);
  for (const {schedule_type, schedule, timezone, text} of table.cases) {
    assert.equal(scheduleText({schedule_type, schedule, timezone}), text, JSON.stringify(schedule));
  }
});
