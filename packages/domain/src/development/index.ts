export * from './development';
export * from './evaluation';
export * from './number-blocks';
