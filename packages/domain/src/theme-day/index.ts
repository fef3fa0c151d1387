export * from './theme-day';
