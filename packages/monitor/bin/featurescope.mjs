#!/usr/bin/env node
// Committed (with its executable bit) so `npm ci` links the bin before dist/ exists; it loads the built CLI.
import '../dist/esm/cli.js';
