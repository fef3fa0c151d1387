export default definePageConfig({
  navigationBarTitleText: '信息更正',
  enablePullDownRefresh: true,
});
