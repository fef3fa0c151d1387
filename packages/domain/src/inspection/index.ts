export * from './inspection';
