import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from './migrations/index.js';

// DATE columns are calendar days (signal date, arrears since): keep them as 'YYYY-MM-DD' strings.
// pg's default turns them into a Date at local midnight, which shifts the day in other time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * Schema changes only through reviewed migrations: never `synchronize`. No entities: the repositories
 * (`*.repository.ts`) query with plain SQL, so TypeORM holds the connection and runs the migrations.
 */
export function createDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations,
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10 },
  });
}

export async function runMigrations(url: string): Promise<void> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
