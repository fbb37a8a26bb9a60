/** The CDK app `cdk synth` runs (see cdk.json): the four example state machines in one stack. */
// @ts-ignore -- bench-only dependency (npm --prefix bench ci); see bench/README.md
import { App } from 'aws-cdk-lib';
import { defineStack } from './stack.js';

const app = new App();
defineStack(app);
app.synth();
