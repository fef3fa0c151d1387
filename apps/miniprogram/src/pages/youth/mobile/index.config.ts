export default definePageConfig({
  navigationBarTitleText: '流动团员',
  enablePullDownRefresh: true,
});
