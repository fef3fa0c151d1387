export * from './rules';
export * from './vocabulary';
