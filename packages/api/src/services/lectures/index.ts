export * as cityLectures from './city';
export * as memberLectures from './member';
