export default definePageConfig({
  navigationBarTitleText: '团建',
});
