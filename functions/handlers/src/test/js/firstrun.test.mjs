import assert from 'node:assert/strict';
import {test} from 'node:test';
import {firstRunLines} from '../../main/resources/dashboard/firstrun.js';

const DSN = 'http://0123456789abcdef0123456789abcdef@127.0.0.1:8080/1';

test('one curl line and one sentry-cli line that create a monitor, with the DSN', () => {
  const lines = firstRunLines({organization: 'local', dsn: DSN, origin: 'http://ignored', projectId: '1'});
  assert.equal(lines.dsn, DSN);
  assert.equal(lines.curl, "curl -X POST 'http://127.0.0.1:8080/api/0/organizations/local/monitors/my-job/checkins/'"
    + ` --header 'Authorization: DSN ${DSN}' --header 'Content-Type: application/json'`
    + ` --data-raw '{"status":"ok","monitor_config":{"schedule":{"type":"crontab","value":"0 * * * *"}}}'`);
  assert.doesNotMatch(lines.curl, /\n/);
  assert.equal(lines.sentryCli, `SENTRY_DSN='${DSN}' sentry-cli monitors run -s '0 * * * *' my-job -- your-command`);
});

test('without a DSN key: placeholders, on this origin', () => {
  const lines = firstRunLines({organization: 'acme', dsn: null, origin: 'https://cron.example.com', projectId: '3'});
  assert.equal(lines.known, false);
  assert.match(lines.curl, /^curl -X POST 'https:\/\/cron\.example\.com\/api\/0\/organizations\/acme\/monitors\/my-job\/checkins\/' --header 'Authorization: DSN <DSN>'/);
});
