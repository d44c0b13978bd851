// Imports the CBS file "buurt, wijk en gemeente voor postcode-huisnummer" (the zip as CBS publishes
// it) into pc6_address, replacing the previous edition; from then on the hub routes by exact address:
//   npm run reference:import -- <file.zip>
// environment: DATABASE_URL (the hub's database, its migrations applied).
import { parseArgs } from 'node:util';
import { loadReferenceData } from '@signaalhub/reference';
import { DataSource } from 'typeorm';
import { appConnectionOptions } from '../database/roles.js';
import { importPc6Zip, Pc6ImportError } from './pc6-import.js';
import { Pc6AddressRepository } from './pc6-address.repository.js';

const USAGE = `usage: npm run reference:import -- <pc6hnr-gwb.zip>
environment: DATABASE_URL (required)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(64);
}

const { positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: {} });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (positionals.length !== 1) fail('give exactly one file');
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is required');

const dataSource = new DataSource({ type: 'postgres', url, extra: { max: 1, ...appConnectionOptions() } });
await dataSource.initialize();
try {
  const repository = new Pc6AddressRepository(dataSource);
  const result = await importPc6Zip(positionals[0], loadReferenceData(), (batches) => repository.replaceAll(batches));
  process.stdout.write(`${result.csvEntry}: edition ${result.year}, ${result.addresses} addresses imported\n`);
} catch (error) {
  if (!(error instanceof Pc6ImportError)) throw error;
  process.stderr.write(`${positionals[0]}: ${error.message}; the address table is unchanged\n`);
  process.exitCode = 65;
} finally {
  await dataSource.destroy();
}
