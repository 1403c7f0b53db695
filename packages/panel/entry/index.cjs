'use strict';
// Node entry of @featurescope/panel (CommonJS): where the browser bundle is.
const { join } = require('node:path');

exports.PANEL_BUNDLE_PATH = join(__dirname, 'featurescope-panel.js');
exports.PANEL_TAGS = Object.freeze(['feature-monitor-panel', 'feature-monitor-list', 'feature-monitor-overview']);
