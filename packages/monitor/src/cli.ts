#!/usr/bin/env node
import { isBatchCommand, runBatchCli } from '@featurescope/quality';
import { runCli } from './cli/run-cli.js';

// `profile` and `drift` are @featurescope/quality's batch commands; everything else is the monitor's.
const argv = process.argv.slice(2);
(isBatchCommand(argv) ? runBatchCli(argv) : runCli(argv)).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
