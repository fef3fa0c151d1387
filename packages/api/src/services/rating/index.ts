export * from './indicators';
export * from './rating';
