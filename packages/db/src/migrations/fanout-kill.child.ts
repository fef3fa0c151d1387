/**
 * Test helper run as a child process by `fanout-kill.test.ts` (not part of the product):
 * `node --import tsx fanout-kill.child.ts <postgres-url> <sleepMs>` runs the migration fan-out with
 * one extra district step that sleeps inside each tenant's transaction, printing one progress line
 * per tenant, so the parent can SIGKILL it while a tenant's transaction is open.
 */
import { createDatabase } from '../database';
import { fanoutKillTemplates } from './fanout-kill.templates';
import { migrateAll } from './runner';

const [url, sleep] = process.argv.slice(2);
if (!url) {
  console.error('usage: fanout-kill.child.ts <postgres-url> <sleepMs>');
  process.exit(2);
}
const database = await createDatabase({ url, poolSize: 2 });
await migrateAll(database.db, {
  templates: fanoutKillTemplates(Number(sleep ?? 0)),
  onProgress: (p) =>
    process.stdout.write(`progress ${p.done}/${p.total} ${p.tenant?.skipped ? 'skip' : 'done'}\n`),
});
process.stdout.write('finished\n');
await database.close();
