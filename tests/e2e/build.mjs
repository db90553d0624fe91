// Builds what the end-to-end suite drives, once per run: the app with the custom
// protocol (its UI embedded, as shipped) and the `tovon` CLI.
import { buildApp } from './harness.mjs';

buildApp();
