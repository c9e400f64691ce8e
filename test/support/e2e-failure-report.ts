import { beforeEach } from 'vitest';
import { describeOpenPhones } from './phone-diagnostics.js';

// Every browser test that fails prints what its phones showed (see phone-diagnostics.ts).
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    console.error(await describeOpenPhones(task.name));
  });
});
