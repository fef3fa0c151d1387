export * from './body';
export * from './diff';
export * from './handbook';
export * from './search-terms';
