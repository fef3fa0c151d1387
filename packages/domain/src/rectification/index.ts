export * from './rectification';
