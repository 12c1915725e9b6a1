// Demo only: `?backend=memory` runs the widget on the built-in demo store instead of the reference
// server. It uses Kefu's documented command queue, so it works before the loader has arrived.
(function () {
  window.Kefu =
    window.Kefu ||
    function () {
      (window.Kefu.q = window.Kefu.q || []).push(arguments);
    };
  var params = new URLSearchParams(location.search);
  if (params.get('backend') === 'memory') window.Kefu('init', { apiBase: undefined });
  if (params.get('locale')) window.Kefu('init', { locale: params.get('locale') });
})();
