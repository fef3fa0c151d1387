/** Drop bench databases (and their tenant roles): `pnpm --filter @tuanjian/bench drop -- tj_bench_x [...]`. */
import { dropBenchDatabase } from './bench-db';

for (const name of process.argv.slice(2).filter((a) => a !== '--')) {
  await dropBenchDatabase(name);
  console.log(`dropped ${name}`);
}
