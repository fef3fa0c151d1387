export * from './escalation';
export * from './hearing';
