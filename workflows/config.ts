/**
 * The account the example platform deploys to. Workflows import their ARNs from here, so moving to
 * another account or region is one edit. (This module exports no workflow; `stepwright build` skips it.)
 */
export const account = '123456789012';
export const region = 'eu-west-1';

export const arn = {
  stateMachine: (name: string) => `arn:aws:states:${region}:${account}:stateMachine:${name}`,
  lambda: (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`,
  topic: (name: string) => `arn:aws:sns:${region}:${account}:${name}`,
  role: (name: string) => `arn:aws:iam::${account}:role/${name}`,
};

export const buckets = {
  landing: 'fraud-landing-123456789012',
  curated: 'fraud-curated-123456789012',
  models: 'fraud-models-123456789012',
  athenaResults: 'fraud-athena-results-123456789012',
};

export const alertsTopic = arn.topic('fraud-platform-alerts');
