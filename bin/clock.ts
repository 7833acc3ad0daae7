import { loadConfigOrExit } from '../infra/config';
import { runClockCommand } from '../infra/clock-command';

/** `npm run clock -- advance <30m|2h|3d> | show`: the demo clock shared by the api and the worker. */
const config = loadConfigOrExit();
process.exit(
  runClockCommand(process.argv.slice(2), {
    offsetFile: config.CLOCK_OFFSET_FILE,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }),
);
