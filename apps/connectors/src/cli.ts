// The connectors' command line: `npm run connectors -- <command> ...`.
//   validate <file.csv>   checks a CSV batch file as the inbox would, without sending anything
import { validateCsvFile } from './csv-inbox/validate-cli.js';

const USAGE = 'usage: npm run connectors -- validate <file.csv>';
const EX_USAGE = 64;

function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (command === 'validate' && args.length === 1) {
    return validateCsvFile(args[0], {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (text) => process.stderr.write(text),
      interactive: process.stderr.isTTY === true,
    });
  }
  if (command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return EX_USAGE;
}

process.exitCode = main(process.argv.slice(2));
