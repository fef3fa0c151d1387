export default definePageConfig({
  navigationBarTitleText: '团员档案',
  enablePullDownRefresh: true,
});
