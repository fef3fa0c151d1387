export * from './instructor';
