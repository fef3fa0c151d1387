export * from './matching';
export * from './week';
