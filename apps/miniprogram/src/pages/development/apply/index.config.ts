export default definePageConfig({
  navigationBarTitleText: '入团申请',
});
