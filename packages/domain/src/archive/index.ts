export * from './checklist';
export * from './id-card';
