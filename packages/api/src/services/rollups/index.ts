export * from './compute';
export * from './loop';
export * from './read';
export * from './refresh';
